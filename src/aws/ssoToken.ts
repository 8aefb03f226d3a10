// The IAM Identity Center bearer token, as botocore 1.43 reads it from ~/.aws/sso/cache: the legacy form (keyed by
// sso_start_url, refused locally once expired) and the sso-session form (keyed by the session name, refreshed
// through SSO-OIDC CreateToken when less than 15 minutes remain and the cache holds a live client registration,
// the new token written back). Every dead end names the login command that fixes it.
import * as nodePath from 'node:path';
import { FileReadError, type Context } from '../core/context';
import { botoFate, readGuarded } from '../core/readFile';
import { pyJsonParse } from '../python/pyJson';
import { BotoError } from '../core/errors';
import type { Session } from '../config/session';
import { iso, parseTimestamp } from '../python/timestamps';
import { ssoTokenPath } from '../config/ssoCachePath';
import { SsoLoginRequiredError } from './awsErrors';
import { jsonFileCache } from './cliCache';
import { resolveEndpoint } from './endpoints';
import { restJson } from './restJson';

/** botocore refreshes an sso-session token this long before it expires */
export const REFRESH_WINDOW_MS = 15 * 60_000;

export interface SsoTokenRequest {
  profile: string;
  startUrl: string;
  ssoRegion: string;
  /** the sso-session name, for the refreshable form */
  session?: string;
}

export interface SsoTokenOptions {
  timeoutMs: number;
  maxAttempts: number;
}

export function ssoLoginCommand(r: SsoTokenRequest): string {
  return r.session !== undefined ? `aws sso login --sso-session ${r.session}` : `aws sso login --profile ${r.profile}`;
}

/** a token cache file as botocore's JSONFileCache reads it: json.load on a text-mode file (strict UTF-8, Python's
 * JSON with NaN and Infinity); throws when it is not a JSON object */
export function parseTokenCache(bytes: Buffer): Record<string, unknown> {
  const token = pyJsonParse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  if (!token || typeof token !== 'object' || Array.isArray(token)) throw new Error('not a JSON object');
  return token as Record<string, unknown>;
}

/**
 * Whether botocore's SSOTokenProvider would try SSO-OIDC CreateToken with this cached token: refreshToken, clientId,
 * clientSecret and registrationExpiresAt present (as strings) and the client registration not yet expired. A
 * registrationExpiresAt without a zone makes botocore's comparison with the current time raise TypeError (`error`).
 */
export function refreshCheck(
  token: Record<string, unknown>,
  now: number,
): { refreshable: boolean; why?: string; error?: string } {
  const { refreshToken, clientId, clientSecret, registrationExpiresAt } = token;
  if (
    typeof refreshToken !== 'string' ||
    typeof clientId !== 'string' ||
    typeof clientSecret !== 'string' ||
    typeof registrationExpiresAt !== 'string'
  ) {
    return { refreshable: false, why: 'refreshToken, clientId, clientSecret or registrationExpiresAt missing' };
  }
  const reg = parseTimestamp(registrationExpiresAt);
  if (!reg) return { refreshable: false, why: 'registrationExpiresAt is not a time' };
  if (reg.naive) return { refreshable: false, error: "can't subtract offset-naive and offset-aware datetimes" };
  if (reg.ms <= now) return { refreshable: false, why: 'the client registration expired' };
  return { refreshable: true };
}

/** the accessToken to send to the portal; throws SsoLoginRequiredError, BotoError or a network error */
export async function loadSsoToken(session: Session, r: SsoTokenRequest, o: SsoTokenOptions): Promise<string> {
  const ctx = session.ctx;
  const name = r.session ?? r.startUrl;
  const path = ssoTokenPath(session, name);
  const login = ssoLoginCommand(r);
  let bytes: Buffer;
  try {
    bytes = readGuarded(ctx, path);
  } catch (e) {
    // JSONFileCache turns an OSError into KeyError, and SSOTokenLoader that into SSOTokenLoadError; on a FIFO or a
    // device boto3 never gets there (it waits forever, or reads until MemoryError)
    const fate = e instanceof FileReadError ? botoFate(e) : undefined;
    if (fate && e instanceof FileReadError && e.code === 'not-regular' && !/FIFO/.test(e.message))
      throw new BotoError('MemoryError', `the SSO token cache ${e.message}: ${fate}`, 'access', { file: path });
    if (fate)
      throw new SsoLoginRequiredError(
        'SSOTokenLoadError',
        `Error loading SSO Token: the token cache ${(e as Error).message}: ${fate}; credchain stops here`,
        login,
      );
    throw new SsoLoginRequiredError(
      'SSOTokenLoadError',
      `Error loading SSO Token: Token for ${name} does not exist (no ${path})`,
      login,
    );
  }
  let token: Record<string, unknown>;
  try {
    token = parseTokenCache(bytes);
  } catch {
    // JSONFileCache turns a JSON error into KeyError(cache key)
    throw new BotoError(
      'KeyError',
      `the SSO token cache ${path} is not JSON (botocore raises KeyError); run \`${login}\` to rewrite it`,
      'access',
      { file: path },
    );
  }
  if (typeof token.accessToken !== 'string' || token.expiresAt === undefined) {
    throw new SsoLoginRequiredError(
      'SSOTokenLoadError',
      `Error loading SSO Token: Token for ${r.startUrl} is invalid (${path} lacks accessToken or expiresAt)`,
      login,
    );
  }
  const expires = expiryOf(token.expiresAt, path);
  const now = ctx.now();
  if (r.session === undefined) {
    if (expires <= now) {
      throw new SsoLoginRequiredError(
        'UnauthorizedSSOTokenError',
        `the cached SSO token for ${r.startUrl} expired at ${iso(expires)}`,
        login,
      );
    }
    return token.accessToken;
  }
  let accessToken = token.accessToken;
  let validUntil = expires;
  if (expires - now < REFRESH_WINDOW_MS) {
    const refreshed = await refreshToken(session, r, token, o);
    if (refreshed) {
      jsonFileCache(session.ctx, nodePath.dirname(path)).put(nodePath.basename(path, '.json'), refreshed.cached);
      accessToken = refreshed.accessToken;
      validUntil = refreshed.expiresAt;
    }
  }
  if (validUntil <= now) {
    throw new SsoLoginRequiredError('TokenRetrievalError', ssoTokenRefreshFailed(r, expires), login);
  }
  return accessToken;
}

function expiryOf(v: unknown, path: string): number {
  const t = typeof v === 'string' ? parseTimestamp(v) : undefined;
  if (!t)
    throw new BotoError('ParserError', `expiresAt in ${path} is not a timestamp: ${JSON.stringify(v)}`, 'access', {
      file: path,
    });
  if (t.naive)
    throw new BotoError(
      'TypeError',
      `expiresAt in ${path} has no timezone (can't compare offset-naive and offset-aware datetimes)`,
      'access',
      { file: path },
    );
  return t.ms;
}

/** SSOTokenProvider._refresh_access_token: None (undefined) when the cache cannot refresh or OIDC says no */
async function refreshToken(
  session: Session,
  r: SsoTokenRequest,
  token: Record<string, unknown>,
  o: SsoTokenOptions,
): Promise<{ accessToken: string; expiresAt: number; cached: Record<string, unknown> } | undefined> {
  const ctx: Context = session.ctx;
  const check = refreshCheck(token, ctx.now());
  if (check.error) throw new BotoError('TypeError', check.error, 'access');
  if (!check.refreshable) {
    ctx.debug(`sso token: cannot refresh (${check.why})`);
    return undefined;
  }
  const { refreshToken, clientId, clientSecret, registrationExpiresAt } = token as Record<string, string>;
  const endpoint = resolveEndpoint(session, 'sso-oidc', r.ssoRegion);
  const answer = await restJson(
    ctx,
    'SSO-OIDC',
    'CreateToken',
    {
      method: 'POST',
      url: `${endpoint.url.replace(/\/+$/, '')}/token`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, grantType: 'refresh_token', refreshToken }),
      timeoutMs: o.timeoutMs,
    },
    o.maxAttempts,
  );
  const j = answer.json;
  if (answer.status !== 200 || typeof j?.accessToken !== 'string' || typeof j.expiresIn !== 'number') {
    ctx.debug(`sso token: refresh refused (${answer.errorCode ?? `HTTP ${answer.status}`})`);
    return undefined;
  }
  const expiresAt = ctx.now() + j.expiresIn * 1000;
  const cached: Record<string, unknown> = {
    startUrl: r.startUrl,
    region: r.ssoRegion,
    accessToken: j.accessToken,
    expiresAt: iso(Math.floor(expiresAt / 1000) * 1000),
    clientId,
    clientSecret,
    registrationExpiresAt,
  };
  if (typeof j.refreshToken === 'string') cached.refreshToken = j.refreshToken;
  ctx.debug(`sso token: refreshed, valid until ${iso(expiresAt)}`);
  return { accessToken: j.accessToken, expiresAt, cached };
}

// Messages

function ssoTokenRefreshFailed(r: SsoTokenRequest, expires: number): string {
  return (
    `Error when retrieving token from sso: Token has expired and refresh failed (the SSO session ` +
    `"${r.session}" expired at ${iso(expires)})`
  );
}
