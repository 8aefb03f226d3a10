// botocore 1.43.11's ContainerProvider + ContainerMetadataFetcher: which URL (RELATIVE_URI wins over FULL_URI), the
// Authorization header (token file re-read on every fetch, else the token variable; CR/LF → ValueError), the host
// allow-list checked before any request, then GET with a 2 s timeout, 3 attempts and a 1 s sleep after each failure.
import type { Context, HttpResponse } from '../core/context';
import { BotoError, type PythonExceptionName } from '../core/errors';
import { exchange } from './botoHttp';
import { pyJsonLoads, type PyJson } from '../python/pyJson';
import { isLoopbackAddress, pyRepr, PyValueError, urlsplit, type SplitUrl } from '../python/pyUrl';
import { osPath } from '../ini/paths';
import { boundedReadFailure, readGuarded } from '../core/readFile';
import { maskSecretShapes } from '../core/secrets';

export const RELATIVE_VAR = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
export const FULL_VAR = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const TOKEN_VAR = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
export const TOKEN_FILE_VAR = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
export const ECS_HOST = '169.254.170.2';
export const ALLOWED_HOSTS = [ECS_HOST, '169.254.170.23', 'fd00:ec2::23', 'localhost'];
export const TIMEOUT_MS = 2000;
export const RETRY_ATTEMPTS = 3;
export const SLEEP_MS = 1000;

/** the URL botocore fetches and the variable it came from; undefined when neither variable is present */
export function containerUrl(env: Context['env']): { url: string; from: string } | undefined {
  const rel = env[RELATIVE_VAR];
  if (rel !== undefined) return { url: `http://${ECS_HOST}${rel}`, from: RELATIVE_VAR };
  const full = env[FULL_VAR];
  if (full !== undefined) return { url: full, from: FULL_VAR };
  return undefined;
}

/** _validate_allowed_url: https to anywhere, a loopback IP, or an allowed host; ValueError otherwise */
export function validateAllowedUrl(url: string, from: string): void {
  let parsed;
  try {
    parsed = urlsplit(url);
  } catch (e) {
    if (e instanceof PyValueError)
      throw new BotoError('ValueError', `${e.message} (${from}=${url})`, 'get_credentials', { env: from });
    throw e;
  }
  if (parsed.scheme === 'https' || isLoopbackAddress(parsed.hostname)) return;
  if (parsed.hostname !== null && ALLOWED_HOSTS.includes(parsed.hostname)) return;
  throw new BotoError('ValueError', unsupportedContainerHost(parsed, from, url), 'get_credentials', { env: from });
}

export interface AuthHeader {
  value: string;
  /** "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (/path)" or "AWS_CONTAINER_AUTHORIZATION_TOKEN" */
  from: string;
}

/** _build_headers: the token file if its variable is present (read now), else the token variable, else none */
export function authorizationHeader(ctx: Pick<Context, 'env' | 'fs' | 'cwd'>): AuthHeader | undefined {
  let token: string;
  let from: string;
  const file = ctx.env[TOKEN_FILE_VAR];
  if (file !== undefined) {
    token = readTokenFile(ctx, file);
    from = `${TOKEN_FILE_VAR} (${file})`;
  } else if (ctx.env[TOKEN_VAR] !== undefined) {
    token = ctx.env[TOKEN_VAR]!;
    from = TOKEN_VAR;
  } else return undefined;
  if (/[\r\n]/.test(token)) {
    const hint =
      file !== undefined && /[\r\n]$/.test(token) ? ' (the token file ends with a newline: write it without one)' : '';
    throw new BotoError(
      'ValueError',
      `Auth token value is not a legal header value: the token from ${from} contains CR or LF${hint}`,
      'get_credentials',
      {
        env: file !== undefined ? TOKEN_FILE_VAR : TOKEN_VAR,
      },
    );
  }
  return { value: token, from };
}

const ERRNO: Record<string, [PythonExceptionName, number, string]> = {
  ENOENT: ['FileNotFoundError', 2, 'No such file or directory'],
  EISDIR: ['IsADirectoryError', 21, 'Is a directory'],
  EACCES: ['PermissionError', 13, 'Permission denied'],
  EPERM: ['PermissionError', 1, 'Operation not permitted'],
  ENOTDIR: ['NotADirectoryError', 20, 'Not a directory'],
  ELOOP: ['OSError', 40, 'Too many levels of symbolic links'],
};

/** open(path).read() in text mode: UTF-8, Python's exceptions by errno */
function readTokenFile(ctx: Pick<Context, 'fs' | 'cwd' | 'readFile'>, path: string): string {
  const where = { env: TOKEN_FILE_VAR };
  let bytes: Buffer;
  try {
    bytes = readGuarded(ctx, osPath(path, ctx.cwd));
  } catch (e) {
    const bounded = boundedReadFailure(e, 'OSError');
    if (bounded)
      throw new BotoError(
        bounded.type,
        `the container auth token file (${TOKEN_FILE_VAR}) ${bounded.message}`,
        'get_credentials',
        where,
      );
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const [type, errno, text] = ERRNO[code] ?? ['OSError', 5, (e as Error).message];
    throw new BotoError(
      type,
      `[Errno ${errno}] ${text}: ${pyRepr(path)} (${TOKEN_FILE_VAR})`,
      'get_credentials',
      where,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BotoError(
      'UnicodeDecodeError',
      `'utf-8' codec can't decode the token file ${path} (${TOKEN_FILE_VAR})`,
      'get_credentials',
      where,
    );
  }
}

export type ContainerFetch =
  { ok: true; value: PyJson; raw: string; attempts: number } | { ok: false; error: BotoError; attempts: number };

/** _retrieve_credentials: three tries, 1 s sleep after every failed one, then CredentialRetrievalError */
export async function retrieveContainerJson(
  ctx: Pick<Context, 'http' | 'sleep' | 'debug'>,
  url: string,
  auth: AuthHeader | undefined,
): Promise<ContainerFetch> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (auth) headers.Authorization = auth.value;
  let lastError = '';
  for (let attempt = 1; attempt <= RETRY_ATTEMPTS; attempt++) {
    const ex = await exchange(ctx, { method: 'GET', url, headers, timeoutMs: TIMEOUT_MS });
    if (ex.ok) {
      ctx.debug(`container GET ${url} → ${ex.res.status}`);
      // botocore quotes the body; a body may carry a token or key, so secret-shaped runs are masked
      if (ex.res.status !== 200) lastError = containerNon200(ex.res);
      else {
        const parsed = pyJsonLoads(ex.res.body);
        if (parsed.ok) return { ok: true, value: parsed.value, raw: ex.res.body.trim(), attempts: attempt };
        lastError = 'Unable to parse JSON returned from container metadata services';
      }
    } else {
      ctx.debug(`container GET ${url} → ${ex.failure.type}: ${ex.failure.message}`);
      if (!ex.failure.retryable)
        return { ok: false, error: new BotoError(ex.failure.type, ex.failure.message), attempts: attempt };
      lastError = `Received error when attempting to retrieve container metadata: ${ex.failure.message}`;
    }
    await ctx.sleep(SLEEP_MS);
  }
  return {
    ok: false,
    error: new BotoError(
      'CredentialRetrievalError',
      `Error when retrieving credentials from container-role: Error retrieving metadata: ${lastError}`,
    ),
    attempts: RETRY_ATTEMPTS,
  };
}

// Messages

function unsupportedContainerHost(parsed: SplitUrl, from: string, url: string): string {
  return (
    `Unsupported host '${parsed.hostname ?? 'None'}'.  Can only retrieve metadata from a loopback address or ` +
    `one of these hosts: ${ALLOWED_HOSTS.join(', ')} (${from}=${url}; an https:// URL may name any host)`
  );
}

function containerNon200(res: HttpResponse): string {
  return (
    `Received non 200 response ${res.status} from container metadata: ` +
    `${maskSecretShapes(res.body.length > 300 ? res.body.slice(0, 300) + '…' : res.body)}`
  );
}
