// The yargs entry: global options, one line per command, errors mapped to exit codes in one place. Stack traces
// only with --debug.
import { EXIT, UsageError } from '../core/errors';
import { processIO, type CliIO } from './io';
import { processTerminal } from './terminal';
import { guarded, settle } from './entryGuard';
import { tryFast } from './fastEntry';
import type { Argv } from 'yargs';
import { GLOBAL_OPTIONS, globalOptions, type CommandRunner, type Globals } from './options';
import { rewriteUsage } from './usageMessages';
import { versionCommand } from './versionCommand';
import { whichBuilder, whichCommand } from './which';
import { verifyBuilder, verifyCommand } from './verify';
import { profilesVerifyBuilder, verifyProfilesCommand } from './profilesVerify';
import { profilesBuilder, profilesCommand } from './profiles';
import { showBuilder, showCommand } from './show';
import { useBuilder, useCommand } from './use';
import { currentBuilder, currentCommand } from './current';
import { execBuilder, execCommand } from './exec';
import { exportBuilder, exportCommand } from './export';
import { initBuilder, initCommand } from './init';
import {
  copyBuilder,
  copyCommand,
  removeBuilder,
  removeCommand,
  renameBuilder,
  renameCommand,
  setBuilder,
  setCommand,
  unsetBuilder,
  unsetCommand,
} from './edit';
import { doctorBuilder, doctorCommand } from './doctor';
import { compareBuilder, compareCommand } from './compare';
import { SSO_SUBCOMMANDS, ssoBuilder } from './sso';

// the full CLI is the only one that may ask a person something (an MFA code): its io has the terminal door; the
// small bundles (which, current, profiles, show, doctor) never prompt and do not carry it
export async function main(argv: string[], io: CliIO = processIO(processTerminal())): Promise<number> {
  return tryFast(argv, io) ?? guarded(argv, io, () => parseAndRun(argv, io));
}

/** the full yargs parser, loaded only when the fast path does not apply */
async function parseAndRun(argv: string[], io: CliIO): Promise<number> {
  let code: number = EXIT.ok;
  // --version / -V answers before any command runs (`credchain which --version` too)
  const run: CommandRunner = (fn) => async (a) => {
    code = await (a.version ? versionCommand(a, io) : fn(a, io));
  };
  const { default: yargs } = await import('yargs/yargs');
  const parser = globalOptions(yargs(argv))
    .scriptName('credchain')
    .usage(
      'credchain [command] [options]\n\nWhich AWS credentials am I using, and why? Resolved exactly as boto3 does.',
    )
    .command(
      ['which', '$0'],
      'show every credential source in boto3 order, the winner and why',
      whichBuilder<Globals>,
      run(whichCommand),
    )
    .command(
      'verify',
      'resolve as `which`, fetch deferred credentials, prove them with STS GetCallerIdentity; CI checks with ' +
        '--expect-*',
      verifyBuilder<Globals>,
      run(verifyCommand),
    )
    .command(
      'profiles',
      'every profile in both files: kind, region, source, where defined, which is active',
      (y: Argv<Globals>) => profilesVerifyBuilder(profilesBuilder(y)),
      run(profilesCommand({ verify: verifyProfilesCommand })),
    )
    .command(
      'show [name]',
      'one profile: settings with file and line, role chain down to its base credentials, problems',
      showBuilder<Globals>,
      run(showCommand),
    )
    .command(
      'use [name]',
      'switch AWS_PROFILE in this shell (through the function `credchain init` installs)',
      useBuilder<Globals>,
      run(useCommand),
    )
    .command(
      'current',
      'the active profile and its expiry, for shell prompts (offline)',
      currentBuilder<Globals>,
      run(currentCommand),
    )
    .command(
      'exec [name] [command..]',
      'run a command with the resolved credentials in its environment: exec [PROFILE] -- CMD ARGS…',
      execBuilder<Globals>,
      run(execCommand),
    )
    .command(
      'export [name]',
      'print the resolved credentials: env, env-no-export, fish, powershell, windows-cmd, dotenv, process, json',
      exportBuilder<Globals>,
      run(exportCommand),
    )
    .command(
      'init <shell>',
      'print the shell function for `credchain use` and completion: eval "$(credchain init bash)"',
      initBuilder<Globals>,
      run(initCommand()),
    )
    .command(
      'set <name> <key> [value]',
      'set a key in a profile: keys to the credentials file, settings to the config file',
      setBuilder(argv)<Globals>,
      run(setCommand),
    )
    .command(
      'unset <name> <key>',
      'remove a key from a profile (from both files)',
      unsetBuilder<Globals>,
      run(unsetCommand),
    )
    .command('remove <name>', 'remove a profile from both files', removeBuilder<Globals>, run(removeCommand))
    .command('rename <name> <new-name>', 'rename a profile in both files', renameBuilder<Globals>, run(renameCommand))
    .command(
      'copy <name> <new-name>',
      'copy a profile to a new name in both files',
      copyBuilder<Globals>,
      run(copyCommand),
    )
    .command(
      'doctor',
      'lint the shared files and the environment: what breaks boto3, where boto3 and the JS SDK disagree (offline)',
      doctorBuilder<Globals>,
      run(doctorCommand),
    )
    .command(
      'compare',
      'boto3 and the real JS SDK v3 chain side by side, with the rule that explains each difference',
      compareBuilder<Globals>,
      run(compareCommand),
    )
    .command(
      'sso <command>',
      'profiles from IAM Identity Center: `sso populate` writes one per account and role, `sso status` shows each ' +
        'login',
      ssoBuilder(run),
      () => {},
    )
    .command(
      'version',
      "credchain's version and the botocore version whose behaviour it reproduces",
      (y) => y,
      run(versionCommand),
    )
    .version(false)
    .option('version', {
      alias: 'V',
      type: 'boolean',
      describe: "show credchain's version and the botocore version it reproduces",
    })
    .strict()
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // yargs' own complaints (YError, also for what a coerce function threw) are usage errors; others are not
      if (err && err.name !== 'YError') throw err;
      // the dashed names as typed (yargs also keeps camelCase copies and one-letter aliases)
      const options = Object.keys((parser as unknown as YargsInternals).getOptions().key).filter(
        (k) => k.length > 1 && k === k.toLowerCase(),
      );
      const valued = new Set(
        Object.entries(GLOBAL_OPTIONS)
          .filter(([, o]) => o.type !== 'boolean')
          .map(([k]) => k),
      );
      throw new UsageError(
        rewriteUsage(msg ?? err.message, { commands, options, valued, argv, subcommands: { sso: SSO_SUBCOMMANDS } }),
      );
    });
  // read now: yargs forgets the other commands once one of them runs
  const commands = (parser as unknown as YargsInternals)
    .getInternalMethods()
    .getCommandInstance()
    .getCommands()
    .filter((c) => c !== '$0');
  await parser.parseAsync();
  return code;
}

/** the parts of yargs' instance the usage messages read (not in its published types) */
interface YargsInternals {
  getOptions(): { key: Record<string, unknown> };
  getInternalMethods(): { getCommandInstance(): { getCommands(): string[] } };
}

export function run(): void {
  settle(main(process.argv.slice(2)));
}
