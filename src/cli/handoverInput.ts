// The command-line side of `exec` and `export`: their shared flags, a PROFILE argument counting as --profile (two
// different ones are a usage error), and the hand-over itself (src/usecases/handover.ts) run with them.
import type { Resolution } from '../chain/boto3Chain';
import { UsageError } from '../core/errors';
import { resolveHandover, type Handover } from '../usecases/handover';
import { commandContext } from './commandContext';
import type { CliIO } from './io';
import { materializeOptionsFor } from './materializeOptions';
import { resolveOptions, type GlobalArgs, type NetworkArgs } from './options';

export type HandoverArgs = GlobalArgs & NetworkArgs;

export async function handoverFor(
  args: HandoverArgs,
  io: CliIO,
  profile: string | undefined,
): Promise<{ handover: Handover; resolution: Resolution }> {
  if (profile !== undefined && args.profile !== undefined && profile !== args.profile) {
    throw new UsageError(`two profiles given: "${profile}" and --profile "${args.profile}"`);
  }
  const opts = resolveOptions(args);
  return resolveHandover(
    commandContext(args, io),
    { ...opts, profile: profile ?? opts.profile },
    materializeOptionsFor(args, io),
  );
}
