// `credchain show [PROFILE]`: one profile with provenance per key, its role chain and its problems. The profile is
// resolved exactly as `which --profile PROFILE` resolves it. Exit 0 when the profile is shown and boto3 raises nothing
// for it (a settings-only profile is valid), 253 when boto3 would raise or the profile does not exist (as `which`
// and `export` exit for a missing profile).
import type { Argv } from 'yargs';
import { resolveChain } from '../chain/boto3Chain';
import { Session } from '../config/session';
import { CredchainError, EXIT, UsageError } from '../core/errors';
import { didYouMean } from '../core/closest';
import { activeProfile, envKeysNote, listProfiles } from '../profiles/list';
import { showProfile } from '../profiles/show';
import { makeChalk } from '../render/color';
import { writeJsonChunked } from '../render/jsonChunks';
import { writeShowText } from '../render/showText';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { resolveOptions, wantsJson, type BuiltArgs, type GlobalArgs } from './options';

export function showBuilder<T>(y: Argv<T>) {
  return y.positional('name', {
    type: 'string',
    describe: 'the profile (default: the active one, as boto3 selects it)',
  });
}

export type ShowArgs = GlobalArgs & BuiltArgs<typeof showBuilder>;

export async function showCommand(a: ShowArgs, io: CliIO): Promise<number> {
  if (a.name !== undefined && a.profile !== undefined && a.name !== a.profile) {
    throw new UsageError(`two profiles given: "${a.name}" and --profile "${a.profile}"`);
  }
  const ctx = commandContext(a, io);
  const opts = resolveOptions(a);
  const selected = new Session(ctx, { ...opts, profile: a.name ?? opts.profile });
  const listing = listProfiles(selected);
  const name = selected.profileVar ?? 'default';
  const entry = listing.profiles.find((p) => p.name === name);
  if (!entry) {
    const names = listing.profiles.map((p) => p.name);
    if (selected.profileVar === null) throw new CredchainError(noProfileSelected(names), 'config');
    throw new CredchainError(
      noSuchProfile(name, listing.files.config.path, listing.files.credentials.path, names),
      'config',
    );
  }
  const full = selected.fullConfig();
  // over the files `selected` already read: a large config is parsed once, not once per session
  const resolution = await resolveChain(ctx, { ...opts, profile: name }, selected.files);
  // the shell's own selection matters only when it selects this profile
  const shell = activeProfile(new Session(ctx, { ...opts, profile: opts.profile }), full.profiles);
  const ssoName = entry.ssoSession;
  const sso = ssoName !== null ? full.config.ssoSessions.get(ssoName) : undefined;
  const report = showProfile({
    entry: { ...entry, active: shell.name === name && shell.exists },
    merged: full.profiles.get(name)!.settings,
    configSettings: full.config.profiles.get(name)?.settings,
    ssoSession: sso && ssoName !== null ? { name: ssoName, settings: sso.settings, source: sso.source } : undefined,
    resolution,
    activeNotes: shell.name === name && shell.envKeysWin ? [envKeysNote(name)] : [],
  });
  // written in pieces: a profile of a million settings is tens of MB of text and more of JSON
  if (wantsJson(a)) writeJsonChunked(report as unknown as Record<string, unknown>, io.stdout);
  else writeShowText(report, makeChalk(a.color, io.env, io.isTTY), ctx.home, outputWidth(io), io.stdout);
  // finding no credentials is not an error of the profile: boto3 raises nothing until a client needs keys
  const error = resolution.report.error;
  return error && error.type !== 'NoCredentialsError' ? EXIT.config : EXIT.ok;
}

// Messages

function noProfileSelected(names: string[]): string {
  return (
    `no profile is selected and there is no [default] profile: name one, e.g. credchain show ` +
    `${names[0] ?? 'PROFILE'}`
  );
}

function noSuchProfile(name: string, configPath: string, credentialsPath: string, names: string[]): string {
  return (
    `no profile "${name}" in ${configPath || '(config disabled)'} or ` +
    `${credentialsPath || '(credentials disabled)'}${didYouMean(name, names)}`
  );
}
