// Real shells for the shell tests: run a script in bash, zsh or fish without any rc file. A missing shell skips its
// tests on a developer machine and fails them under CI (.ci/run installs zsh and fish).
import { spawnSync } from 'node:child_process';
import { jailedEnv } from '../support/networkJail';
import { it } from 'vitest';

export type ShellName = 'bash' | 'zsh' | 'fish';

const ARGS: Record<ShellName, string[]> = {
  bash: ['--norc', '--noprofile', '-c'],
  zsh: ['-f', '-c'],
  fish: ['--no-config', '-c'],
};

export function hasShell(shell: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${shell}`], { encoding: 'utf8' }).status === 0;
}

/** `it` for a test that needs `shell`: skipped when it is missing, failing when it is missing under CI */
export function itIn(shell: ShellName): typeof it | typeof it.skip {
  if (hasShell(shell)) return it;
  if (process.env.CI) {
    return ((name: string) =>
      it(name, () => {
        throw new Error(`${shell} is not installed, and CI must test it (.ci/run installs it with apt-get)`);
      })) as unknown as typeof it;
  }
  return it.skip;
}

export interface ShellRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** run `script` in `shell` with exactly `env` (plus PATH and the network jail's defaults for a credchain it runs) */
export function runShell(shell: ShellName, script: string, env: Record<string, string>): ShellRun {
  const r = spawnSync(shell, [...ARGS[shell], script], {
    env: jailedEnv({ PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...env }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
