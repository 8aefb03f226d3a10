// `credchain current`: the active profile for shell prompts. Offline and fast: it reads environment variables and at
// most the shared files and one cache file; it never runs a credential_process or touches the network. Prints
// nothing (exit 0) when no profile is active, unless --always.
import type { Argv } from 'yargs';
import { EXIT } from '../core/errors';
import { currentState } from '../profiles/current';
import { renderCurrentText } from '../render/currentText';
import { commandContext } from './commandContext';
import { CURRENT_OPTIONS } from './fastPath';
import type { CliIO } from './io';
import { wantsJson, type BuiltArgs, type GlobalArgs } from './options';

export function currentBuilder<T>(y: Argv<T>) {
  return y.option('always', { type: 'boolean', describe: CURRENT_OPTIONS.always.describe });
}

export type CurrentArgs = GlobalArgs & BuiltArgs<typeof currentBuilder>;

export async function currentCommand(a: CurrentArgs, io: CliIO): Promise<number> {
  const ctx = commandContext(a, io);
  const state = await currentState(ctx);
  if (wantsJson(a)) io.stdout(JSON.stringify(state, null, 2) + '\n');
  else io.stdout(renderCurrentText(state, ctx.now(), !!a.always));
  return EXIT.ok;
}
