// The fast entry: `credchain` and `credchain which` with global options only, resolved and printed without
// loading the full CLI (yargs and every other command). bin/credchain.js loads this small bundle first and the
// full one only when tryFast() declines.
import { resolveChain, type Resolution } from '../chain/boto3Chain';
import { CredchainError, EXIT, exitCodeFor, hasErrorType, UsageError } from '../core/errors';
import { commandContext } from './commandContext';
import { currentCommand } from './current';
import { fastCurrentArgs, fastWhichArgs } from './fastPath';
import { processIO, type CliIO } from './io';
import { resolveOptions, type GlobalArgs } from './options';
import { printWhich } from './whichOutput';
import { escapeControl } from '../core/escape';

/** a running `which` or `current` for a command line the fast path accepts, else undefined */
export function tryFast(argv: string[], io: CliIO = processIO()): Promise<number> | undefined {
  const args = fastWhichArgs(argv);
  if (args) return guarded(argv, io, () => plainWhich(args, io));
  const current = fastCurrentArgs(argv);
  return current ? guarded(argv, io, () => currentCommand(current, io)) : undefined;
}

/** the chain as `which` resolves it for these options, with --debug lines on stderr */
export async function resolveForWhich(a: GlobalArgs, io: CliIO): Promise<{ home: string; resolution: Resolution }> {
  const ctx = commandContext(a, io);
  return { home: ctx.home, resolution: await resolveChain(ctx, resolveOptions(a)) };
}

/** `which` for boto3 without network steps: resolve, print, exit 0 when credentials resolve, else 253 */
export async function plainWhich(a: GlobalArgs, io: CliIO): Promise<number> {
  const { home, resolution } = await resolveForWhich(a, io);
  printWhich(resolution.report, a, io, home);
  return resolution.report.credentials ? EXIT.ok : EXIT.config;
}

/** every error becomes a one-line message and its exit code; a stack trace only with --debug */
export async function guarded(argv: string[], io: CliIO, body: () => Promise<number>): Promise<number> {
  const debug = argv.includes('--debug');
  // control characters escaped; paths stay as the message gives them (botocore's own words name the full path)
  const shown = (message: string) => escapeControl(message);
  try {
    return await body();
  } catch (e) {
    const exit = exitCodeFor(e);
    if (e instanceof CredchainError || hasErrorType(e)) {
      io.stderr(`credchain: ${shown(e.message)}${e instanceof UsageError ? ' (see credchain --help)' : ''}\n`);
    } else {
      io.stderr(
        `credchain: unexpected error: ` +
          `${shown((e as Error)?.message ?? String(e))}${debug ? '' : ' (run with --debug for details)'}\n`,
      );
    }
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    return exit;
  }
}

/** sets the process exit code from a finished command; SIGINT exits 130 */
export function settle(done: Promise<number>): void {
  process.on('SIGINT', () => process.exit(EXIT.interrupted));
  done.then(
    (c) => {
      process.exitCode = c;
    },
    (e) => {
      process.stderr.write(`credchain: ${escapeControl(String((e as Error)?.message ?? e))}\n`);
      process.exitCode = EXIT.unexpected;
    },
  );
}
