// Writing the shared files without ever leaving a torn or clobbered one: an exclusive lock file per file (created
// with O_EXCL, retried with backoff for a bounded time, broken only when the process that holds it is gone), a
// backup before the first change, and atomic replacement (a temp file in the same directory, fsync, rename, fsync of
// the directory) that keeps the file's mode and owner; new files are created 0600. Symlinks are written through.
import { randomHex } from '../hash';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredchainError } from '../errors';

/** more than this is not a credentials file; the same bound as sharedFiles.ts */
const MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

export interface FileSnapshot {
  /** the path as resolved from the environment */
  path: string;
  /** where the bytes live: the path with symlinks resolved; locks, temp files and backups sit next to it */
  real: string;
  /** null when the file does not exist */
  bytes: Buffer | null;
  stat: fs.Stats | null;
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}

function configError(message: string): CredchainError {
  return new CredchainError(message, 'config');
}

/** the file a write really lands on: symlinks resolved, so a linked dotfile stays a link */
export function realTarget(p: string): string {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(p);
  } catch {
    return p;
  }
  if (!st.isSymbolicLink()) return p;
  try {
    return fs.realpathSync(p);
  } catch (e) {
    throw configError(`${p} is a symbolic link to a file that does not exist (${errno(e)}); nothing was written`);
  }
}

export function readSnapshot(p: string): FileSnapshot {
  const real = realTarget(p);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch (e) {
    if (errno(e) === 'ENOENT') return { path: p, real, bytes: null, stat: null };
    throw configError(`cannot examine ${p} (${errno(e)}); nothing was written`);
  }
  if (!stat.isFile()) throw configError(`${p} is not a regular file; nothing was written`);
  if (stat.size > MAX_BYTES) throw configError(`${p} is ${stat.size} bytes, more than credchain edits (${MAX_BYTES}); nothing was written`);
  try {
    return { path: p, real, bytes: fs.readFileSync(real), stat };
  } catch (e) {
    throw configError(`cannot read ${p} (${errno(e)}); nothing was written`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Locks

interface HeldLock {
  lockPath: string;
  token: string;
}

const held = new Set<HeldLock>();
const tempFiles = new Set<string>();
let exitHook = false;

/** process.exit (SIGINT, a thrown error) must not leave our lock or temp files behind; SIGKILL can, and the next
 * writer breaks the stale lock */
function cleanupOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const t of tempFiles) rmQuiet(t);
    for (const l of held) releaseLock(l);
  });
}

function rmQuiet(p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    /* already gone */
  }
}

function lockToken(): string {
  return `${process.pid}\n${os.hostname()}\n${randomHex(8)}\n`;
}

function readQuiet(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** a lock is stale when it names a process on this host that no longer exists (or is half-written and old) */
function staleOwner(content: string, lockPath: string): number | undefined {
  const [pidText, host] = content.split('\n');
  const pid = Number(pidText);
  if (!/^\d+$/.test(pidText ?? '') || !host) {
    // killed between creating the file and writing it: give a live writer time to finish the write
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs > 2000 ? -1 : undefined;
    } catch {
      return undefined;
    }
  }
  if (host !== os.hostname()) return undefined;
  try {
    process.kill(pid, 0);
    return undefined;
  } catch (e) {
    return errno(e) === 'ESRCH' ? pid : undefined;
  }
}

/** Moves the stale lock aside and deletes it only if it is still the one judged stale; a lock taken over in the
 * meantime is put back. Temp files the dead writer left are removed with it. */
function breakStaleLock(lockPath: string, content: string, pid: number): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomHex(4)}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // someone else broke it first
  }
  if (readQuiet(aside) !== content) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      /* a third writer holds it now */
    }
    rmQuiet(aside);
    return;
  }
  rmQuiet(aside);
  if (pid > 0) {
    const dir = path.dirname(lockPath);
    const prefix = `.${path.basename(lockPath.slice(0, -'.lock'.length))}.credchain-${pid}-`;
    for (const f of fs.readdirSync(dir)) if (f.startsWith(prefix) && f.endsWith('.tmp')) rmQuiet(path.join(dir, f));
  }
}

async function acquireLock(target: string, timeoutMs: number, debug: (l: string) => void): Promise<HeldLock> {
  const lockPath = `${target}.lock`;
  const token = lockToken();
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
      try {
        fs.writeSync(fd, token);
      } finally {
        fs.closeSync(fd);
      }
      const lock = { lockPath, token };
      held.add(lock);
      cleanupOnExit();
      debug(`locked ${lockPath}`);
      return lock;
    } catch (e) {
      if (errno(e) !== 'EEXIST') throw configError(`cannot create the lock file ${lockPath} (${errno(e)}); nothing was written`);
    }
    const content = readQuiet(lockPath);
    if (content === undefined) continue; // released just now
    const stale = staleOwner(content, lockPath);
    if (stale !== undefined) {
      debug(`breaking the stale lock ${lockPath} (process ${stale > 0 ? stale : '?'} is gone)`);
      breakStaleLock(lockPath, content, stale);
      continue;
    }
    if (Date.now() >= deadline) {
      const [pid, host] = content.split('\n');
      throw configError(
        `${target} is locked by process ${pid || '?'}${host && host !== os.hostname() ? ` on ${host}` : ''} (${lockPath}); ` +
          `if no credchain is running, delete the lock file. Nothing was written`,
      );
    }
    await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
    delay = Math.min(delay * 1.6, 200);
  }
}

function releaseLock(lock: HeldLock): void {
  held.delete(lock);
  // only our own lock: if it was taken from us it is someone else's now
  if (readQuiet(lock.lockPath) === lock.token) rmQuiet(lock.lockPath);
}

/** Runs fn holding the lock of every target (taken in one sorted order, so two writers cannot deadlock). */
export async function withLocks<T>(targets: string[], fn: () => Promise<T>, o: { timeoutMs?: number; debug?: (l: string) => void } = {}): Promise<T> {
  const debug = o.debug ?? (() => {});
  const timeout = o.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const locks: HeldLock[] = [];
  try {
    for (const t of [...new Set(targets)].sort()) locks.push(await acquireLock(t, timeout, debug));
    return await fn();
  } finally {
    for (const l of locks.reverse()) releaseLock(l);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Backups and atomic replacement

function tempName(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.credchain-${process.pid}-${randomHex(6)}.tmp`);
}

/** writes bytes to a new temp file next to `real`, flushed to disk, with the given mode */
function writeTemp(real: string, bytes: Buffer, mode: number, owner?: fs.Stats | null): string {
  const temp = tempName(real);
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  tempFiles.add(temp);
  try {
    fs.writeSync(fd, bytes);
    fs.fchmodSync(fd, mode);
    if (owner && (owner.uid !== process.getuid?.() || owner.gid !== process.getgid?.())) {
      try {
        fs.fchownSync(fd, owner.uid, owner.gid);
      } catch {
        /* only root may give a file away; the file then belongs to whoever runs credchain */
      }
    }
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    dropTemp(temp);
    throw configError(`cannot write next to ${real} (${errno(e)}); nothing was written`);
  }
  fs.closeSync(fd);
  return temp;
}

function dropTemp(temp: string): void {
  rmQuiet(temp);
  tempFiles.delete(temp);
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* not every platform can fsync a directory */
  }
}

export function backupPath(real: string): string {
  return `${real}.credchain.bak`;
}

/** Saves the original as `<file>.credchain.bak` (0600) unless a backup already exists: the first state credchain
 * found is the one worth keeping. Returns the backup path when one was made. */
export function backupOnce(snapshot: FileSnapshot): string | undefined {
  if (!snapshot.bytes) return undefined;
  const bak = backupPath(snapshot.real);
  if (fs.existsSync(bak)) return undefined;
  const temp = writeTemp(snapshot.real, snapshot.bytes, 0o600);
  try {
    // link() never replaces an existing file, and the backup appears complete or not at all
    fs.linkSync(temp, bak);
  } catch (e) {
    if (errno(e) === 'EEXIST') return undefined;
    try {
      fs.writeFileSync(bak, snapshot.bytes, { flag: 'wx', mode: 0o600 });
    } catch (e2) {
      if (errno(e2) !== 'EEXIST') throw configError(`cannot write the backup ${bak} (${errno(e2)}); nothing was written`);
      return undefined;
    }
  } finally {
    dropTemp(temp);
  }
  fsyncDir(path.dirname(bak));
  return bak;
}

function currentBytes(p: string): Buffer | null {
  try {
    return fs.readFileSync(p);
  } catch (e) {
    if (errno(e) === 'ENOENT') return null;
    throw configError(`cannot read ${p} again before replacing it (${errno(e)}); nothing was written`);
  }
}

export interface Replacement {
  snapshot: FileSnapshot;
  after: Buffer;
}

/** Replaces every file atomically: all temp files are written and flushed first, then each is renamed over its
 * target, so the targets change as close together as the file system allows. A file changed by another program
 * since it was read is not overwritten. */
export async function replaceFiles(list: Replacement[], o: { pauseBeforeRenameMs?: number } = {}): Promise<void> {
  const staged: [Replacement, string][] = [];
  try {
    for (const r of list) {
      const mode = r.snapshot.stat ? r.snapshot.stat.mode & 0o7777 : 0o600;
      staged.push([r, writeTemp(r.snapshot.real, r.after, mode, r.snapshot.stat)]);
    }
    if (o.pauseBeforeRenameMs) await new Promise((res) => setTimeout(res, o.pauseBeforeRenameMs));
    for (const [r] of staged) {
      const now = currentBytes(r.snapshot.real);
      const same = now === null ? r.snapshot.bytes === null : r.snapshot.bytes !== null && now.equals(r.snapshot.bytes);
      if (!same) throw configError(`${r.snapshot.path} was changed by another program while credchain was editing it; nothing was written, run the command again`);
    }
    const done: string[] = [];
    for (const [r, temp] of staged) {
      try {
        fs.renameSync(temp, r.snapshot.real);
      } catch (e) {
        const already = done.length ? `; already replaced: ${done.join(', ')}` : '; nothing was written';
        throw configError(`cannot replace ${r.snapshot.path} (${errno(e)})${already}`);
      }
      tempFiles.delete(temp);
      done.push(r.snapshot.path);
    }
  } finally {
    for (const [, temp] of staged) if (tempFiles.has(temp)) dropTemp(temp);
  }
  for (const d of new Set(list.map((r) => path.dirname(r.snapshot.real)))) fsyncDir(d);
}
