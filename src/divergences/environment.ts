// Divergences in profile selection and environment variables (js-sdk-chain.md §4 #1-11): which profile each SDK
// selects, which env keys and token names it reads, and how it finds the shared files.
import { BotoError } from '../core/errors';
import { parseTimestamp } from '../python/timestamps';
import { env, E, envKeysSet, JS_PREFIXED } from './facts';
import { at, entriesNamed, entryLocation, sectionLabel, sectionsOf } from './entries';
import type { DivergenceRule, Evidence } from './types';

export const ENVIRONMENT: DivergenceRule[] = [
  {
    id: 'js-aws-profile-skips-env',
    rows: [1],
    title: 'AWS_PROFILE together with env keys',
    boto3: 'uses the env keys: only an explicit profile removes the env provider',
    js: 'skips the env keys and uses the profile (with a "Multiple credential sources detected" warning)',
    fix: 'set either AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, not both',
    affects: ['credentials', 'token', 'expiry'],
    detect: (f) =>
      !f.opts.profile && env(f).AWS_PROFILE && envKeysSet(f)
        ? [
            E(`AWS_PROFILE=${env(f).AWS_PROFILE} and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are all set`, {
              env: 'AWS_PROFILE',
            }),
          ]
        : [],
  },
  {
    id: 'js-ignores-aws-default-profile',
    rows: [3],
    title: 'AWS_DEFAULT_PROFILE',
    boto3: 'honours AWS_DEFAULT_PROFILE, before AWS_PROFILE',
    js: 'never reads AWS_DEFAULT_PROFILE',
    fix: 'use AWS_PROFILE and unset AWS_DEFAULT_PROFILE',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const v = env(f).AWS_DEFAULT_PROFILE;
      return !f.opts.profile && v && v !== f.jsProfile
        ? [
            E(`AWS_DEFAULT_PROFILE=${v} selects "${v}" for boto3; the JS SDK uses "${f.jsProfile}"`, {
              env: 'AWS_DEFAULT_PROFILE',
            }),
          ]
        : [];
    },
  },
  {
    id: 'js-empty-profile-variable',
    rows: [4],
    title: 'AWS_PROFILE or AWS_DEFAULT_PROFILE set to the empty string',
    boto3: 'takes "" as a profile name and raises ProfileNotFound',
    js: 'treats the empty value as unset and uses "default"',
    fix: 'unset the variable instead of setting it to ""',
    affects: ['credentials', 'region'],
    detect: (f) => {
      const e = env(f);
      if (f.opts.profile !== undefined) return [];
      const name =
        e.AWS_DEFAULT_PROFILE === ''
          ? 'AWS_DEFAULT_PROFILE'
          : e.AWS_DEFAULT_PROFILE === undefined && e.AWS_PROFILE === ''
            ? 'AWS_PROFILE'
            : undefined;
      return name ? [E(`${name} is set to the empty string`, { env: name })] : [];
    },
  },
  {
    id: 'js-missing-profile-falls-through',
    rows: [5],
    title: 'the selected profile does not exist',
    boto3: 'raises ProfileNotFound before any provider, even with env keys',
    js: 'fails softly in the profile links and falls through to web identity, container or instance metadata',
    fix: 'select a profile that exists in the config or credentials file',
    affects: ['credentials', 'region'],
    detect: (f) => {
      try {
        f.session.scopedConfig();
        return [];
      } catch (e) {
        if (!(e instanceof BotoError) || e.type !== 'ProfileNotFound') return [];
        return [
          E(
            `profile "${f.session.profileVar}" (from ${f.session.profileSource}) exists in neither file`,
            f.session.profileSource.startsWith('AWS_') ? { env: f.session.profileSource } : null,
          ),
        ];
      }
    },
  },
  {
    id: 'js-partial-env-keys',
    rows: [6],
    title: 'AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY',
    boto3: 'raises PartialCredentialsError and stops',
    js: 'skips the env link and uses later providers',
    fix: 'set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither',
    affects: ['credentials'],
    detect: (f) =>
      !f.opts.profile && env(f).AWS_ACCESS_KEY_ID && !env(f).AWS_SECRET_ACCESS_KEY
        ? [E('AWS_ACCESS_KEY_ID is set, AWS_SECRET_ACCESS_KEY is not', { env: 'AWS_SECRET_ACCESS_KEY' })]
        : [],
  },
  {
    id: 'js-ignores-security-token',
    rows: [7],
    title: 'AWS_SECURITY_TOKEN / aws_security_token',
    boto3: 'reads the legacy token name, before AWS_SESSION_TOKEN / aws_session_token',
    js: 'never reads it: the keys go out without their token',
    fix: 'use AWS_SESSION_TOKEN / aws_session_token',
    affects: ['token'],
    detect: (f) => {
      const out: Evidence[] = [];
      if (envKeysSet(f) && env(f).AWS_SECURITY_TOKEN)
        out.push(E('AWS_SECURITY_TOKEN is set', { env: 'AWS_SECURITY_TOKEN' }));
      for (const file of [f.files.credentials, f.files.config]) {
        for (const r of entriesNamed(file, 'aws_security_token'))
          out.push(E(`aws_security_token in ${sectionLabel(r)}`, entryLocation(r), r.profile));
      }
      return out;
    },
  },
  {
    id: 'js-returns-expired-env',
    rows: [8],
    title: 'AWS_CREDENTIAL_EXPIRATION in the past',
    boto3: 'raises RuntimeError ("refreshed credentials are still expired") when the keys are first used',
    js: 'returns the expired env credentials',
    fix: 'export fresh credentials with a future AWS_CREDENTIAL_EXPIRATION',
    affects: ['expiry'],
    detect: (f) => {
      const t = parseTimestamp(env(f).AWS_CREDENTIAL_EXPIRATION ?? '');
      return envKeysSet(f) && t && !t.naive && t.ms <= f.ctx.now()
        ? [
            E(`AWS_CREDENTIAL_EXPIRATION=${env(f).AWS_CREDENTIAL_EXPIRATION} has passed`, {
              env: 'AWS_CREDENTIAL_EXPIRATION',
            }),
          ]
        : [];
    },
  },
  {
    id: 'js-no-path-expansion',
    rows: [9],
    title: '$VARS or ~user in AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE',
    boto3: 'expands $VARS and ~ (expandvars, expanduser)',
    js: 'expands only a leading ~/, so the file is not found and ignored',
    fix: 'write the variable as an absolute path (or ~/…)',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      (['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const)
        .filter((v) => {
          const p = env(f)[v];
          return p !== undefined && (p.includes('$') || (p.startsWith('~') && !p.startsWith('~/') && p !== '~'));
        })
        .map((v) => E(`${v}=${env(f)[v]} relies on expansion the JS SDK does not do`, { env: v })),
  },
  {
    id: 'js-empty-file-variable',
    rows: [],
    title:
      'AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE set to the empty string (not in js-sdk-chain.md; @smithy/core ' +
      '3.41 getConfigFilepath uses `||`)',
    boto3: 'an empty variable disables that file',
    js: 'an empty variable falls back to the default path (~/.aws/config, ~/.aws/credentials)',
    fix: 'unset the variable, or point it at a file',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      (['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const)
        .filter((v) => env(f)[v] === '')
        .map((v) => E(`${v} is set to the empty string`, { env: v })),
  },
  {
    id: 'js-dotted-profile-names',
    rows: [10, 11],
    title: 'profile names "profile x", "profile.x", "sso-session.s"',
    boto3:
      'takes credentials-file sections as written: [profile x] is the profile "profile x"; "profile.x" does not exist',
    js:
      'names credentials-file [profile x] "profile.x" and config [sso-session s] "sso-session.s"; "profile x" ' +
      'does not exist',
    fix: 'use plain [x] sections in the credentials file and plain profile names',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const out: Evidence[] = [];
      const chosen = f.opts.profile ?? env(f).AWS_PROFILE;
      if (chosen && /^(profile|sso-session|services)\./.test(chosen))
        out.push(
          E(
            `the profile name "${chosen}" has the JS SDK's dotted form`,
            f.opts.profile ? null : { env: 'AWS_PROFILE' },
            chosen,
          ),
        );
      for (const s of sectionsOf(f.files.credentials)) {
        if (JS_PREFIXED.exec(s.name) && /^(profile|sso-session|services)\s/.test(s.name))
          out.push(
            E(
              `[${s.name}] in the credentials file is "${s.name}" to boto3 but "${s.name.replace(/^(\S+)\s+["']?(.*?)["']?$/, '$1.$2')}" to the JS SDK`,
              at(f.files.credentials, s.line, s.name),
              s.name,
            ),
          );
      }
      return out;
    },
  },
];
