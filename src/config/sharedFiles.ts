// The shared config and credentials files of one resolution, as botocore's Session holds them: each loaded once,
// lazily, through the one loader (sharedFileLoader.ts), or handed over already parsed (doctor parses with repairs
// and gives its documents to the Session it builds). A parse error is remembered and thrown again on every access.
import type { Context } from '../core/context';
import { loadIniPath, loadSharedFile, type LoadedIni, type SharedFileKind } from './sharedFileLoader';

export { loadIniPath, type LoadedIni } from './sharedFileLoader';

/** a file from a variable or its default (the shared files' rule; the boto config reuses it) */
export function loadIniFile(ctx: Context, envVar: string, defaultPath: string): LoadedIni {
  const fromEnv = ctx.env[envVar];
  return loadIniPath(ctx, fromEnv ?? defaultPath, fromEnv !== undefined ? envVar : 'default');
}

/** Both files, loaded lazily and at most once; a parse error is remembered and thrown again on every access. */
export class SharedFiles {
  private cache = new Map<SharedFileKind, { v?: LoadedIni; e?: unknown }>();
  /** `loaded`: files already read and parsed (doctor's repaired documents); the others are loaded when asked for */
  constructor(
    private readonly ctx: Context,
    loaded: Partial<Record<SharedFileKind, LoadedIni>> = {},
  ) {
    for (const [kind, v] of Object.entries(loaded) as [SharedFileKind, LoadedIni][]) this.cache.set(kind, { v });
  }

  config(): LoadedIni {
    return this.load('config');
  }

  credentials(): LoadedIni {
    return this.load('credentials');
  }

  private load(kind: SharedFileKind): LoadedIni {
    let c = this.cache.get(kind);
    if (!c) {
      try {
        c = { v: loadSharedFile(this.ctx, kind) };
      } catch (e) {
        c = { e };
      }
      this.cache.set(kind, c);
    }
    if (c.e) throw c.e;
    return c.v!;
  }
}
