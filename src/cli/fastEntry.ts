// The fast entry: `credchain` and `credchain which` with global options only, resolved and printed without
// loading the full CLI (yargs and every other command). bin/credchain.js loads this small bundle first and the
// full one only when tryFast() declines.
import { resolveChain, type Resolution } from '../chain/boto3Chain';
import { EXIT } from '../core/errors';
import { commandContext } from './commandContext';
import { currentCommand } from './current';
import { fastCurrentArgs, fastWhichArgs } from './fastPath';
import { processIO, type CliIO } from './io';
import { resolveOptions, type GlobalArgs } from './options';
import { printWhich } from './whichOutput';
import { guarded } from './entryGuard';

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

export { settle } from './entryGuard';
