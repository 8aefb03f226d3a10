// The entry for `credchain current` with plain options: it runs on every shell prompt, so it has a bundle of its own
// (dist/current.cjs) holding only what `current` reads. bin/credchain.js tries it first for `current`; anything it
// declines (an option only the full CLI knows) goes on to the other bundles.
import { currentCommand } from './current';
import { guarded } from './entryGuard';
import { fastCurrentArgs } from './fastPath';
import { processIO, type CliIO } from './io';

export function tryCurrent(argv: string[], io: CliIO = processIO()): Promise<number> | undefined {
  const args = fastCurrentArgs(argv);
  return args ? guarded(argv, io, () => currentCommand(args, io)) : undefined;
}

export { settle } from './entryGuard';
