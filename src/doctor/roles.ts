// Rule family "roles": every profile validated by credchain's own providers, the same code `which` runs, in
// inspect mode (nothing is run, nothing is fetched): assume-role (sources, credential_source spelling, missing
// source profiles, cycles, source credentials), SSO (required keys, sso-session), web identity (role ARN, token
// file). Each BotoError the providers raise becomes a finding under the rule that names its cause.
import { BotoError } from '../core/errors';
import { assumeRoleSource, hasAssumeRoleVars } from '../providers/assumeRole';
import { isSsoProfile, ssoSource } from '../providers/sso';
import { webIdentitySource } from '../providers/webIdentity';
import { imdsSettings } from '../providers/instanceMetadata';
import type { SourceContext } from '../providers/sourceContext';
import type { Outcome } from '../core/types';
import { ruleOf, type Finding, type FindingLocation, type RuleFamily, type Severity } from './types';

const R = ruleOf('roles');

export const rolesFamily: RuleFamily = {
  family: 'roles',
  rules: [
    R(
      'role-without-source',
      'error',
      'role_arn without source_profile or credential_source (boto3 raises PartialCredentialsError, even if the ' +
        'profile has keys)',
    ),
    R('role-both-sources', 'error', 'role_arn with both source_profile and credential_source (InvalidConfigError)'),
    R(
      'invalid-credential-source',
      'error',
      'credential_source is not exactly Environment, Ec2InstanceMetadata or EcsContainer (InvalidConfigError)',
    ),
    R('unknown-source-profile', 'error', 'source_profile names a profile that does not exist (InvalidConfigError)'),
    R('source-profile-cycle', 'error', 'source_profile chain loops back on itself (InfiniteLoopConfigError)'),
    R(
      'source-profile-without-credentials',
      'error',
      'the source profile has no credentials boto3 can use (InvalidConfigError)',
    ),
    R(
      'credential-source-empty',
      'warning',
      "the selected profile's credential_source finds no credentials right now (CredentialRetrievalError)",
    ),
    R(
      'sso-incomplete',
      'error',
      'an SSO profile lacks sso_start_url, sso_region, sso_account_id or sso_role_name (InvalidConfigError)',
    ),
    R(
      'unknown-sso-session',
      'error',
      'sso_session names an [sso-session] section that does not exist (InvalidConfigError)',
    ),
    R(
      'sso-session-conflict',
      'error',
      'a profile and its [sso-session] disagree on sso_start_url or sso_region (InvalidConfigError)',
    ),
    R('web-identity-without-role', 'error', 'a web identity token file without a role ARN (InvalidConfigError)'),
    R(
      'web-identity-token-missing',
      'warning',
      'the web identity token file does not exist (FileNotFoundError when first used)',
    ),
    R(
      'profile-resolution-error',
      'error',
      'any other error boto3 raises while resolving a profile (e.g. from its source profile)',
    ),
  ],
  async check(input) {
    const out: Finding[] = [];
    const session = input.session;
    const sc: SourceContext = { session, inspecting: true, imds: imdsSettings.inert() };
    const active = session.profileName;
    for (const [name, p] of session.fullConfig().profiles) {
      if (name.startsWith('credchain-duplicate-section-line-')) continue;
      const s = p.settings;
      if (hasAssumeRoleVars(s)) out.push(...fromOutcome(await assumeRoleSource(sc, name), name, name === active));
      if (isSsoProfile(s)) out.push(...fromOutcome(ssoSource(session, name), name, name === active));
      if (s.has('web_identity_token_file'))
        out.push(...fromOutcome(webIdentitySource(session, name, true), name, name === active));
    }
    // the web-identity environment variables apply to the selected profile, unless --profile removed them
    if (input.ctx.env.AWS_WEB_IDENTITY_TOKEN_FILE && !session.explicitProfile) {
      try {
        out.push(
          ...fromOutcome(webIdentitySource(session, active, false), active, true).filter(
            (f) => f.location && 'env' in f.location,
          ),
        );
      } catch (e) {
        if (!(e instanceof BotoError)) throw e;
      }
    }
    return out;
  },
};

function fromOutcome(o: Outcome, profile: string, isActive: boolean): Finding[] {
  const out: Finding[] = [];
  if (o.status === 'error') {
    const f = classify(o.error, profile, isActive);
    if (f) out.push(f);
  }
  for (const n of o.notes ?? []) {
    if (/token file .* does not exist|token file path .* starts with ~/.test(n)) {
      out.push({
        rule: 'web-identity-token-missing',
        severity: 'warning',
        message: `profile "${profile}": ${n}`,
        location: null,
        fix: pointAtAnExistingTokenFile(),
        profile,
      });
    }
  }
  return out;
}

function where(e: BotoError): FindingLocation | null {
  if (!e.where) return null;
  if (e.where.env) return { env: e.where.env };
  return e.where.file ? { file: e.where.file, ...(e.where.line ? { line: e.where.line } : {}) } : null;
}

function classify(e: BotoError, profile: string, isActive: boolean): Finding | undefined {
  const base = { location: where(e), profile };
  const m = e.message;
  const f = (rule: string, fix: string, severity: Severity = 'error'): Finding => ({
    rule,
    severity,
    message: `profile "${profile}": boto3 raises ${e.type}: ${m}`,
    fix,
    ...base,
  });
  if (e.type === 'PartialCredentialsError' && /missing: source_profile or credential_source/.test(m)) {
    return f('role-without-source', addARoleSource());
  }
  if (/contains both source_profile and credential_source/.test(m))
    return f('role-both-sources', 'keep either source_profile or credential_source, not both');
  if (/^The credential source ".*" referenced in profile/.test(m)) {
    const near = /did you mean "(\w+)"/.exec(m);
    return f(
      'invalid-credential-source',
      near
        ? `write credential_source = ${near[1]} (the names are case-sensitive)`
        : 'use credential_source = Environment, Ec2InstanceMetadata or EcsContainer',
    );
  }
  if (/^The source_profile ".*" referenced in the profile ".*" does not exist/.test(m))
    return f('unknown-source-profile', 'fix the source_profile name, or add that profile');
  if (e.type === 'InfiniteLoopConfigError')
    return f(
      'source-profile-cycle',
      'break the loop: the last profile in a role chain needs credentials of its own (keys, SSO or credential_process)',
    );
  if (/^The source profile ".*" must have credentials/.test(m))
    return f('source-profile-without-credentials', giveTheSourceProfileCredentials());
  if (e.type === 'CredentialRetrievalError' && /No credentials found in credential_source/.test(m)) {
    // it depends on the environment of the moment: only worth saying for the profile in use
    return isActive
      ? f(
          'credential-source-empty',
          'provide the credentials that credential_source names (e.g. AWS_ACCESS_KEY_ID for Environment)',
          'warning',
        )
      : undefined;
  }
  if (/^The specified sso-session does not exist/.test(m))
    return f('unknown-sso-session', 'add the [sso-session NAME] section to the config file, or fix sso_session');
  if (/is inconsistent between profile .* and sso-session/.test(m))
    return f(
      'sso-session-conflict',
      'remove sso_start_url / sso_region from the profile and keep them in the [sso-session] section',
    );
  if (/is configured to use SSO but is missing required configuration/.test(m))
    return f('sso-incomplete', 'add the missing keys (`aws configure sso` writes a complete profile)');
  if (/web identity token file .* no role ARN|there is no role ARN/.test(m))
    return f('web-identity-without-role', 'set role_arn in the profile, or AWS_ROLE_ARN');
  return f(
    'profile-resolution-error',
    'fix the problem named in the message (it comes from a profile this one depends on)',
  );
}

// Messages

function pointAtAnExistingTokenFile(): string {
  return 'point web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE) at an existing file, with an absolute path';
}

function addARoleSource(): string {
  return (
    'add source_profile = NAME (a profile with credentials) or credential_source = Environment | ' +
    'Ec2InstanceMetadata | EcsContainer'
  );
}

function giveTheSourceProfileCredentials(): string {
  return (
    'give the source profile credentials (keys in the credentials file, SSO or credential_process); ' +
    'environment variables never count for a source profile'
  );
}
