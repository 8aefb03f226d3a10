// The real Context: process.env, node:fs, the clock, loopback-or-wherever HTTP and direct process spawning.
// Network and child_process modules are required lazily: `which` on local sources never loads them.
import * as fs from 'node:fs';
import type { Context, HttpRequest, HttpResponse } from './context';
import { FileReadError, HttpError } from './context';
import { spawnHelper } from './helperProcess';

export function nodeContext(
  opts: {
    env?: NodeJS.ProcessEnv;
    debug?: (line: string) => void;
    /** progress lines for a person at a terminal */ notice?: (line: string) => void;
  } = {},
): Context {
  const env = opts.env ?? process.env;
  return {
    env,
    fs,
    writeFs: fs,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    http: httpRequest,
    spawn: (argv, o) => spawnHelper(argv, env, process.cwd(), opts.notice, o),
    readFile: readFileGuarded,
    home:
      env.HOME !== undefined ? env.HOME : (process.getBuiltinModule('node:os') as typeof import('node:os')).homedir(),
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
  const mod = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http') as {
    request: typeof import('node:http').request;
  };
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
    const r = mod.request(url, { method: req.method, headers: { ...(req.headers ?? {}) }, agent: false }, (res) => {
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
        done(() =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        ),
      );
      res.on('error', (e: Error) => done(() => reject(new HttpError('closed', e.message))));
      res.on('aborted', () => done(() => reject(new HttpError('closed', 'connection closed while reading'))));
    });
    const timer = setTimeout(() => {
      const kind = connected ? 'read-timeout' : 'connect-timeout';
      done(() =>
        reject(
          new HttpError(
            kind,
            `${kind === 'read-timeout' ? 'read' : 'connect'} timeout after ${req.timeoutMs} ms (${req.url})`,
          ),
        ),
      );
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
      if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL'].includes(code))
        kind = 'connect';
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

/**
 * The one guarded file read. O_NONBLOCK makes opening a FIFO return at once (a plain open waits for a writer
 * forever); fstat on the open descriptor decides, so the file checked is the file read; the read stops past
 * `maxBytes` even when the size lied (/proc files, a file growing while read).
 */
export function readFileGuarded(path: string, maxBytes: number): Buffer {
  if (path.includes('\0')) throw new FileReadError('ENOENT', `${JSON.stringify(path)} contains a NUL byte`);
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new FileReadError(code, `cannot open ${path} (${code})`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new FileReadError('EISDIR', `${path} is a directory`);
    if (!st.isFile()) throw new FileReadError('not-regular', `${path} is ${fileKind(st)}, not a regular file`);
    if (st.size > maxBytes)
      throw new FileReadError('too-large', `${path} is ${st.size} bytes; credchain reads at most ${maxBytes}`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, Math.max(st.size - total + 1, 64 * 1024)));
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
        throw new FileReadError(code, `cannot read ${path} (${code})`);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes)
        throw new FileReadError('too-large', `${path} is larger than ${maxBytes} bytes, the most credchain reads`);
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** what a non-regular file is, for messages */
export function fileKind(st: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return st.isDirectory() ? 'a directory' : 'not a regular file';
}
