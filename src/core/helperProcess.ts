// Runs a helper (credential_process) so that it always ends: in its own process group, stopped as a group (SIGTERM,
// then SIGKILL) on timeout, abort, too much output, or credchain's own SIGINT/SIGTERM/SIGHUP/exit. A helper that
// exits while something it started still holds its stdout (`sleep 600 & echo {...}`) is not waited for: boto3's
// communicate() would wait for that pipe; credchain keeps what was written and stops the group after a short grace.
import type { SpawnOptions, SpawnResult } from './context';
import { resolveExecutable } from '../python/pythonExec';
import { atExit } from './atExit';
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** after the helper exits, how long its output may stay open before credchain stops reading */
export const EXIT_GRACE_MS = 300;
/** after SIGTERM, how long the group has before SIGKILL */
export const KILL_GRACE_MS = 1500;
const NOTICE_AFTER_MS = 1000;

/** process groups still alive or not yet SIGKILLed: killed when credchain exits, whatever the reason */
const live = new Set<number>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

function killGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* ESRCH: the whole group is gone */
  }
}

/** while a helper lives, credchain's own interruption takes the helper's group down with it */
function onSignal(sig: (typeof SIGNALS)[number]): void {
  for (const pgid of live) killGroup(pgid, 'SIGKILL');
  live.clear();
  // ours is the only listener: do what the default action would have done (the CLI's own SIGINT handler exits 130)
  if (process.listenerCount(sig) <= 1) process.exit(128 + SIGNAL_NUMBERS[sig]);
}
const listeners = Object.fromEntries(SIGNALS.map((s) => [s, () => onSignal(s)])) as Record<
  (typeof SIGNALS)[number],
  () => void
>;

function killLiveGroups(): void {
  for (const g of live) killGroup(g, 'SIGKILL');
}

function track(pgid: number): void {
  atExit(killLiveGroups);
  if (live.size === 0) for (const s of SIGNALS) process.on(s, listeners[s]);
  live.add(pgid);
}

function untrack(pgid: number): void {
  if (!live.delete(pgid)) return;
  if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, listeners[s]);
}

export function spawnHelper(
  argv: string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultCwd: string,
  notice: ((line: string) => void) | undefined,
  opts: SpawnOptions = {},
): Promise<SpawnResult> {
  const cwd = opts.cwd ?? defaultCwd;
  const empty = Buffer.alloc(0);
  const target = resolveExecutable(argv[0] ?? '', env, cwd);
  if (!target.ok) {
    const startError: NodeJS.ErrnoException = Object.assign(new Error(target.message), { code: target.code });
    return Promise.resolve({ code: null, stdout: empty, stderr: empty, startError });
  }
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return new Promise((resolve) => {
    let child: import('node:child_process').ChildProcess;
    try {
      // detached: a new session and process group, so the group can be killed without killing credchain. stdin is
      // inherited, as botocore's Popen does; argv[0] stays as written
      child = spawn(target.file, argv.slice(1), {
        argv0: argv[0],
        cwd,
        env: childEnv,
        stdio: ['inherit', 'pipe', 'pipe'],
        detached: true,
        shell: false,
      });
    } catch (e) {
      resolve({ code: null, stdout: empty, stderr: empty, startError: e as NodeJS.ErrnoException });
      return;
    }
    const pgid = child.pid;
    if (pgid !== undefined) track(pgid);
    const limit = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    let stopped: SpawnResult['stopped'];
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let finished = false;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(fn, ms);
      timers.push(t);
      return t;
    };

    const finish = (startError?: NodeJS.ErrnoException) => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
      // stop reading: a pipe held open by a straggler must not keep credchain alive
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (pgid !== undefined && !stopped) untrack(pgid);
      resolve({
        code: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        startError,
        stopped,
      });
    };

    const stop = (why: NonNullable<SpawnResult['stopped']>) => {
      if (stopped || pgid === undefined) return;
      stopped = why;
      killGroup(pgid, 'SIGTERM');
      // not cleared by finish(): a member that ignores SIGTERM is still killed, even after we stopped waiting
      const kill = setTimeout(() => {
        killGroup(pgid, 'SIGKILL');
        untrack(pgid);
      }, KILL_GRACE_MS);
      kill.unref();
      if (exit) finish();
      // the direct child normally exits on SIGTERM or SIGKILL; this bounds the wait even if it does not
      else later(KILL_GRACE_MS + 500, () => finish());
    };

    const onAbort = () => stop('timeout');
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs) later(opts.timeoutMs, () => stop('timeout'));
    if (notice && opts.waitingNotice) later(NOTICE_AFTER_MS, () => notice(opts.waitingNotice!)).unref();

    const collect = (chunks: Buffer[], key: 'out' | 'err') => (c: Buffer) => {
      if (stopped) return;
      sizes[key] += c.length;
      if (sizes[key] > limit) {
        chunks.push(c.subarray(0, Math.max(0, c.length - (sizes[key] - limit))));
        stop('output');
        return;
      }
      chunks.push(c);
    };
    child.stdout!.on('data', collect(out, 'out'));
    child.stderr!.on('data', collect(err, 'err'));
    // a destroyed stream may report an error; the outcome is already decided
    child.stdout!.on('error', () => {});
    child.stderr!.on('error', () => {});
    child.on('error', (e: NodeJS.ErrnoException) => finish(e));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (stopped) finish();
      // the pipes normally close with the process; if something still holds them, stop waiting after a grace
      else later(EXIT_GRACE_MS, () => stop('held-open'));
    });
    child.on('close', () => finish());
  });
}

/**
 * child_process.exec as the JS SDK's credential_process provider calls it (promisified: {stdout, stderr}, or an error
 * carrying the exit code), run through spawnHelper: `/bin/sh -c command` in its own process group, bounded in time
 * and output. compare installs it before loading the SDK, so the real SDK's helper cannot hang credchain either.
 */
export function boundedExec(timeoutMs: number) {
  return (command: string): Promise<{ stdout: string; stderr: string }> =>
    spawnHelper(['/bin/sh', '-c', command], process.env, process.cwd(), undefined, { timeoutMs }).then((r) => {
      const stdout = r.stdout.toString('utf8');
      const stderr = r.stderr.toString('utf8');
      if (r.code === 0 && !r.stopped) return { stdout, stderr };
      const why =
        r.stopped === 'timeout'
          ? `did not finish within ${timeoutMs / 1000} s; credchain stopped it`
          : r.stopped === 'output'
            ? 'wrote more than 1 MiB; credchain stopped it'
            : `exited with ${r.code ?? r.signal}`;
      throw Object.assign(new Error(`Command failed: ${command} (${why})`), { code: r.code, stdout, stderr });
    });
}
