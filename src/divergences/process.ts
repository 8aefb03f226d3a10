// Divergences in credential_process (js-sdk-chain.md §4 #50-51): boto3 runs it without a shell and stops when it
// fails; the JS SDK runs it through a shell and falls through.
import { valueText } from '../ini/parse';
import { E, mergedProfiles, settingAt } from './facts';
import type { DivergenceRule } from './types';

export const PROCESS: DivergenceRule[] = [
  {
    id: 'js-process-shell',
    rows: [50],
    title: 'credential_process with shell syntax (pipes, $VARS, ~)',
    boto3: 'splits the command with shlex and runs it without a shell',
    js: 'runs it through a shell (child_process.exec)',
    fix: 'wrap it explicitly: credential_process = sh -c "…", or use a plain absolute path',
    affects: ['credentials', 'source'],
    detect: (f) =>
      mergedProfiles(f).flatMap(([n, s]) => {
        const shell = shellSyntax(valueText(s.get('credential_process')?.value) ?? '');
        return shell
          ? [E(`credential_process of profile "${n}" uses ${shell}`, settingAt(s, 'credential_process'), n)]
          : [];
      }),
  },
  {
    id: 'js-process-failure-falls-through',
    rows: [51],
    title: 'a failing credential_process (exit ≠ 0, bad JSON, Version ≠ 1, expired)',
    boto3: 'raises and stops',
    js: 'runs it a second time (fromIni, then fromProcess), then falls through to later providers',
    fix: 'fix the credential_process',
    affects: ['credentials'],
    compareOnly: true,
    detect: (f) => {
      const p = f.outcome?.boto3.providers.find((x) => x.method === 'custom-process');
      return p?.status === 'error' && f.outcome?.boto3.error
        ? [E(`boto3's credential_process failed: ${f.outcome.boto3.error.type}`, null, f.boto3Profile)]
        : [];
    },
  },
];

/** the shell construct a command uses, if any (boto3 runs credential_process without a shell) */
export function shellSyntax(command: string): string | undefined {
  if (/\|/.test(command)) return 'a pipe (|)';
  if (/\$\{?[A-Za-z_]/.test(command)) return 'an environment variable ($…)';
  if (/(^|\s)~/.test(command)) return 'a ~ path';
  if (/[<>]/.test(command)) return 'a redirection (< or >)';
  if (/&&|;|`/.test(command)) return 'command chaining (&&, ; or `…`)';
  return undefined;
}
