// Writes that are complete or fail: every byte written (write(2) may write fewer bytes than asked on a nearly full
// disk, and Node's writeSync returns that count without throwing), flushed with fsync, and the size checked after
// the flush; a file replaced through a temp file in its own folder and rename(2), so a reader sees the old bytes or
// the new ones, never a prefix. Used by the profile editor (its files, lock and backup) and the AWS CLI cache.
import type { WriteFileSystem } from './context';
import * as path from 'node:path';
import { randomHex } from './hash';

/** an error with an errno-style code, so callers can say "no space left on device (ENOSPC)" */
function shortWrite(wrote: number, wanted: number): NodeJS.ErrnoException {
  const e = new Error(`wrote ${wrote} of ${wanted} bytes`) as NodeJS.ErrnoException;
  e.code = 'ESHORTWRITE';
  return e;
}

function writeRange(fs: WriteFileSystem, fd: number, bytes: Buffer, from: number, to: number): void {
  for (let off = from; off < to;) {
    const n = fs.writeSync(fd, bytes, off, to - off);
    // no progress for a non-empty buffer: stop instead of spinning
    if (n <= 0) throw shortWrite(off, bytes.length);
    off += n;
  }
}

/** Writes all of `bytes` to fd at its current position, fsyncs, then checks that the file holds exactly that many
 * bytes. `midway` runs after the first half is written (a test hook). */
export function writeAllSync(fs: WriteFileSystem, fd: number, bytes: Buffer, o: { midway?: () => void } = {}): void {
  const half = o.midway ? bytes.length >> 1 : bytes.length;
  writeRange(fs, fd, bytes, 0, half);
  o.midway?.();
  writeRange(fs, fd, bytes, half, bytes.length);
  fs.fsyncSync(fd);
  const got = fs.fstatSync(fd).size;
  if (got !== bytes.length) throw shortWrite(got, bytes.length);
}

export function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}

/** "no space left on device (ENOSPC)" for the codes a write commonly fails with, the bare code otherwise */
export function describeErrno(e: unknown): string {
  const code = errnoOf(e);
  const words: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EIO: 'input/output error',
    EFBIG: 'file too large',
    ESHORTWRITE: 'the disk took only part of the data',
  };
  return words[code] ? `${words[code]} (${code})` : code;
}

export function unlinkQuiet(fs: WriteFileSystem, p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    /* already gone */
  }
}

/** fsync of a folder makes a rename in it durable; not every platform can, and nothing depends on it succeeding */
export function fsyncDir(fs: WriteFileSystem, dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/** `.NAME.credchain-PID-RANDOM.tmp` next to `target`: the pid lets a later writer clean up after a killed one */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.credchain-${process.pid}-${randomHex(6)}.tmp`);
}

export interface TempWrite {
  mode: number;
  /** give the file this owner when it differs from ours (works only as root; silently skipped otherwise) */
  owner?: { uid: number; gid: number } | null;
  /** a test hook: runs after half of the bytes are written */
  midway?: () => void;
}

/** Writes bytes to a new temp file next to target, complete and flushed, with the given mode; returns its path.
 * On any failure the temp file is removed and the error is rethrown. */
export function writeTempSync(fs: WriteFileSystem, target: string, bytes: Buffer, o: TempWrite): string {
  const temp = tempPathFor(target);
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    writeAllSync(fs, fd, bytes, { midway: o.midway });
    fs.fchmodSync(fd, o.mode);
    if (o.owner && (o.owner.uid !== process.getuid?.() || o.owner.gid !== process.getgid?.())) {
      try {
        fs.fchownSync(fd, o.owner.uid, o.owner.gid);
      } catch {
        /* only root may give a file away; the file then belongs to whoever runs credchain */
      }
    }
  } catch (e) {
    fs.closeSync(fd);
    unlinkQuiet(fs, temp);
    throw e;
  }
  try {
    fs.closeSync(fd);
  } catch (e) {
    unlinkQuiet(fs, temp);
    throw e;
  }
  return temp;
}

/** Replaces target with bytes atomically (temp file, fsync, size check, rename, fsync of the folder). On failure
 * target is untouched and no temp file is left. `beforeRename` is a test hook. */
export function replaceFileSync(
  fs: WriteFileSystem,
  target: string,
  bytes: Buffer,
  o: TempWrite & { beforeRename?: () => void },
): void {
  const temp = writeTempSync(fs, target, bytes, o);
  try {
    o.beforeRename?.();
    fs.renameSync(temp, target);
  } catch (e) {
    unlinkQuiet(fs, temp);
    throw e;
  }
  fsyncDir(fs, path.dirname(target));
}
