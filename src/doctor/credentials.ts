// Rule family "credentials": key material as boto3 reads it. Partial pairs (checked with the providers' own
// staticKeys/envSource, so the findings are exactly boto3's PartialCredentialsError), and key ids whose prefix
// disagrees with the presence of a session token: ASIA… is temporary and needs its token, AKIA… is long-term.
import { envSource } from '../providers/env';
import { staticKeys } from '../providers/staticKeys';
import { buildProfileMap, sectionSettings, type Settings } from '../config/profileMap';
import { maskKey } from '../core/mask';
import { at, sectionsOf } from '../divergences/entries';
import type { ScannedFile } from './scan';
import { ruleOf, type DoctorInput, type Finding, type FindingLocation, type RuleFamily } from './types';

const R = ruleOf('credentials');

export const credentialsFamily: RuleFamily = {
  family: 'credentials',
  rules: [
    R(
      'partial-keys',
      'error',
      'an access key id without its secret (boto3 raises PartialCredentialsError); a secret without its key id is ' +
        'a warning (ignored)',
    ),
    R(
      'temporary-key-without-token',
      'warning',
      'an ASIA… (temporary) access key id without a session token: AWS rejects it',
    ),
    R(
      'long-term-key-with-token',
      'warning',
      'an AKIA… (long-term) access key id with a session token: a leftover token from another session',
    ),
  ],
  check(input) {
    return [...fileKeys(input.files.credentials), ...fileKeys(input.files.config), ...envKeys(input)];
  },
};

interface KeySection {
  label: string;
  profile: string;
  section: string;
  line: number;
  settings: Settings;
}

function keySections(f: ScannedFile): KeySection[] {
  if (!f.doc) return [];
  const doc = { ...f.doc, sections: sectionsOf(f) };
  if (f.kind === 'credentials') {
    return doc.sections.map((s) => ({
      label: `[${s.name}] in the credentials file`,
      profile: s.name,
      section: s.name,
      line: s.line,
      settings: sectionSettings(doc, s),
    }));
  }
  return [...buildProfileMap(doc).profiles].map(([name, p]) => ({
    label: `[${p.source.section}] in the config file`,
    profile: name,
    section: p.source.section,
    line: p.source.line,
    settings: p.settings,
  }));
}

function fileKeys(f: ScannedFile): Finding[] {
  const out: Finding[] = [];
  for (const k of keySections(f)) {
    const provider = f.kind === 'credentials' ? 'shared-credentials-file' : 'config-file';
    const o = staticKeys(k.settings, { method: provider, provider, tokens: true, accountId: false, where: k.label });
    const ak = k.settings.get('aws_access_key_id');
    const sk = k.settings.get('aws_secret_access_key');
    if (o.status === 'error') {
      out.push({
        rule: 'partial-keys',
        severity: 'error',
        message: `${o.error.type}: ${o.error.message}`,
        location: at(f, ak?.line, k.section),
        fix: keepKeysInOneSection(),
        profile: k.profile,
      });
    } else if (!ak && sk) {
      out.push({
        rule: 'partial-keys',
        severity: 'warning',
        message: `${k.label} has aws_secret_access_key but no aws_access_key_id: boto3 ignores the secret`,
        location: at(f, sk.line, k.section),
        fix: 'add aws_access_key_id to the same section, or remove the secret',
        profile: k.profile,
      });
    }
    if (o.status === 'won') {
      const token = k.settings.get('aws_security_token') ?? k.settings.get('aws_session_token');
      const loc = at(f, ak?.line, k.section);
      for (const x of prefixChecks(
        o.credentials.accessKeyId,
        !!o.credentials.sessionToken,
        k.label,
        token ? `${token.key} on line ${token.line}` : undefined,
        loc,
        k.profile,
      ))
        out.push(x);
    }
  }
  return out;
}

function envKeys(input: DoctorInput): Finding[] {
  const env = input.ctx.env;
  // --profile removes the env provider: nothing in these variables is read then
  if (input.session.explicitProfile) return [];
  const o = envSource(input.ctx);
  if (o.status === 'error') {
    return [
      {
        rule: 'partial-keys',
        severity: 'error',
        message: `${o.error.type}: ${o.error.message}`,
        location: { env: 'AWS_SECRET_ACCESS_KEY' },
        fix: 'set AWS_SECRET_ACCESS_KEY too, or unset AWS_ACCESS_KEY_ID',
      },
    ];
  }
  if (o.status === 'skipped') {
    if (!env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return [
        {
          rule: 'partial-keys',
          severity: 'warning',
          message: envSecretWithoutKeyId(env.AWS_ACCESS_KEY_ID),
          location: { env: 'AWS_SECRET_ACCESS_KEY' },
          fix: 'set AWS_ACCESS_KEY_ID too, or unset AWS_SECRET_ACCESS_KEY',
        },
      ];
    }
    return [];
  }
  if (o.status !== 'won') return [];
  const tokenVar = env.AWS_SECURITY_TOKEN
    ? 'AWS_SECURITY_TOKEN'
    : env.AWS_SESSION_TOKEN
      ? 'AWS_SESSION_TOKEN'
      : undefined;
  return prefixChecks(o.credentials.accessKeyId, !!o.credentials.sessionToken, 'AWS_ACCESS_KEY_ID', tokenVar, {
    env: 'AWS_ACCESS_KEY_ID',
  });
}

function prefixChecks(
  keyId: string | null,
  hasToken: boolean,
  label: string,
  tokenWhere: string | undefined,
  location: FindingLocation,
  profile?: string,
): Finding[] {
  if (!keyId) return [];
  if (keyId.startsWith('ASIA') && !hasToken) {
    return [
      {
        rule: 'temporary-key-without-token',
        severity: 'warning',
        message: temporaryKeyWithoutToken(label, maskKey(keyId)),
        location,
        fix: addTheSessionToken(),
        ...(profile ? { profile } : {}),
      },
    ];
  }
  if (keyId.startsWith('AKIA') && hasToken) {
    return [
      {
        rule: 'long-term-key-with-token',
        severity: 'warning',
        message: longTermKeyWithToken(label, maskKey(keyId), tokenWhere),
        location,
        fix: `remove the stale token (${tokenWhere ?? 'the session token'})`,
        ...(profile ? { profile } : {}),
      },
    ];
  }
  return [];
}

// Messages

function keepKeysInOneSection(): string {
  return (
    'add aws_secret_access_key next to aws_access_key_id in the same file and section (boto3 does not combine ' +
    'the two files)'
  );
}

function envSecretWithoutKeyId(keyId: string | undefined): string {
  return (
    `AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: boto3 ignores ` +
    `it${keyId === '' ? ' (AWS_ACCESS_KEY_ID is empty)' : ''}`
  );
}

function temporaryKeyWithoutToken(label: string, maskedKey: string): string {
  return (
    `${label} holds a temporary access key id (${maskedKey}, ASIA…) but no session token: AWS rejects ` +
    `temporary keys without their token (InvalidClientTokenId)`
  );
}

function addTheSessionToken(): string {
  return (
    'add the session token that came with these keys (aws_session_token / AWS_SESSION_TOKEN), or use ' +
    'long-term keys'
  );
}

function longTermKeyWithToken(label: string, maskedKey: string, tokenWhere: string | undefined): string {
  return (
    `${label} holds a long-term access key id (${maskedKey}, AKIA…) together with a session token ` +
    `(${tokenWhere}): the token belongs to other, temporary credentials, and AWS rejects the pair`
  );
}
