// Runs the built CLI (bin/credchain.js → dist/credchain.cjs) as a user would: a fresh temporary HOME laid out from
// `files`, a minimal environment (HOME, PATH and what the test gives) with the network jail's defaults: instance
// metadata disabled unless asked, configured endpoints at a closed loopback port unless the test sets its own.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jailedEnv } from './networkJail';

export const BIN = path.resolve(__dirname, '../../bin/credchain.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  home: string;
}

export interface CliOptions {
  /** a value of undefined removes a default (e.g. AWS_ENDPOINT_URL, to let the config file's endpoints be seen) */
  env?: Record<string, string | undefined>;
  files?: Record<string, string | Buffer>;
  /** file modes, e.g. {'.aws/credentials': 0o644} */
  modes?: Record<string, number>;
  imds?: boolean;
  timeoutMs?: number;
  home?: string;
}

export function makeHome(files: Record<string, string | Buffer> = {}, modes: Record<string, number> = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(home, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  for (const [rel, mode] of Object.entries(modes)) fs.chmodSync(path.join(home, rel), mode);
  return home;
}

export function runCli(args: string[], o: CliOptions = {}): Promise<CliResult> {
  const home = o.home ?? makeHome(o.files, o.modes);
  const env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...o.env }, { imds: o.imds });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, home });
    });
  });
}
