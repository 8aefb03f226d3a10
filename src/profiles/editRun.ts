// Runs one profile edit against the real files: resolve both paths as botocore does, read and plan (edit.ts) to learn
// which files the edit writes, lock exactly those (editLock.ts), read and plan again under the locks, back up, and
// replace atomically (fileWriter.ts). With dryRun it only reads and returns the masked diff.
import * as path from 'node:path';
import type { Context, WriteFileSystem } from '../core/context';
import { CredchainError } from '../core/errors';
import { decodeIni } from '../ini/parse';
import { sharedFileLocation, SHARED_FILE_PATHS } from '../config/sharedFileLoader';
import {
  planEdit,
  type EditFile,
  type EditFiles,
  type EditOp,
  type EditPlan,
  type FileKind,
  type PlanOptions,
} from './edit';
import { unifiedDiff } from './editDiff';
import { withLocks } from './editLock';
import {
  checkWritable,
  readSnapshot,
  realTarget,
  replaceFiles,
  writeBackup,
  type FileSnapshot,
  type StepHook,
} from './fileWriter';

export interface EditOutcome {
  plan: EditPlan;
  /** with dryRun: the masked unified diff of every file the edit would change ('' otherwise) */
  diff: string;
  /** backups made by this run: the version each written file had before it */
  backups: string[];
  dryRun: boolean;
}

export interface EditRunOptions extends PlanOptions {
  dryRun?: boolean;
  /** test hook: sleep between writing the temp files and renaming them */
  pauseBeforeRenameMs?: number;
  /** test hook: called at each step of the write (fileWriter.ts WriteStep) */
  onStep?: StepHook;
  lockTimeoutMs?: number;
}

const KINDS: FileKind[] = ['config', 'credentials'];

/** the file's path as botocore resolves it ('' when its variable is set but empty): the loader's path table */
export function editPath(ctx: Context, kind: FileKind): string {
  return sharedFileLocation(ctx, kind).path;
}

interface Attempt {
  plan: EditPlan;
  snaps: Map<FileKind, FileSnapshot>;
}

/** an edit that is not one of the profile ops (sso populate): it plans on both files' text, as planEdit does */
export type EditPlanner = (files: EditFiles) => EditPlan;

function readAndPlan(
  fs: WriteFileSystem,
  paths: Record<FileKind, string>,
  op: EditOp | EditPlanner,
  o: PlanOptions,
): Attempt {
  const snaps = new Map<FileKind, FileSnapshot>();
  const files = {} as Record<FileKind, EditFile>;
  for (const k of KINDS) {
    if (paths[k] === '') {
      files[k] = { path: `(${SHARED_FILE_PATHS[k].envVar} is empty)`, text: null, disabled: true };
      continue;
    }
    const snap = readSnapshot(fs, paths[k]);
    snaps.set(k, snap);
    files[k] = { path: paths[k], text: snap.bytes ? decodeIni(snap.bytes, paths[k]) : null };
  }
  const plan = typeof op === 'function' ? op(files) : planEdit(files, op, o);
  // a file the plan would write must be writable by its owner's word, dry run or not
  for (const w of plan.writes) checkWritable(fs, snaps.get(w.file)!);
  return { plan, snaps };
}

/** the real files a plan writes */
function writeTargets(a: Attempt): string[] {
  return a.plan.writes.map((w) => a.snaps.get(w.file)!.real);
}

export async function runEdit(ctx: Context, op: EditOp | EditPlanner, o: EditRunOptions = {}): Promise<EditOutcome> {
  const fs = ctx.writeFs;
  const paths: Record<FileKind, string> = {
    config: editPath(ctx, 'config'),
    credentials: editPath(ctx, 'credentials'),
  };
  if (paths.config && paths.credentials && sameFile(fs, paths.config, paths.credentials)) {
    throw new CredchainError(sameFileForBoth(paths.config), 'config');
  }
  const planOptions: PlanOptions = { strict: o.strict, references: o.references };
  const first = readAndPlan(fs, paths, op, { ...planOptions, check: !!o.dryRun });
  if (o.dryRun || !first.plan.writes.length) {
    const diff = o.dryRun ? first.plan.writes.map((w) => unifiedDiff(w.path, w.before, w.after)).join('') : '';
    return { plan: first.plan, diff, backups: [], dryRun: !!o.dryRun };
  }
  // lock what the plan writes, then read and plan again: another writer may have changed the files meanwhile, and
  // if the edit now needs a file that is not locked, start over with that one too
  let targets = new Set(writeTargets(first));
  const lockWarnings: string[] = [];
  for (let round = 0; round < 5; round++) {
    for (const t of targets) mkdirFor(fs, t);
    const outcome = await withLocks(
      fs,
      [...targets],
      async () => {
        const a = readAndPlan(fs, paths, op, planOptions);
        const need = writeTargets(a);
        if (need.some((t) => !targets.has(t))) {
          targets = new Set([...targets, ...need]);
          return undefined;
        }
        const list = a.plan.writes.map((w) => ({
          snapshot: a.snaps.get(w.file)!,
          after: Buffer.from(w.after, 'utf8'),
        }));
        const backups: string[] = [];
        for (const r of list) {
          const bak = writeBackup(fs, r.snapshot, o.onStep);
          if (bak) backups.push(bak);
        }
        await replaceFiles(fs, list, { pauseBeforeRenameMs: o.pauseBeforeRenameMs, onStep: o.onStep });
        a.plan.warnings.unshift(...lockWarnings);
        return { plan: a.plan, diff: '', backups, dryRun: false };
      },
      { timeoutMs: o.lockTimeoutMs, debug: (l) => ctx.debug(l), warn: (l) => lockWarnings.push(l), onStep: o.onStep },
    );
    if (outcome) return outcome;
  }
  throw new CredchainError(
    'the files kept changing while credchain tried to lock them; nothing was written, run the command again',
    'config',
  );
}

/** the same file under two names (`~/aws.ini` and `$HOME/./aws.ini`, a link and its target), existing or not */
function sameFile(fs: WriteFileSystem, a: string, b: string): boolean {
  try {
    const [x, y] = [fs.statSync(a), fs.statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return path.resolve(realTarget(fs, a)) === path.resolve(realTarget(fs, b));
  }
}

/** a new file's folder, created 0700 like ~/.aws */
function mkdirFor(fs: WriteFileSystem, file: string): void {
  const dir = path.dirname(file);
  try {
    fs.statSync(dir);
    return;
  } catch {
    /* create it */
  }
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new CredchainError(
      `cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? e}); nothing was written`,
      'config',
    );
  }
}

// Messages

function sameFileForBoth(file: string): string {
  return (
    `AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name the same file (${file}); credchain will not edit it ` +
    `as both`
  );
}
