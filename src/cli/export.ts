// `credchain export [PROFILE] --format …`: the resolved credentials in a form to paste or eval, on stdout only.
// `--format process` is the credential_process Version 1 JSON, so credchain can itself be a profile's
// credential_process. The profiles being exported are recorded in CREDCHAIN_EXPORT_CHAIN, which every
// credential_process inherits: an export asked to resolve a profile already on that chain is its own
// credential_process, and fails at once instead of recursing forever (the AWS CLI's _AWS_CLI_PROFILE_CHAIN).
import type { Argv } from 'yargs';
import { Session } from '../config/session';
import { CredchainError, EXIT } from '../core/errors';
import { EXPORT_FORMATS, renderExport, type ExportFormat } from '../shell/exportFormats';
import { commandContext } from './commandContext';
import { handoverFor } from './handoverInput';
import type { CliIO } from './io';
import { networkOptions, resolveOptions, type BuiltArgs, type GlobalArgs } from './options';

export const EXPORT_CHAIN_VAR = 'CREDCHAIN_EXPORT_CHAIN';
/** deeper than this, exports are nesting through distinct profiles without end */
const MAX_EXPORT_DEPTH = 8;

export function exportBuilder<T>(y: Argv<T>) {
  return networkOptions(y)
    .positional('name', { type: 'string', describe: 'the profile (default: as boto3 selects it)' })
    .option('format', { choices: EXPORT_FORMATS, default: 'env' as ExportFormat, describe: 'output format' });
}

export type ExportArgs = GlobalArgs & BuiltArgs<typeof exportBuilder>;

export function exportChain(env: NodeJS.ProcessEnv): string[] {
  const raw = env[EXPORT_CHAIN_VAR];
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function exportCommand(a: ExportArgs, io: CliIO): Promise<number> {
  const chain = exportChain(io.env);
  const profile = new Session(commandContext(a, io), { ...resolveOptions(a), profile: a.name ?? a.profile })
    .profileName;
  if (chain.includes(profile)) {
    throw new CredchainError(exportLoop(chain, profile), 'config');
  }
  if (chain.length >= MAX_EXPORT_DEPTH) {
    throw new CredchainError(exportChainTooDeep(chain, profile), 'config');
  }
  // credential_process children inherit process.env (src/core/nodeContext.ts), so the chain is recorded there
  const before = process.env[EXPORT_CHAIN_VAR];
  process.env[EXPORT_CHAIN_VAR] = JSON.stringify([...chain, profile]);
  let out: string;
  try {
    const { handover } = await handoverFor(a, io, a.name);
    out = renderExport(a.format, handover);
  } finally {
    if (before === undefined) delete process.env[EXPORT_CHAIN_VAR];
    else process.env[EXPORT_CHAIN_VAR] = before;
  }
  io.stdout(out);
  return EXIT.ok;
}

// Messages

function exportLoop(chain: string[], profile: string): string {
  return (
    `credential_process loop: credchain export is resolving profile "${profile}" from inside its own ` +
    `credential_process (${[...chain, profile].map((p) => `"${p}"`).join(' → ')}). A profile whose ` +
    `credential_process is \`credchain export\` must export a different profile: credchain export --format process ` +
    `--profile SOURCE`
  );
}

function exportChainTooDeep(chain: string[], profile: string): string {
  return (
    `credential_process chain too deep: ${[...chain, profile].join(' → ')} (credchain export stops at ` +
    `${MAX_EXPORT_DEPTH})`
  );
}
