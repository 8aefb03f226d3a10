// `credchain sso status`: for each sso-session and legacy start URL in the config, whether the token `aws sso login`
// cached is there and valid, until when, whether botocore could refresh it, and which profiles depend on it.
// Offline: it reads the cache and never calls the portal. Tokens are never printed.
import type { Session } from '../config/session';
import { readGuarded } from '../core/readFile';
import { iso, parseTimestamp } from '../python/timestamps';
import { ssoTokenPath } from '../config/ssoCachePath';
import { parseTokenCache, REFRESH_WINDOW_MS, refreshCheck } from '../aws/ssoToken';
import { ssoSources, type SsoSource } from './ssoSources';

export type TokenState = 'valid' | 'refreshable' | 'expired' | 'missing' | 'invalid';

export interface SsoStatus extends SsoSource {
  tokenFile: string;
  state: TokenState;
  /** when the cached token expires (ISO 8601), when known */
  expiresAt?: string;
  /** milliseconds left (negative once expired) */
  remainingMs?: number;
  /** why the token cannot be used, or what botocore will do with it */
  detail: string;
}

export function ssoStatus(session: Session): SsoStatus[] {
  const now = session.ctx.now();
  return ssoSources(session).map((src) => {
    const tokenFile = ssoTokenPath(session, src.cacheKey);
    const base = { ...src, tokenFile };
    let token: Record<string, unknown>;
    try {
      token = parseTokenCache(readGuarded(session.ctx, tokenFile));
    } catch (e) {
      const missing = (e as { code?: string }).code === 'ENOENT';
      return {
        ...base,
        state: missing ? 'missing' : 'invalid',
        detail: missing ? 'no cached token' : 'the cached token is not a JSON object',
      } as SsoStatus;
    }
    if (typeof token.accessToken !== 'string' || typeof token.expiresAt !== 'string') {
      return { ...base, state: 'invalid', detail: 'the cached token has no accessToken or expiresAt' } as SsoStatus;
    }
    const t = parseTimestamp(token.expiresAt);
    if (!t || t.naive) return { ...base, state: 'invalid', detail: `expiresAt is not a time with a zone` } as SsoStatus;
    const remainingMs = t.ms - now;
    const expiresAt = iso(t.ms);
    const canRefresh = src.kind === 'sso-session' && refreshCheck(token, now).refreshable;
    if (remainingMs > REFRESH_WINDOW_MS)
      return { ...base, state: 'valid', expiresAt, remainingMs, detail: `valid for ${duration(remainingMs)}` };
    if (canRefresh) {
      return {
        ...base,
        state: 'refreshable',
        expiresAt,
        remainingMs,
        detail: refreshedOnFirstUse(remainingMs),
      };
    }
    if (remainingMs > 0) {
      const note = src.kind === 'sso-session' ? ' (cannot be refreshed: log in again soon)' : '';
      return { ...base, state: 'valid', expiresAt, remainingMs, detail: `valid for ${duration(remainingMs)}${note}` };
    }
    return { ...base, state: 'expired', expiresAt, remainingMs, detail: `expired ${duration(-remainingMs)} ago` };
  });
}

export function duration(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m < 1) return 'less than a minute';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} days`;
}

// Messages

function refreshedOnFirstUse(remainingMs: number): string {
  return (
    `${remainingMs > 0 ? `expires in ${duration(remainingMs)}` : 'expired'}; boto3 refreshes it through ` +
    `SSO-OIDC on first use`
  );
}
