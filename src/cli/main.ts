// The yargs entry: global options, one line per command, errors mapped to exit codes in one place. Stack traces
// only with --debug.
import { EXIT, UsageError } from '../errors';
import { processIO, type CliIO } from './io';
import { guarded, settle, tryFast } from './fastEntry';
import { globalOptions, type GlobalArgs } from './options';
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
import { copyBuilder, copyCommand, removeBuilder, removeCommand, renameBuilder, renameCommand, setBuilder, setCommand, unsetBuilder, unsetCommand } from './edit';
import { doctorCommand } from './doctor';
import { compareBuilder, compareCommand } from './compare';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  return tryFast(argv, io) ?? guarded(argv, io, () => parseAndRun(argv, io));
}

/** the full yargs parser, loaded only when the fast path does not apply */
async function parseAndRun(argv: string[], io: CliIO): Promise<number> {
  let code: number = EXIT.ok;
  const run = (fn: (a: GlobalArgs, io: CliIO) => Promise<number>) => async (a: unknown) => {
    code = await fn(a as GlobalArgs, io);
  };
  const { default: yargs } = await import('yargs/yargs');
  const parser = globalOptions(yargs(argv))
    .scriptName('credchain')
    .usage('credchain [command] [options]\n\nWhich AWS credentials am I using, and why? Resolved exactly as boto3 does.')
    .command(['which', '$0'], 'show every credential source in boto3 order, the winner and why', whichBuilder, run(whichCommand))
    .command('verify', 'resolve as `which`, fetch deferred credentials, prove them with STS GetCallerIdentity; CI checks with --expect-*', verifyBuilder, run(verifyCommand))
    .command('profiles', 'every profile in both files: kind, region, source, where defined, which is active', (y) => profilesVerifyBuilder(profilesBuilder(y)), run(profilesCommand({ verify: verifyProfilesCommand })))
    .command('show [name]', 'one profile: settings with file and line, role chain down to its base credentials, problems', showBuilder, run(showCommand))
    .command('use [name]', 'switch AWS_PROFILE in this shell (through the function `credchain init` installs)', useBuilder, run(useCommand))
    .command('current', 'the active profile and its expiry, for shell prompts (offline)', currentBuilder, run(currentCommand))
    .command('exec [name] [command..]', 'run a command with the resolved credentials in its environment: exec [PROFILE] -- CMD ARGS…', execBuilder, run(execCommand))
    .command('export [name]', 'print the resolved credentials: env, env-no-export, fish, powershell, windows-cmd, dotenv, process, json', exportBuilder, run(exportCommand))
    .command('init <shell>', 'print the shell function for `credchain use` and completion: eval "$(credchain init bash)"', initBuilder, run(initCommand()))
    .command('set <name> <key> [value]', 'set a key in a profile: keys to the credentials file, settings to the config file', setBuilder(argv), run(setCommand))
    .command('unset <name> <key>', 'remove a key from a profile (from both files)', unsetBuilder, run(unsetCommand))
    .command('remove <name>', 'remove a profile from both files', removeBuilder, run(removeCommand))
    .command('rename <name> <new-name>', 'rename a profile in both files', renameBuilder, run(renameCommand))
    .command('copy <name> <new-name>', 'copy a profile to a new name in both files', copyBuilder, run(copyCommand))
    .command('doctor', 'lint the shared files and the environment: what breaks boto3, where boto3 and the JS SDK disagree (offline)', (y) => y, run(doctorCommand))
    .command('compare', 'boto3 and the real JS SDK v3 chain side by side, with the rule that explains each difference', compareBuilder, run(compareCommand))
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  await parser.parseAsync();
  return code;
}

export function run(): void {
  settle(main(process.argv.slice(2)));
}
