// The CI checks `verify` runs on a proven identity: which accounts, which ARN, which chain method, no long-term
// keys, enough time left. Each failure says what was expected and what was found.
import { UsageError } from '../core/errors';
import { METHODS, type Credentials, type Method } from '../core/types';
import { iso } from '../python/timestamps';
import type { IdentityView } from './identity';

export interface Expectations {
  accounts?: string[];
  arnGlobs?: string[];
  method?: Method;
  forbidLongTermKeys?: boolean;
  /** milliseconds, with the text the user wrote */
  minTtl?: { ms: number; text: string };
}

export interface Check {
  check: string;
  ok: boolean;
  message: string;
  expected?: unknown;
  found?: unknown;
}

/** the flags as given: repeated or comma-separated accounts, globs, a method name, a duration */
export function parseExpectations(a: {
  expectAccount?: string[];
  expectArn?: string[];
  expectMethod?: string;
  forbidLongTermKeys?: boolean;
  minTtl?: string;
}): Expectations {
  const e: Expectations = {};
  if (a.expectAccount?.length) {
    e.accounts = a.expectAccount
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const bad = e.accounts.filter((v) => !/^\d{12}$/.test(v));
    if (bad.length)
      throw new UsageError(`--expect-account takes 12-digit account ids, not ${bad.map((b) => `"${b}"`).join(', ')}`);
  }
  if (a.expectArn?.length) e.arnGlobs = a.expectArn.map(String);
  if (a.expectMethod !== undefined) {
    if (!(METHODS as readonly string[]).includes(a.expectMethod))
      throw new UsageError(`--expect-method must be one of ${METHODS.join(', ')}; not "${a.expectMethod}"`);
    e.method = a.expectMethod as Method;
  }
  if (a.forbidLongTermKeys) e.forbidLongTermKeys = true;
  if (a.minTtl !== undefined) e.minTtl = { ms: parseDuration(a.minTtl, '--min-ttl'), text: a.minTtl };
  return e;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90", "90s", "15m", "1h", "1h30m", "2d": milliseconds; UsageError otherwise */
export function parseDuration(text: string, flag: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const parts = [...t.matchAll(/(\d+)([smhd])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== t) {
    throw new UsageError(`${flag} takes a duration such as 90s, 15m, 1h or 1h30m; not "${text}"`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]], 0);
}

/** `*` matches any run of characters (":" and "/" included), `?` one character; the whole ARN must match */
export function globMatch(glob: string, s: string): boolean {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(s);
}

export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const out = [d && `${d}d`, h && `${h}h`, m && `${m}m`, !d && !h && s && `${s}s`].filter(Boolean).join('') || '0s';
  return neg ? `-${out}` : out;
}

export function evaluateExpectations(e: Expectations, id: IdentityView, creds: Credentials, now: number): Check[] {
  const checks: Check[] = [];
  if (e.accounts) {
    const ok = e.accounts.includes(id.account);
    const want = e.accounts.length === 1 ? e.accounts[0] : `one of ${e.accounts.join(', ')}`;
    checks.push({
      check: 'expect-account',
      ok,
      expected: e.accounts,
      found: id.account,
      message: ok ? `account is ${id.account}` : `expected account ${want}, found ${id.account}`,
    });
  }
  if (e.arnGlobs) {
    const ok = e.arnGlobs.some((g) => globMatch(g, id.arn));
    const want = e.arnGlobs.length === 1 ? e.arnGlobs[0] : `one of ${e.arnGlobs.join(', ')}`;
    checks.push({
      check: 'expect-arn',
      ok,
      expected: e.arnGlobs,
      found: id.arn,
      message: ok ? `ARN matches ${want}` : `expected an ARN matching ${want}, found ${id.arn}`,
    });
  }
  if (e.method) {
    const ok = creds.method === e.method;
    checks.push({
      check: 'expect-method',
      ok,
      expected: e.method,
      found: creds.method,
      message: ok ? `method is ${creds.method}` : `expected credentials from ${e.method}, found ${creds.method}`,
    });
  }
  if (e.forbidLongTermKeys) {
    const key = creds.accessKeyId ?? '';
    const longTerm =
      !creds.sessionToken && (key.startsWith('AKIA') || id.principalType === 'user' || id.principalType === 'root');
    const masked = `****************${key.slice(-4)}`;
    checks.push({
      check: 'forbid-long-term-keys',
      ok: !longTerm,
      expected: 'temporary credentials (with a session token)',
      found: longTerm ? `long-term key ${key}` : 'temporary credentials',
      message: longTerm ? longTermKeyFound(masked, key, id) : 'credentials are temporary (they carry a session token)',
    });
  }
  if (e.minTtl) {
    checks.push(ttlCheck(e.minTtl, creds, now));
  }
  return checks;
}

function ttlCheck(min: { ms: number; text: string }, creds: Credentials, now: number): Check {
  const base = { check: 'min-ttl', expected: min.text };
  if (!creds.expiration) {
    if (creds.sessionToken) {
      return {
        ...base,
        ok: false,
        found: null,
        message: noExpiryToCheck(min, creds),
      };
    }
    return {
      ...base,
      ok: true,
      found: 'no expiry',
      message: `long-term credentials do not expire (at least ${min.text} left)`,
    };
  }
  const left = Date.parse(creds.expiration) - now;
  const ok = left >= min.ms;
  return {
    ...base,
    ok,
    found: formatDuration(left),
    message: ok
      ? `${formatDuration(left)} left (until ${iso(Date.parse(creds.expiration))}), at least ${min.text}`
      : ttlTooShort(min, left, creds.expiration),
  };
}

// Messages

function longTermKeyFound(masked: string, key: string, id: IdentityView): string {
  return (
    `expected temporary credentials, found the long-term access key ${masked} ` +
    `(${key.startsWith('AKIA') ? 'AKIA…, ' : ''}no session token) of ${id.arn}`
  );
}

function noExpiryToCheck(min: { ms: number; text: string }, creds: Credentials): string {
  return (
    `expected at least ${min.text} left, but these temporary credentials carry no expiry (${creds.method}), ` +
    `so their lifetime is unknown`
  );
}

function ttlTooShort(min: { ms: number; text: string }, left: number, expiration: string): string {
  return `expected at least ${min.text} left, found ${
    left <= 0 ? `credentials that expired ${formatDuration(-left)} ago` : formatDuration(left)
  } (expiry ${iso(Date.parse(expiration))})`;
}
