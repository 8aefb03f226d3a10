// Lays out one hostile input's HOME (special files included) and runs its commands in one bounded process:
// test/hostile/driver.cjs under /usr/bin/time (its maximum resident set), killed as a group at the time bound.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Entry, HostileInput } from './cases';
import { READ_COMMANDS } from './cases';
import type { HostileServers } from './servers';

const DRIVER = path.join(__dirname, 'driver.cjs');

export interface CommandRun {
  argv: string[];
  code: number | 'threw';
  ms: number;
  stdout: string;
  stderr: string;
}

export interface InputRun {
  input: HostileInput;
  runs: CommandRun[];
  /** commands that never finished: the process was killed at the bound */
  unfinished: string[][];
  killed: boolean;
  ms: number;
  maxRssKb: number | null;
  driverStderr: string;
}

function layout(home: string, rel: string, entry: Entry): void {
  const p = path.join(home, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  if (typeof entry === 'string' || Buffer.isBuffer(entry)) {
    fs.writeFileSync(p, typeof entry === 'string' ? entry.replaceAll('{HOME}', home) : entry, { mode: 0o755 });
    return;
  }
  if ('fifo' in entry) {
    // mkfifo has no Node API; the coreutils tool is everywhere credchain's CI runs
    const r = spawnSync('mkfifo', [p]);
    if (r.status !== 0) throw new Error(`mkfifo ${p} failed`);
  } else if ('symlink' in entry) fs.symlinkSync(entry.symlink === '{SELF}' ? p : entry.symlink, p);
  else if ('dir' in entry) fs.mkdirSync(p);
  else if ('sparse' in entry) {
    // a sparse file: its full size for stat and read, no disk blocks
    fs.writeFileSync(p, '');
    fs.truncateSync(p, entry.sparse);
  }
}

const sub = (s: string, home: string, servers: HostileServers) => s.replaceAll('{HOME}', home).replace(/\{URL:([a-z-]+)\}/g, (_m, k) => servers.url(k));

export function runInput(input: HostileInput, root: string, index: number, servers: HostileServers, boundMs: number): Promise<InputRun> {
  const home = path.join(root, `in${index}`);
  fs.mkdirSync(home, { recursive: true });
  for (const [rel, entry] of Object.entries(input.files ?? {})) layout(home, rel, entry);
  const env: Record<string, string> = {
    HOME: home,
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    AWS_EC2_METADATA_DISABLED: 'true',
    // no real AWS endpoint is ever reached: STS and SSO default to a closed loopback port
    AWS_ENDPOINT_URL: servers.url('closed'),
  };
  for (const [k, v] of Object.entries(input.env ?? {})) env[k] = sub(v, home, servers);
  if (input.env?.AWS_EC2_METADATA_SERVICE_ENDPOINT) delete env.AWS_EC2_METADATA_DISABLED;
  const commands = (input.commands ?? READ_COMMANDS).map((c) => c.map((a) => sub(a, home, servers)));
  const rssFile = path.join(root, `in${index}.rss`);
  const started = Date.now();
  return new Promise((resolve) => {
    // detached: the driver, credchain's helpers and anything they start form one group, killed together at the bound
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, '--expose-gc', DRIVER, JSON.stringify(commands)], {
      cwd: home,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (err += c.toString().slice(0, 20_000)));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, boundMs);
    child.on('close', () => {
      clearTimeout(timer);
      const runs = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as CommandRun);
      let maxRssKb: number | null = null;
      try {
        maxRssKb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      } catch {
        /* killed before time wrote it */
      }
      resolve({ input, runs, unfinished: commands.slice(runs.length), killed, ms: Date.now() - started, maxRssKb, driverStderr: err });
    });
  });
}

/** runs every input, `parallel` at a time */
/**
 * Every input, `parallel` at a time, of which at most `computing` are inputs that compute for seconds (`heavy`): most
 * inputs wait on a timeout, but seven heavy ones at once on two cores would each take seven times as long.
 */
export async function runAll(inputs: HostileInput[], root: string, servers: HostileServers, parallel: number, boundMs: number, computing = 2): Promise<InputRun[]> {
  const results: InputRun[] = new Array(inputs.length);
  const pending = inputs.map((_, i) => i);
  let heavyRunning = 0;
  const worker = async () => {
    for (;;) {
      const at = pending.findIndex((i) => !inputs[i].heavy || heavyRunning < computing);
      if (at < 0) {
        if (!pending.length) return;
        // only heavy inputs are left and enough of them run: wait for one to end
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const [i] = pending.splice(at, 1);
      if (inputs[i].heavy) heavyRunning++;
      try {
        results[i] = await runInput(inputs[i], root, i, servers, boundMs);
      } finally {
        if (inputs[i].heavy) heavyRunning--;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
