// `credchain use PROFILE`: switch the profile of the shell the user types in. A process cannot change its parent's
// variables, so the function `credchain init` installs runs `credchain use PROFILE --shell SHELL` and evals what it
// prints. Offline: only the two files are read. An unknown profile is a usage error (252) that prints no code, so
// nothing changes.
import type { Argv } from 'yargs';
import { Session } from '../config/session';
import { CredchainError, EXIT, UsageError } from '../core/errors';
import { didYouMean } from '../core/closest';
import { SHELLS, presentIn, useChange, useCode, useStatements, type ShellName } from '../shell/use';
import { installHint } from '../shell/init';
import { readRecent, recordRecent } from '../shell/recent';
import { commandContext } from './commandContext';
import type { CliIO } from './io';
import type { BuiltArgs, GlobalArgs } from './options';
import { escapeControl } from '../core/escape';

export function useBuilder<T>(y: Argv<T>) {
  return y
    .positional('name', { type: 'string', describe: 'the profile to switch to' })
    .option('shell', {
      choices: SHELLS,
      describe: 'print the code for this shell to eval (the function from `credchain init` passes it)',
    })
    .option('unset', { type: 'boolean', describe: 'remove AWS_PROFILE and AWS_DEFAULT_PROFILE instead' });
}

/** `_`: the words yargs did not take as options or positionals */
export type UseArgs = GlobalArgs & BuiltArgs<typeof useBuilder> & { _?: unknown[] };

export async function useCommand(a: UseArgs, io: CliIO): Promise<number> {
  // a name that starts with "-" comes after `--` (credchain use -- -dev), where yargs leaves it in argv._
  const rest = a._?.slice(1) ?? [];
  if (a.name === undefined && rest.length === 1) a.name = String(rest[0]);
  else if (rest.length) throw new UsageError('credchain use takes one profile name');
  if (a.unset && a.name !== undefined) throw new UsageError('give a profile or --unset, not both');
  if (a.profile !== undefined)
    throw new UsageError('credchain use takes the profile as its argument: credchain use PROFILE');
  const ctx = commandContext(a, io);
  let profile: string | null = null;
  if (!a.unset) {
    const session = new Session(ctx, {});
    const profiles = session.fullConfig().profiles;
    if (a.name === undefined) {
      // no name: on a terminal, a picker (stdin and stderr are the terminal; stdout is the code the function evals)
      if (!onTerminal()) throw new UsageError(WHICH_PROFILE);
      const [{ pickProfile }, { listProfiles }, { pickRows }] = await Promise.all([
        import('./usePicker'),
        import('../profiles/list'),
        import('../profiles/pickList'),
      ]);
      const picked = await pickProfile(pickRows(listProfiles(session).profiles), readRecent(ctx), {
        input: process.stdin,
        output: process.stderr,
      });
      if (picked === undefined) {
        io.stderr('credchain: cancelled; nothing changed\n');
        return EXIT.interrupted;
      }
      a.name = picked;
    }
    profile = a.name;
    if (!profiles.has(profile)) {
      const f = session.files;
      // a missing profile is a configuration error (253), as in which, show and export
      throw new CredchainError(
        noSuchProfileNothingChanged(profile, f.config().path, f.credentials().path, profiles.keys()),
        'config',
      );
    }
  }
  const change = useChange(profile);
  if (!a.shell) {
    const shell = (io.env.SHELL ?? '').split('/').pop() ?? '';
    io.stderr(
      shellFunctionNotInstalled(
        installHint(shell),
        useStatements(SHELLS.includes(shell as ShellName) ? (shell as ShellName) : 'bash', change),
      ),
    );
    return EXIT.usage;
  }
  const cleared = presentIn(io.env, change.remove);
  io.stdout(useCode(a.shell, change));
  if (profile !== null) {
    const unsaved = recordRecent(ctx, profile);
    if (unsaved) ctx.debug(unsaved);
    io.stderr(profileSwitched(escapeControl(profile), cleared));
    const webIdentity = presentIn(io.env, ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN']);
    if (webIdentity.length === 2) {
      io.stderr(webIdentityStaysSet(webIdentity));
    }
  } else {
    io.stderr(backToDefaultProfile(cleared));
  }
  return EXIT.ok;
}

/** the picker needs a person: keys from stdin, drawing on stderr */
function onTerminal(): boolean {
  const tty = process.getBuiltinModule('node:tty') as typeof import('node:tty');
  return tty.isatty(0) && tty.isatty(2);
}

// Messages

const WHICH_PROFILE =
  'which profile? credchain use PROFILE (`credchain profiles` lists them; on a terminal, `credchain use` alone ' +
  'opens a picker)';

function noSuchProfileNothingChanged(
  profile: string,
  configPath: string,
  credentialsPath: string,
  names: Iterable<string>,
): string {
  return (
    `no profile "${profile}" in ${configPath || '(config disabled)'} or ` +
    `${credentialsPath || '(credentials disabled)'}${didYouMean(profile, names)}; nothing changed`
  );
}

function shellFunctionNotInstalled(hint: string, statements: string): string {
  return (
    `credchain: \`use\` changes variables in the shell you type in, so it runs through a shell function that ` +
    `is not installed here.\n${hint}\nFor this shell only, paste:\n  ${statements.trimEnd().replace(/\n/g, '\n  ')}\n`
  );
}

function profileSwitched(profile: string, cleared: string[]): string {
  return (
    `credchain: ` +
    `AWS_PROFILE=${profile}${
      cleared.length ? `; cleared ${cleared.join(', ')} (they would shadow the profile under boto3)` : ''
    }\n`
  );
}

function webIdentityStaysSet(webIdentity: string[]): string {
  return (
    `credchain: note: ${webIdentity.join(' and ')} stay set: boto3 prefers them to this profile unless the ` +
    `profile assumes a role\n`
  );
}

function backToDefaultProfile(cleared: string[]): string {
  return (
    `credchain: ${cleared.length ? `cleared ${cleared.join(', ')}` : 'no profile variable was set'}; boto3 ` +
    `now uses the default profile\n`
  );
}
