// A Context on memfs with a fixed clock: unit tests lay out a HOME tree in memory and resolve against it.
import { Volume, createFsFromVolume } from 'memfs';
import type { Context, HttpRequest, HttpResponse, SpawnResult } from '../../src/core/context';

export interface MemContextOptions {
  files?: Record<string, string | Buffer>;
  env?: Record<string, string>;
  home?: string;
  now?: number;
  http?: (req: HttpRequest) => Promise<HttpResponse>;
  spawn?: (argv: string[]) => Promise<SpawnResult>;
}

export const FIXED_NOW = Date.UTC(2026, 10, 23, 8, 0, 0);

export function memContext(o: MemContextOptions = {}): Context & { requests: HttpRequest[]; spawned: string[][] } {
  const home = o.home ?? '/home/u';
  const vol = Volume.fromJSON({ [`${home}/.keep`]: '' });
  for (const [p, content] of Object.entries(o.files ?? {})) {
    const abs = p.startsWith('/') ? p : `${home}/${p}`;
    vol.mkdirSync(abs.slice(0, abs.lastIndexOf('/')) || '/', { recursive: true });
    vol.writeFileSync(abs, content);
  }
  const requests: HttpRequest[] = [];
  const spawned: string[][] = [];
  return {
    env: { HOME: home, ...(o.env ?? {}) },
    fs: createFsFromVolume(vol) as unknown as Context['fs'],
    writeFs: createFsFromVolume(vol) as unknown as Context['writeFs'],
    now: () => o.now ?? FIXED_NOW,
    sleep: async () => {},
    http: async (req) => {
      requests.push(req);
      if (!o.http) throw new Error(`unexpected HTTP request in a unit test: ${req.method} ${req.url}`);
      return o.http(req);
    },
    spawn: async (argv) => {
      spawned.push(argv);
      if (!o.spawn) throw new Error(`unexpected process in a unit test: ${argv.join(' ')}`);
      return o.spawn(argv);
    },
    home,
    cwd: home,
    platform: 'linux',
    debug: () => {},
    requests,
    spawned,
  };
}
