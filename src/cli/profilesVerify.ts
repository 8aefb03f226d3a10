// `credchain profiles --verify`: every profile resolved as `--profile NAME` would resolve it, its deferred credentials
// fetched and proven with GetCallerIdentity, several at a time, each within its own deadline. Bulk mode never
// prompts: an MFA profile without a cached role is reported as "needs MFA", an SSO profile without a live token as
// "needs login", a profile that gives no credentials at all (settings only) as skipped. Exit 0 when no profile failed
// (needing MFA or a login, or being skipped, is not a failure), 1 otherwise. On a terminal, "12/52" progress on
// stderr and each row as it arrives.
import type { Argv } from 'yargs';
import type { Context } from '../core/context';
import type { ResolveOptions } from '../config/session';
import type { Method } from '../core/types';
import { EXIT } from '../core/errors';
import { DEFAULT_TIMEOUT_MS } from '../usecases/materialize';
import { canShowProgress } from './terminal';
import { verifyChain, type StepCheck } from '../usecases/verify';
import type { ProfileListing } from '../profiles/list';
import { makeChalk } from '../render/color';
import { profilesVerifyStream, renderProfilesVerifyText, summarizeProfilesVerify } from '../render/verifyProfilesText';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { NETWORK_OPTIONS, resolveOptions, seconds, timeoutMs, wantsJson, yargsOptions, type GlobalArgs, type NetworkArgs, type OptionSpec } from './options';

export type ProfileVerifyStatus = 'ok' | 'needs-mfa' | 'needs-login' | 'no-credentials' | 'rejected' | 'error' | 'timeout';

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
const NOT_FAILED: ProfileVerifyStatus[] = ['ok', 'needs-mfa', 'needs-login', 'no-credentials'];

export async function verifyAllProfiles(ctx: Context, names: string[], o: VerifyAllOptions): Promise<ProfileVerifyRow[]> {
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
      verifyChain(bounded, { ...o.resolve, profile }, {
        interactive: false,
        useCache: o.useCache,
        endpointUrl: o.endpointUrl,
        timeoutMs: Math.min(o.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, deadlineMs),
        signal: abort.signal,
      }),
      timedOut,
    ]);
    const ms = ctx.now() - started;
    if (outcome === 'timeout') {
      return { ...base, status: 'timeout', ms, error: { type: 'Timeout', message: `no answer within ${deadlineMs / 1000} s` } };
    }
    const { report } = outcome;
    const identity = report.identity;
    const method = report.credentials?.method ?? null;
    if (identity) return { ...base, method, status: 'ok', account: identity.account, arn: identity.arn, ms };
    const failed = report.checks.find((c) => !c.ok)!;
    return { ...base, method, status: statusOf(failed), error: failed.error ?? { type: 'Error', message: failed.message }, ms };
  } finally {
    clearTimeout(timer);
  }
}

function statusOf(c: StepCheck): ProfileVerifyStatus {
  if (c.check === 'resolve') return c.error?.type === 'NoCredentialsError' ? 'no-credentials' : 'error';
  if (c.error?.type === 'MfaCodeRequired') return 'needs-mfa';
  if (c.error && SSO_LOGIN_TYPES.includes(c.error.type)) return 'needs-login';
  if (c.error?.type === 'ClientError') return 'rejected';
  return 'error';
}

/** the types SsoLoginRequiredError carries (src/aws/awsErrors.ts) */
const SSO_LOGIN_TYPES = ['SSOTokenLoadError', 'UnauthorizedSSOTokenError', 'TokenRetrievalError'];

export interface ProfilesVerifyArgs extends GlobalArgs, Partial<NetworkArgs> {
  concurrency?: number;
  profileTimeout?: number;
}

const VERIFY_OPTIONS = {
  concurrency: {
    type: 'number',
    accept: (n) => Number.isInteger(n) && n >= 1 && n <= 64,
    expect: 'a whole number between 1 and 64',
    describe: `with --verify: profiles checked at once (default ${DEFAULT_CONCURRENCY})`,
  },
  'profile-timeout': { type: 'number', ...seconds(600), describe: `with --verify: seconds allowed per profile (default ${DEFAULT_PROFILE_TIMEOUT_MS / 1000})` },
  timeout: { ...NETWORK_OPTIONS.timeout, describe: 'with --verify: seconds per request to AWS (default 10)' },
  cache: { ...NETWORK_OPTIONS.cache, describe: 'with --verify: reuse and write ~/.aws/cli/cache (--no-cache to skip)' },
} satisfies Record<string, OptionSpec>;

/** the options `profiles --verify` adds to the profiles command */
export function profilesVerifyBuilder<T>(y: Argv<T>) {
  return y.options(yargsOptions(VERIFY_OPTIONS) as { concurrency: { type: 'number' }; 'profile-timeout': { type: 'number' }; timeout: { type: 'number' }; cache: { type: 'boolean' } });
}

/** the `--verify` handler the profiles command delegates to (a ProfilesVerifier) */
export async function verifyProfilesCommand(listing: ProfileListing, args: GlobalArgs, io: CliIO): Promise<number> {
  const a = args as ProfilesVerifyArgs;
  const ctx = commandContext(a, io);
  const names = listing.profiles.map((p) => p.name);
  const resolve = resolveOptions(a);
  // the rows name their profile; a --profile given with --verify selects nothing
  delete resolve.profile;
  const json = wantsJson(a);
  const c = makeChalk(a.color, io.env, io.isTTY);
  // a person watching gets each row as it arrives; a pipe gets the table in listing order at the end
  const stream = !json && io.isTTY && names.length > 0 ? profilesVerifyStream(listing.profiles, c, outputWidth(io)) : undefined;
  const progress = canShowProgress(io.env) && names.length > 0 ? progressLine(io, names.length) : undefined;
  if (stream) io.stdout(stream.header);
  progress?.draw(0);
  let rows: ProfileVerifyRow[];
  try {
    rows = await verifyAllProfiles(ctx, names, {
      resolve,
      concurrency: a.concurrency,
      profileTimeoutMs: a.profileTimeout !== undefined ? a.profileTimeout * 1000 : undefined,
      requestTimeoutMs: timeoutMs(a as NetworkArgs, DEFAULT_TIMEOUT_MS),
      endpointUrl: a.endpointUrl,
      useCache: a.cache !== false,
      onRow: (row, done) => {
        progress?.clear();
        if (stream) io.stdout(stream.row(row));
        progress?.draw(done);
      },
    });
  } finally {
    progress?.clear();
  }
  if (json) io.stdout(JSON.stringify({ profiles: rows, summary: summarizeProfilesVerify(rows) }, null, 2) + '\n');
  else if (stream) io.stdout(stream.summary(rows));
  else io.stdout(renderProfilesVerifyText(rows, c, outputWidth(io)));
  return rows.every((r) => NOT_FAILED.includes(r.status)) ? EXIT.ok : EXIT.checkFailed;
}

/** "12/52 verified with STS" on stderr, redrawn in place; cleared before anything else is written */
function progressLine(io: CliIO, total: number) {
  let shown = false;
  return {
    draw(done: number) {
      io.stderr(`\r\x1b[2K${done}/${total} profiles checked with STS…`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
