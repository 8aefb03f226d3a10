// STS through @aws-sdk/client-sts, loaded lazily (only a network step pays for it): GetCallerIdentity, AssumeRole
// and the unsigned AssumeRoleWithWebIdentity, each with a timeout per attempt, the SDK's own retries and an overall
// deadline, and every failure turned into AwsServiceError (254), AwsNetworkError (255) or a BotoError.
import type * as StsModule from '@aws-sdk/client-sts';
import { BotoError } from '../core/errors';
import { AwsNetworkError, AwsServiceError } from './awsErrors';
import type { ResolvedEndpoint } from './endpoints';

export interface StsTarget {
  endpoint: ResolvedEndpoint;
  /** per attempt: connect, then the whole request */
  timeoutMs: number;
  /** total attempts, retries included, as the SDK counts them */
  maxAttempts: number;
  signal?: AbortSignal;
}

export interface KeyMaterial {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | null;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** the parts of an AssumeRole / AssumeRoleWithWebIdentity answer credchain keeps (and the CLI cache stores) */
export interface AssumedRole {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
  AssumedRoleUser?: { AssumedRoleId?: string; Arn?: string };
  PackedPolicySize?: number;
  SourceIdentity?: string;
  SubjectFromWebIdentityToken?: string;
  Provider?: string;
  Audience?: string;
  RequestId?: string;
  Attempts?: number;
}

export async function getCallerIdentity(t: StsTarget, creds: KeyMaterial): Promise<CallerIdentity> {
  const out = (await call(t, 'GetCallerIdentity', creds, (m) => new m.GetCallerIdentityCommand({}))) as {
    Account?: string;
    Arn?: string;
    UserId?: string;
  };
  if (!out.Account || !out.Arn || out.UserId === undefined) {
    throw new AwsNetworkError(
      'ResponseParserError',
      'STS',
      'GetCallerIdentity',
      t.endpoint.url,
      'the answer has no Account or Arn: this endpoint does not behave like STS',
    );
  }
  return { account: out.Account, arn: out.Arn, userId: out.UserId };
}

export interface AssumeRoleParams {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  SerialNumber?: string;
  TokenCode?: string;
  DurationSeconds?: number;
}

export async function assumeRole(t: StsTarget, creds: KeyMaterial, params: AssumeRoleParams): Promise<AssumedRole> {
  return assumed(t, 'AssumeRole', await call(t, 'AssumeRole', creds, (m) => new m.AssumeRoleCommand(params)));
}

export async function assumeRoleWithWebIdentity(
  t: StsTarget,
  params: { RoleArn: string; RoleSessionName: string; WebIdentityToken: string },
): Promise<AssumedRole> {
  return assumed(
    t,
    'AssumeRoleWithWebIdentity',
    await call(t, 'AssumeRoleWithWebIdentity', null, (m) => new m.AssumeRoleWithWebIdentityCommand(params)),
  );
}

function assumed(t: StsTarget, op: string, out: StsAnswer): AssumedRole {
  const c = out.Credentials as AssumedRole['Credentials'] | undefined;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
    throw new AwsNetworkError(
      'ResponseParserError',
      'STS',
      op,
      t.endpoint.url,
      'the answer lacks Credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration)',
    );
  }
  const r: AssumedRole = {
    Credentials: {
      AccessKeyId: c.AccessKeyId,
      SecretAccessKey: c.SecretAccessKey,
      SessionToken: c.SessionToken,
      Expiration: c.Expiration,
    },
  };
  for (const k of [
    'AssumedRoleUser',
    'PackedPolicySize',
    'SourceIdentity',
    'SubjectFromWebIdentityToken',
    'Provider',
    'Audience',
  ] as const) {
    if (out[k] !== undefined) (r as unknown as Record<string, unknown>)[k] = out[k];
  }
  r.RequestId = out.$metadata?.requestId;
  r.Attempts = out.$metadata?.attempts;
  return r;
}

/** botocore's ParamValidator for these operations: minimum string lengths (code points) and integer minimums */
const MIN: Record<string, number> = {
  RoleArn: 20,
  RoleSessionName: 2,
  ExternalId: 2,
  SerialNumber: 9,
  TokenCode: 6,
  WebIdentityToken: 4,
  DurationSeconds: 900,
};

/** ParamValidationError as botocore raises it before sending, or nothing */
export function validateParams(params: Record<string, string | number | undefined>): void {
  const errors: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || MIN[k] === undefined) continue;
    if (typeof v === 'number') {
      if (v < MIN[k]) errors.push(`Invalid value for parameter ${k}, value: ${v}, valid min value: ${MIN[k]}`);
    } else if ([...v].length < MIN[k])
      errors.push(`Invalid length for parameter ${k}, value: ${[...v].length}, valid min length: ${MIN[k]}`);
  }
  if (errors.length)
    throw new BotoError('ParamValidationError', `Parameter validation failed:\n${errors.join('\n')}`, 'access');
}

type StsAnswer = Record<string, unknown> & { $metadata?: { requestId?: string; attempts?: number } };

async function call(
  t: StsTarget,
  op: string,
  creds: KeyMaterial | null,
  make: (m: typeof StsModule) => object,
): Promise<StsAnswer> {
  if (creds) {
    if (!creds.secretAccessKey) {
      throw new BotoError('TypeError', noSecretToSign(op), 'access');
    }
    if (t.endpoint.region === null) {
      throw new BotoError('NoRegionError', stsNeedsRegion(t), 'access');
    }
  }
  const m = await loadSdk();
  const { Agent: HttpAgent } = await import('node:http');
  const { Agent: HttpsAgent } = await import('node:https');
  await silenceNodeVersionWarning();
  const client = new m.STSClient({
    region: t.endpoint.region ?? 'us-east-1',
    endpoint: t.endpoint.url,
    credentials: creds
      ? {
          accessKeyId: creds.accessKeyId,
          secretAccessKey: creds.secretAccessKey,
          ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
        }
      : async () => {
          throw new Error(`${op} is unsigned and needs no credentials`);
        },
    maxAttempts: t.maxAttempts,
    retryMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    requestHandler: {
      connectionTimeout: t.timeoutMs,
      requestTimeout: t.timeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new HttpAgent({ keepAlive: false }),
      httpsAgent: new HttpsAgent({ keepAlive: false }),
    },
  });
  capAnswers(client);
  // the SDK's retries are bounded by attempts; this bounds the whole call, backoff included
  const deadline = AbortSignal.timeout(t.timeoutMs * t.maxAttempts + 2_000 * t.maxAttempts);
  const signal = t.signal ? AbortSignal.any([t.signal, deadline]) : deadline;
  try {
    // the commands' own input and output types are checked where they are made; send() only relays them
    return (await client.send(make(m) as never, { abortSignal: signal })) as unknown as StsAnswer;
  } catch (e) {
    throw sdkFailure(e, 'STS', op, t, creds?.accessKeyId);
  } finally {
    client.destroy();
  }
}

/**
 * an STS answer is a few KiB; a hostile or broken endpoint must not make us buffer gigabytes (as IMDS and container)
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;
const ANSWER_TOO_LARGE = 'AnswerTooLarge';

type RawResponse = { statusCode?: number; headers?: Record<string, string | undefined>; body?: unknown };

/** the raw HTTP answer passes through a byte counter before the SDK's deserializer reads it */
function capAnswers(client: { middlewareStack: { add(mw: unknown, opts: object): void } }): void {
  const tooLarge = (what: string) =>
    Object.assign(
      new Error(`the answer is ${what}; credchain reads at most ${MAX_ANSWER_BYTES} bytes (boto3 would read it all)`),
      { name: ANSWER_TOO_LARGE },
    );
  const mw =
    (next: (args: unknown) => Promise<{ response: RawResponse }>) =>
    async (args: unknown): Promise<{ response: RawResponse }> => {
      const out = await next(args);
      const res = out.response;
      const declared = Number(res.headers?.['content-length'] ?? res.headers?.['Content-Length']);
      const body = res.body as (NodeJS.ReadableStream & { destroy?(e?: Error): void }) | undefined;
      if (declared > MAX_ANSWER_BYTES) {
        body?.destroy?.();
        throw tooLarge(`${declared} bytes long`);
      }
      if (body && typeof body.pipe === 'function') {
        const { Transform } = process.getBuiltinModule('node:stream') as typeof import('node:stream');
        let seen = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            seen += chunk.length;
            if (seen > MAX_ANSWER_BYTES) {
              body.destroy?.();
              done(tooLarge('larger than that'));
              return;
            }
            done(null, chunk);
          },
        });
        body.on('error', (e: Error) => counter.destroy(e));
        res.body = body.pipe(counter);
      }
      return out;
    };
  // 'deserialize' at low priority runs inside the SDK's deserializer: it sees the answer before anything reads it
  client.middlewareStack.add(mw, { step: 'deserialize', priority: 'low', name: 'credchainAnswerCap' });
}

let sdk: Promise<typeof StsModule> | undefined;
function loadSdk(): Promise<typeof StsModule> {
  sdk ??= import('@aws-sdk/client-sts');
  return sdk;
}

/**
 * The SDK warns on stderr about Node versions it will stop supporting; that is not credchain's user's concern. The
 * SDK's own once-per-process switch is set, so process.env is left alone.
 */
export async function silenceNodeVersionWarning(): Promise<void> {
  (await import('@aws-sdk/core/client')).state.warningEmitted = true;
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** an SDK failure as credchain reports it; `service` names the API for messages */
function sdkFailure(e: unknown, service: 'STS', op: string, t: StsTarget, accessKeyId?: string): Error {
  const err = (e ?? {}) as SdkError;
  const status = err.$metadata?.httpStatusCode;
  const attempts = err.$metadata?.attempts;
  const tries = attempts && attempts > 1 ? ` (${attempts} attempts)` : '';
  if (
    typeof err.$fault === 'string' &&
    status &&
    err.name &&
    err.name !== 'Error' &&
    /^[A-Za-z][\w.]*$/.test(err.name)
  ) {
    return new AwsServiceError(
      service,
      op,
      err.name,
      err.message ?? '',
      t.endpoint.url,
      status,
      hintFor(err.name, op, accessKeyId),
    );
  }
  const msg = err.message ?? String(e);
  if (err.name === ANSWER_TOO_LARGE)
    return new AwsNetworkError('ResponseParserError', service, op, t.endpoint.url, msg);
  if (err.name === 'AbortError' || (err.name === 'TimeoutError' && /aborted|signal/i.test(msg))) {
    return new AwsNetworkError('ReadTimeoutError', service, op, t.endpoint.url, `no answer in time; gave up${tries}`);
  }
  if (err.name === 'TimeoutError') {
    const connect = /establish a connection/.test(msg);
    return new AwsNetworkError(
      connect ? 'ConnectTimeoutError' : 'ReadTimeoutError',
      service,
      op,
      t.endpoint.url,
      `${connect ? 'could not connect' : 'no answer'} within ${t.timeoutMs / 1000} s${tries}`,
    );
  }
  const code = err.code ?? '';
  if (
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EADDRNOTAVAIL',
      'ECONNRESET',
      'EPIPE',
    ].includes(code)
  ) {
    return new AwsNetworkError(
      code === 'ECONNRESET' || code === 'EPIPE' ? 'ConnectionClosedError' : 'EndpointConnectionError',
      service,
      op,
      t.endpoint.url,
      `${msg}${tries}`,
    );
  }
  if (/certificate|SSL|TLS/i.test(msg + code)) return new AwsNetworkError('SSLError', service, op, t.endpoint.url, msg);
  if (status)
    return new AwsNetworkError(
      'ResponseParserError',
      service,
      op,
      t.endpoint.url,
      `HTTP ${status} with an answer that is not an STS response${tries}`,
    );
  if (/Invalid URL|ERR_INVALID_URL/i.test(msg + code))
    return new BotoError('ValueError', `Invalid endpoint: ${t.endpoint.url} (from ${t.endpoint.source})`, 'access');
  return new AwsNetworkError('HTTPClientError', service, op, t.endpoint.url, msg);
}

function hintFor(code: string, op: string, accessKeyId?: string): string | undefined {
  const key = accessKeyId ? `****************${accessKeyId.slice(-4)}` : 'the access key';
  switch (code) {
    case 'InvalidClientTokenId':
      return (
        `AWS does not know ${key}: it was deleted or deactivated, belongs to another partition, or its ` +
        `session token does not match`
      );
    case 'SignatureDoesNotMatch':
      return `the secret access key does not belong to ${key}`;
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return 'the session token has expired: fetch new credentials';
    case 'AccessDenied':
      return op === 'AssumeRole'
        ? "the caller may not assume this role: check the role's trust policy, the caller's permissions, " +
            'external_id and mfa_serial'
        : undefined;
    case 'InvalidIdentityToken':
    case 'IDPRejectedClaim':
      return (
        'the web identity token was refused: check the token file and the role trust policy for this identity ' +
        'provider'
      );
    default:
      return undefined;
  }
}

// Messages

function noSecretToSign(op: string): string {
  return (
    `the credentials have no secret access key, so the ${op} request cannot be signed (boto3 fails with ` +
    `TypeError when it signs)`
  );
}

function stsNeedsRegion(t: StsTarget): string {
  return (
    `You must specify a region. (STS is called at ${t.endpoint.url}, from ${t.endpoint.source}, and botocore ` +
    `needs a region to sign for it: set AWS_DEFAULT_REGION, --region or region in the profile)`
  );
}
