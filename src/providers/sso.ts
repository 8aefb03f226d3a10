// `sso`: a profile with sso_role_name or sso_account_id; the required keys, the sso-session reference and its
// consistency are checked while resolving, exactly as botocore does. Deferred: the token cache is read and the
// portal called only on first use, so a cache problem is reported as a note (a live token, in the reason).
import { FileReadError } from '../core/context';
import { botoFate, readGuarded } from '../core/readFile';
import { BotoError } from '../core/errors';
import { nameInMessage, valueText, type IniValue } from '../ini/parse';
import { quotableValue } from '../core/secrets';
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';
import type { Settings, Setting } from '../config/profileMap';
import type { Claim } from './claim';
import { ssoTokenPath } from '../config/ssoCachePath';
import { iso, parseTimestamp, type ParsedTime } from '../python/timestamps';

const REQUIRED = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'];

/** botocore's SSOProvider: a profile is an SSO profile when it names a role or an account */
export function isSsoProfile(s: Settings | undefined): boolean {
  return !!s && (s.has('sso_role_name') || s.has('sso_account_id'));
}

export const ssoClaim: Claim = {
  what: 'sso_* keys',
  key: 'sso_role_name',
  from: 'merged',
  test: (v) => isSsoProfile(v.merged),
};

export function ssoSource(session: Session, profile: string): Outcome {
  const full = session.fullConfig();
  const settings = full.profiles.get(profile)?.settings;
  if (!settings || !isSsoProfile(settings)) {
    const partial = settings && [...settings.keys()].filter((k) => k.startsWith('sso_'));
    return {
      status: 'skipped',
      reason: partial?.length
        ? partialSsoSettings(profile, partial)
        : `profile "${profile}" has no sso_role_name or sso_account_id`,
    };
  }
  const where = (key: string) => {
    const s = settings.get(key);
    return s ? { file: s.file, line: s.line } : undefined;
  };
  const values = new Map<string, IniValue>();
  for (const [k, s] of settings) values.set(k, s.value);
  const required = [...REQUIRED];
  const sessionName = settings.get('sso_session');
  if (sessionName) {
    const name = valueText(sessionName.value)!;
    const section = full.config.ssoSessions.get(name);
    if (!section) {
      return {
        status: 'error',
        error: new BotoError(
          'InvalidConfigError',
          ssoSessionMissing(name, profile, sessionName),
          'get_credentials',
          where('sso_session'),
        ),
      };
    }
    for (const [k, s] of section.settings) {
      const mine = values.get(k);
      if (mine !== undefined && JSON.stringify(mine) !== JSON.stringify(s.value)) {
        return {
          status: 'error',
          error: new BotoError(
            'InvalidConfigError',
            ssoValueInconsistent(k, mine, s, profile, name),
            'get_credentials',
            where(k),
          ),
        };
      }
      values.set(k, s.value);
    }
    required.push('sso_session');
  }
  const missing = required.filter((k) => !values.has(k));
  if (missing.length) {
    return {
      status: 'error',
      error: new BotoError(
        'InvalidConfigError',
        ssoConfigMissing(profile, missing),
        'get_credentials',
        where('sso_role_name') ?? where('sso_account_id'),
      ),
    };
  }
  const v = (k: string) => valueText(values.get(k))!;
  const startUrl = v('sso_start_url');
  const sessName = sessionName ? v('sso_session') : undefined;
  const { notes, validUntil } = tokenCacheNotes(
    session,
    sessName ?? startUrl,
    sessName ? `aws sso login --sso-session ${sessName}` : `aws sso login --profile ${profile}`,
    sessName !== undefined,
  );
  const loc = settings.get('sso_role_name') ?? settings.get('sso_account_id')!;
  return {
    status: 'won',
    reason: ssoProfileDeferred(profile, v, sessName, validUntil),
    credentials: {
      method: 'sso',
      accessKeyId: null,
      secretAccessKey: null,
      sessionToken: null,
      expiration: null,
      accountId: v('sso_account_id'),
      location: { file: loc.file, line: loc.line, section: loc.section },
      deferred: {
        kind: 'sso',
        profile,
        startUrl,
        ssoRegion: v('sso_region'),
        accountId: v('sso_account_id'),
        roleName: v('sso_role_name'),
        session: sessName,
      },
    },
    notes,
  };
}

// every profile of an sso-session reads the same cache file: read and judged once per session (doctor on 100,000
// SSO profiles opened it 100,000 times)
const TOKEN_NOTES = new WeakMap<Session, Map<string, { notes: string[]; validUntil?: string }>>();

function tokenCacheNotes(
  session: Session,
  key: string,
  login: string,
  isSession: boolean,
): { notes: string[]; validUntil?: string } {
  let memo = TOKEN_NOTES.get(session);
  if (!memo) TOKEN_NOTES.set(session, (memo = new Map()));
  const id = `${key}\u0000${login}\u0000${isSession}`;
  let r = memo.get(id);
  if (!r) memo.set(id, (r = readTokenNotes(session, key, login, isSession)));
  return { notes: [...r.notes], validUntil: r.validUntil };
}

function readTokenNotes(
  session: Session,
  key: string,
  login: string,
  isSession: boolean,
): { notes: string[]; validUntil?: string } {
  const path = ssoTokenPath(session, key);
  let text: string;
  try {
    text = readGuarded(session.ctx, path).toString('utf8');
  } catch (e) {
    const fate = e instanceof FileReadError ? botoFate(e) : undefined;
    if (fate)
      return {
        notes: [`the SSO token cache ${(e as Error).message}: ${fate} on first use; replace it with \`${login}\``],
      };
    return {
      notes: [`no cached SSO token at ${path}: boto3 will raise SSOTokenLoadError on first use; run \`${login}\``],
    };
  }
  let token: Record<string, unknown>;
  try {
    token = JSON.parse(text);
  } catch {
    return { notes: [`the SSO token cache ${path} is not JSON: boto3 will raise KeyError on first use`] };
  }
  if (typeof token?.accessToken !== 'string' || typeof token?.expiresAt !== 'string') {
    return {
      notes: [
        `the SSO token cache ${path} lacks accessToken or expiresAt: boto3 will raise SSOTokenLoadError on first use`,
      ],
    };
  }
  const t = parseTimestamp(token.expiresAt);
  if (t && t.ms <= session.ctx.now()) {
    const canRefresh = isSession && token.refreshToken && token.clientId && token.clientSecret;
    return {
      notes: [ssoTokenExpired(t, canRefresh, isSession, login)],
    };
  }
  // a live token is information, not a warning: it goes in the reason
  return { notes: [], validUntil: t ? iso(t.ms) : undefined };
}

// Messages

function partialSsoSettings(profile: string, partial: string[]): string {
  return (
    `profile "${profile}" has ${partial.join(', ')} but neither sso_role_name nor sso_account_id, so boto3 ` +
    `does not use SSO`
  );
}

function ssoSessionMissing(name: string, profile: string, sessionName: Setting): string {
  return (
    `The specified sso-session does not exist: "${name}" (profile "${profile}" names it at ` +
    `${sessionName.file}:${sessionName.line}; add [sso-session ${name}] to the config file)`
  );
}

/** botocore's words, with the two values as a message may quote them (a secret never) */
function ssoValueInconsistent(k: string, mine: IniValue, s: Setting, profile: string, name: string): string {
  return (
    `The value for ${nameInMessage(k)} is inconsistent between profile (${quotableValue(k, mine)}) and ` +
    `sso-session (${quotableValue(k, s.value)}): profile "${profile}" and [sso-session ${name}] ` +
    `(${s.file}:${s.line}) disagree`
  );
}

function ssoConfigMissing(profile: string, missing: string[]): string {
  return (
    `The profile "${profile}" is configured to use SSO but is missing required configuration: ` +
    `${missing.join(', ')}`
  );
}

function ssoProfileDeferred(
  profile: string,
  v: (k: string) => string,
  sessName: string | undefined,
  validUntil: string | undefined,
): string {
  return `profile "${profile}" is an IAM Identity Center profile (account ${v('sso_account_id')}, role ${v('sso_role_name')}${
    sessName ? `, sso-session ${sessName}` : ''
  }); GetRoleCredentials is deferred until the keys are used${
    validUntil ? `; the cached SSO token is valid until ${validUntil}` : ''
  }`;
}

function ssoTokenExpired(t: ParsedTime, canRefresh: unknown, isSession: boolean, login: string): string {
  return (
    `the cached SSO token expired at ` +
    `${iso(t.ms)}${
      canRefresh
        ? ' (boto3 will try to refresh it)'
        : `: boto3 will raise ${isSession ? 'TokenRetrievalError' : 'UnauthorizedSSOTokenError'} on first use; run ` +
          `\`${login}\``
    }`
  );
}
