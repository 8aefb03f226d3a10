// `credchain profiles --verify`: its flags, and the engine (src/usecases/verifyProfiles.ts) run with them. Exit 0 when
// no profile failed (needing MFA or a login, or being skipped, is not a failure), 1 otherwise. On a terminal, "12/52"
// progress on stderr and each row as it arrives.
import type { Argv } from 'yargs';
import { EXIT } from '../core/errors';
import { DEFAULT_TIMEOUT_MS } from '../usecases/materialize';
import { canShowProgress } from './terminal';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_PROFILE_TIMEOUT_MS,
  NOT_FAILED,
  verifyAllProfiles,
  type ProfileVerifyRow,
} from '../usecases/verifyProfiles';
import type { ProfileListing } from '../profiles/list';
import { makeChalk } from '../render/color';
import { profilesVerifyStream, renderProfilesVerifyText, summarizeProfilesVerify } from '../render/verifyProfilesText';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import {
  NETWORK_OPTIONS,
  resolveOptions,
  seconds,
  timeoutMs,
  wantsJson,
  yargsOptions,
  type BuiltArgs,
  type OptionSpec,
  type YargsTyped,
} from './options';
import type { ProfilesArgs } from './profiles';

const VERIFY_OPTIONS = {
  concurrency: {
    type: 'number',
    accept: (n) => Number.isInteger(n) && n >= 1 && n <= 64,
    expect: 'a whole number between 1 and 64',
    describe: `with --verify: profiles checked at once (default ${DEFAULT_CONCURRENCY})`,
  },
  'profile-timeout': {
    type: 'number',
    ...seconds(600),
    describe: `with --verify: seconds allowed per profile (default ${DEFAULT_PROFILE_TIMEOUT_MS / 1000})`,
  },
  timeout: { ...NETWORK_OPTIONS.timeout, describe: 'with --verify: seconds per request to AWS (default 10)' },
  cache: { ...NETWORK_OPTIONS.cache, describe: 'with --verify: reuse and write ~/.aws/cli/cache (--no-cache to skip)' },
} satisfies Record<string, OptionSpec>;

/** the options `profiles --verify` adds to the profiles command */
export function profilesVerifyBuilder<T>(y: Argv<T>) {
  return y.options(yargsOptions(VERIFY_OPTIONS) as YargsTyped<typeof VERIFY_OPTIONS>);
}

export type ProfilesVerifyArgs = ProfilesArgs & BuiltArgs<typeof profilesVerifyBuilder>;

/** the `--verify` handler the profiles command delegates to (a ProfilesVerifier) */
export async function verifyProfilesCommand(
  listing: ProfileListing,
  a: ProfilesVerifyArgs,
  io: CliIO,
): Promise<number> {
  const ctx = commandContext(a, io);
  const names = listing.profiles.map((p) => p.name);
  const resolve = resolveOptions(a);
  // the rows name their profile; a --profile given with --verify selects nothing
  delete resolve.profile;
  const json = wantsJson(a);
  const c = makeChalk(a.color, io.env, io.isTTY);
  // a person watching gets each row as it arrives; a pipe gets the table in listing order at the end
  const stream =
    !json && io.isTTY && names.length > 0 ? profilesVerifyStream(listing.profiles, c, outputWidth(io)) : undefined;
  const progress = canShowProgress(io) && names.length > 0 ? progressLine(io, names.length) : undefined;
  if (stream) io.stdout(stream.header);
  progress?.draw(0);
  let rows: ProfileVerifyRow[];
  try {
    rows = await verifyAllProfiles(ctx, names, {
      resolve,
      concurrency: a.concurrency,
      profileTimeoutMs: a.profileTimeout !== undefined ? a.profileTimeout * 1000 : undefined,
      requestTimeoutMs: timeoutMs(a, DEFAULT_TIMEOUT_MS),
      endpointUrl: a.endpointUrl,
      useCache: a.cache !== false,
      onRow: (row, done) => {
        progress?.clear();
        if (stream) io.stdout(stream.row(row));
        progress?.draw(done);
      },
    });
  } finally {
    progress?.clear();
  }
  if (json) io.stdout(JSON.stringify({ profiles: rows, summary: summarizeProfilesVerify(rows) }, null, 2) + '\n');
  else if (stream) io.stdout(stream.summary(rows));
  else io.stdout(renderProfilesVerifyText(rows, c, outputWidth(io)));
  return rows.every((r) => NOT_FAILED.includes(r.status)) ? EXIT.ok : EXIT.checkFailed;
}

/** "12/52 verified with STS" on stderr, redrawn in place; cleared before anything else is written */
function progressLine(io: CliIO, total: number) {
  let shown = false;
  return {
    draw(done: number) {
      io.stderr(`\r\x1b[2K${done}/${total} profiles checked with STS…`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
