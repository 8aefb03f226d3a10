// The AWS CLI's credential cache, ~/.aws/cli/cache: one JSON file per role, named by the key botocore's fetchers
// compute (the SHA-1 of json.dumps of the AssumeRole arguments, sorted; compact JSON for SSO), holding the service
// answer with Expiration as JSONFileCache writes it. Written as JSONFileCache does (temp file, fsync, rename), mode
// 0600, and every byte checked: on a full disk the write fails and the entry already there stays whole. A hit needs
// 15 minutes left (CachedCredentialFetcher's expiry window), so the CLI and credchain share entries.
import type { Context } from '../core/context';
import { readGuarded } from '../core/readFile';
import { hexDigest } from '../core/hash';
import * as nodePath from 'node:path';
import { parseTimestamp } from '../python/timestamps';
import { replaceFileSync } from '../core/verifiedWrite';

/** CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS */
export const EXPIRY_WINDOW_MS = 15 * 60_000;

export interface CachedRole {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** epoch ms */
  expiresAt: number;
  accountId?: string;
  assumedRoleArn?: string;
}

export interface CredentialCache {
  readonly dir: string;
  /** the entry when it holds credentials with at least 15 minutes left; why not otherwise */
  get(key: string, now: number): { hit: CachedRole; file: string } | { miss: string; file: string };
  /** writes the entry complete or not at all; throws (the errno in `code`) when it cannot */
  put(key: string, value: Record<string, unknown>): string;
}

export function cliCacheDir(home: string): string {
  return nodePath.join(home, '.aws', 'cli', 'cache');
}

/** JSONFileCache on a directory, read through the context's guarded reader and written through its write door */
export function jsonFileCache(ctx: Pick<Context, 'fs' | 'readFile' | 'writeFs'>, dir: string): CredentialCache {
  const fileOf = (key: string) => nodePath.join(dir, `${key}.json`);
  return {
    dir,
    get(key, now) {
      const file = fileOf(key);
      let text: string;
      try {
        // a cache entry is a few hundred bytes; a FIFO or /dev/zero planted here must not hang or exhaust us
        text = readGuarded(ctx, file, 1024 * 1024).toString('utf8');
      } catch (e) {
        return {
          miss:
            (e as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'no cache entry'
              : `cache entry unreadable (${(e as NodeJS.ErrnoException).code})`,
          file,
        };
      }
      const role = parseCachedRole(text);
      if (!role) return { miss: 'cache entry is not a credentials answer', file };
      if (role.expiresAt - now < EXPIRY_WINDOW_MS)
        return {
          miss: `cached credentials expire at ${new Date(role.expiresAt).toISOString()}, less than 15 minutes away`,
          file,
        };
      return { hit: role, file };
    },
    put(key, value) {
      const file = fileOf(key);
      ctx.writeFs.mkdirSync(dir, { recursive: true });
      replaceFileSync(ctx.writeFs, file, Buffer.from(JSON.stringify(value), 'utf8'), { mode: 0o600 });
      return file;
    },
  };
}

function parseCachedRole(text: string): CachedRole | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const c = (doc as { Credentials?: Record<string, unknown> })?.Credentials;
  if (!c || typeof c !== 'object') return undefined;
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId } = c;
  if (
    typeof AccessKeyId !== 'string' ||
    typeof SecretAccessKey !== 'string' ||
    typeof SessionToken !== 'string' ||
    typeof Expiration !== 'string'
  )
    return undefined;
  const t = parseTimestamp(Expiration);
  if (!t || t.naive) return undefined;
  const arn = (doc as { AssumedRoleUser?: { Arn?: unknown } }).AssumedRoleUser?.Arn;
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiresAt: t.ms,
    ...(typeof AccountId === 'string' ? { accountId: AccountId } : {}),
    ...(typeof arn === 'string' ? { assumedRoleArn: arn } : {}),
  };
}

/** BaseAssumeRoleCredentialFetcher._create_cache_key: the arguments without a generated RoleSessionName */
export function assumeRoleCacheKey(args: Record<string, string | number>): string {
  return sha1(pyJsonDumps(args, ', ', ': '));
}

/** SSOCredentialFetcher._create_cache_key: compact JSON of roleName, accountId and sessionName or startUrl */
export function ssoCacheKey(args: {
  roleName: string;
  accountId: string;
  sessionName?: string;
  startUrl?: string;
}): string {
  const a: Record<string, string> = { roleName: args.roleName, accountId: args.accountId };
  if (args.sessionName) a.sessionName = args.sessionName;
  else a.startUrl = args.startUrl ?? '';
  return sha1(pyJsonDumps(a, ',', ':'));
}

function sha1(s: string): string {
  return hexDigest('sha1', s);
}

/** json.dumps(obj, sort_keys=True) for a flat dict of str and int, with Python's ensure_ascii escaping */
export function pyJsonDumps(obj: Record<string, string | number>, itemSep: string, keySep: string): string {
  const keys = Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${pyJsonString(k)}${keySep}${typeof obj[k] === 'number' ? String(obj[k]) : pyJsonString(obj[k] as string)}`).join(itemSep)}}`;
}

const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** json.encoder.py_encode_basestring_ascii: everything outside space..~ as \uXXXX (UTF-16 units, lower-case hex) */
function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (SHORT[ch]) out += SHORT[ch];
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** JSONFileCache's serialisation of a botocore datetime: strftime('%Y-%m-%dT%H:%M:%S%Z') of a UTC time */
export function cliCacheTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'UTC');
}
