// `credchain init bash|zsh|fish`: print the shell function and completion (src/shell/init.ts) to eval at shell
// start. The function runs the node and script that printed it, so it works even when credchain is not on PATH.
import * as fs from 'node:fs';
import type { Argv } from 'yargs';
import { EXIT } from '../core/errors';
import { initScript, type BinaryLocation } from '../shell/init';
import { SHELLS } from '../shell/use';
import type { CliIO } from './io';
import type { BuiltArgs, GlobalArgs } from './options';

export function initBuilder<T>(y: Argv<T>) {
  return y.positional('shell', { choices: SHELLS, demandOption: true, describe: 'the shell to integrate with' });
}

export type InitArgs = GlobalArgs & BuiltArgs<typeof initBuilder>;

/** the node executable and launcher script running now */
export function runningBinary(): BinaryLocation {
  let script = process.argv[1] ?? '';
  try {
    script = fs.realpathSync(script);
  } catch {
    /* keep it as given: the function falls back to credchain on PATH when it is gone */
  }
  return { node: process.execPath, script };
}

export function initCommand(bin: () => BinaryLocation = runningBinary) {
  return async (a: InitArgs, io: CliIO): Promise<number> => {
    io.stdout(initScript(a.shell, { bin: bin() }));
    return EXIT.ok;
  };
}
