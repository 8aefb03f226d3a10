// `profiles --verify` and a credential_process that never finishes: the profile ends at its deadline and the
// process is killed, not left running behind credchain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('profiles --verify with a hanging credential_process', () => {
  it('reports a timeout row and kills the process', async () => {
    const files = {
      // the script records its pid, then becomes a 60 s sleep (exec keeps the pid)
      'hang.sh': 'echo $$ > "$HOME/hang.pid"\nexec sleep 60\n',
      '.aws/config': '[profile slow]\ncredential_process = /bin/sh hang.sh\n',
    };
    const r = await runCli(['profiles', '--verify', '--profile-timeout', '1', '--json'], { files, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    const rows = JSON.parse(r.stdout).profiles as { profile: string; status: string }[];
    expect(rows.find((p) => p.profile === 'slow')?.status).toBe('timeout');
    const pid = Number(fs.readFileSync(path.join(r.home, 'hang.pid'), 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  }, 40_000);
});
