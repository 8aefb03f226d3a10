// One call to an AWS REST-JSON API (the SSO portal, SSO-OIDC) through the Context's HTTP: a timeout per attempt,
// retries where the SDKs' standard mode retries (connection failures, timeouts, 429 and 5xx; 3 attempts, jittered
// exponential backoff), and the service's error code when it answers with one.
import type { Context, HttpRequest } from '../core/context';
import { AwsNetworkError } from './awsErrors';
import { exchange, type HttpFailure } from './botoHttp';

export interface RestJsonAnswer {
  status: number;
  /** the parsed body; undefined when it is not JSON */
  json: Record<string, unknown> | undefined;
  /** the service's error code for a non-2xx answer (x-amzn-errortype, else __type / error) */
  errorCode?: string;
  errorMessage?: string;
}

const RETRYABLE_STATUS = [429, 500, 502, 503, 504];

export async function restJson(
  ctx: Pick<Context, 'http' | 'sleep' | 'debug'>,
  service: string,
  operation: string,
  req: HttpRequest,
  maxAttempts: number,
): Promise<RestJsonAnswer> {
  let last = '';
  for (let attempt = 1; ; attempt++) {
    const ex = await exchange(ctx, req);
    if (ex.ok) {
      ctx.debug(`${service} ${operation}: ${req.method} ${req.url.split('?')[0]} → ${ex.res.status}`);
      const answer = parse(ex.res.status, ex.res.headers, ex.res.body);
      if (!RETRYABLE_STATUS.includes(ex.res.status) || attempt >= maxAttempts) return answer;
      last = `HTTP ${ex.res.status}`;
    } else {
      ctx.debug(
        `${service} ${operation}: ${req.method} ${req.url.split('?')[0]} → ${ex.failure.type}: ${ex.failure.message}`,
      );
      if (!ex.failure.retryable || attempt >= maxAttempts) {
        const tries = attempt > 1 ? ` (${attempt} attempts)` : '';
        throw new AwsNetworkError(
          ex.failure.type,
          service,
          operation,
          req.url.split('?')[0],
          `${failureText(ex.failure.type, req.timeoutMs)}${tries}`,
        );
      }
      last = ex.failure.type;
    }
    // standard retry mode: base 100 ms doubled per attempt, full jitter, at most 20 s
    const delay = Math.min(20_000, Math.random() * 100 * 2 ** (attempt - 1));
    ctx.debug(`${service} ${operation}: retrying after ${last} in ${Math.round(delay)} ms`);
    await ctx.sleep(delay);
  }
}

function failureText(type: HttpFailure['type'], timeoutMs: number): string {
  switch (type) {
    case 'EndpointConnectionError':
      return 'could not connect';
    case 'ConnectTimeoutError':
      return `could not connect within ${timeoutMs / 1000} s`;
    case 'ReadTimeoutError':
      return `no answer within ${timeoutMs / 1000} s`;
    case 'ConnectionClosedError':
      return 'the connection was closed before an answer came';
    default:
      return type;
  }
}

function parse(status: number, headers: Record<string, string | string[] | undefined>, body: string): RestJsonAnswer {
  let json: Record<string, unknown> | undefined;
  try {
    const v = JSON.parse(body);
    if (v && typeof v === 'object' && !Array.isArray(v)) json = v as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) return { status, json };
  const header = headers['x-amzn-errortype'];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.split(':')[0];
  const fromBody =
    typeof json?.__type === 'string'
      ? json.__type.split('#').pop()
      : typeof json?.error === 'string'
        ? json.error
        : undefined;
  const message = [json?.message, json?.Message, json?.error_description].find((m) => typeof m === 'string') as
    string | undefined;
  return {
    status,
    json,
    errorCode: fromHeader || fromBody || `HTTP ${status}`,
    errorMessage: message ?? (json ? '' : body.slice(0, 200)),
  };
}

/** Python's urllib.parse.quote(s, safe='-_.~'): what botocore does to query values */
export function pyQuote(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}
