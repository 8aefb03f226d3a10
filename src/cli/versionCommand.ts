// `credchain version`, `--version`, `-V`: one line of text, or {"credchain", "botocore"} with --json.
import { EXIT } from '../core/errors';
import type { CliIO } from './io';
import { wantsJson, type OutputArgs } from './options';
import { BOTOCORE_VERSION, credchainVersion } from './version';

export async function versionCommand(a: OutputArgs, io: CliIO): Promise<number> {
  const credchain = credchainVersion();
  if (wantsJson(a)) io.stdout(JSON.stringify({ credchain, botocore: BOTOCORE_VERSION }) + '\n');
  else io.stdout(`credchain ${credchain} (reproduces botocore ${BOTOCORE_VERSION})\n`);
  return EXIT.ok;
}
