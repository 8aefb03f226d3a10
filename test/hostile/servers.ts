// Hostile endpoints on 127.0.0.1 for the hostile-input suite: one that accepts and never answers, one that trickles a
// byte at a time, one that floods an endless body, redirects (to itself, to a closed port), HTTP-shaped garbage,
// non-HTTP bytes, a huge header, and a closed port. Every server stops by itself after `lifetimeMs`.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export type HostileKind = 'creds' | 'huge-length' | 'hang' | 'trickle' | 'flood' | 'redirect-loop' | 'redirect-closed' | 'garbage-json' | 'binary' | 'huge-header' | 'closed' | 'slow-headers';

export interface HostileServers {
  url(kind: HostileKind): string;
  close(): Promise<void>;
}

export async function startHostileServers(lifetimeMs: number): Promise<HostileServers> {
  const closers: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const urls = new Map<HostileKind, string>();
  const track = (server: net.Server) => server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  const listen = async (server: net.Server): Promise<number> => {
    track(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    return (server.address() as AddressInfo).port;
  };
  const every = (s: net.Socket, ms: number, fn: () => boolean) => {
    const t = setInterval(() => {
      if (s.destroyed || !fn()) clearInterval(t);
    }, ms);
    s.on('close', () => clearInterval(t));
  };

  // a closed port: bound, then released, so connections are refused
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  urls.set('closed', `http://127.0.0.1:${closedPort}`);

  const plain = async (kind: HostileKind, onSocket: (s: net.Socket) => void) => {
    const port = await listen(net.createServer(onSocket));
    urls.set(kind, `http://127.0.0.1:${port}`);
  };
  await plain('hang', () => {});
  await plain('binary', (s) => s.end(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff))));
  await plain('trickle', (s) => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{');
    every(s, 200, () => s.write(' '));
  });
  await plain('slow-headers', (s) => {
    const head = 'HTTP/1.1 200 OK\r\nX-Slow: ' + 'a'.repeat(100000);
    let i = 0;
    every(s, 100, () => (i < head.length ? s.write(head[i++]) : false));
  });
  // declares a 2 GiB body, then sends a little of it
  await plain('huge-length', (s) => {
    s.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 2147483648\r\n\r\n<GetCallerIdentityResponse>');
    every(s, 200, () => s.write(' '));
  });
  await plain('huge-header', (s) => {
    s.write('HTTP/1.1 200 OK\r\n');
    for (let i = 0; i < 2000; i++) s.write(`X-Big-${i}: ${'b'.repeat(500)}\r\n`);
    s.end('\r\n{}');
  });

  const httpServer = async (kind: HostileKind, handler: http.RequestListener) => {
    const port = await listen(http.createServer(handler));
    urls.set(kind, `http://127.0.0.1:${port}`);
  };
  await httpServer('flood', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    // bounded: at most 2 GiB, stopping with the socket or the server
    const pump = () => {
      while (sent < 2 ** 31 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.write('{"Code":"Success","AccessKeyId":"');
    pump();
  });
  // not hostile: answers container credentials at once, so a hostile token file is the only obstacle
  await httpServer('creds', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ AccessKeyId: 'AKIDCONTAINER0000001', SecretAccessKey: 'S', Token: 'T', Expiration: '2099-01-01T00:00:00Z' }));
  });
  await httpServer('garbage-json', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.end('\u0000\u001b[31m<not-xml {"AccessKeyId": [1,2,{{{ \xff\xfe');
  });
  await httpServer('redirect-loop', (req, res) => {
    res.writeHead(302, { Location: req.url ?? '/' });
    res.end();
  });
  await httpServer('redirect-closed', (_req, res) => {
    res.writeHead(307, { Location: `http://127.0.0.1:${closedPort}/` });
    res.end();
  });

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(lifetime);
    for (const s of sockets) s.destroy();
    for (const c of closers) c();
  };
  const lifetime = setTimeout(() => void close(), lifetimeMs);
  lifetime.unref();
  return {
    url: (kind) => {
      const u = urls.get(kind);
      if (!u) throw new Error(`no hostile server ${kind}`);
      return u;
    },
    close,
  };
}
