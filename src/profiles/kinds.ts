// What kind of profile a section is, by the order botocore tries a profile's own sources when it is selected
// (assume-role, web identity, sso, credentials-file keys, login, credential_process, config-file keys): the first
// that claims the profile decides its kind. What else it configures is listed, because boto3 never uses it.
import { valueText } from '../ini/parse';
import { hasAssumeRoleVars } from '../providers/assumeRole';
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

/** the three views a kind needs: the merged profile, the credentials-file section, the config-file profile */
export interface ProfileViews {
  merged: Settings;
  credentialsSection?: Settings;
  configProfile?: Settings;
}

interface Claim {
  kind: ProfileKind;
  method: Method;
  /** what to call it when it is not the winner */
  what: string;
  key: string;
  from: keyof ProfileViews;
  test(v: ProfileViews): boolean;
}

const has = (s: Settings | undefined, k: string) => !!s?.has(k);

// botocore's order for one profile: AssumeRoleProvider, then ProfileProviderBuilder's list (src/chain/profileChain.ts)
const CLAIMS: Claim[] = [
  { kind: 'assume-role', method: 'assume-role', what: 'role_arn', key: 'role_arn', from: 'merged', test: (v) => hasAssumeRoleVars(v.merged) },
  {
    kind: 'web-identity',
    method: 'assume-role-with-web-identity',
    what: 'web_identity_token_file',
    key: 'web_identity_token_file',
    from: 'merged',
    // an empty token file path is skipped by the web-identity provider
    test: (v) => !!valueText(v.merged.get('web_identity_token_file')?.value),
  },
  {
    kind: 'sso',
    method: 'sso',
    what: 'sso_* keys',
    key: 'sso_role_name',
    from: 'merged',
    test: (v) => has(v.merged, 'sso_role_name') || has(v.merged, 'sso_account_id'),
  },
  {
    kind: 'static',
    method: 'shared-credentials-file',
    what: 'static keys in the credentials file',
    key: 'aws_access_key_id',
    from: 'credentialsSection',
    test: (v) => has(v.credentialsSection, 'aws_access_key_id'),
  },
  { kind: 'login', method: 'login', what: 'login_session', key: 'login_session', from: 'merged', test: (v) => has(v.merged, 'login_session') },
  { kind: 'process', method: 'custom-process', what: 'credential_process', key: 'credential_process', from: 'merged', test: (v) => has(v.merged, 'credential_process') },
  {
    kind: 'static',
    method: 'config-file',
    what: 'static keys in the config file',
    key: 'aws_access_key_id',
    from: 'configProfile',
    test: (v) => has(v.configProfile, 'aws_access_key_id'),
  },
];

export function profileKind(v: ProfileViews): KindInfo {
  const matches = CLAIMS.filter((c) => c.test(v));
  if (!matches.length) return { kind: 'settings-only', method: null, unused: [] };
  const [win, ...rest] = matches;
  const unused = rest.map((c) => {
    const s = (v[c.from] as Settings).get(c.key) ?? (c.kind === 'sso' ? v.merged.get('sso_account_id') : undefined);
    return s ? `${c.what} (${s.file}:${s.line})` : c.what;
  });
  return { kind: win.kind, method: win.method, unused };
}
