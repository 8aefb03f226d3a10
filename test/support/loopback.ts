// Loopback HTTP servers standing in for IMDS, container, STS and SSO endpoints. They listen on 127.0.0.1 only,
// record every request, can answer late or never (a socket that accepts and never answers), and stop by
// themselves after `lifetimeMs` so no test can leave one running.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** which TCP connection it came on, numbered from 1 in the order they were accepted */
  connection: number;
}

export interface RouteReply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** answer after this many milliseconds */
  delayMs?: number;
  /** accept the request and never answer */
  hang?: boolean;
  /** destroy the socket without answering */
  reset?: boolean;
}

/** a fixed reply, a sequence (one per request, the last repeats), or a function of the request */
export type Route = RouteReply | RouteReply[] | ((req: RecordedRequest) => RouteReply);

export interface LoopbackServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** the most requests ever waiting at once (received, not yet answered, their connection still open) */
  readonly peakOpen: number;
  close(): Promise<void>;
}

/** routes are keyed "METHOD /path"; a missing route answers 404 */
export async function startLoopback(routes: Record<string, Route>, opts: { lifetimeMs?: number } = {}): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const connectionIds = new WeakMap<import('node:net').Socket, number>();
  let connections = 0;
  let open = 0;
  let peakOpen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), connection: connectionIds.get(req.socket) ?? 0 };
      requests.push(rec);
      // open until answered or abandoned: "close" comes once, for either
      peakOpen = Math.max(peakOpen, ++open);
      res.once('close', () => open--);
      const key = `${rec.method} ${rec.path.split('?')[0]}`;
      const route = routes[key] ?? routes[`${rec.method} *`];
      let reply: RouteReply;
      if (!route) reply = { status: 404, body: 'not found' };
      else if (typeof route === 'function') reply = route(rec);
      else if (Array.isArray(route)) {
        const n = counts.get(key) ?? 0;
        counts.set(key, n + 1);
        reply = route[Math.min(n, route.length - 1)];
      } else reply = route;
      if (reply.hang) return;
      if (reply.reset) {
        req.socket.destroy();
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, reply.delayMs);
        timers.add(t);
      } else send();
    });
  });
  server.on('connection', (s) => {
    connectionIds.set(s, ++connections);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const close = () => {
    if (!closed) {
      closed = new Promise<void>((resolve) => {
        clearTimeout(lifetime);
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    }
    return closed;
  };
  const lifetime = setTimeout(close, opts.lifetimeMs ?? 60_000);
  lifetime.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get peakOpen() {
      return peakOpen;
    },
    close,
  };
}
