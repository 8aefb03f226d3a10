// The lock that keeps two writers of one shared file apart: `<file>.lock`, created with O_EXCL, holding who took it
// (pid, host, when that process started, when the lock was taken). A lock is broken when it is provably stale: its
// process is gone, or its pid now belongs to a process that started later (pid reuse). What cannot be checked from
// here (a lock from another host, a live pid whose start time cannot be read) goes stale after STALE_AFTER_MS, and
// the writer that breaks a lock says so. A lock killed half-written is stale after HALF_WRITTEN_MS.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import type { WriteFileSystem } from '../core/context';
import { atExit } from '../core/atExit';
import { CredchainError } from '../core/errors';
import { randomHex } from '../core/hash';
import { describeErrno, errnoOf, unlinkQuiet, writeAllSync } from '../core/verifiedWrite';
import type { StepHook } from './fileWriter';

const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** an edit holds its lock for milliseconds; a lock this old whose owner cannot be checked is abandoned */
export const STALE_AFTER_MS = 2 * 60_000;
/** a lock file without a complete record: its writer was killed while writing it, or is writing it right now */
const HALF_WRITTEN_MS = 2000;

interface HeldLock {
  fs: WriteFileSystem;
  lockPath: string;
  token: string;
}

export interface LockRecord {
  pid: number;
  host: string;
  /** when the owning process started (ISO), for people */
  started?: string;
  /** `<boot id>:<start ticks>` from /proc (Linux): equal only for the very same process */
  procStart?: string;
  /** when the lock was taken (ISO) */
  taken?: string;
}

const held = new Set<HeldLock>();

/** process.exit (SIGINT, a thrown error) must not leave our lock behind; SIGKILL can, and the next writer breaks it */
function releaseAllLocks(): void {
  for (const l of held) releaseLock(l);
}

function readQuiet(p: string, fs: Pick<WriteFileSystem, 'readFileSync'> = { readFileSync }): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** `<boot id>:<start time in clock ticks>` of a process, from /proc; undefined where there is no /proc */
export function procStartOf(pid: number): string | undefined {
  const stat = readQuiet(`/proc/${pid}/stat`);
  const boot = readQuiet('/proc/sys/kernel/random/boot_id')?.trim();
  if (!stat || !boot) return undefined;
  // the command name (field 2) is in parentheses and may itself hold spaces and parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = fields[19]; // field 22, starttime
  return ticks && /^\d+$/.test(ticks) ? `${boot}:${ticks}` : undefined;
}

function lockToken(now: number): string {
  const procStart = procStartOf(process.pid);
  return [
    String(process.pid),
    os.hostname(),
    `started=${new Date(now - process.uptime() * 1000).toISOString()}`,
    ...(procStart ? [`proc-start=${procStart}`] : []),
    `taken=${new Date(now).toISOString()}`,
    `id=${randomHex(8)}`,
    '',
  ].join('\n');
}

/** the record in a lock file; undefined when it is incomplete (the first two lines are pid and host, as credchain
 * has always written them, and the record ends with a newline) */
export function parseLock(content: string): LockRecord | undefined {
  const lines = content.split('\n');
  if (!content.endsWith('\n') || lines.length < 3 || !/^\d+$/.test(lines[0]) || !lines[1]) return undefined;
  const rec: LockRecord = { pid: Number(lines[0]), host: lines[1] };
  for (const l of lines.slice(2)) {
    const [k, v] = [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)];
    if (k === 'started') rec.started = v;
    else if (k === 'proc-start') rec.procStart = v;
    else if (k === 'taken') rec.taken = v;
  }
  return rec;
}

export type LockVerdict = { stale: false; why: string } | { stale: true; why: string };

/** what this host can tell about a pid */
export interface ProcessProbe {
  host: string;
  /** false when no such process exists */
  alive(pid: number): boolean;
  procStart(pid: number): string | undefined;
}

export const thisHost: ProcessProbe = {
  host: os.hostname(),
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return errnoOf(e) !== 'ESRCH'; // EPERM: it exists, it is someone else's
    }
  },
  procStart: procStartOf,
};

const mins = (ms: number) => `${Math.round(ms / 60_000)} minutes`;

/** Whether a lock can be broken, and why (in words for the user). `ageMs` is the age of the lock file. */
export function judgeLock(content: string, ageMs: number, probe: ProcessProbe = thisHost): LockVerdict {
  const rec = parseLock(content);
  if (!rec) {
    return ageMs > HALF_WRITTEN_MS
      ? { stale: true, why: 'its record is incomplete (its writer was killed while taking it)' }
      : { stale: false, why: 'its record is being written' };
  }
  const who = `process ${rec.pid}${rec.host !== probe.host ? ` on host ${rec.host}` : ''}`;
  const since = rec.taken ? ` since ${rec.taken}` : '';
  if (rec.host !== probe.host) {
    return ageMs > STALE_AFTER_MS
      ? {
          stale: true,
          why: takenTooLongAgo(who, since),
        }
      : {
          stale: false,
          why: heldFromAnotherHost(who, since),
        };
  }
  if (!probe.alive(rec.pid)) return { stale: true, why: `${who} that took it is gone` };
  const now = probe.procStart(rec.pid);
  if (rec.procStart && now) {
    return now === rec.procStart
      ? { stale: false, why: `it is held by ${who}${since}, which is still running` }
      : { stale: true, why: `${who} that took it is gone (pid ${rec.pid} now belongs to another program)` };
  }
  // a live pid we cannot tell apart from a reused one
  return ageMs > STALE_AFTER_MS
    ? {
        stale: true,
        why: pidTakenToBeReused(who, since, rec.pid),
      }
    : { stale: false, why: `it is held by ${who}${since}, which is running` };
}

/** Moves the stale lock aside and deletes it only if it is still the one judged stale; a lock taken over in the
 * meantime is put back. */
function breakStaleLock(fs: WriteFileSystem, lockPath: string, content: string): boolean {
  const aside = `${lockPath}.stale-${process.pid}-${randomHex(4)}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return false; // someone else broke it first
  }
  if (readQuiet(aside, fs) !== content) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      /* a third writer holds it now */
    }
    unlinkQuiet(fs, aside);
    return false;
  }
  unlinkQuiet(fs, aside);
  return true;
}

function configError(message: string): CredchainError {
  return new CredchainError(message, 'config');
}

/** creates the lock file with our record, complete or not at all */
function tryCreate(fs: WriteFileSystem, lockPath: string, token: string, onStep?: StepHook): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false;
    throw configError(`cannot create the lock file ${lockPath} (${describeErrno(e)}); nothing was written`);
  }
  try {
    writeAllSync(fs, fd, Buffer.from(token), { midway: onStep && (() => onStep('lock-half-written')) });
  } catch (e) {
    fs.closeSync(fd);
    unlinkQuiet(fs, lockPath);
    throw configError(`cannot write the lock file ${lockPath} (${describeErrno(e)}); nothing was written`);
  }
  fs.closeSync(fd);
  return true;
}

export interface LockOptions {
  timeoutMs?: number;
  debug?: (l: string) => void;
  /** told when a stale lock is broken */
  warn?: (l: string) => void;
  onStep?: StepHook;
}

async function acquireLock(fs: WriteFileSystem, target: string, o: LockOptions): Promise<HeldLock> {
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + (o.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  let delay = 5;
  for (;;) {
    const token = lockToken(Date.now());
    if (tryCreate(fs, lockPath, token, o.onStep)) {
      const lock = { fs, lockPath, token };
      held.add(lock);
      atExit(releaseAllLocks);
      o.debug?.(`locked ${lockPath}`);
      return lock;
    }
    const content = readQuiet(lockPath, fs);
    const age = ageOf(fs, lockPath);
    // unreadable (released just now, or not a file at all): wait like for a live lock, so this loop stays bounded
    const verdict: LockVerdict =
      content === undefined || age === undefined ? { stale: false, why: 'it cannot be read' } : judgeLock(content, age);
    if (verdict.stale && content !== undefined) {
      if (breakStaleLock(fs, lockPath, content)) o.warn?.(`broke the stale lock ${lockPath}: ${verdict.why}`);
      continue;
    }
    if (Date.now() >= deadline) {
      throw configError(lockedNothingWritten(target, lockPath, verdict.why));
    }
    await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
    delay = Math.min(delay * 1.6, 200);
  }
}

function ageOf(fs: WriteFileSystem, p: string): number | undefined {
  try {
    return Date.now() - fs.statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
}

function releaseLock(lock: HeldLock): void {
  held.delete(lock);
  // only our own lock: if it was taken from us it is someone else's now
  if (readQuiet(lock.lockPath, lock.fs) === lock.token) unlinkQuiet(lock.fs, lock.lockPath);
}

/** Runs fn holding the lock of every target (taken in one sorted order, so two writers cannot deadlock). */
export async function withLocks<T>(
  fs: WriteFileSystem,
  targets: string[],
  fn: () => Promise<T>,
  o: LockOptions = {},
): Promise<T> {
  const locks: HeldLock[] = [];
  try {
    for (const t of [...new Set(targets)].sort()) locks.push(await acquireLock(fs, t, o));
    o.onStep?.('locked');
    return await fn();
  } finally {
    for (const l of locks.reverse()) releaseLock(l);
  }
}

// Messages

function takenTooLongAgo(who: string, since: string): string {
  return `it was taken by ${who}${since}, more than ${mins(STALE_AFTER_MS)} ago, and no edit holds a lock that long`;
}

function heldFromAnotherHost(who: string, since: string): string {
  return `it is held by ${who}${since}; a lock from another host is treated as stale after ${mins(STALE_AFTER_MS)}`;
}

function pidTakenToBeReused(who: string, since: string, pid: number): string {
  return (
    `it was taken by ${who}${since}, more than ${mins(STALE_AFTER_MS)} ago; pid ${pid} is running but is ` +
    `taken to be another program by now`
  );
}

function lockedNothingWritten(target: string, lockPath: string, why: string): string {
  return (
    `${target} is locked (${lockPath}): ${why}. If no credchain is running, delete the lock file. Nothing was ` +
    `written`
  );
}
