// The real Context: process.env, node:fs, the clock, loopback-or-wherever HTTP and direct process spawning.
// Network and child_process modules are required lazily: `which` on local sources never loads them.
import * as fs from 'node:fs';
import type { Context, HttpRequest, HttpResponse, SpawnResult } from './context';
import { HttpError } from './context';

export function nodeContext(opts: { env?: NodeJS.ProcessEnv; debug?: (line: string) => void } = {}): Context {
  const env = opts.env ?? process.env;
  return {
    env,
    fs,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    http: httpRequest,
    spawn: spawnDirect,
    home: env.HOME !== undefined ? env.HOME : (process.getBuiltinModule('node:os') as typeof import('node:os')).homedir(),
    cwd: process.cwd(),
    platform: process.platform,
    debug: opts.debug ?? (() => {}),
  };
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new HttpError('invalid-url', `invalid URL: ${req.url}`);
  }
  const mod = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http') as { request: typeof import('node:http').request };
  return new Promise((resolve, reject) => {
    let settled = false;
    let connected = false;
    const done = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    const r = mod.request(
      url,
      { method: req.method, headers: { ...(req.headers ?? {}) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          // a hostile endpoint must not make us buffer without end
          if (size > 1024 * 1024) {
            r.destroy();
            done(() => reject(new HttpError('other', 'response larger than 1 MiB')));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () =>
          done(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })),
        );
        res.on('error', (e: Error) => done(() => reject(new HttpError('closed', e.message))));
        res.on('aborted', () => done(() => reject(new HttpError('closed', 'connection closed while reading'))));
      },
    );
    const timer = setTimeout(() => {
      const kind = connected ? 'read-timeout' : 'connect-timeout';
      done(() => reject(new HttpError(kind, `${kind === 'read-timeout' ? 'read' : 'connect'} timeout after ${req.timeoutMs} ms (${req.url})`)));
      r.destroy();
    }, req.timeoutMs);
    r.on('socket', (s) => {
      if (!s.connecting) connected = true;
      s.on('connect', () => (connected = true));
      s.on('secureConnect', () => (connected = true));
    });
    r.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      let kind: HttpError['kind'] = 'other';
      if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL'].includes(code)) kind = 'connect';
      else if (['ECONNRESET', 'EPIPE'].includes(code) || /socket hang up/.test(e.message)) kind = 'closed';
      // the kernel gave up (SYN or retransmission timeout), before our own timer
      else if (code === 'ETIMEDOUT') kind = connected ? 'closed' : 'connect';
      // certificate failures (self-signed, expired, unknown issuer) carry codes like DEPTH_ZERO_SELF_SIGNED_CERT
      else if (/SSL|TLS|EPROTO|wrong version|CERT|UNABLE_TO_(GET|VERIFY)/i.test(e.message + ' ' + code)) kind = 'tls';
      done(() => reject(new HttpError(kind, `${e.message}${code && !e.message.includes(code) ? ` (${code})` : ''}`)));
    });
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

async function spawnDirect(argv: string[], opts: { timeoutMs?: number; cwd?: string; signal?: AbortSignal } = {}): Promise<SpawnResult> {
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve) => {
    let child: import('node:child_process').ChildProcess;
    try {
      // stdin is inherited, as botocore's subprocess.Popen does
      child = spawn(argv[0], argv.slice(1), { cwd: opts.cwd, stdio: ['inherit', 'pipe', 'pipe'], shell: false, signal: opts.signal, killSignal: 'SIGKILL' });
    } catch (e) {
      resolve({ code: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), startError: e as NodeJS.ErrnoException });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      resolve({ code: null, stdout: Buffer.concat(out), stderr: Buffer.concat(err), startError: e });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}
