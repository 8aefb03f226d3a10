// `credchain profiles`: every profile from both files with its kind, region, source, where it is defined and which
// is active. `--names` prints the names alone (shell completion calls it: offline, no colour, nothing else).
// `--verify` is handed to the verifier given at registration (src/cli/profilesVerify.ts).
import type { Argv } from 'yargs';
import { Session } from '../config/session';
import { EXIT, UsageError } from '../core/errors';
import { listProfiles, type ProfileListing } from '../profiles/list';
import { makeChalk } from '../render/color';
import { renderProfilesText } from '../render/profilesText';
import { writeJsonChunked } from '../render/jsonChunks';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { resolveOptions, wantsJson, type BuiltArgs, type GlobalArgs } from './options';

export function profilesBuilder<T>(y: Argv<T>) {
  return y
    .option('names', {
      type: 'boolean',
      describe: 'print the profile names only, one per line (for scripts and completion)',
    })
    .option('verify', { type: 'boolean', describe: 'check every profile against STS GetCallerIdentity' });
}

export type ProfilesArgs = GlobalArgs & BuiltArgs<typeof profilesBuilder>;

/**
 * checks every listed profile against STS; returns the exit code. `A`: the arguments with the verifier's own options
 */
export type ProfilesVerifier<A extends ProfilesArgs = ProfilesArgs> = (
  listing: ProfileListing,
  args: A,
  io: CliIO,
) => Promise<number>;

export interface ProfilesDeps<A extends ProfilesArgs = ProfilesArgs> {
  /** `--verify`; absent when this build has no verifier */
  verify?: ProfilesVerifier<A>;
}

export function profilesCommand<A extends ProfilesArgs = ProfilesArgs>(deps: ProfilesDeps<A> = {}) {
  return async (a: A, io: CliIO): Promise<number> => {
    if (a.names && (a.verify || wantsJson(a)))
      throw new UsageError('--names prints names only: it does not combine with --verify or --json');
    const ctx = commandContext(a, io);
    const session = new Session(ctx, resolveOptions(a));
    if (a.names) {
      const names = [...session.fullConfig().profiles.keys()];
      if (names.length) io.stdout(names.join('\n') + '\n');
      return EXIT.ok;
    }
    const listing = listProfiles(session);
    if (a.verify) {
      if (!deps.verify) throw new UsageError('profiles --verify is not available in this build of credchain');
      return deps.verify(listing, a, io);
    }
    if (wantsJson(a)) writeJsonChunked(listing as unknown as Record<string, unknown>, io.stdout);
    else io.stdout(renderProfilesText(listing, makeChalk(a.color, io.env, io.isTTY), ctx.home, outputWidth(io)));
    return EXIT.ok;
  };
}
