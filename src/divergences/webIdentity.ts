// Divergences in web identity (js-sdk-chain.md §4 #39-43): where the env token-file link runs, and which wins in a
// profile that also has static keys or source_profile.
import { env, E, mergedProfiles, hasStaticPair, isSso, settingAt } from './facts';
import type { DivergenceRule } from './types';

export const WEB_IDENTITY: DivergenceRule[] = [
  {
    id: 'js-static-before-web-identity',
    rows: [39],
    title: 'web_identity_token_file + role_arn and static keys in one profile',
    boto3: 'uses web identity',
    js: 'uses the static keys',
    fix: 'keep either the web identity keys or the static keys in the profile',
    affects: ['credentials'],
    detect: (f) =>
      mergedProfiles(f)
        .filter(
          ([, s]) =>
            s.has('web_identity_token_file') && s.has('role_arn') && !s.has('source_profile') && hasStaticPair(s),
        )
        .map(([n, s]) =>
          E(`profile "${n}" has web identity and static keys`, settingAt(s, 'web_identity_token_file'), n),
        ),
  },
  {
    id: 'js-web-identity-env-order',
    rows: [40, 41],
    title: 'AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN next to profile credentials, or with --profile',
    boto3: 'env web identity comes before the shared files; an explicit profile turns the env variables off',
    js: 'the token-file link runs after the shared files and process, and also for an explicit profile',
    fix: 'do not combine env web identity with profile credentials',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      if (!e.AWS_WEB_IDENTITY_TOKEN_FILE || !e.AWS_ROLE_ARN) return [];
      if (f.opts.profile !== undefined)
        return [
          E('env web identity is set and the profile is given explicitly', { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' }),
        ];
      const s = f.session.fullConfig().profiles.get(f.jsProfile)?.settings;
      return s && (hasStaticPair(s) || s.has('credential_process') || isSso(s) || s.has('role_arn'))
        ? [
            E(
              `env web identity is set and profile "${f.jsProfile}" has credentials of its own`,
              { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' },
              f.jsProfile,
            ),
          ]
        : [];
    },
  },
  {
    id: 'js-web-identity-without-role',
    rows: [42],
    title: 'AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN',
    boto3: 'raises InvalidConfigError',
    js: 'ignores the token file',
    fix: 'set AWS_ROLE_ARN, or unset AWS_WEB_IDENTITY_TOKEN_FILE',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      const s = f.session.fullConfig().profiles.get(f.boto3Profile)?.settings;
      return e.AWS_WEB_IDENTITY_TOKEN_FILE &&
        e.AWS_ROLE_ARN === undefined &&
        f.opts.profile === undefined &&
        !s?.has('role_arn')
        ? [E('AWS_WEB_IDENTITY_TOKEN_FILE is set without AWS_ROLE_ARN', { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' })]
        : [];
    },
  },
  {
    id: 'js-source-profile-over-web-identity',
    rows: [43],
    title: 'role_arn + web_identity_token_file + source_profile',
    boto3: 'web identity (a profile with web_identity_token_file is not an assume-role profile)',
    js: 'assume role through source_profile',
    fix: 'remove source_profile or web_identity_token_file',
    affects: ['credentials'],
    detect: (f) =>
      mergedProfiles(f)
        .filter(([, s]) => s.has('role_arn') && s.has('web_identity_token_file') && s.has('source_profile'))
        .map(([n, s]) =>
          E(`profile "${n}" has web_identity_token_file and source_profile`, settingAt(s, 'source_profile'), n),
        ),
  },
];
