// Divergences in what kind of credentials a profile is (js-sdk-chain.md §4 #44-48): the order each SDK tries the
// kinds within one profile, and which sso_* keys make a profile SSO.
import { str } from '../config/profileMap';
import { E, mergedProfiles, hasStaticPair, isSso, settingAt } from './facts';
import { sectionNamed } from './entries';
import type { DivergenceInput, DivergenceRule, Evidence } from './types';

const SSO_KEYS = ['sso_start_url', 'sso_region', 'sso_session', 'sso_account_id', 'sso_role_name'];

export const PROFILE_KINDS: DivergenceRule[] = [
  {
    id: 'js-profile-branch-order',
    rows: [44, 45, 48],
    title:
      'two kinds of credentials in one profile: SSO + keys, SSO + credential_process, credential_process + keys in ' +
      'the config file',
    boto3: 'order: SSO, credentials-file keys, credential_process, config-file keys',
    js: 'order within a profile: static keys (either file), web identity, credential_process, SSO',
    fix: 'keep one kind of credentials per profile',
    affects: ['credentials', 'source'],
    detect: (f) =>
      mergedProfiles(f).flatMap(([n, s]) => {
        if (s.has('role_arn') && (s.has('source_profile') || s.has('credential_source'))) return [];
        const kinds: string[] = [];
        if (isSso(s) && hasStaticPair(s)) kinds.push('SSO keys and static keys');
        if (isSso(s) && s.has('credential_process')) kinds.push('SSO keys and credential_process');
        // the credentials file is looked at last, for the few profiles with both (not for each of 100,000)
        if (s.has('credential_process') && hasStaticPair(s) && !keyIdInCredentialsFile(f, n))
          kinds.push('credential_process and static keys in the config file');
        return kinds.map((k) =>
          E(
            `profile "${n}" has ${k}`,
            settingAt(
              s,
              isSso(s) ? (s.has('sso_role_name') ? 'sso_role_name' : 'sso_account_id') : 'credential_process',
            ),
            n,
          ),
        );
      }),
  },
  {
    id: 'js-sso-partial',
    rows: [46, 47],
    title: 'SSO keys that botocore does not treat as SSO, or a missing sso-session section',
    boto3:
      'SSO needs sso_role_name or sso_account_id (otherwise the profile is not SSO); a missing [sso-session] is ' +
      'InvalidConfigError',
    js:
      'any sso_* key makes the profile SSO (and failing SSO stops the chain); a missing [sso-session] is a ' +
      'TypeError that stops the chain',
    fix: 'write complete SSO profiles (aws configure sso), or remove stray sso_* keys',
    affects: ['credentials'],
    detect: (f) => {
      const sessions = f.session.fullConfig().config.ssoSessions;
      return mergedProfiles(f).flatMap(([n, s]) => {
        // a few lookups rule out almost every profile before its keys are listed (a profile may have a million)
        if (!SSO_KEYS.some((k) => s.has(k))) return [];
        const sso: string[] = [];
        for (const k of s.keys()) if (SSO_KEYS.includes(k)) sso.push(k);
        const out: Evidence[] = [];
        const sess = str(s, 'sso_session');
        if (sess !== undefined && !sessions.has(sess))
          out.push(
            E(`profile "${n}" names [sso-session ${sess}], which does not exist`, settingAt(s, 'sso_session'), n),
          );
        const jsEarlier =
          (s.has('role_arn') && (s.has('source_profile') || s.has('credential_source'))) ||
          hasStaticPair(s) ||
          (s.has('web_identity_token_file') && s.has('role_arn')) ||
          s.has('credential_process');
        if (!isSso(s) && !jsEarlier)
          out.push(
            E(
              `profile "${n}" has ${sso.join(', ')} but neither sso_role_name nor sso_account_id`,
              settingAt(s, sso[0]),
              n,
            ),
          );
        return out;
      });
    },
  },
];

function keyIdInCredentialsFile(f: DivergenceInput, profile: string): boolean {
  return !!f.files.credentials.doc && !!sectionNamed(f.files.credentials, profile)?.entries.has('aws_access_key_id');
}
