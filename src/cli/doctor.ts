// `credchain doctor`: lint the shared files and the environment. Offline: nothing is run, nothing is fetched.
// Exit 1 when any finding is an error (something boto3 would raise on), 0 otherwise.
import { runDoctor } from '../doctor/doctor';
import { EXIT } from '../errors';
import { makeChalk } from '../render/color';
import { renderDoctorText } from '../render/doctorText';
import { commandContext } from './commandContext';
import type { CliIO } from './io';
import { resolveOptions, wantsJson, type GlobalArgs } from './options';

export async function doctorCommand(args: GlobalArgs, io: CliIO): Promise<number> {
  const opts = resolveOptions(args);
  const ctx = commandContext(args, io);
  const report = await runDoctor(ctx, opts);
  if (wantsJson(args)) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(renderDoctorText(report, makeChalk(args.color, io.env, io.isTTY), ctx.home));
  return report.summary.error > 0 ? EXIT.checkFailed : EXIT.ok;
}
