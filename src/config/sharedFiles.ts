// Loads the shared config and credentials files once per resolution, as botocore's Session does: paths from
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (present-but-empty disables the file), a missing or non-regular file
// is absent, an unreadable one parses as empty, and a malformed one is a ConfigParseError naming file and line.
import type { Context } from '../core/context';
import { BotoError } from '../core/errors';
import { decodeIni, parseIni, type IniDocument } from '../ini/parse';
import { fileState, resolveUserPath } from '../ini/paths';

/** more than this is not a credentials file; refuse instead of reading gigabytes */
const MAX_INI_BYTES = 64 * 1024 * 1024;

export interface LoadedIni {
  /** the path as configured, before expansion */
  configured: string;
  /** where it came from: the env var name, or "default" */
  source: string;
  /** absolute path ('' when the variable is set but empty) */
  path: string;
  state: 'ok' | 'missing' | 'not-a-file' | 'unreadable' | 'disabled';
  /** parsed document; an empty one for unreadable files, null when absent */
  doc: IniDocument | null;
  /** why the file could not be read */
  readError?: string;
}

export function loadIniFile(ctx: Context, envVar: string, defaultPath: string): LoadedIni {
  const fromEnv = ctx.env[envVar];
  return loadIniPath(ctx, fromEnv ?? defaultPath, fromEnv !== undefined ? envVar : 'default');
}

/** `configured` is expanded ($VARS, then ~) and made absolute; `source` says where it came from */
export function loadIniPath(ctx: Context, configured: string, source: string): LoadedIni {
  const path = resolveUserPath(configured, ctx);
  if (configured === '') return { configured, source, path, state: 'disabled', doc: null };
  const st = fileState(path, ctx);
  if (st !== 'file') return { configured, source, path, state: st, doc: null };
  let bytes: Buffer;
  try {
    const size = ctx.fs.statSync(path).size;
    if (size > MAX_INI_BYTES) {
      throw new BotoError('ConfigParseError', `Unable to parse config file: ${path} (it is ${size} bytes; credchain reads at most ${MAX_INI_BYTES})`, 'get_credentials', { file: path });
    }
    bytes = ctx.fs.readFileSync(path) as Buffer;
  } catch (e) {
    if (e instanceof BotoError) throw e;
    // configparser.read() skips files it cannot open: botocore sees an empty file
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    return { configured, source, path, state: 'unreadable', doc: { path, sections: [], defaults: new Map() }, readError: why };
  }
  const doc = parseIni(decodeIni(bytes, path), path);
  return { configured, source, path, state: 'ok', doc };
}

/** Both files, loaded lazily and at most once; a parse error is remembered and thrown again on every access. */
export class SharedFiles {
  private cache = new Map<string, { v?: LoadedIni; e?: unknown }>();
  constructor(private readonly ctx: Context) {}

  config(): LoadedIni {
    return this.load('AWS_CONFIG_FILE', '~/.aws/config');
  }

  credentials(): LoadedIni {
    return this.load('AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials');
  }

  private load(envVar: string, def: string): LoadedIni {
    let c = this.cache.get(envVar);
    if (!c) {
      try {
        c = { v: loadIniFile(this.ctx, envVar, def) };
      } catch (e) {
        c = { e };
      }
      this.cache.set(envVar, c);
    }
    if (c.e) throw c.e;
    return c.v!;
  }
}
