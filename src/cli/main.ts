// The yargs entry: global options, one line per command, errors mapped to exit codes in one place. Stack traces
// only with --debug.
import yargs from 'yargs/yargs';
import { CredchainError, EXIT, exitCodeFor, UsageError } from '../errors';
import { processIO, type CliIO } from './io';
import { globalOptions, type GlobalArgs } from './options';
import { whichCommand } from './which';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const run = (fn: (a: GlobalArgs, io: CliIO) => Promise<number>) => async (a: unknown) => {
    code = await fn(a as GlobalArgs, io);
  };
  const parser = globalOptions(yargs(argv))
    .scriptName('credchain')
    .usage('credchain [command] [options]\n\nWhich AWS credentials am I using, and why? Resolved exactly as boto3 does.')
    .command(['which', '$0'], 'show every credential source in boto3 order, the winner and why', (y) => y, run(whichCommand))
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  try {
    await parser.parseAsync();
    return code;
  } catch (e) {
    const exit = exitCodeFor(e);
    if (e instanceof CredchainError || (e as { type?: string }).type) {
      io.stderr(`credchain: ${(e as Error).message}${e instanceof UsageError ? ' (see credchain --help)' : ''}\n`);
    } else {
      io.stderr(`credchain: unexpected error: ${(e as Error)?.message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}\n`);
    }
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    return exit;
  }
}

export function run(): void {
  process.on('SIGINT', () => process.exit(EXIT.interrupted));
  main(process.argv.slice(2)).then(
    (c) => {
      process.exitCode = c;
    },
    (e) => {
      process.stderr.write(`credchain: ${(e as Error)?.message ?? e}\n`);
      process.exitCode = EXIT.unexpected;
    },
  );
}
