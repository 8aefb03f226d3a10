// The one path table and the one loader for the shared config and credentials files, used by every command
// (SharedFiles below a Session), by doctor (which parses with repairs, then hands its documents to a Session) and by
// the edits (which only need the paths). botocore's rules: the path from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
// (present-but-empty disables the file), expanded $VARS then ~; a path os.path.isfile rejects is absent; a file that
// cannot be opened parses as empty (configparser.read skips it). The bytes come through the guarded reader
// (src/core/readFile.ts): a regular file only, no wait on a FIFO swapped in after the check, at most MAX_INI_BYTES.
import type { Context } from '../core/context';
import { FileReadError } from '../core/context';
import { BotoError } from '../core/errors';
import { readGuarded } from '../core/readFile';
import { decodeIni, parseIni, type IniDocument } from '../ini/parse';
import { resolveUserPath } from '../ini/paths';

export type SharedFileKind = 'config' | 'credentials';

/** where each shared file is configured, and its default */
export const SHARED_FILE_PATHS: Record<SharedFileKind, { envVar: string; def: string }> = {
  config: { envVar: 'AWS_CONFIG_FILE', def: '~/.aws/config' },
  credentials: { envVar: 'AWS_SHARED_CREDENTIALS_FILE', def: '~/.aws/credentials' },
};

/** more than this is not a credentials file; refuse instead of reading gigabytes */
export const MAX_INI_BYTES = 64 * 1024 * 1024;

export interface IniLocation {
  /** the path as configured, before expansion */
  configured: string;
  /** where it came from: the env var name, or "default" */
  source: string;
  /** absolute path ('' when the variable is set but empty) */
  path: string;
}

/** a shared file's path as botocore resolves it */
export function sharedFileLocation(ctx: Context, kind: SharedFileKind): IniLocation {
  const { envVar, def } = SHARED_FILE_PATHS[kind];
  const fromEnv = ctx.env[envVar];
  const configured = fromEnv ?? def;
  return {
    configured,
    source: fromEnv !== undefined ? envVar : 'default',
    path: configured === '' ? '' : resolveUserPath(configured, ctx),
  };
}

export interface IniBytes extends IniLocation {
  state: 'ok' | 'missing' | 'not-a-file' | 'unreadable' | 'disabled' | 'too-large';
  /** the file's bytes, when state is ok */
  bytes?: Buffer;
  /** permission bits, when the file exists */
  mode?: number;
  /** its size, when it exists */
  size?: number;
  /** why the file could not be read (an errno, or the guarded reader's verdict) */
  readError?: string;
}

/** `configured` is expanded ($VARS, then ~) and made absolute; `source` says where it came from */
export function readIniBytes(ctx: Context, configured: string, source: string): IniBytes {
  if (configured === '') return { configured, source, path: '', state: 'disabled' };
  const path = resolveUserPath(configured, ctx);
  const at = { configured, source, path };
  // os.path.isfile: whatever stat cannot see, or sees as no regular file, is absent
  if (path === '' || path.includes('\0')) return { ...at, state: 'missing' };
  let st: import('node:fs').Stats;
  try {
    st = ctx.fs.statSync(path);
  } catch {
    return { ...at, state: 'missing' };
  }
  if (!st.isFile()) return { ...at, state: 'not-a-file' };
  const mode = st.mode === undefined ? undefined : Number(st.mode) & 0o777;
  const size = Number(st.size);
  if (size > MAX_INI_BYTES)
    return {
      ...at,
      state: 'too-large',
      mode,
      size,
      readError: `it is ${size} bytes; credchain reads at most ${MAX_INI_BYTES}`,
    };
  try {
    return { ...at, state: 'ok', mode, size, bytes: readGuarded(ctx, path, MAX_INI_BYTES) };
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    // changed between the check and the read: bounded, and named as the check would have named it
    if (e.code === 'too-large')
      return {
        ...at,
        state: 'too-large',
        mode,
        size,
        readError: `it grew past ${MAX_INI_BYTES} bytes while read; credchain reads at most ${MAX_INI_BYTES}`,
      };
    if (e.code === 'not-regular' || e.code === 'EISDIR') return { ...at, state: 'not-a-file', mode };
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return { ...at, state: 'missing' };
    // configparser.read() skips files it cannot open: botocore sees an empty file
    return { ...at, state: 'unreadable', mode, size, readError: e.code };
  }
}

export interface LoadedIni extends IniLocation {
  state: 'ok' | 'missing' | 'not-a-file' | 'unreadable' | 'disabled';
  /** parsed document; an empty one for unreadable files, null when absent */
  doc: IniDocument | null;
  /** why the file could not be read */
  readError?: string;
}

export function emptyDocument(path: string): IniDocument {
  return { path, sections: [], defaults: new Map() };
}

/** read and parse; a file too large to be a credentials file, or malformed, is a ConfigParseError naming it */
export function loadIniPath(ctx: Context, configured: string, source: string): LoadedIni {
  const f = readIniBytes(ctx, configured, source);
  const at = { configured: f.configured, source: f.source, path: f.path };
  switch (f.state) {
    case 'ok':
      return { ...at, state: 'ok', doc: parseIni(decodeIni(f.bytes!, f.path), f.path) };
    case 'too-large':
      throw new BotoError(
        'ConfigParseError',
        `Unable to parse config file: ${f.path} (${f.readError})`,
        'get_credentials',
        { file: f.path },
      );
    case 'unreadable':
      return { ...at, state: 'unreadable', doc: emptyDocument(f.path), readError: f.readError };
    default:
      return { ...at, state: f.state, doc: null };
  }
}

/** one shared file, from its variable or default */
export function loadSharedFile(ctx: Context, kind: SharedFileKind): LoadedIni {
  const { configured, source } = sharedFileLocation(ctx, kind);
  return loadIniPath(ctx, configured, source);
}
