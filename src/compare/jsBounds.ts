// Bounds for the real JS SDK while compare runs it in-process. The SDK waits for ever where boto3 gives up or never
// would: its credential_process runs through child_process.exec with no time limit, and its container and metadata
// requests only warn when they exceed their timeout, and buffer any answer whole. While `withJsBounds` runs, exec
// goes through credchain's helper runner (own process group, CREDCHAIN_HELPER_TIMEOUT), and every http/https
// request is destroyed after a deadline or past 1 MiB. Outside it the replacements pass straight through.
import { promisify } from 'node:util';
import { boundedExec } from '../core/helperProcess';
import { DEFAULT_HELPER_TIMEOUT_MS } from '../providers/customProcess';

/** a whole request, answer included; the SDK's own timeouts are a second or a few */
export const JS_REQUEST_DEADLINE_MS = 5_000;
export const JS_MAX_ANSWER_BYTES = 1024 * 1024;

/** `stalled`: origins that already ran out the deadline in this run; the SDK's retries to them fail at once */
let active: { helperTimeoutMs: number; stalled: Set<string> } | undefined;
const boundedCustom = (command: string) => boundedExec(active?.helperTimeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS)(command);
const PATCHED = Symbol.for('credchain.jsBounds');

export async function withJsBounds<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const seconds = Number(env.CREDCHAIN_HELPER_TIMEOUT);
  install();
  active = {
    helperTimeoutMs: seconds > 0 && seconds <= 3600 ? seconds * 1000 : DEFAULT_HELPER_TIMEOUT_MS,
    stalled: new Set(),
  };
  try {
    return await fn();
  } finally {
    active = undefined;
  }
}

/** once per process, before the SDK first loads (it takes `exec` and `request` when it loads or first connects) */
function install(): void {
  const cp = process.getBuiltinModule('node:child_process') as typeof import('node:child_process') & {
    [PATCHED]?: true;
  };
  if (!cp[PATCHED]) {
    const original = cp.exec;
    const exec = ((...a: Parameters<typeof cp.exec>) => original(...a)) as typeof cp.exec & {
      [promisify.custom]?: unknown;
    };
    // the SDK calls promisify(exec): outside compare this gives exec's own promise form
    exec[promisify.custom] = (command: string, ...rest: unknown[]) =>
      active
        ? boundedCustom(command)
        : (promisify(original) as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
    cp.exec = exec;
    cp[PATCHED] = true;
  }
  for (const name of ['node:http', 'node:https'] as const) {
    const mod = process.getBuiltinModule(name) as typeof import('node:http') & { [PATCHED]?: true };
    if (mod[PATCHED]) continue;
    const original = mod.request;
    mod.request = function boundedRequest(this: unknown, ...args: unknown[]) {
      const req = (original as (...a: unknown[]) => import('node:http').ClientRequest).apply(this, args);
      if (active) bound(req, originOf(args[0]), active.stalled);
      return req;
    } as typeof mod.request;
    mod[PATCHED] = true;
  }
}

/** scheme, host and port of a request's first argument (a URL, its string, or request options) */
function originOf(a: unknown): string {
  if (typeof a === 'string' || a instanceof URL) {
    try {
      return new URL(String(a)).origin;
    } catch {
      return String(a);
    }
  }
  const o = (a ?? {}) as { protocol?: string; hostname?: string; host?: string; port?: string | number };
  return `${o.protocol ?? 'http:'}//${o.hostname ?? o.host ?? 'localhost'}:${o.port ?? ''}`;
}

function bound(req: import('node:http').ClientRequest, origin: string, stalled: Set<string>): void {
  const fail = (message: string) => req.destroy(Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
  if (stalled.has(origin)) {
    process.nextTick(() => fail(`${origin} did not answer in time before; credchain does not wait for it again`));
    return;
  }
  const timer = setTimeout(() => {
    stalled.add(origin);
    fail(NO_ANSWER_IN_TIME);
  }, JS_REQUEST_DEADLINE_MS);
  req.on('close', () => clearTimeout(timer));
  // counted on the socket, so the SDK's own reading of the answer is untouched
  req.on('socket', (socket) => {
    let seen = 0;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > JS_MAX_ANSWER_BYTES) {
        socket.removeListener('data', count);
        fail(ANSWER_TOO_LARGE);
      }
    };
    socket.on('data', count);
    req.on('close', () => socket.removeListener('data', count));
  });
}

// Messages

const NO_ANSWER_IN_TIME =
  `no complete answer within ${JS_REQUEST_DEADLINE_MS / 1000} s; credchain stopped waiting ` +
  `(the JS SDK would wait for ever)`;

const ANSWER_TOO_LARGE =
  `the answer is larger than ${JS_MAX_ANSWER_BYTES} bytes; credchain stopped reading (the ` +
  `JS SDK would read it all)`;
