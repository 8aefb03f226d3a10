// `credchain exec [PROFILE] -- CMD ARGS…`: resolve as boto3 does, then run CMD (default $SHELL) with the credentials
// in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN / AWS_CREDENTIAL_EXPIRATION and the region in
// AWS_DEFAULT_REGION and AWS_REGION, the profile variables removed so nothing can shadow them, and CREDCHAIN_PROFILE
// as the marker prompts read. Refuses to nest unless --force. Exit: the command's own code.
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors';
import { credentialEnv } from '../shell/exportFormats';
import { handoverFor } from './handoverInput';
import type { CliIO } from './io';
import { networkOptions, type BuiltArgs, type GlobalArgs } from './options';
import { runChild } from './runChild';
import { escapeControl } from '../core/escape';

export const EXEC_MARKER = 'CREDCHAIN_PROFILE';

/** removed from the child's environment before the new credentials are set */
export const EXEC_CLEARED = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
];

export function execBuilder<T>(y: Argv<T>) {
  return networkOptions(y)
    .parserConfiguration({ 'populate--': true })
    .positional('name', { type: 'string', describe: 'the profile (default: as boto3 selects it)' })
    .positional('command', { type: 'string', array: true, describe: 'the command, after -- (default: $SHELL)' })
    .option('force', { type: 'boolean', describe: 'run even inside another credchain exec (CREDCHAIN_PROFILE set)' });
}

/** `--`: the words after -- (parserConfiguration 'populate--', which yargs' typing does not follow) */
export type ExecArgs = GlobalArgs & BuiltArgs<typeof execBuilder> & { '--'?: string[] };

export async function execCommand(a: ExecArgs, io: CliIO): Promise<number> {
  const inside = io.env[EXEC_MARKER];
  if (inside && !a.force) {
    throw new UsageError(alreadyInsideExec(inside));
  }
  const afterDashes = a['--']?.map(String) ?? [];
  const words = (a.command ?? []).map(String);
  if (afterDashes.length && words.length)
    throw new UsageError(
      `give the command once, after --: credchain exec ${a.name ?? 'PROFILE'} -- ${words.join(' ')} …`,
    );
  const argv = afterDashes.length ? afterDashes : words.length ? words : [io.env.SHELL || '/bin/sh'];
  const { handover } = await handoverFor(a, io, a.name);
  const env: NodeJS.ProcessEnv = { ...io.env };
  for (const k of EXEC_CLEARED) delete env[k];
  for (const [k, v] of credentialEnv(handover).set) env[k] = v;
  env[EXEC_MARKER] = handover.profile;
  const end = await runChild(argv, env, io.cwd);
  if (end.error) io.stderr(`credchain: ${escapeControl(end.error)}\n`);
  return end.code;
}

// Messages

function alreadyInsideExec(inside: string): string {
  return (
    `already inside \`credchain exec\` for profile "${inside}" (${EXEC_MARKER} is set): nesting would mix two ` +
    `sets of credentials; exit that shell first, or pass --force`
  );
}
