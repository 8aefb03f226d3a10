// `verify` as a function: resolve the chain as `which` does, fetch deferred credentials, prove them with exactly one
// STS GetCallerIdentity, then run the CI expectations. Every step becomes a check in the report; the exit code
// follows the first failure (253 nothing resolves, 254 AWS said no, 255 AWS unreachable, 1 an expectation).
import type { Context } from '../core/context';
import { resolveChain } from '../chain/boto3Chain';
import { credentialsView, type ChainReport } from '../core/report';
import type { ResolveOptions, Session } from '../config/session';
import type { Credentials } from '../core/types';
import { BotoError, CredchainError, EXIT, exitCodeFor } from '../core/errors';
import { AwsServiceError, errorType } from '../aws/awsErrors';
import { evaluateExpectations, type Check, type Expectations } from './expectations';
import { describeIdentity, type IdentityView } from './identity';
import {
  DEFAULT_TIMEOUT_MS,
  materializeCredentials,
  maxAttemptsFor,
  stsEndpoint,
  type FetchStep,
  type MaterializeOptions,
} from './materialize';
import { getCallerIdentity } from '../aws/stsClient';

export interface StepCheck extends Check {
  /** the roles fetched (fetch-credentials) */
  steps?: FetchStep[];
  endpoint?: string;
  error?: { type: string; code?: string; message: string };
}

export interface VerifyReport extends Omit<ChainReport, 'identity'> {
  identity: IdentityView | null;
  checks: StepCheck[];
}

export interface VerifyOutcome {
  report: VerifyReport;
  exit: number;
  /** the materialized winner (key material: never rendered) */
  credentials: Credentials | null;
}

export interface VerifyOptions extends Omit<MaterializeOptions, 'steps'> {
  expectations?: Expectations;
}

export async function verifyChain(ctx: Context, resolve: ResolveOptions, opts: VerifyOptions): Promise<VerifyOutcome> {
  const { report, credentials, session } = await resolveChain(ctx, resolve);
  const checks: StepCheck[] = [];
  const done = (identity: IdentityView | null, exit: number, creds: Credentials | null = null): VerifyOutcome => ({
    report: { ...report, identity, checks },
    exit,
    credentials: creds,
  });
  const resolved = resolveCheck(report, credentials);
  checks.push(resolved);
  if (!credentials) return done(null, EXIT.config);

  const fetched = await fetchCredentials(session, credentials, opts);
  if (fetched.check) checks.push(fetched.check);
  if (!fetched.credentials) return done(null, fetched.exit);
  const creds = fetched.credentials;
  report.credentials = credentialsView(creds);

  let identity: IdentityView;
  try {
    const endpoint = stsEndpoint(session, opts.endpointUrl);
    const target = {
      endpoint,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxAttempts: maxAttemptsFor(session),
      signal: opts.signal,
    };
    const stop = opts.io?.progress?.(`STS GetCallerIdentity at ${endpoint.url}`);
    try {
      const id = await getCallerIdentity(target, {
        accessKeyId: creds.accessKeyId!,
        secretAccessKey: creds.secretAccessKey!,
        sessionToken: creds.sessionToken,
      });
      identity = describeIdentity(id, endpoint.url);
    } finally {
      stop?.();
    }
    checks.push({
      check: 'get-caller-identity',
      ok: true,
      endpoint: endpoint.url,
      message: `STS at ${endpoint.url} (${endpoint.source}) knows these credentials`,
    });
  } catch (e) {
    const c = failedCheck('get-caller-identity', e);
    checks.push(c);
    return done(null, exitCodeFor(e), creds);
  }

  const expectations = evaluateExpectations(opts.expectations ?? {}, identity, creds, ctx.now());
  checks.push(...expectations);
  return done(identity, expectations.every((c) => c.ok) ? EXIT.ok : EXIT.checkFailed, creds);
}

function resolveCheck(report: ChainReport, credentials: Credentials | null): StepCheck {
  if (credentials) return { check: 'resolve', ok: true, message: `boto3 uses ${credentials.method} credentials` };
  if (report.error)
    return {
      check: 'resolve',
      ok: false,
      message: `boto3 raises ${report.error.type}: ${report.error.message}`,
      error: { type: report.error.type, message: report.error.message },
    };
  return {
    check: 'resolve',
    ok: false,
    message: 'boto3 finds no credentials (a client would raise NoCredentialsError: Unable to locate credentials)',
    error: { type: 'NoCredentialsError', message: 'Unable to locate credentials' },
  };
}

/** materialize deferred credentials as a check; static ones pass without one */
export async function fetchCredentials(
  session: Session,
  credentials: Credentials,
  opts: Omit<MaterializeOptions, 'steps'>,
): Promise<{ credentials: Credentials | null; check?: StepCheck; exit: number }> {
  if (!credentials.deferred) return { credentials, exit: EXIT.ok };
  const steps: FetchStep[] = [];
  try {
    const creds = await materializeCredentials(session, credentials, { ...opts, steps });
    const last = steps.at(-1);
    const how =
      last?.from === 'cache'
        ? `from the AWS CLI cache (${last.cacheFile})`
        : last?.from === 'sso'
          ? `from the SSO portal at ${last.endpoint}`
          : `from STS at ${last?.endpoint}`;
    return {
      credentials: creds,
      exit: EXIT.ok,
      check: {
        check: 'fetch-credentials',
        ok: true,
        steps,
        message: `${credentials.method} credentials fetched ${how}`,
      },
    };
  } catch (e) {
    return { credentials: null, exit: exitCodeFor(e), check: { ...failedCheck('fetch-credentials', e), steps } };
  }
}

/** a failed step; errors that are not credchain's or botocore's are bugs and propagate */
export function failedCheck(check: string, e: unknown): StepCheck {
  if (!(e instanceof CredchainError) && !(e instanceof BotoError)) throw e;
  const code = e instanceof AwsServiceError ? e.code : undefined;
  const message = e instanceof BotoError ? `${e.type}: ${e.message}` : e.message;
  return { check, ok: false, message, error: { type: errorType(e), ...(code ? { code } : {}), message: e.message } };
}
