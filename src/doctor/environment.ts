// Rule family "environment": variables that shadow or hide each other. Env keys next to AWS_PROFILE (boto3 uses
// the keys), AWS_DEFAULT_PROFILE hiding AWS_PROFILE, AWS_REGION without AWS_DEFAULT_REGION (boto3 ignores
// AWS_REGION), a session token left behind without keys, and AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
// pointing nowhere.
import { resolveRegion, type RegionReport } from '../config/region';
import type { ScannedFile } from './scan';
import { ruleOf, type Finding, type RuleFamily } from './types';
import { bothFiles } from '../divergences/types';

const R = ruleOf('environment');

export const environmentFamily: RuleFamily = {
  family: 'environment',
  rules: [
    R(
      'env-keys-with-aws-profile',
      'warning',
      'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set together with AWS_PROFILE or AWS_DEFAULT_PROFILE: boto3 uses ' +
        'the keys, not the profile',
    ),
    R(
      'default-profile-hides-profile',
      'warning',
      'AWS_DEFAULT_PROFILE and AWS_PROFILE both set and different: boto3 uses AWS_DEFAULT_PROFILE',
    ),
    R(
      'aws-region-ignored',
      'warning',
      'AWS_REGION set without a matching AWS_DEFAULT_REGION: boto3 does not read AWS_REGION',
    ),
    R('stray-session-token', 'warning', 'AWS_SESSION_TOKEN or AWS_SECURITY_TOKEN set without AWS_ACCESS_KEY_ID'),
    R(
      'shared-file-variable',
      'warning',
      'AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE points at nothing, or is empty (which disables that file)',
    ),
  ],
  check(input) {
    const env = input.ctx.env;
    const s = input.session;
    const out: Finding[] = [];
    const envKeys = !!env.AWS_ACCESS_KEY_ID && !!env.AWS_SECRET_ACCESS_KEY;
    if (
      envKeys &&
      !s.explicitProfile &&
      (s.profileSource === 'AWS_PROFILE' || s.profileSource === 'AWS_DEFAULT_PROFILE')
    ) {
      out.push({
        rule: 'env-keys-with-aws-profile',
        severity: 'warning',
        message: envKeysBeatProfileVariable(s.profileSource, s.profileVar),
        location: { env: s.profileSource },
        fix: unsetKeysOrProfileVariable(s.profileSource),
      });
    }
    if (
      !s.explicitProfile &&
      env.AWS_DEFAULT_PROFILE !== undefined &&
      env.AWS_PROFILE !== undefined &&
      env.AWS_DEFAULT_PROFILE !== env.AWS_PROFILE
    ) {
      out.push({
        rule: 'default-profile-hides-profile',
        severity: 'warning',
        message: defaultProfileHidesProfile(env.AWS_DEFAULT_PROFILE, env.AWS_PROFILE),
        location: { env: 'AWS_DEFAULT_PROFILE' },
        fix: 'unset AWS_DEFAULT_PROFILE (it is a legacy name) and keep AWS_PROFILE',
      });
    }
    if (env.AWS_REGION && env.AWS_DEFAULT_REGION !== env.AWS_REGION) {
      const r = resolveRegion(s);
      out.push({
        rule: 'aws-region-ignored',
        severity: 'warning',
        message: awsRegionIgnored(env.AWS_REGION, r),
        location: { env: 'AWS_REGION' },
        fix: `export AWS_DEFAULT_REGION=${env.AWS_REGION} as well`,
      });
    }
    const token = env.AWS_SESSION_TOKEN
      ? 'AWS_SESSION_TOKEN'
      : env.AWS_SECURITY_TOKEN
        ? 'AWS_SECURITY_TOKEN'
        : undefined;
    if (token && !env.AWS_ACCESS_KEY_ID) {
      out.push({
        rule: 'stray-session-token',
        severity: 'warning',
        message: straySessionToken(token),
        location: { env: token },
        fix: `unset ${token}`,
      });
    }
    for (const f of bothFiles(input)) for (const x of fileVariable(f)) out.push(x);
    return out;
  },
};

function fileVariable(f: ScannedFile): Finding[] {
  if (f.source === 'default') return [];
  if (f.state === 'disabled') {
    return [
      {
        rule: 'shared-file-variable',
        severity: 'warning',
        message: fileVariableEmpty(f.envVar, f.kind),
        location: { env: f.envVar },
        fix: `unset ${f.envVar}, or point it at a file`,
      },
    ];
  }
  if (f.state === 'missing' || f.state === 'not-a-file') {
    return [
      {
        rule: 'shared-file-variable',
        severity: 'warning',
        message: fileVariablePointsAtNothing(f.envVar, f.configured, f.path, f.state, f.kind),
        location: { env: f.envVar },
        fix: `point ${f.envVar} at the ${f.kind} file, or unset it`,
      },
    ];
  }
  return [];
}

// Messages

function envKeysBeatProfileVariable(profileSource: string, profileVar: string | null): string {
  return (
    `${profileSource}=${profileVar} is set, but so are AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: boto3 ` +
    `uses the env keys (only an explicit profile removes them), while the JS SDK v3 and the AWS CLI's --profile ` +
    `use the profile`
  );
}

function unsetKeysOrProfileVariable(profileSource: string): string {
  return (
    `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN to use the profile, or unset ` +
    `${profileSource} to use the keys`
  );
}

function defaultProfileHidesProfile(defaultProfile: string | undefined, profile: string | undefined): string {
  return (
    `AWS_DEFAULT_PROFILE=${defaultProfile} hides AWS_PROFILE=${profile}: botocore reads AWS_DEFAULT_PROFILE ` +
    `first (the AWS CLI v2 and the JS SDK read AWS_PROFILE)`
  );
}

function awsRegionIgnored(awsRegion: string, r: RegionReport): string {
  return (
    `AWS_REGION=${awsRegion} is set, but boto3 does not read AWS_REGION: it uses ` +
    `${
      r.name
        ? `${r.name} (from ${r.source === 'profile' ? 'the profile' : r.source})`
        : r.source.startsWith('unresolved')
          ? `no region (looking it up raises ${r.source.replace(/^unresolved: /, '')})`
          : 'no region at all (clients raise NoRegionError)'
    }`
  );
}

function straySessionToken(token: string): string {
  return (
    `${token} is set but AWS_ACCESS_KEY_ID is not: the token is a leftover that boto3 ignores, and that a ` +
    `later export of long-term keys would wrongly pick up`
  );
}

function fileVariableEmpty(envVar: string, kind: ScannedFile['kind']): string {
  return (
    `${envVar} is set but empty: boto3 then reads no ${kind} file at all (it does not fall back to the ` +
    `default path; the JS SDK does)`
  );
}

function fileVariablePointsAtNothing(
  envVar: string,
  configured: string,
  path: string,
  state: ScannedFile['state'],
  kind: ScannedFile['kind'],
): string {
  return (
    `${envVar}=${configured} points at ${path}, which ` +
    `${state === 'missing' ? 'does not exist' : 'is not a regular file'}: boto3 reads no ${kind} file`
  );
}
