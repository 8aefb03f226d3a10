// What every entry bundle (which, current, the local commands, the full CLI) does around a command: an error becomes
// one line and its exit code (a stack trace only with --debug), and the finished command sets the exit code.
import { CredchainError, EXIT, exitCodeFor, hasErrorType, UsageError } from '../core/errors';
import { escapeControl } from '../core/escape';
import type { CliIO } from './io';

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
      io.stderr(unexpectedError(shown((e as Error)?.message ?? String(e)), debug));
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

// Messages

function unexpectedError(message: string, debug: boolean): string {
  return `credchain: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`;
}
