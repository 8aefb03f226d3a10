// Which file Python's subprocess would execute for a command, and the errno it would fail with. Node's spawn goes
// through execvp, which runs a file the kernel refuses (ENOEXEC: a script without `#!`, an empty file) with /bin/sh
// instead; Python's _posixsubprocess calls execve on each PATH candidate and raises OSError [Errno 8]. So the
// candidates are checked here as execve would judge them, and Node is handed the one file that execve would run.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

export type ExecTarget = { ok: true; file: string } | { ok: false; code: string; message: string };

/** as _posixsubprocess: a name with a slash is tried as is, else each PATH entry ('' is the working directory) */
export function resolveExecutable(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ExecTarget {
  const candidates = name.includes('/')
    ? [name]
    : (env.PATH ?? '/bin:/usr/bin').split(':').map((dir) => (dir === '' ? name : nodePath.join(dir, name)));
  // the first error other than ENOENT/ENOTDIR is the one reported, as _posixsubprocess's saved_errno
  let saved: string | undefined;
  let last = 'ENOENT';
  for (const c of candidates) {
    // join('dir', '') keeps a trailing slash, as os.path.join does: execve('dir/') is EACCES
    const file = nodePath.isAbsolute(c) ? c : nodePath.resolve(cwd, c) + (c.endsWith('/') ? '/' : '');
    const code = execveError(file);
    if (code === undefined) return { ok: true, file };
    last = code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') saved ??= code;
  }
  const code = saved ?? last;
  return { ok: false, code, message: `${ERRNO_TEXT[code] ?? code}: '${name}'` };
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: '[Errno 2] No such file or directory',
  EACCES: '[Errno 13] Permission denied',
  ENOEXEC: '[Errno 8] Exec format error',
  ENOTDIR: '[Errno 20] Not a directory',
  ELOOP: '[Errno 40] Too many levels of symbolic links',
  ENAMETOOLONG: '[Errno 36] File name too long',
};

/** the errno execve(file) would give, or undefined when it would run it */
function execveError(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'ENOENT';
  }
  // a path with a trailing slash names a directory or nothing (ENOTDIR for a file)
  if (file.endsWith('/') && !st.isDirectory()) return 'ENOTDIR';
  if (!st.isFile()) return 'EACCES';
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return 'EACCES';
  }
  let head: Buffer;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    head = Buffer.alloc(256);
    head = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
  } catch {
    // execute without read permission: a binary still runs; leave the verdict to the kernel
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  // the formats Linux runs out of the box; anything else (no `#!`, empty) is ENOEXEC unless binfmt_misc knows it
  if (head.subarray(0, 2).toString('latin1') === '#!' || head.subarray(0, 4).toString('latin1') === '\x7fELF')
    return undefined;
  return binfmtMiscRuns(file, head) ? undefined : 'ENOEXEC';
}

/** whether an enabled binfmt_misc entry (magic at an offset, or a file name extension) claims the file */
function binfmtMiscRuns(file: string, head: Buffer): boolean {
  const dir = '/proc/sys/fs/binfmt_misc';
  let names: string[];
  try {
    if (!fs.readFileSync(`${dir}/status`, 'latin1').startsWith('enabled')) return false;
    names = fs.readdirSync(dir).filter((n) => n !== 'register' && n !== 'status');
  } catch {
    return false;
  }
  return names.some((n) => {
    let text: string;
    try {
      text = fs.readFileSync(`${dir}/${n}`, 'latin1');
    } catch {
      return false;
    }
    if (!text.startsWith('enabled')) return false;
    const field = (k: string) => new RegExp(`^${k} (.*)$`, 'm').exec(text)?.[1];
    const ext = field('extension');
    if (ext !== undefined) return nodePath.basename(file).endsWith(ext);
    const magic = Buffer.from(field('magic') ?? '', 'hex');
    const mask = field('mask') !== undefined ? Buffer.from(field('mask')!, 'hex') : undefined;
    const offset = Number(field('offset') ?? 0);
    if (!magic.length || offset + magic.length > head.length) return false;
    return magic.every((b, i) => ((head[offset + i] ?? 0) & (mask?.[i] ?? 0xff)) === b);
  });
}
