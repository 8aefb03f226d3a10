// `credchain which` (and bare `credchain`): the chain report. Exit 0 when credentials resolve, 253 when boto3 would
// find none or raise.
import { resolveChain } from '../chain/boto3Chain';
import { EXIT } from '../errors';
import { nodeContext } from '../nodeContext';
import { makeChalk } from '../render/color';
import { renderWhichText } from '../render/whichText';
import type { CliIO } from './io';
import { resolveOptions, wantsJson, type GlobalArgs } from './options';

export async function whichCommand(args: GlobalArgs, io: CliIO): Promise<number> {
  const opts = resolveOptions(args);
  const ctx = nodeContext({ env: io.env, debug: args.debug ? (l) => io.stderr(`debug: ${l}\n`) : undefined });
  const { report } = await resolveChain({ ...ctx, cwd: io.cwd }, opts);
  if (wantsJson(args)) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(renderWhichText(report, makeChalk(args.color, io.env, io.isTTY), ctx.home));
  return report.credentials ? EXIT.ok : EXIT.config;
}
