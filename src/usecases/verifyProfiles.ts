// The `profiles --verify` engine: every profile resolved as `--profile NAME` would resolve it, its deferred credentials
// fetched and proven with GetCallerIdentity, several at a time, each within its own deadline. Bulk mode never prompts:
// an MFA profile without a cached role is "needs MFA", an SSO profile without a live token "needs login", a profile
// that gives no credentials at all (settings only) is skipped. The command around it is cli/profilesVerify.ts.
import type { ResolveOptions } from '../config/session';
import type { Context } from '../core/context';
import { isErrorType, isSsoLoginError } from '../core/errors';
import type { Method } from '../core/types';
import { DEFAULT_TIMEOUT_MS } from './materialize';
import { verifyChain, type StepCheck } from './verify';

export type ProfileVerifyStatus =
  'ok' | 'needs-mfa' | 'needs-login' | 'no-credentials' | 'rejected' | 'error' | 'timeout';

export interface ProfileVerifyRow {
  profile: string;
  /** botocore's method for the winner, null when nothing resolved */
  method: Method | null;
  status: ProfileVerifyStatus;
  account: string | null;
  arn: string | null;
  error: { type: string; code?: string; message: string } | null;
  /** wall time for this profile */
  ms: number;
}

export interface VerifyAllOptions {
  /** global options (region, --no-imds, …); the profile is set per row */
  resolve: ResolveOptions;
  /** profiles checked at once (default 8) */
  concurrency?: number;
  /** the deadline for one profile, everything included (default 20 s) */
  profileTimeoutMs?: number;
  /** per request (default 10 s, never more than the profile deadline) */
  requestTimeoutMs?: number;
  endpointUrl?: string;
  useCache?: boolean;
  /** called as each profile finishes, in the order they finish */
  onRow?: (row: ProfileVerifyRow, done: number) => void;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PROFILE_TIMEOUT_MS = 20_000;

/** not failures: the profile works once a person supplies an MFA code or logs in, or has no credentials to check */
export const NOT_FAILED: ProfileVerifyStatus[] = ['ok', 'needs-mfa', 'needs-login', 'no-credentials'];

export async function verifyAllProfiles(
  ctx: Context,
  names: string[],
  o: VerifyAllOptions,
): Promise<ProfileVerifyRow[]> {
  const rows: ProfileVerifyRow[] = new Array(names.length);
  const limit = Math.max(1, Math.min(o.concurrency ?? DEFAULT_CONCURRENCY, names.length || 1));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      rows[i] = await verifyOne(ctx, names[i], o);
      o.onRow?.(rows[i], ++done);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return rows;
}

async function verifyOne(ctx: Context, profile: string, o: VerifyAllOptions): Promise<ProfileVerifyRow> {
  const started = ctx.now();
  const deadlineMs = o.profileTimeoutMs ?? DEFAULT_PROFILE_TIMEOUT_MS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('timeout');
    }, deadlineMs);
  });
  const base = { profile, method: null, account: null, arn: null, error: null };
  // a credential_process still running when the profile's time is up is killed, not left behind
  const bounded: Context = { ...ctx, spawn: (argv, opts) => ctx.spawn(argv, { ...opts, signal: abort.signal }) };
  try {
    const outcome = await Promise.race([
      verifyChain(
        bounded,
        { ...o.resolve, profile },
        {
          interactive: false,
          useCache: o.useCache,
          endpointUrl: o.endpointUrl,
          timeoutMs: Math.min(o.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, deadlineMs),
          signal: abort.signal,
        },
      ),
      timedOut,
    ]);
    const ms = ctx.now() - started;
    if (outcome === 'timeout') {
      return {
        ...base,
        status: 'timeout',
        ms,
        error: { type: 'Timeout', message: `no answer within ${deadlineMs / 1000} s` },
      };
    }
    const { report } = outcome;
    const identity = report.identity;
    const method = report.credentials?.method ?? null;
    if (identity) return { ...base, method, status: 'ok', account: identity.account, arn: identity.arn, ms };
    const failed = report.checks.find((c) => !c.ok)!;
    return {
      ...base,
      method,
      status: statusOf(failed),
      error: failed.error ?? { type: 'Error', message: failed.message },
      ms,
    };
  } finally {
    clearTimeout(timer);
  }
}

function statusOf(c: StepCheck): ProfileVerifyStatus {
  if (c.check === 'resolve') return isErrorType(c.error?.type, 'NoCredentialsError') ? 'no-credentials' : 'error';
  if (isErrorType(c.error?.type, 'MfaCodeRequired')) return 'needs-mfa';
  if (isSsoLoginError(c.error?.type)) return 'needs-login';
  if (isErrorType(c.error?.type, 'ClientError')) return 'rejected';
  return 'error';
}
