// One HTTP exchange as botocore's URLLib3Session reports it: a response, or the exception class botocore would
// raise (EndpointConnectionError, ReadTimeoutError, SSLError, HTTPClientError, …) with its message and whether the
// IMDS and container fetchers retry it. Header values are checked as Python's http.client checks them.
import type { Context, HttpRequest, HttpResponse } from '../core/context';
import { HttpError } from '../core/context';
import type { BotoErrorType } from '../core/errors';
import { urlsplit } from '../python/pyUrl';

export interface HttpFailure {
  /** the botocore exception class */
  type: BotoErrorType;
  message: string;
  /** in botocore's RETRYABLE_HTTP_ERRORS (read/connect timeout, connect error, connection closed) */
  retryable: boolean;
  /** urllib3 could not parse the URL (LocationParseError): IMDS reports InvalidIMDSEndpointError */
  badLocation?: boolean;
  /** credchain cannot send what botocore would (a header value Node refuses) */
  unsupported?: boolean;
}

export type Exchange = { ok: true; res: HttpResponse } | { ok: false; failure: HttpFailure };

export async function exchange(ctx: Pick<Context, 'http'>, req: HttpRequest): Promise<Exchange> {
  const scheme = urlsplit(req.url).scheme;
  let url = req.url;
  if (scheme === '' && url.startsWith('//'))
    url = 'http:' + url; // urllib3 defaults the scheme to http
  else if (scheme !== 'http' && scheme !== 'https') {
    return fail(
      'HTTPClientError',
      `An HTTP Client raised an unhandled exception: Not supported URL scheme ${scheme || 'None'}`,
      false,
    );
  }
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const bad = headerProblem(value);
    if (bad) return { ok: false, failure: { ...bad, message: bad.message.replace('{name}', name) } };
  }
  try {
    return { ok: true, res: await ctx.http({ ...req, url }) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (!(e instanceof HttpError))
      return fail('HTTPClientError', `An HTTP Client raised an unhandled exception: ${msg}`, false);
    switch (e.kind) {
      case 'connect':
        return fail('EndpointConnectionError', `Could not connect to the endpoint URL: "${req.url}"`, true);
      case 'connect-timeout':
        return fail('ConnectTimeoutError', `Connect timeout on endpoint URL: "${req.url}"`, true);
      case 'read-timeout':
        return fail('ReadTimeoutError', `Read timeout on endpoint URL: "${req.url}"`, true);
      case 'closed':
        return fail(
          'ConnectionClosedError',
          `Connection was closed before we received a valid response from endpoint URL: "${req.url}".`,
          true,
        );
      case 'tls':
        return fail('SSLError', `SSL validation failed for ${req.url} ${msg}`, false);
      case 'invalid-url':
        return {
          ok: false,
          failure: {
            type: 'HTTPClientError',
            message: `An HTTP Client raised an unhandled exception: Failed to parse: ${req.url}`,
            retryable: false,
            badLocation: true,
          },
        };
      default:
        return fail('HTTPClientError', `An HTTP Client raised an unhandled exception: ${msg}`, false);
    }
  }
}

function fail(type: BotoErrorType, message: string, retryable: boolean): Exchange {
  return { ok: false, failure: { type, message, retryable } };
}

/** what http.client.putheader raises for this value (latin-1 encoding, then CR/LF), or what Node cannot send */
export function headerProblem(value: string): HttpFailure | undefined {
  const chars = [...value];
  const first = chars.findIndex((c) => c.codePointAt(0)! > 0xff);
  if (first >= 0) {
    let end = first;
    while (end < chars.length && chars[end].codePointAt(0)! > 0xff) end++;
    const what =
      end - first === 1
        ? `character '${pyEscape(chars[first])}' in position ${first}`
        : `characters in position ${first}-${end - 1}`;
    return {
      type: 'HTTPClientError',
      message: headerNotLatin1(what),
      retryable: false,
    };
  }
  if (/\n(?![ \t])|\r(?![ \t\n])/.test(value)) {
    return {
      type: 'HTTPClientError',
      message: `An HTTP Client raised an unhandled exception: Invalid header value ${bytesRepr(value)}`,
      retryable: false,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    return {
      type: 'CredchainUnsupported',
      message: HEADER_HAS_CONTROL_CHARACTERS,
      retryable: false,
      unsupported: true,
    };
  }
  return undefined;
}

function pyEscape(ch: string): string {
  const c = ch.codePointAt(0)!;
  return c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/** repr() of the latin-1 bytes of a string */
function bytesRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return `b${quote}${out}${quote}`;
}

// Messages

function headerNotLatin1(characters: string): string {
  return (
    `An HTTP Client raised an unhandled exception: 'latin-1' codec can't encode ${characters}: ordinal not in ` +
    `range(256)`
  );
}

const HEADER_HAS_CONTROL_CHARACTERS =
  `the {name} header value contains control characters: boto3 sends it as is, ` +
  `but Node's HTTP client refuses it, so credchain cannot make this request`;
