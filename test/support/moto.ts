// moto_server as the AWS stand-in for integration tests: started once per test file on a free 127.0.0.1 port,
// populated through its IAM API with boto3 (the same pyenv python), then switched to enforce SigV4 for every request
// (moto's /moto-api/reset-auth with a count of 0: a wrong secret gets SignatureDoesNotMatch, an unknown key
// InvalidClientTokenId). It stops by itself after `lifetimeMs`. A counting proxy in front of it records which STS
// actions each command made. Under CI a missing moto_server is an error, never a skip.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

/** the moto_server executable on PATH, or undefined */
export function findMotoServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'moto_server');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** skip integration tests without moto on a developer machine; under CI they run and fail */
export const MOTO_MISSING = !findMotoServer() && !process.env.CI;

export interface UserSpec {
  name: string;
  /** actions allowed on any resource (inline policy) */
  allow?: string[];
}

export interface RoleSpec {
  name: string;
  /** principal ARNs (users or roles) that may assume it */
  trust: string[];
  /** required sts:ExternalId */
  externalId?: string;
  allow?: string[];
}

export interface SetupResult {
  keys: Record<string, { accessKeyId: string; secretAccessKey: string }>;
  roles: Record<string, string>;
}

export interface Moto {
  url: string;
  port: number;
  setup(spec: { users?: UserSpec[]; roles?: RoleSpec[] }): Promise<SetupResult>;
  /** true: every request must be signed by a known key (the default after setup); false: no checks */
  enforceAuth(on: boolean): Promise<void>;
  close(): Promise<void>;
}

export const ACCOUNT = '123456789012';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startMoto(opts: { lifetimeMs?: number } = {}): Promise<Moto> {
  const exe = findMotoServer();
  if (!exe) throw new Error('moto_server is not on PATH: install moto[server] for the pyenv python (required for integration tests under CI)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // setup calls are unauthenticated; enforceAuth(true) turns SigV4 checking on for everything after
  const child: ChildProcess = spawn(exe, ['-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: '1000000', MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (c) => (log = (log + c).slice(-4000)));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  const lifetime = setTimeout(kill, opts.lifetimeMs ?? 120_000);
  lifetime.unref();
  process.once('exit', kill);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${log}`);
    try {
      const r = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`moto_server did not start within 30 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const resetAuth = async (count: string) => {
    const r = await fetch(`${url}/moto-api/reset-auth`, { method: 'POST', body: count });
    if (!r.ok) throw new Error(`moto reset-auth failed: ${r.status}`);
  };
  return {
    url,
    port,
    async setup(spec) {
      const r = spawnSync('python3', [SETUP_PY, url], { input: JSON.stringify(spec), encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`moto setup failed: ${r.stderr || r.error}`);
      await resetAuth('0');
      return JSON.parse(r.stdout) as SetupResult;
    },
    enforceAuth: (on) => resetAuth(on ? '0' : 'inf'),
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(lifetime);
        process.off('exit', kill);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        kill();
      }),
  };
}

/** moto's IAM setup for a spec (users, roles), shared with scripts/readme-examples.mjs */
const SETUP_PY = path.join(__dirname, 'motoSetup.py');

export interface ProxiedRequest {
  action: string;
  signed: boolean;
  body: string;
}

export interface CountingProxy {
  url: string;
  requests: ProxiedRequest[];
  /** the STS actions seen since the last reset, in order */
  actions(): string[];
  reset(): void;
  close(): Promise<void>;
}

/** a loopback proxy that forwards every request unchanged (Host included, so signatures hold) and records it */
export async function startCountingProxy(target: string, opts: { lifetimeMs?: number } = {}): Promise<CountingProxy> {
  const requests: ProxiedRequest[] = [];
  const t = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      requests.push({ action: new URLSearchParams(text).get('Action') ?? `${req.method} ${req.url}`, signed: !!req.headers.authorization, body: text });
      const fwd = http.request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers, agent: false },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      fwd.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      fwd.end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
    return closed;
  };
  const lifetime = setTimeout(close, opts.lifetimeMs ?? 120_000);
  lifetime.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    actions: () => requests.map((r) => r.action),
    reset: () => {
      requests.length = 0;
    },
    close,
  };
}
