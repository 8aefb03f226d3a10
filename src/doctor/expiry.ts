// Rule family "expiry": temporary credentials that have run out. AWS_CREDENTIAL_EXPIRATION (boto3 raises
// RuntimeError at first use when it has passed, ParserError / TypeError when it is not a usable date),
// x_security_token_expires written next to keys by login tools, the SSO token cache (~/.aws/sso/cache) of each SSO
// profile and sso-session, and role credentials the AWS CLI cached in ~/.aws/cli/cache.
import { readGuarded } from '../core/readFile';
import * as nodePath from 'node:path';
import { valueText } from '../ini/parse';
import { iso, parseTimestamp } from '../python/timestamps';
import { ssoTokenPath } from '../config/ssoCachePath';
import { maskKey } from '../core/mask';
import { entriesNamed, entryLocation, sectionLabel } from '../divergences/entries';
import { ruleOf, type DoctorInput, type Finding, type RuleFamily } from './types';
import { isSsoProfile } from '../providers/sso';

const R = ruleOf('expiry');

export const expiryFamily: RuleFamily = {
  family: 'expiry',
  rules: [
    R(
      'expired-env-credentials',
      'error',
      'AWS_CREDENTIAL_EXPIRATION has passed (boto3 raises RuntimeError at first use); a warning when the env keys ' +
        'are not the ones boto3 uses',
    ),
    R(
      'invalid-env-expiration',
      'error',
      'AWS_CREDENTIAL_EXPIRATION is not a date boto3 can use (ParserError), or has no timezone (TypeError at first ' +
        'use)',
    ),
    R('expired-file-credentials', 'warning', 'x_security_token_expires next to keys in a shared file has passed'),
    R(
      'expired-sso-token',
      'warning',
      'the cached SSO token of an SSO profile or sso-session has expired and cannot be refreshed',
    ),
    R(
      'expired-cli-cache',
      'info',
      'role credentials cached by the AWS CLI in ~/.aws/cli/cache have expired (a warning when those keys are in use)',
    ),
  ],
  check(input) {
    return [...envExpiry(input), ...fileExpiry(input), ...ssoExpiry(input), ...cliCache(input)];
  },
};

function envActive(input: DoctorInput): boolean {
  const env = input.ctx.env;
  return !!env.AWS_ACCESS_KEY_ID && !!env.AWS_SECRET_ACCESS_KEY && !input.session.explicitProfile;
}

function envExpiry(input: DoctorInput): Finding[] {
  const raw = input.ctx.env.AWS_CREDENTIAL_EXPIRATION;
  if (!raw) return [];
  const active = envActive(input);
  const used = active
    ? 'boto3 uses these env keys and'
    : 'these env keys are not in use now (no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY pair, or --profile), but boto3';
  const t = parseTimestamp(raw);
  const location = { env: 'AWS_CREDENTIAL_EXPIRATION' };
  if (!t || t.naive) {
    return [
      {
        rule: 'invalid-env-expiration',
        severity: active ? 'error' : 'warning',
        message: !t
          ? `AWS_CREDENTIAL_EXPIRATION="${raw}" is not a date: ${used} raises ParserError while resolving`
          : envExpirationWithoutTimezone(raw, used),
        location,
        fix: 'write an ISO 8601 time with a timezone, e.g. 2030-01-01T00:00:00Z',
      },
    ];
  }
  if (t.ms > input.ctx.now()) return [];
  return [
    {
      rule: 'expired-env-credentials',
      severity: active ? 'error' : 'warning',
      message: envCredentialsExpired(iso(t.ms), used),
      location,
      fix: exportFreshEnvCredentials(),
    },
  ];
}

function fileExpiry(input: DoctorInput): Finding[] {
  const out: Finding[] = [];
  for (const f of [input.files.credentials, input.files.config]) {
    for (const r of entriesNamed(f, 'x_security_token_expires')) {
      const t = parseTimestamp(valueText(r.entry.value) ?? '');
      if (!t || t.ms > input.ctx.now()) continue;
      out.push({
        rule: 'expired-file-credentials',
        severity: 'warning',
        message: fileKeysExpired(sectionLabel(r), iso(t.ms)),
        location: entryLocation(r),
        fix: 'refresh the keys with the tool that wrote them, or remove the section',
        ...(r.profile !== undefined ? { profile: r.profile } : {}),
      });
    }
  }
  return out;
}

interface TokenRef {
  key: string;
  label: string;
  login: string;
  isSession: boolean;
  location: Finding['location'];
  profile?: string;
}

function ssoExpiry(input: DoctorInput): Finding[] {
  const session = input.session;
  const full = session.fullConfig();
  const refs = new Map<string, TokenRef>();
  for (const [name, p] of full.config.ssoSessions) {
    refs.set(`s:${name}`, {
      key: name,
      label: `sso-session "${name}"`,
      login: `aws sso login --sso-session ${name}`,
      isSession: true,
      location: { file: p.source.file, line: p.source.line, section: p.source.section },
    });
  }
  for (const [name, p] of full.profiles) {
    const s = p.settings;
    if (s.has('sso_session') || !isSsoProfile(s)) continue;
    const url = valueText(s.get('sso_start_url')?.value);
    if (!url) continue;
    const at = s.get('sso_start_url')!;
    if (!refs.has(`u:${url}`))
      refs.set(`u:${url}`, {
        key: url,
        label: `profile "${name}" (sso_start_url ${url})`,
        login: `aws sso login --profile ${name}`,
        isSession: false,
        location: { file: at.file, line: at.line, section: at.section },
        profile: name,
      });
  }
  const out: Finding[] = [];
  for (const ref of refs.values()) {
    const path = ssoTokenPath(session, ref.key);
    const token = readJson(input, path);
    if (!token || typeof token.expiresAt !== 'string') continue;
    const t = parseTimestamp(token.expiresAt);
    if (!t || t.ms > input.ctx.now()) continue;
    const refreshable =
      ref.isSession &&
      token.refreshToken &&
      token.clientId &&
      token.clientSecret &&
      !expired(input, token.registrationExpiresAt);
    if (refreshable) continue;
    out.push({
      rule: 'expired-sso-token',
      severity: 'warning',
      message: ssoTokenExpired(ref.label, path, iso(t.ms), ref.isSession),
      location: ref.location,
      fix: `run \`${ref.login}\``,
      ...(ref.profile ? { profile: ref.profile } : {}),
    });
  }
  return out;
}

function cliCache(input: DoctorInput): Finding[] {
  const dir = `${input.ctx.home.replace(/\/+$/, '')}/.aws/cli/cache`;
  const names = listJson(input, dir);
  const expiredKeys: { file: string; keyId?: string; at: number }[] = [];
  for (const n of names) {
    const j = readJson(input, nodePath.join(dir, n));
    const c = j?.Credentials as Record<string, unknown> | undefined;
    const t = typeof c?.Expiration === 'string' ? parseTimestamp(c.Expiration) : undefined;
    if (t && t.ms <= input.ctx.now())
      expiredKeys.push({
        file: nodePath.join(dir, n),
        keyId: typeof c?.AccessKeyId === 'string' ? c.AccessKeyId : undefined,
        at: t.ms,
      });
  }
  if (!expiredKeys.length) return [];
  const inUse = new Set<string>();
  const env = input.ctx.env.AWS_ACCESS_KEY_ID;
  if (env) inUse.add(env);
  for (const f of [input.files.credentials, input.files.config])
    for (const r of entriesNamed(f, 'aws_access_key_id'))
      if (typeof r.entry.value === 'string') inUse.add(r.entry.value);
  const out: Finding[] = [];
  for (const e of expiredKeys.filter((x) => x.keyId && inUse.has(x.keyId))) {
    out.push({
      rule: 'expired-cli-cache',
      severity: 'warning',
      message: keyFromExpiredCliCache(maskKey(e.keyId), iso(e.at), e.file),
      location: { file: e.file },
      fix: getFreshRoleCredentials(),
    });
  }
  const idle = expiredKeys.length - out.length;
  if (idle > 0) {
    out.push({
      rule: 'expired-cli-cache',
      severity: 'info',
      message: idleCliCacheExpired(idle, names.length, dir),
      location: { file: dir },
      fix: `nothing to do; delete ${dir} to tidy up`,
    });
  }
  return out;
}

function expired(input: DoctorInput, v: unknown): boolean {
  const t = typeof v === 'string' ? parseTimestamp(v) : undefined;
  return !t || t.ms <= input.ctx.now();
}

export function readJson(input: Pick<DoctorInput, 'ctx'>, path: string): Record<string, unknown> | undefined {
  try {
    // cache entries are small; a FIFO or /dev/zero planted among them must not hang or exhaust doctor
    const j = JSON.parse(readGuarded(input.ctx, path, 1024 * 1024).toString('utf8'));
    return j && typeof j === 'object' && !Array.isArray(j) ? j : undefined;
  } catch {
    return undefined;
  }
}

/** *.json files in a directory, when the file system can list directories (node:fs and memfs can) */
export function listJson(input: Pick<DoctorInput, 'ctx'>, dir: string): string[] {
  const readdir = (input.ctx.fs as { readdirSync?: (p: string) => unknown[] }).readdirSync;
  if (!readdir) return [];
  try {
    return readdir
      .call(input.ctx.fs, dir)
      .map(String)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

// Messages

function envExpirationWithoutTimezone(raw: string, used: string): string {
  return (
    `AWS_CREDENTIAL_EXPIRATION="${raw}" has no timezone: ${used} raises TypeError (can't subtract ` +
    `offset-naive and offset-aware datetimes) at first use`
  );
}

function envCredentialsExpired(expiredAt: string, used: string): string {
  return (
    `AWS_CREDENTIAL_EXPIRATION (${expiredAt}) has passed: ${used} raises RuntimeError ("refreshed credentials ` +
    `are still expired") when the keys are first used (the JS SDK still returns them)`
  );
}

function exportFreshEnvCredentials(): string {
  return (
    'get fresh credentials and export them again, or unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ' +
    'AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION'
  );
}

function fileKeysExpired(section: string, expiredAt: string): string {
  return (
    `x_security_token_expires in ${section} says these temporary keys expired at ${expiredAt}: boto3 does not ` +
    `read that key and will send them anyway, and AWS will reject them (ExpiredToken)`
  );
}

function ssoTokenExpired(label: string, path: string, expiredAt: string, isSession: boolean): string {
  return (
    `the cached SSO token for ${label} (${path}) expired at ${expiredAt}: boto3 raises ` +
    `${isSession ? 'TokenRetrievalError' : 'UnauthorizedSSOTokenError'} when it first uses these credentials`
  );
}

function keyFromExpiredCliCache(maskedKey: string, expiredAt: string, file: string): string {
  return (
    `the access key ${maskedKey} is in use (environment or shared file) but comes from AWS CLI role ` +
    `credentials that expired at ${expiredAt} (${file})`
  );
}

function getFreshRoleCredentials(): string {
  return (
    'get fresh credentials (run the AWS CLI command again, or use the profile that assumes the role instead ' +
    'of copied keys)'
  );
}

function idleCliCacheExpired(idle: number, cached: number, dir: string): string {
  return (
    `${idle} of ${cached} role credentials cached by the AWS CLI in ${dir} have expired: the AWS CLI fetches ` +
    `new ones when it next needs them; boto3 never reads this cache`
  );
}
