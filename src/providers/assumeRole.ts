// `assume-role`: a profile with role_arn (and no web_identity_token_file). Everything botocore checks while
// resolving is checked here: source_profile vs credential_source, the credential_source spelling, missing source
// profiles, cycles (InfiniteLoopConfigError), and the source credentials themselves, down the role chain to its
// base. The AssumeRole calls are deferred, as in botocore; the plan to make them is returned.
import { BotoError, type BotoErrorType } from '../core/errors';
import { valueText } from '../ini/parse';
import { pyInt } from '../python/pyText';
import type { Settings, Setting } from '../config/profileMap';
import type { ChainLink, Credentials, Outcome } from '../core/types';
import type { SourceContext } from './sourceContext';
import type { Claim } from './claim';
import { runProfileChain } from './profileChain';
import {
  type ChainEnding,
  exceedsRecursionLimit,
  framesNeeded,
  FRAMES_PER_ROLE,
  MAX_ROLES_WALKED,
  PYTHON_RECURSION_LIMIT,
} from './assumeRoleDepth';
import { envSource } from './env';
import { containerRoleSource } from './containerRole';
import { instanceMetadataSource } from './instanceMetadata';

/** the credential_source names botocore accepts, exactly as written */
export const CREDENTIAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'] as const;

export function hasAssumeRoleVars(s: Settings | undefined): boolean {
  return !!s && s.has('role_arn') && !s.has('web_identity_token_file');
}

export const assumeRoleClaim: Claim = {
  what: 'role_arn',
  key: 'role_arn',
  from: 'merged',
  test: (v) => hasAssumeRoleVars(v.merged),
};

function hasStaticKeys(s: Settings): boolean {
  return s.has('aws_access_key_id') || s.has('aws_secret_access_key');
}

export async function assumeRoleSource(sc: SourceContext, profile: string): Promise<Outcome> {
  const settings = sc.session.profileSettings(profile);
  if (!settings?.has('role_arn')) return { status: 'skipped', reason: `profile "${profile}" has no role_arn` };
  if (settings.has('web_identity_token_file')) {
    return {
      status: 'skipped',
      reason: `profile "${profile}" has role_arn with web_identity_token_file: that is web identity, not assume-role`,
    };
  }
  const notes: string[] = [];
  try {
    const creds = await viaAssumeRole(sc, profile, [profile], notes);
    const hops = creds.chain!.length - 1;
    return {
      status: 'won',
      reason: assumesRoleDeferred(profile, creds, hops),
      credentials: creds,
      notes: notes.length ? notes : undefined,
    };
  } catch (e) {
    if (e instanceof BotoError) return { status: 'error', error: e, notes: notes.length ? notes : undefined };
    throw e;
  }
}

function describeBase(l: ChainLink): string {
  return l.method === 'env' || l.method === 'container-role' || l.method === 'iam-role'
    ? `${l.method} credentials`
    : `profile "${l.profile}" (${l.method})`;
}

interface RoleHop {
  link: ChainLink;
  plan: Omit<Extract<NonNullable<Credentials['deferred']>, { kind: 'assume-role' }>, 'source'>;
}

/**
 * Walks the chain down from `top`, one role per turn of a loop (botocore recurses; we only count its frames, so a
 * chain of any length costs no stack here), to its base credentials or the error botocore raises, then builds the
 * deferred credentials back up, source first.
 */
async function viaAssumeRole(sc: SourceContext, top: string, visited: string[], notes: string[]): Promise<Credentials> {
  const hops: RoleHop[] = [];
  const seen = new Set(visited); // visited stays the list botocore prints; the set answers "seen?" in O(1)
  let name = top;
  let base: { source: Credentials; below: ChainLink[] };
  for (;;) {
    const s = sc.session.profileSettings(name)!;
    const at = (key: string) => {
      const v = s.get(key);
      return v ? { file: v.file, line: v.line } : undefined;
    };
    const err = (type: BotoErrorType, msg: string, key = 'role_arn') =>
      new BotoError(type, msg, 'get_credentials', at(key));
    // botocore raises RecursionError instead of whatever this ending would give once the frames run out
    const reach = (ending: ChainEnding) => {
      if (exceedsRecursionLimit(hops.length, ending))
        throw tooDeep(top, name, hops.length, framesNeeded(hops.length, ending), at('role_arn'));
    };
    if (hops.length >= MAX_ROLES_WALKED)
      throw tooDeep(top, name, hops.length, framesNeeded(hops.length, 'no-source'), at('role_arn'));
    const roleArn = valueText(s.get('role_arn')!.value)!;
    const sourceProfile = s.get('source_profile');
    const credentialSource = s.get('credential_source');
    const opt = (k: string) => (s.has(k) ? valueText(s.get(k)!.value) : undefined);
    let durationSeconds: number | undefined;
    const d = s.get('duration_seconds');
    if (d) {
      if (typeof d.value !== 'string')
        throw err(
          'TypeError',
          `duration_seconds in profile "${name}" is a nested block, not a number`,
          'duration_seconds',
        );
      durationSeconds = pyInt(d.value);
      if (durationSeconds === undefined) notes.push(durationNotAnInteger(d, name));
    }
    const link: ChainLink = {
      profile: name,
      method: 'assume-role',
      roleArn,
      location: { file: s.get('role_arn')!.file, line: s.get('role_arn')!.line, section: s.get('role_arn')!.section },
    };
    const mfa = opt('mfa_serial');
    hops.push({
      link,
      plan: {
        kind: 'assume-role',
        profile: name,
        roleArn,
        roleSessionName: opt('role_session_name'),
        externalId: opt('external_id'),
        mfaSerial: mfa,
        durationSeconds,
      },
    });
    if (sourceProfile && credentialSource) {
      reach('both-sources');
      throw err(
        'InvalidConfigError',
        bothSourceProfileAndCredentialSource(name, sourceProfile, credentialSource),
        'credential_source',
      );
    }
    if (!sourceProfile && !credentialSource) {
      reach('no-source');
      const keys = hasStaticKeys(s) ? '; its static keys are not used as a fallback' : '';
      throw err('PartialCredentialsError', noSourceForRole(name, keys));
    }
    if (mfa !== undefined) notes.push(mfaPromptOnFirstUse(name, mfa));

    if (credentialSource) {
      const source = await fromCredentialSource(
        sc,
        name,
        valueText(credentialSource.value)!,
        at('credential_source'),
        reach,
      );
      base = {
        source,
        below: [{ profile: name, method: source.method, accessKeyId: source.accessKeyId, location: source.location }],
      };
      break;
    }
    const src = valueText(sourceProfile!.value)!;
    const profiles = sc.session.fullConfig().profiles;
    if (!profiles.has(src)) {
      reach('missing-source-profile');
      throw err(
        'InvalidConfigError',
        `The source_profile "${src}" referenced in the profile "${name}" does not exist`,
        'source_profile',
      );
    }
    const srcSettings = profiles.get(src)!.settings;
    if (seen.has(src) && (src !== name || !hasStaticKeys(srcSettings))) {
      reach('cycle');
      throw err('InfiniteLoopConfigError', infiniteLoopDetected(src, visited), 'source_profile');
    }
    visited.push(src);
    seen.add(src);
    if (!hasStaticKeys(srcSettings) && hasAssumeRoleVars(srcSettings)) {
      name = src;
      continue;
    }
    if (hasStaticKeys(srcSettings) && srcSettings.has('role_arn')) {
      notes.push(
        `source profile "${src}" has both static keys and role_arn: boto3 uses its keys and does not assume its role`,
      );
    }
    const r = await runProfileChain(sc, src);
    const noCredentialsFile = r?.method === 'custom-process' && !sc.session.files.credentials().doc;
    reach(
      noCredentialsFile ? 'source-profile:custom-process:no-credentials-file' : `source-profile:${r?.method ?? 'none'}`,
    );
    if (!r) {
      throw err('InvalidConfigError', sourceProfileHasNoCredentials(src), 'source_profile');
    }
    if (r.outcome.status === 'error') throw r.outcome.error;
    if (r.outcome.notes) for (const n of r.outcome.notes) notes.push(`source profile "${src}": ${n}`);
    const source =
      r.outcome.status === 'won'
        ? r.outcome.credentials
        : (r.outcome.status === 'shadowed' && r.outcome.credentials) || placeholder(r.method, src);
    base = {
      source,
      below: [
        {
          profile: src,
          method: source.method,
          accessKeyId: source.accessKeyId,
          roleArn: source.roleArn,
          location: source.location,
        },
      ],
    };
    break;
  }
  // back up the chain, innermost role first: each role's credentials are the source of the one above. Only the
  // outermost carries the chain (every report reads it there); a prefix copy per level would be quadratic in depth.
  const chain = [...base.below];
  for (let i = hops.length - 1; i >= 0; i--) chain.push(hops[i].link);
  let creds = base.source;
  for (let i = hops.length - 1; i >= 0; i--) {
    const { link, plan } = hops[i];
    creds = {
      method: 'assume-role',
      accessKeyId: null,
      secretAccessKey: null,
      sessionToken: null,
      expiration: null,
      location: link.location!,
      roleArn: plan.roleArn,
      chain: i === 0 ? chain : undefined,
      deferred: { ...plan, source: creds },
    };
  }
  return creds;
}

function tooDeep(
  top: string,
  at: string,
  roles: number,
  frames: number,
  where: { file: string; line: number } | undefined,
): BotoError {
  return new BotoError('RecursionError', roleChainTooDeep(top, at, roles, frames), 'get_credentials', where);
}

/** a source that holds credentials but was only inspected (nothing run): key unknown */
function placeholder(method: Credentials['method'], profile: string): Credentials {
  return {
    method,
    accessKeyId: null,
    secretAccessKey: null,
    sessionToken: null,
    expiration: null,
    location: { command: `profile ${profile}` },
  };
}

async function fromCredentialSource(
  sc: SourceContext,
  profile: string,
  name: string,
  where: { file: string; line: number } | undefined,
  reach: (ending: ChainEnding) => void,
): Promise<Credentials> {
  if (!(CREDENTIAL_SOURCES as readonly string[]).includes(name)) {
    reach('invalid-credential-source');
    const near = CREDENTIAL_SOURCES.find((c) => c.toLowerCase() === name.toLowerCase());
    throw new BotoError('InvalidConfigError', invalidCredentialSource(name, profile, near), 'get_credentials', where);
  }
  const outcome =
    name === 'Environment'
      ? envSource(sc.session.ctx)
      : name === 'EcsContainer'
        ? await containerRoleSource(sc)
        : await instanceMetadataSource(sc);
  reach(
    `credential-source:${name as (typeof CREDENTIAL_SOURCES)[number]}:${outcome.status === 'skipped' ? 'none' : 'won'}`,
  );
  if (outcome.status === 'error') throw outcome.error;
  if (outcome.status === 'won') return outcome.credentials;
  if (outcome.status === 'skipped') {
    throw new BotoError(
      'CredentialRetrievalError',
      noCredentialsInCredentialSource(name, profile, outcome.reason),
      'get_credentials',
      where,
    );
  }
  // inspecting: the source was not queried
  return placeholder(name === 'Environment' ? 'env' : name === 'EcsContainer' ? 'container-role' : 'iam-role', profile);
}

// Messages

function assumesRoleDeferred(profile: string, creds: Credentials, hops: number): string {
  return (
    `profile "${profile}" assumes ${creds.roleArn}${hops > 1 ? ` through ${hops} roles` : ''}, signed by ` +
    `${describeBase(creds.chain![0])}; the AssumeRole call is deferred until the keys are used`
  );
}

function durationNotAnInteger(d: Setting, name: string): string {
  return (
    `duration_seconds = "${d.value}" in profile "${name}" (${d.file}:${d.line}) is not an integer: boto3 ` +
    `silently drops it and STS uses its default (1 hour)`
  );
}

function bothSourceProfileAndCredentialSource(name: string, sourceProfile: Setting, credentialSource: Setting): string {
  return (
    `The profile "${name}" contains both source_profile and credential_source (lines ${sourceProfile.line} ` +
    `and ${credentialSource.line}); keep one`
  );
}

function noSourceForRole(name: string, keys: string): string {
  return (
    `Partial credentials found in assume-role, missing: source_profile or credential_source (profile ` +
    `"${name}" has role_arn but says nowhere where the credentials to assume it come from${keys})`
  );
}

function mfaPromptOnFirstUse(name: string, mfa: string): string {
  return (
    `profile "${name}" has mfa_serial ${mfa}: boto3 will prompt "Enter MFA code for ${mfa}:" when the keys ` +
    `are first used`
  );
}

function infiniteLoopDetected(src: string, visited: string[]): string {
  return (
    `Infinite loop in credential configuration detected. Attempting to load from profile ${src} which has ` +
    `already been visited. Visited profiles: [${visited.map((v) => `'${v}'`).join(', ')}]`
  );
}

function sourceProfileHasNoCredentials(src: string): string {
  return (
    `The source profile "${src}" must have credentials: none of its sources (web identity, sso, credentials ` +
    `file, login, credential_process, config file) has any; environment variables are never used for a source profile`
  );
}

function roleChainTooDeep(top: string, at: string, roles: number, frames: number): string {
  return (
    `The role chain of profile "${top}" is too deep for boto3: it reaches profile "${at}" after ${roles} ` +
    `roles, and botocore follows source_profile by recursion, about ${frames} Python frames here ` +
    `(${FRAMES_PER_ROLE} per role), past Python's recursion limit of ${PYTHON_RECURSION_LIMIT}; boto3 raises ` +
    `RecursionError. Shorten the chain.`
  );
}

function invalidCredentialSource(name: string, profile: string, near: string | undefined): string {
  return `The credential source "${name}" referenced in profile "${profile}" is not valid${
    near
      ? ` (the names are case-sensitive: did you mean "${near}"?)`
      : `: use Environment, EcsContainer or Ec2InstanceMetadata`
  }`;
}

function noCredentialsInCredentialSource(name: string, profile: string, reason: string): string {
  return (
    `Error when retrieving credentials from ${name}: No credentials found in credential_source referenced in ` +
    `profile ${profile} (${reason})`
  );
}
