// What kind of profile a section is, by the order botocore tries a profile's own sources when it is selected
// (assume-role, web identity, sso, credentials-file keys, login, credential_process, config-file keys): the first whose
// claim test (each provider's own, src/providers/claim.ts) holds decides its kind. What else it configures is listed,
// because boto3 never uses it.
import { assumeRoleClaim } from '../providers/assumeRole';
import type { Claim, ProfileViews } from '../providers/claim';
import { PROFILE_SOURCES, type ProfileMethod } from '../providers/profileChain';
import type { Method } from '../core/types';
import type { Settings } from '../config/profileMap';

export type ProfileKind = 'static' | 'assume-role' | 'web-identity' | 'sso' | 'login' | 'process' | 'settings-only';

export const KIND_LABEL: Record<ProfileKind, string> = {
  static: 'static keys',
  'assume-role': 'assume-role',
  'web-identity': 'web identity',
  sso: 'sso',
  login: 'login',
  process: 'process',
  'settings-only': 'settings only',
};

export interface KindInfo {
  kind: ProfileKind;
  /** the botocore method this profile yields when it is selected with --profile; null for settings only */
  method: Method | null;
  /** other credential configuration in the profile that boto3 never reaches, e.g. "credential_process (line 9)" */
  unused: string[];
}

/** the kind each claiming source gives a profile */
const KIND_OF: Record<'assume-role' | ProfileMethod, ProfileKind> = {
  'assume-role': 'assume-role',
  'assume-role-with-web-identity': 'web-identity',
  sso: 'sso',
  'shared-credentials-file': 'static',
  login: 'login',
  'custom-process': 'process',
  'config-file': 'static',
};

// botocore's order for one profile: AssumeRoleProvider, then ProfileProviderBuilder's list, each source's own claim
const CLAIMS: { method: keyof typeof KIND_OF; claim: Claim }[] = [
  { method: 'assume-role', claim: assumeRoleClaim },
  ...PROFILE_SOURCES,
];

export function profileKind(v: ProfileViews): KindInfo {
  const matches = CLAIMS.filter((c) => c.claim.test(v));
  if (!matches.length) return { kind: 'settings-only', method: null, unused: [] };
  const [win, ...rest] = matches;
  const unused = rest.map(({ method, claim: c }) => {
    const s = (v[c.from] as Settings).get(c.key) ?? (method === 'sso' ? v.merged.get('sso_account_id') : undefined);
    return s ? `${c.what} (${s.file}:${s.line})` : c.what;
  });
  return { kind: KIND_OF[win.method], method: win.method, unused };
}

export type { ProfileViews };
