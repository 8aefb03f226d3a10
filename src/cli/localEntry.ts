// The local entry: `profiles`, `show [name]` and `doctor` with plain options, run without the full CLI (yargs and
// the network commands), as `which` and `current` run from theirs. bin/credchain.js loads this bundle when the
// small one declines and the command is one of these; tryLocal() declines anything else, which goes to yargs.
import { doctorCommand } from './doctor';
import { guarded } from './entryGuard';
import { fastLocalArgs } from './fastPath';
import { processIO, type CliIO } from './io';
import { profilesCommand } from './profiles';
import { showCommand } from './show';

export { settle } from './entryGuard';

export function tryLocal(argv: string[], io: CliIO = processIO()): Promise<number> | undefined {
  const local = fastLocalArgs(argv);
  if (!local) return undefined;
  return guarded(argv, io, () =>
    local.command === 'profiles'
      ? profilesCommand()(local.args, io)
      : local.command === 'show'
        ? showCommand(local.args, io)
        : doctorCommand(local.args, io),
  );
}
