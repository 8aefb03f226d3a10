// Ctrl-C and SIGTERM while a credential_process runs: credchain ends (130, 143) and takes the helper's whole process
// group with it, even though the helper runs in its own group (so the terminal's Ctrl-C no longer reaches it).
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jailedEnv } from '../support/networkJail';

const BIN = path.resolve(__dirname, '../../bin/credchain.js');

/** dead, or a zombie waiting for PID 1 to reap it */
function dead(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

async function interrupt(args: string[], signal: NodeJS.Signals) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-signal-'));
  fs.mkdirSync(path.join(home, '.aws'));
  // the helper records its own pid and a background child's, then waits for ever
  fs.writeFileSync(path.join(home, 'proc.sh'), `sleep 600 &\necho $! > ${home}/bg.pid\necho $$ > ${home}/fg.pid\nwait\n`);
  fs.writeFileSync(path.join(home, '.aws', 'config'), `[default]\ncredential_process = /bin/sh ${home}/proc.sh\n`);
  const child = spawn(process.execPath, [BIN, ...args], { cwd: home, env: jailedEnv({ HOME: home, PATH: '/usr/bin:/bin' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const ended = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  // bounded wait for the helper to start
  for (let i = 0; i < 100 && !fs.existsSync(path.join(home, 'bg.pid')); i++) await new Promise((r) => setTimeout(r, 50));
  const pids = ['fg.pid', 'bg.pid'].map((f) => Number(fs.readFileSync(path.join(home, f), 'utf8')));
  child.kill(signal);
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await ended;
  clearTimeout(killer);
  for (let i = 0; i < 40 && !pids.every(dead); i++) await new Promise((r) => setTimeout(r, 50));
  fs.rmSync(home, { recursive: true, force: true });
  return { code, stderr, pids: pids.map((p) => ({ p, dead: dead(p) })) };
}

describe('interrupting credchain while a helper runs', () => {
  it.each([
    [['which'], 'SIGINT', 130],
    [['show'], 'SIGINT', 130],
    [['which', '--json'], 'SIGTERM', 143],
  ] as [string[], NodeJS.Signals, number][])('%j on %s ends with %i and kills the helper group', async (args, signal, exit) => {
    const r = await interrupt(args, signal);
    expect(r.code).toBe(exit);
    expect(r.pids.every((p) => p.dead)).toBe(true);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
