// The Context a command runs in: the real world (src/core/nodeContext.ts) seen through the command's CliIO, so
// in-process tests can give a command its own environment and working directory.
import type { Context } from '../core/context';
import { nodeContext } from '../core/nodeContext';
import type { CliIO } from './io';
import type { GlobalArgs } from './options';

export function commandContext(args: Pick<GlobalArgs, 'debug'>, io: CliIO): Context {
  const ctx = nodeContext({
    env: io.env,
    debug: args.debug ? (l) => io.stderr(`debug: ${l}\n`) : undefined,
    // progress ("waiting for credential_process…") only for a person watching a terminal, never into a log
    notice: (l) => {
      if ((process.getBuiltinModule('node:tty') as typeof import('node:tty')).isatty(2)) io.stderr(`${l}\n`);
    },
  });
  return { ...ctx, cwd: io.cwd };
}
