// Divergences in assume-role profiles (js-sdk-chain.md §4 #30-38): role_arn with or without a source, what
// credential_source names, source_profile chains, MFA and when each SDK calls STS.
import { valueText } from '../ini/parse';
import { CREDENTIAL_SOURCES } from '../providers/assumeRole';
import { str } from '../config/profileMap';
import { env, E, mergedProfiles, roleProfiles, hasStaticPair, isSso, envKeysSet, settingAt } from './facts';
import type { Settings } from '../config/profileMap';
import type { DivergenceRule } from './types';

export const ROLES: DivergenceRule[] = [
  {
    id: 'js-role-arn-static-fallback',
    rows: [30],
    title: 'role_arn and static keys, without source_profile or credential_source',
    boto3: 'raises PartialCredentialsError (assume-role runs first and has no source)',
    js: 'ignores role_arn and uses the static keys',
    fix: 'add source_profile / credential_source, or remove role_arn',
    affects: ['credentials'],
    detect: (f) =>
      roleProfiles(f)
        .filter(
          ([, s]) =>
            !s.has('source_profile') &&
            !s.has('credential_source') &&
            !s.has('web_identity_token_file') &&
            hasStaticPair(s),
        )
        .map(([n, s]) => E(roleArnWithKeysButNoSource(n, s.get('role_arn')!.section), settingAt(s, 'role_arn'), n)),
  },
  {
    id: 'js-role-both-sources',
    rows: [31],
    title: 'role_arn with both source_profile and credential_source',
    boto3: 'raises InvalidConfigError',
    js: "ignores role_arn and tries the profile's other keys, then falls through",
    fix: 'keep either source_profile or credential_source',
    affects: ['credentials'],
    detect: (f) =>
      roleProfiles(f)
        .filter(([, s]) => s.has('source_profile') && s.has('credential_source'))
        .map(([n, s]) =>
          E(`profile "${n}" has both source_profile and credential_source`, settingAt(s, 'credential_source'), n),
        ),
  },
  {
    id: 'js-credential-source-soft-fail',
    rows: [32, 33],
    title: 'credential_source misspelt, or finding nothing',
    boto3: 'raises InvalidConfigError (unknown name, case-sensitive) or CredentialRetrievalError (nothing found)',
    js: 'fails softly and falls through to later providers (instance metadata on EC2)',
    fix:
      'write credential_source exactly as Environment, Ec2InstanceMetadata or EcsContainer, and make sure that ' +
      'source has credentials',
    affects: ['credentials'],
    detect: (f) =>
      roleProfiles(f)
        .filter(([, s]) => s.has('credential_source') && !s.has('source_profile'))
        .flatMap(([n, s]) => {
          const v = valueText(s.get('credential_source')!.value) ?? '';
          if (!(CREDENTIAL_SOURCES as readonly string[]).includes(v))
            return [
              E(
                `profile "${n}" has credential_source = ${v}, which is not an exact source name`,
                settingAt(s, 'credential_source'),
                n,
              ),
            ];
          if (v === 'Environment' && !envKeysSet(f)) {
            // the name is already exact: the advice is about the environment, not the spelling
            const fix = 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY where this profile is used';
            return [
              {
                ...E(
                  `profile "${n}" uses credential_source = Environment, but the env keys are not set`,
                  settingAt(s, 'credential_source'),
                  n,
                ),
                fix,
              },
            ];
          }
          return [];
        }),
  },
  {
    id: 'js-credential-source-imds-ignores-disabled',
    rows: [34],
    title: 'credential_source = Ec2InstanceMetadata with AWS_EC2_METADATA_DISABLED=true',
    boto3: 'instance metadata is disabled: CredentialRetrievalError',
    js: 'queries instance metadata anyway',
    fix: 'do not combine the two: unset AWS_EC2_METADATA_DISABLED on EC2, or use another credential_source',
    affects: ['credentials'],
    detect: (f) => {
      const disabled = (env(f).AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true';
      // credchain's --no-imds disables instance metadata for both SDKs the same way
      const why = disabled
        ? `AWS_EC2_METADATA_DISABLED=${env(f).AWS_EC2_METADATA_DISABLED}`
        : f.opts.noImds
          ? '--no-imds'
          : undefined;
      return why
        ? roleProfiles(f)
            .filter(([, s]) => str(s, 'credential_source') === 'Ec2InstanceMetadata')
            .map(([n, s]) =>
              E(`profile "${n}" uses Ec2InstanceMetadata while ${why}`, settingAt(s, 'credential_source'), n),
            )
        : [];
    },
  },
  {
    id: 'js-credential-source-only-source-profile',
    rows: [35],
    title: 'source_profile pointing at a profile that has only credential_source',
    boto3: 'raises InvalidConfigError: the source profile must have credentials',
    js: 'accepts the credential_source profile as the source',
    fix: 'put role_arn next to that credential_source, or point source_profile at a profile with keys',
    affects: ['credentials', 'source'],
    detect: (f) => {
      const profiles = f.session.fullConfig().profiles;
      return roleProfiles(f).flatMap(([n, s]) => {
        const src = str(s, 'source_profile');
        const t = src !== undefined ? profiles.get(src)?.settings : undefined;
        return t &&
          t.has('credential_source') &&
          !t.has('role_arn') &&
          !t.has('aws_access_key_id') &&
          !t.has('aws_secret_access_key')
          ? [
              E(
                `profile "${n}" uses source_profile "${src}", which has only credential_source`,
                settingAt(s, 'source_profile'),
                n,
              ),
            ]
          : [];
      });
    },
  },
  {
    id: 'js-role-errors-fall-through',
    rows: [36],
    title: 'source_profile missing, or a source_profile loop',
    boto3: 'raises InvalidConfigError / InfiniteLoopConfigError',
    js: 'fails softly and falls through to later providers (instance metadata on EC2)',
    fix: 'fix the source_profile chain',
    affects: ['credentials'],
    detect: (f) => {
      const profiles = f.session.fullConfig().profiles;
      // profiles from which the walk is known to end without a loop (a profile reached on a walk that ended ends the
      // same way from any start): every profile of a chain thousands deep walks the same tail, and walking it again
      // from each of them made this quadratic
      const ends = new Set<string>();
      return roleProfiles(f).flatMap(([n, s]) => {
        const src = str(s, 'source_profile');
        if (src === undefined || s.has('credential_source')) return [];
        if (!profiles.has(src))
          return [
            E(`profile "${n}" names source_profile "${src}", which does not exist`, settingAt(s, 'source_profile'), n),
          ];
        const seen = [n];
        const seenSet = new Set(seen);
        const ended = () => {
          for (let i = 1; i < seen.length; i++) ends.add(seen[i]);
          return [];
        };
        let cur = src;
        for (;;) {
          const cs = profiles.get(cur)?.settings;
          if (
            ends.has(cur) ||
            !cs ||
            hasStaticPair(cs) ||
            cs.has('aws_access_key_id') ||
            !cs.has('role_arn') ||
            cs.has('credential_source')
          )
            return ended();
          if (seenSet.has(cur))
            return [
              E(
                `profile "${n}": source_profile loops (${[...seen, cur].join(' → ')})`,
                settingAt(s, 'source_profile'),
                n,
              ),
            ];
          seen.push(cur);
          seenSet.add(cur);
          const next = str(cs, 'source_profile');
          if (next === undefined) return ended();
          cur = next;
        }
      });
    },
  },
  {
    id: 'js-mfa-requires-callback',
    rows: [37],
    title: 'mfa_serial on an assume-role profile',
    boto3: 'defers the call and prompts on the terminal at first use',
    js: 'needs an mfaCodeProvider; without one, resolution fails at once (fromNodeProviderChain has none by default)',
    fix: 'in JS code pass mfaCodeProvider to fromIni / fromNodeProviderChain',
    affects: ['credentials'],
    detect: (f) =>
      roleProfiles(f)
        .filter(([, s]) => s.has('mfa_serial'))
        .map(([n, s]) => E(`profile "${n}" has mfa_serial`, settingAt(s, 'mfa_serial'), n)),
  },
  {
    id: 'js-resolves-eagerly',
    rows: [38],
    title: 'assume-role, SSO and web identity timing',
    boto3: 'returns deferred credentials: no network until the keys are used, so errors surface later',
    js: 'calls STS / the SSO portal while resolving: errors (expired SSO token, missing token file) surface at once',
    fix: "nothing to change; expect JS to fail earlier than boto3 (credchain verify fetches boto3's keys)",
    affects: ['credentials'],
    scope: 'selected',
    detect: (f) =>
      mergedProfiles(f)
        .filter(
          ([n, s]) =>
            (n === f.boto3Profile || n === f.jsProfile) &&
            (s.has('role_arn') || isSso(s) || s.has('web_identity_token_file')),
        )
        .map(([n, s]) =>
          E(
            profileResolvedEagerly(n, s),
            settingAt(
              s,
              s.has('role_arn')
                ? 'role_arn'
                : isSso(s)
                  ? s.has('sso_role_name')
                    ? 'sso_role_name'
                    : 'sso_account_id'
                  : 'web_identity_token_file',
            ),
            n,
          ),
        ),
  },
];

// Messages

function roleArnWithKeysButNoSource(profile: string, roleArnSection: string): string {
  return (
    `profile "${profile}" has role_arn${roleArnSection === 'DEFAULT' ? ' (inherited from [DEFAULT])' : ''} ` +
    `and static keys but no source`
  );
}

function profileResolvedEagerly(profile: string, s: Settings): string {
  return (
    `profile "${profile}" is ` +
    `${s.has('role_arn') && !s.has('web_identity_token_file') ? 'an assume-role' : isSso(s) ? 'an SSO' : 'a web identity'} ` +
    `profile`
  );
}
