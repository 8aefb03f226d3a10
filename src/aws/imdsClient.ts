// botocore 1.43.11's InstanceMetadataFetcher.retrieve_iam_role_credentials, step for step: the IMDSv2 token PUT
// (403/404/405 → IMDSv1, 400 → give up, read timeout → IMDSv1 at once, anything else retried), the role-name GET and
// the credentials GET (each retried up to num_attempts on non-200, empty body, invalid JSON and transport errors),
// the field check and the stale-expiry extension. Every loop is bounded by num_attempts; every request by the timeout.
import type { Context } from '../core/context';
import { BotoError } from '../core/errors';
import { exchange, type HttpFailure } from './botoHttp';
import { pyJsonLoads, pyIn, pyTypeName, PyTypeError, type PyJson } from '../python/pyJson';

export const TOKEN_PATH = 'latest/api/token';
export const ROLE_PATH = 'latest/meta-data/iam/security-credentials/';
const USER_AGENT = 'credchain (botocore 1.43.11 IMDS protocol)';
/** botocore's ec2_credential_refresh_window: the advisory refresh timeout, 15 minutes */
const REFRESH_WINDOW_S = 15 * 60;
/** random.randint(120, 600) */
export const MIN_JITTER_S = 120;
export const MAX_JITTER_S = 600;

export interface ImdsFetch {
  baseUrl: string;
  /** botocore's metadata_service_timeout: urllib3 raises for ≤ 0 before any request */
  botoTimeoutSec: number;
  /** what credchain waits per request (botocore's timeout unless --imds-timeout) */
  timeoutMs: number;
  numAttempts: number;
  v1Disabled: boolean;
}

/** one request and how it ended, for --debug and the report */
export interface ImdsStep {
  method: 'PUT' | 'GET';
  url: string;
  result: string;
}

export type ImdsResult =
  | {
      kind: 'credentials';
      roleName: string;
      url: string;
      /** the credentials document, all four fields present */
      doc: Record<string, PyJson>;
      /** the expiry botocore keeps: IMDS's, or now + window + jitter when IMDS's is (nearly) past */
      expiry: PyJson;
      extended: boolean;
      /** how the token step ended: "IMDSv2" or why botocore fell back to IMDSv1 */
      tokenStep: string;
      trace: ImdsStep[];
    }
  | { kind: 'none'; reason: string; trace: ImdsStep[] }
  | { kind: 'raise'; error: BotoError; trace: ImdsStep[] };

class RetriesExceeded extends Error {}
class BadImdsRequest extends Error {}

export async function retrieveIamRoleCredentials(
  ctx: Pick<Context, 'http' | 'now' | 'debug'>,
  f: ImdsFetch,
): Promise<ImdsResult> {
  const trace: ImdsStep[] = [];
  const url = (path: string) => f.baseUrl + (f.baseUrl && !f.baseUrl.endsWith('/') ? '/' : '') + path;
  const times = `${f.numAttempts} attempt${f.numAttempts === 1 ? '' : 's'}`;

  const send = async (method: 'PUT' | 'GET', target: string, headers: Record<string, string>) => {
    if (f.botoTimeoutSec <= 0) {
      throw new BotoError('HTTPClientError', connectTimeoutNotPositive(f));
    }
    const ex = await exchange(ctx, {
      method,
      url: target,
      headers: { ...headers, 'User-Agent': USER_AGENT },
      timeoutMs: f.timeoutMs,
    });
    const result = ex.ok
      ? `${ex.res.status}${ex.res.body ? '' : ' (empty body)'}`
      : `${ex.failure.type}: ${ex.failure.message}`;
    trace.push({ method, url: target, result });
    ctx.debug(`IMDS ${method} ${target} → ${result}`);
    return ex;
  };

  let lastProblem = '';
  const fetchToken = async (): Promise<{ token: string | null; step: string }> => {
    const target = url(TOKEN_PATH);
    for (let i = 0; i < f.numAttempts; i++) {
      const ex = await send('PUT', target, { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' });
      if (ex.ok) {
        const s = ex.res.status;
        if (s === 200) return { token: ex.res.body, step: 'IMDSv2' };
        if (s === 403 || s === 404 || s === 405) return { token: null, step: `IMDSv1 (token PUT returned ${s})` };
        if (s === 400) throw new BadImdsRequest(`token PUT ${target} returned 400`);
        lastProblem = `returned ${s}`;
        continue;
      }
      const fl = ex.failure;
      if (fl.type === 'ReadTimeoutError')
        return { token: null, step: `IMDSv1 (token PUT timed out after ${seconds(f.timeoutMs)})` };
      if (fl.retryable) {
        lastProblem = describe(fl, f.timeoutMs);
        continue;
      }
      if (fl.badLocation)
        throw new BotoError('InvalidIMDSEndpointError', `Invalid endpoint EC2 Instance Metadata endpoint: ${target}`);
      throw failureError(fl);
    }
    return {
      token: null,
      step: f.numAttempts > 0 ? `IMDSv1 (token PUT ${lastProblem}, ${times})` : 'IMDSv1 (no attempts)',
    };
  };

  const getRequest = async (
    path: string,
    token: string | null,
    needsRetry: (body: string, status: number) => string | undefined,
  ) => {
    if (!token && f.v1Disabled) {
      throw new BotoError(
        'MetadataRetrievalError',
        'Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled',
      );
    }
    const target = url(path);
    const headers: Record<string, string> = token !== null ? { 'x-aws-ec2-metadata-token': token } : {};
    for (let i = 0; i < f.numAttempts; i++) {
      const ex = await send('GET', target, headers);
      if (ex.ok) {
        const why = needsRetry(ex.res.body, ex.res.status);
        if (!why) return ex.res.body;
        lastProblem = `GET ${path} ${why}`;
        continue;
      }
      if (!ex.failure.retryable) throw failureError(ex.failure);
      lastProblem = `GET ${path} ${describe(ex.failure, f.timeoutMs)}`;
    }
    throw new RetriesExceeded(
      f.numAttempts > 0 ? `${lastProblem} (${times})` : 'metadata_service_num_attempts is 0: botocore makes no request',
    );
  };

  const nonOkOrEmpty = (body: string, status: number) =>
    status !== 200 ? `returned ${status}` : body ? undefined : 'returned an empty body';
  let step = '';
  try {
    const got = await fetchToken();
    const token = got.token;
    step = got.step;
    const roleName = await getRequest(ROLE_PATH, token, nonOkOrEmpty);
    const credsBody = await getRequest(ROLE_PATH + roleName, token, (body, status) => {
      const why = nonOkOrEmpty(body, status);
      if (why) return why;
      return pyJsonLoads(body).ok ? undefined : 'returned a body that is not JSON';
    });
    const doc = (pyJsonLoads(credsBody) as { ok: true; value: PyJson }).value;
    const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter(
      (k) => !pyIn(k, doc, credsBody.trim()),
    );
    if (missing.length) {
      const errorDoc = pyIn('Code', doc) && pyIn('Message', doc);
      const detail =
        errorDoc && isDict(doc)
          ? `an error for role ${roleName}: ${String(doc.Code)}: ${String(doc.Message)}`
          : `no ${missing.join(', ')} for role ${roleName}`;
      return { kind: 'none', reason: `IMDS at ${f.baseUrl} returned ${detail}`, trace };
    }
    if (!isDict(doc)) {
      // every name is "in" a list or a string holding them, and indexing that with a str raises
      const msg = Array.isArray(doc)
        ? 'list indices must be integers or slices, not str'
        : "string indices must be integers, not 'str'";
      throw new PyTypeError(msg);
    }
    // the least jitter: report an extension only where botocore is certain to make it
    const { expiry, extended } = evaluateExpiration(doc.Expiration, ctx.now(), MIN_JITTER_S);
    return {
      kind: 'credentials',
      roleName,
      url: url(ROLE_PATH + roleName),
      doc,
      expiry,
      extended,
      tokenStep: step,
      trace,
    };
  } catch (e) {
    if (e instanceof RetriesExceeded) {
      const via = f.numAttempts > 0 && step !== 'IMDSv2' ? `, using ${step}` : '';
      return { kind: 'none', reason: `IMDS at ${f.baseUrl}: ${e.message}${via}`, trace };
    }
    if (e instanceof BadImdsRequest)
      return { kind: 'none', reason: `IMDS at ${f.baseUrl}: ${e.message}: botocore gives up`, trace };
    if (e instanceof PyTypeError)
      return {
        kind: 'raise',
        error: new BotoError('TypeError', `${e.message} (the IMDS credentials document is not what botocore expects)`),
        trace,
      };
    if (e instanceof BotoError) return { kind: 'raise', error: e, trace };
    throw e;
  }
}

function isDict(v: PyJson): v is Record<string, PyJson> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function failureError(f: HttpFailure): BotoError {
  return new BotoError(f.type, f.message);
}

function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(3)} s`;
}

function describe(f: HttpFailure, timeoutMs: number): string {
  switch (f.type) {
    case 'ReadTimeoutError':
    case 'ConnectTimeoutError':
      return `did not answer within ${seconds(timeoutMs)}`;
    case 'EndpointConnectionError':
      return 'could not be reached';
    case 'ConnectionClosedError':
      return 'closed the connection without a response';
    default:
      return f.message;
  }
}

const STRPTIME_Z =
  /^(\d\d\d\d)-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])T(2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)Z$/i;

/**
 * _evaluate_expiration: an Expiration in exactly "%Y-%m-%dT%H:%M:%SZ" that is past or within the refresh window plus
 * 2–10 minutes of jitter is replaced by now + that interval (botocore's "credential service availability" extension).
 * Other strings are left for dateutil; a non-string raises TypeError from strptime, None is left alone.
 */
export function evaluateExpiration(exp: PyJson, now: number, jitterS: number): { expiry: PyJson; extended: boolean } {
  if (exp === null) return { expiry: exp, extended: false };
  if (typeof exp !== 'string') throw new PyTypeError(`strptime() argument 1 must be str, not ${pyTypeName(exp)}`);
  const m = STRPTIME_Z.exec(exp);
  if (!m) return { expiry: exp, extended: false };
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x.trim()));
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, 0);
  const ms = dt.getTime();
  // strptime's ValueErrors ("day is out of range for month", second 60/61, year 0) are caught: no extension
  if (y < 1 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d || s > 59) return { expiry: exp, extended: false };
  const offsetMs = (REFRESH_WINDOW_S + jitterS) * 1000;
  if (now < ms - offsetMs) return { expiry: exp, extended: false };
  const iso = new Date(Math.floor((now + offsetMs) / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  return { expiry: iso, extended: true };
}

// Messages

function connectTimeoutNotPositive(f: ImdsFetch): string {
  return (
    `An HTTP Client raised an unhandled exception: Attempted to set connect timeout to ${f.botoTimeoutSec}, ` +
    `but the timeout cannot be set to a value less than or equal to 0.`
  );
}
