// Writing the shared files without ever leaving a torn, short or clobbered one: a backup of the version each edit
// replaces, and atomic replacement (a temp file in the same directory, every byte written, fsync, size checked,
// rename, fsync of the directory) that keeps the file's mode and owner; new files are created 0600. A file its owner
// made read-only is refused. Symlinks are written through; the backup sits beside the path the user named. The lock
// that keeps writers apart is in editLock.ts.
import type * as nodeFs from 'node:fs';
import type { WriteFileSystem } from '../core/context';
import * as path from 'node:path';
import { atExit } from '../core/atExit';
import { CredchainError } from '../core/errors';
import { describeErrno, fsyncDir, replaceFileSync, unlinkQuiet, writeTempSync } from '../core/verifiedWrite';

/** more than this is not a credentials file; the same bound as sharedFiles.ts */
const MAX_BYTES = 64 * 1024 * 1024;

export interface FileSnapshot {
  /** the path as resolved from the environment */
  path: string;
  /** where the bytes live: the path with symlinks resolved; the lock and temp files sit next to it */
  real: string;
  /** null when the file does not exist */
  bytes: Buffer | null;
  stat: nodeFs.Stats | null;
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? String(e);
}

/** Test-only: the points where a writer can be paused (CREDCHAIN_TEST_PAUSE_AT in src/cli/edit.ts), so a test can
 * kill it at a known moment. In order: the lock file half written, all locks held, the backup half written, the
 * backup complete but not yet in place, the backup in place, a new file half written, every new file complete but
 * none renamed, every file replaced (locks still held). */
export type WriteStep =
  | 'lock-half-written'
  | 'locked'
  | 'backup-half-written'
  | 'backup-written'
  | 'backed-up'
  | 'temp-half-written'
  | 'temp-written'
  | 'replaced';
export type StepHook = (step: WriteStep) => void;

function configError(message: string): CredchainError {
  return new CredchainError(message, 'config');
}

/** the file a write really lands on: symlinks resolved, so a linked dotfile stays a link */
export function realTarget(fs: WriteFileSystem, p: string): string {
  let st: nodeFs.Stats;
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

export function readSnapshot(fs: WriteFileSystem, p: string): FileSnapshot {
  const real = realTarget(fs, p);
  let stat: nodeFs.Stats;
  try {
    stat = fs.statSync(real);
  } catch (e) {
    if (errno(e) === 'ENOENT') return { path: p, real, bytes: null, stat: null };
    throw configError(`cannot examine ${p} (${errno(e)}); nothing was written`);
  }
  if (!stat.isFile()) throw configError(`${p} is not a regular file; nothing was written`);
  if (stat.size > MAX_BYTES)
    throw configError(`${p} is ${stat.size} bytes, more than credchain edits (${MAX_BYTES}); nothing was written`);
  try {
    return { path: p, real, bytes: fs.readFileSync(real), stat };
  } catch (e) {
    throw configError(`cannot read ${p} (${errno(e)}); nothing was written`);
  }
}

/** A file its owner made read-only is refused, as `aws configure set` fails on it (open for writing: EACCES);
 * credchain replaces files by rename, which would otherwise bypass the mode. Root, whom the mode does not stop,
 * is refused too: the read-only bit is the owner's word. */
export function checkWritable(fs: WriteFileSystem, s: FileSnapshot): void {
  if (!s.stat) return;
  const mode = (s.stat.mode & 0o777).toString(8).padStart(4, '0');
  if ((s.stat.mode & 0o200) === 0) {
    throw configError(readOnlyFile(s.path, mode));
  }
  try {
    fs.accessSync(s.real, fs.constants.W_OK);
  } catch (e) {
    throw configError(
      `cannot write ${s.path} (${describeErrno(e)}; mode ${mode}, owner uid ${s.stat.uid}); nothing was written`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Backups and atomic replacement

/** temp files being written, with the door each is written through */
const tempFiles = new Map<string, WriteFileSystem>();

/** process.exit (SIGINT, a thrown error) must not leave temp files behind; after SIGKILL the next writer that holds
 * the lock removes them (removeLeftovers) */
function removeTempFiles(): void {
  for (const [t, fs] of tempFiles) unlinkQuiet(fs, t);
}

/** the backup of a file: beside the path the user named, never beside a symlink's target (which may sit in a
 * dotfiles repository) */
export function backupPath(named: string): string {
  return `${named}.credchain.bak`;
}

/** Removes temp files a killed writer left next to `file` (`.NAME.credchain-PID-….tmp`). Only called while holding
 * the lock of the file they belong to: every writer of them held it, so none is still being written. */
export function removeLeftovers(fs: WriteFileSystem, file: string): void {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.credchain-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const f of names)
    if (f.startsWith(prefix) && f.endsWith('.tmp') && /^\d+-[0-9a-f]+\.tmp$/.test(f.slice(prefix.length)))
      unlinkQuiet(fs, path.join(dir, f));
}

/** Saves the version about to be replaced as `<named path>.credchain.bak` (0600), atomically, replacing the backup
 * of the previous edit: one backup, one edit deep, so a secret rotated out does not live on in an old copy. Returns
 * the backup path, or undefined for a file that does not exist yet. */
export function writeBackup(fs: WriteFileSystem, snapshot: FileSnapshot, onStep?: StepHook): string | undefined {
  if (!snapshot.bytes) return undefined;
  const bak = backupPath(snapshot.path);
  removeLeftovers(fs, bak);
  try {
    replaceFileSync(fs, bak, snapshot.bytes, {
      mode: 0o600,
      owner: snapshot.stat,
      midway: onStep && (() => onStep('backup-half-written')),
      beforeRename: onStep && (() => onStep('backup-written')),
    });
  } catch (e) {
    throw configError(
      `cannot write the backup ${bak} (${describeErrno(e)}); nothing was written, ${snapshot.path} is unchanged`,
    );
  }
  onStep?.('backed-up');
  return bak;
}

function currentBytes(fs: WriteFileSystem, p: string): Buffer | null {
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

function dropTemp(fs: WriteFileSystem, temp: string): void {
  unlinkQuiet(fs, temp);
  tempFiles.delete(temp);
}

/** Replaces every file atomically: all temp files are written in full and flushed first, then each is renamed over
 * its target, so the targets change as close together as the file system allows. A file changed by another program
 * since it was read is not overwritten. */
export async function replaceFiles(
  fs: WriteFileSystem,
  list: Replacement[],
  o: { pauseBeforeRenameMs?: number; onStep?: StepHook } = {},
): Promise<void> {
  const staged: [Replacement, string][] = [];
  const onStep = o.onStep;
  atExit(removeTempFiles);
  try {
    for (const r of list) {
      const mode = r.snapshot.stat ? r.snapshot.stat.mode & 0o7777 : 0o600;
      removeLeftovers(fs, r.snapshot.real);
      let temp: string;
      try {
        temp = writeTempSync(fs, r.snapshot.real, r.after, {
          mode,
          owner: r.snapshot.stat,
          midway: onStep && !staged.length ? () => onStep('temp-half-written') : undefined,
        });
      } catch (e) {
        throw configError(
          cannotWrite(
            r.snapshot.path,
            describeErrno(e),
            list.map((x) => x.snapshot.path),
          ),
        );
      }
      tempFiles.set(temp, fs);
      staged.push([r, temp]);
    }
    onStep?.('temp-written');
    if (o.pauseBeforeRenameMs) await new Promise((res) => setTimeout(res, o.pauseBeforeRenameMs));
    for (const [r] of staged) {
      const now = currentBytes(fs, r.snapshot.real);
      const same = now === null ? r.snapshot.bytes === null : r.snapshot.bytes !== null && now.equals(r.snapshot.bytes);
      if (!same) throw configError(changedWhileEditing(r.snapshot.path));
    }
    const done: string[] = [];
    for (const [r, temp] of staged) {
      try {
        fs.renameSync(temp, r.snapshot.real);
      } catch (e) {
        const already = done.length ? `; already replaced: ${done.join(', ')}` : '; nothing was written';
        throw configError(`cannot replace ${r.snapshot.path} (${describeErrno(e)})${already}`);
      }
      tempFiles.delete(temp);
      done.push(r.snapshot.path);
    }
  } finally {
    for (const [, temp] of staged) if (tempFiles.has(temp)) dropTemp(fs, temp);
  }
  for (const d of new Set(list.map((r) => path.dirname(r.snapshot.real)))) fsyncDir(fs, d);
  onStep?.('replaced');
}

// Messages

function readOnlyFile(file: string, mode: string): string {
  return (
    `${file} is read-only (mode ${mode}); credchain does not edit a file made read-only. Make it writable ` +
    `first (chmod u+w), or edit it by hand. Nothing was written`
  );
}

function cannotWrite(file: string, reason: string, unchanged: string[]): string {
  return (
    `cannot write ${file} (${reason}); nothing was written, ${unchanged.join(' and ')} ` +
    `${unchanged.length > 1 ? 'are' : 'is'} unchanged`
  );
}

function changedWhileEditing(file: string): string {
  return (
    `${file} was changed by another program while credchain was editing it; nothing was written, run the ` +
    `command again`
  );
}
