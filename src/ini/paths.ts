// Python's os.path.expandvars / os.path.expanduser and os.path.isfile, as botocore applies them to file paths.
import * as nodePath from 'node:path';
import type { Context } from '../core/context';

/** posixpath.expandvars: $NAME and ${NAME} with NAME in [A-Za-z0-9_]; unknown variables stay as written */
export function expandVars(path: string, env: Context['env']): string {
  if (!path.includes('$')) return path;
  const re = /\$([A-Za-z0-9_]+|\{[^}]*\})/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    let name = m[1];
    if (name.startsWith('{') && name.endsWith('}')) name = name.slice(1, -1);
    const v = env[name];
    if (v === undefined) continue;
    out += path.slice(last, m.index) + v;
    last = m.index + m[0].length;
  }
  return out + path.slice(last);
}

/** posixpath.expanduser: ~ is $HOME (else the passwd entry), ~user is that user's home */
export function expandUser(path: string, ctx: Pick<Context, 'home' | 'fs'>): string {
  if (!path.startsWith('~')) return path;
  let i = path.indexOf('/', 1);
  if (i < 0) i = path.length;
  let home: string | undefined;
  if (i === 1) home = ctx.home;
  else home = passwdHome(path.slice(1, i), ctx);
  if (home === undefined) return path;
  return home.replace(/\/+$/, '') + path.slice(i) || '/';
}

function passwdHome(user: string, ctx: Pick<Context, 'fs'>): string | undefined {
  try {
    const text = String(ctx.fs.readFileSync('/etc/passwd', 'utf8'));
    for (const line of text.split('\n')) {
      const f = line.split(':');
      if (f[0] === user && f.length >= 6) return f[5];
    }
  } catch {
    /* no passwd database: leave the path as written */
  }
  return undefined;
}

/** expandvars then expanduser (botocore's order), then anchored at the working directory as the OS would */
export function resolveUserPath(raw: string, ctx: Context): string {
  return osPath(expandUser(expandVars(raw, ctx.env), ctx), ctx.cwd);
}

/**
 * A path as Python hands it to the operating system: relative ones anchored at the working directory, and nothing
 * normalised. `link/../c` goes through the link's target, `nodir/../c` and `file/../c` fail and `c/` is not a
 * file, exactly as they do for boto3; path.resolve would quietly turn each into another file.
 */
export function osPath(p: string, cwd: string): string {
  if (p === '' || nodePath.isAbsolute(p)) return p;
  return `${cwd.replace(/\/+$/, '')}/${p}`;
}

export type FileState = 'file' | 'missing' | 'not-a-file';

export function fileState(path: string, ctx: Pick<Context, 'fs'>): FileState {
  if (path === '' || path.includes('\0')) return 'missing';
  try {
    const st = ctx.fs.statSync(path);
    return st.isFile() ? 'file' : 'not-a-file';
  } catch {
    return 'missing';
  }
}
