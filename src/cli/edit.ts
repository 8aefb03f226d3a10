// `credchain set / unset / remove / rename / copy`: edit profiles in the shared files. Each command parses its
// arguments, calls runEdit (src/profiles/editRun.ts) and renders: a one-line confirmation on stderr, the masked diff
// on stdout for --dry-run, a small JSON result with --json. Values are never printed.
import * as fs from 'node:fs';
import type { Argv } from 'yargs';
import { EXIT } from '../core/errors';
import type { Change, EditOp, EditPlan } from '../profiles/edit';
import type { StepHook, WriteStep } from '../profiles/fileWriter';
import { KEY_MATERIAL } from '../profiles/editSections';
import { runEdit, type EditOutcome } from '../profiles/editRun';
import { nodeContext } from '../core/nodeContext';
import { tildify } from '../core/mask';
import { readValue } from './editInput';
import type { CliIO } from './io';
import { wantsJson, type BuiltArgs, type GlobalArgs } from './options';
import { escapeControl } from '../core/escape';

function withDryRun<T>(y: Argv<T>) {
  return y
    .positional('name', { type: 'string', describe: 'the profile' })
    .option('dry-run', { type: 'boolean', describe: 'print a diff (secrets masked) and write nothing' });
}

/** `raw` is the command line as given: yargs reads a lone "-" as "", so it is told apart from a real "" there */
export function setBuilder(raw: string[]) {
  return <T>(y: Argv<T>) =>
    withDryRun(y)
      .positional('key', {
        type: 'string',
        describe: 'the key; aws_access_key_id, aws_secret_access_key and aws_session_token go to the credentials file',
      })
      .positional('value', { type: 'string', describe: 'the value, or - to read it from stdin' })
      .option('stdin', { type: 'boolean', describe: 'read the value from stdin (typed without echo on a terminal)' })
      .option('strict', {
        type: 'boolean',
        describe: 'refuse (exit 252) a key boto3 does not read or a value with an inline comment, instead of warning',
      })
      .middleware((a) => {
        if (a.value === '' && raw.includes('-') && !raw.includes('')) (a as { value?: string }).value = '-';
      });
}

export function unsetBuilder<T>(y: Argv<T>) {
  return withDryRun(y).positional('key', { type: 'string', describe: 'the key to remove' });
}

export function removeBuilder<T>(y: Argv<T>) {
  return withDryRun(y);
}

export function copyBuilder<T>(y: Argv<T>) {
  return withDryRun(y).positional('new-name', { type: 'string', describe: 'the new profile name' });
}

export function renameBuilder<T>(y: Argv<T>) {
  return copyBuilder(y).option('references', {
    type: 'boolean',
    default: true,
    describe: 'rewrite source_profile lines that name the old profile (--no-references leaves them)',
  });
}

type SetArgs = GlobalArgs & BuiltArgs<ReturnType<typeof setBuilder>>;
type UnsetArgs = GlobalArgs & BuiltArgs<typeof unsetBuilder>;
type RemoveArgs = GlobalArgs & BuiltArgs<typeof removeBuilder>;
type CopyArgs = GlobalArgs & BuiltArgs<typeof copyBuilder>;
type RenameArgs = GlobalArgs & BuiltArgs<typeof renameBuilder>;
/** what runAndRender reads, from any of them */
type EditArgs = GlobalArgs & { dryRun?: boolean; strict?: boolean; references?: boolean };

/** secrets given on the command line are visible to other users and kept in shell history */
const ARGV_SECRETS = new Set([...KEY_MATERIAL].filter((k) => k !== 'aws_access_key_id'));

export async function setCommand(a: SetArgs, io: CliIO): Promise<number> {
  const key = String(a.key);
  const viaStdin = a.stdin === true || a.value === '-';
  const value = await readValue(
    { value: a.value === undefined ? undefined : String(a.value), stdin: a.stdin },
    key,
    io.stderr,
  );
  if (!viaStdin && ARGV_SECRETS.has(key.toLowerCase())) {
    io.stderr(SECRET_ON_COMMAND_LINE);
  }
  return runAndRender({ kind: 'set', profile: String(a.name), key, value }, a, io);
}

export async function unsetCommand(a: UnsetArgs, io: CliIO): Promise<number> {
  return runAndRender({ kind: 'unset', profile: String(a.name), key: String(a.key) }, a, io);
}

export async function removeCommand(a: RemoveArgs, io: CliIO): Promise<number> {
  return runAndRender({ kind: 'remove', profile: String(a.name) }, a, io);
}

export async function renameCommand(a: RenameArgs, io: CliIO): Promise<number> {
  return runAndRender({ kind: 'rename', profile: String(a.name), to: String(a.newName) }, a, io);
}

export async function copyCommand(a: CopyArgs, io: CliIO): Promise<number> {
  return runAndRender({ kind: 'copy', profile: String(a.name), to: String(a.newName) }, a, io);
}

function msEnv(io: CliIO, name: string): number | undefined {
  const v = Number(io.env[name]);
  return io.env[name] && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Test-only, not a feature: CREDCHAIN_TEST_PAUSE_AT=<step> stops the writer at that step of the write (a
 * fileWriter.ts WriteStep) after appending the step's name to the file CREDCHAIN_TEST_PAUSE_READY, so a test knows
 * exactly where the writer is when it kills it. The pause blocks the whole process (it must, inside a synchronous
 * write) for at most 60 seconds, then the write goes on. */
function testPauseHook(io: CliIO): StepHook | undefined {
  const at = io.env.CREDCHAIN_TEST_PAUSE_AT as WriteStep | undefined;
  const ready = io.env.CREDCHAIN_TEST_PAUSE_READY;
  if (!at || !ready) return undefined;
  return (step) => {
    if (step !== at) return;
    fs.appendFileSync(ready, `${step}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  };
}

async function runAndRender(op: EditOp, a: EditArgs, io: CliIO): Promise<number> {
  const ctx = {
    ...nodeContext({ env: io.env, debug: a.debug ? (l) => io.stderr(`debug: ${l}\n`) : undefined }),
    cwd: io.cwd,
  };
  const outcome = await runEdit(ctx, op, {
    dryRun: a.dryRun === true,
    // hidden test hooks: a slow write (to kill a writer mid-way) and a short lock wait
    pauseBeforeRenameMs: msEnv(io, 'CREDCHAIN_TEST_PAUSE_BEFORE_RENAME_MS'),
    onStep: testPauseHook(io),
    lockTimeoutMs: msEnv(io, 'CREDCHAIN_LOCK_TIMEOUT_MS'),
    strict: a.strict === true,
    references: a.references !== false,
  });
  if (wantsJson(a)) {
    io.stdout(JSON.stringify(jsonResult(outcome), null, 2) + '\n');
    return EXIT.ok;
  }
  if (outcome.dryRun) io.stdout(outcome.diff);
  for (const w of outcome.plan.warnings) io.stderr(`credchain: warning: ${escapeControl(w)}\n`);
  const saved = outcome.backups.map((b) => tildify(b, ctx.home));
  io.stderr(
    `${escapeControl(confirmation(outcome, ctx.home))}${
      saved.length ? `; previous version saved as ${saved.join(' and ')}` : ''
    }\n`,
  );
  return EXIT.ok;
}

function jsonResult(o: EditOutcome) {
  const op = o.plan.op;
  return {
    command: op.kind,
    profile: 'profile' in op ? op.profile : null,
    key: 'key' in op ? op.key : null,
    to: 'to' in op ? op.to : null,
    dryRun: o.dryRun,
    changed: o.plan.writes.length > 0,
    changes: o.plan.changes.map((c) => ({
      file: c.path,
      kind: c.file,
      section: c.section,
      line: c.line,
      action: c.action,
      ...(c.to !== undefined ? { to: c.to } : {}),
      ...(c.key !== undefined ? { key: c.key } : {}),
    })),
    backups: o.backups,
    warnings: o.plan.warnings,
    diff: o.dryRun ? o.diff : null,
  };
}

function where(c: Change, home: string): string {
  return `(${tildify(c.path, home)}:${c.line}${c.action === 'created' ? ', new section' : ''})`;
}

/** "set region in [profile dev] (~/.aws/config:12)", "removed [dev] (~/.aws/credentials:1) and …" */
export function confirmation(o: EditOutcome, home: string): string {
  const { op, changes } = o.plan as EditPlan;
  const at = (c: Change) => `[${c.section}] ${where(c, home)}`;
  const moved = (c: Change) => `[${c.section}] to [${c.to}] ${where(c, home)}`;
  if (op.kind === 'set' && changes[0].action === 'unchanged') {
    return `${op.key} in ${at(changes[0])} already has that value; nothing to write`;
  }
  let text: string;
  if (op.kind === 'set') text = `set ${op.key} in ${at(changes[0])}`;
  else if (op.kind === 'unset') text = `unset ${op.key} in ${changes.map(at).join(' and ')}`;
  else if (op.kind === 'remove') text = `removed ${changes.map(at).join(' and ')}`;
  else {
    text =
      `${op.kind === 'rename' ? 'renamed' : 'copied'} ` +
      `${changes
        .filter((c) => c.to !== undefined)
        .map(moved)
        .join(' and ')}`;
    const refs = changes.filter((c) => c.key === 'source_profile');
    if (op.kind === 'rename' && refs.length)
      text += `; source_profile ${op.profile} → ${op.to} in ${refs.map(at).join(' and ')}`;
  }
  return o.dryRun ? `dry run: would have ${text}; nothing was written` : text;
}

// Messages

const SECRET_ON_COMMAND_LINE =
  `credchain: warning: a secret on the command line is visible in the process list ` +
  `and shell history; pass - and give it on stdin\n`;
