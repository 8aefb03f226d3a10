// The active profile for shell prompts, offline and fast: environment variables first, then at most the two
// shared files and one small cache file. Nothing is run and nothing is fetched. Expiry comes from what is already
// on disk or in the environment: AWS_CREDENTIAL_EXPIRATION, the SSO token cache, the AWS CLI's role cache, or
// x_security_token_expires (written by saml2aws and okta-aws-cli).
import type { Context } from '../core/context';
import { Session } from '../config/session';
import type { DeferredPlan } from '../core/types';
import { assumeRoleCacheKey, cliCacheDir } from '../aws/cliCache';
import { assumeRoleSource, hasAssumeRoleVars } from '../providers/assumeRole';
import { imdsSettings } from '../providers/instanceMetadata';
import { isSsoProfile } from '../providers/sso';
import { readGuarded } from '../core/readFile';
import { ssoTokenPath } from '../config/ssoCachePath';
import { iso, parseTimestamp } from '../python/timestamps';
import { str, type Settings } from '../config/profileMap';

export type CurrentSource = 'CREDCHAIN_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'AWS_PROFILE' | 'env' | 'default';
export type ExpirySource = 'AWS_CREDENTIAL_EXPIRATION' | 'sso-token' | 'aws-cli-cache' | 'x_security_token_expires';

export interface CurrentState {
  /** the active profile; null when none is selected */
  profile: string | null;
  source: CurrentSource;
  /** AWS_ACCESS_KEY_ID is set: boto3 uses those keys, whatever the profile */
  envKeys: boolean;
  /** whether the profile exists in the files; null when not checked or the files cannot be read */
  exists: boolean | null;
  expiration: string | null;
  expirationSource: ExpirySource | null;
}

export async function currentState(ctx: Context): Promise<CurrentState> {
  const env = ctx.env;
  const envKeys = !!env.AWS_ACCESS_KEY_ID;
  const envExpiry = (): Pick<CurrentState, 'expiration' | 'expirationSource'> => {
    const t = env.AWS_CREDENTIAL_EXPIRATION ? parseTimestamp(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
    return t && !t.naive
      ? { expiration: iso(t.ms), expirationSource: 'AWS_CREDENTIAL_EXPIRATION' }
      : { expiration: null, expirationSource: null };
  };
  // inside `credchain exec`: the keys in the environment belong to that profile
  if (env.CREDCHAIN_PROFILE && envKeys)
    return { profile: env.CREDCHAIN_PROFILE, source: 'CREDCHAIN_PROFILE', envKeys, exists: null, ...envExpiry() };
  const session = new Session(ctx);
  if (session.profileVar === null)
    return { profile: null, source: envKeys ? 'env' : 'default', envKeys, exists: null, ...envExpiry() };
  const state: CurrentState = {
    profile: session.profileVar,
    source: session.profileSource as CurrentSource,
    envKeys,
    exists: null,
    expiration: null,
    expirationSource: null,
  };
  if (envKeys) return { ...state, ...envExpiry() };
  let settings: Settings | undefined;
  try {
    settings = session.fullConfig().profiles.get(session.profileVar)?.settings;
    state.exists = settings !== undefined;
  } catch {
    // a file botocore cannot parse: the prompt still shows the name
    return state;
  }
  if (settings) Object.assign(state, await profileExpiry(ctx, session, settings));
  return state;
}

async function profileExpiry(
  ctx: Context,
  session: Session,
  s: Settings,
): Promise<Pick<CurrentState, 'expiration' | 'expirationSource'>> {
  const none = { expiration: null, expirationSource: null };
  let found: { text: unknown; source: ExpirySource } | undefined;
  if (hasAssumeRoleVars(s)) {
    const plan = await assumeRolePlan(session);
    const cached =
      plan &&
      (readJson(ctx, `${cliCacheDir(ctx.home)}/${assumeRoleCacheKey(cacheArgs(plan))}.json`) as
        { Credentials?: { Expiration?: unknown } } | undefined);
    if (cached?.Credentials?.Expiration !== undefined)
      found = { text: cached.Credentials.Expiration, source: 'aws-cli-cache' };
  } else if (isSsoProfile(s)) {
    const key = str(s, 'sso_session') ?? str(s, 'sso_start_url');
    const token =
      key !== undefined
        ? (readJson(ctx, ssoTokenPath(session, key)) as { expiresAt?: unknown } | undefined)
        : undefined;
    if (token?.expiresAt !== undefined) found = { text: token.expiresAt, source: 'sso-token' };
  } else if (s.has('x_security_token_expires')) {
    found = { text: str(s, 'x_security_token_expires'), source: 'x_security_token_expires' };
  }
  if (!found || typeof found.text !== 'string') return none;
  const t = parseTimestamp(found.text);
  return t && !t.naive ? { expiration: iso(t.ms), expirationSource: found.source } : none;
}

function readJson(ctx: Context, path: string): unknown {
  try {
    // a cache entry is a few KB; anything large, or not a regular file, is not one
    return JSON.parse(readGuarded(ctx, path, 1024 * 1024).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** the AssumeRole call the resolver plans for the profile, found without running or fetching anything */
async function assumeRolePlan(session: Session): Promise<Extract<DeferredPlan, { kind: 'assume-role' }> | undefined> {
  const o = await assumeRoleSource({ session, inspecting: true, imds: imdsSettings.inert() }, session.profileName);
  const plan = o.status === 'won' ? o.credentials.deferred : undefined;
  return plan?.kind === 'assume-role' ? plan : undefined;
}

/** the AssumeRole arguments botocore hashes into the AWS CLI cache key (a generated session name is left out) */
function cacheArgs(plan: Extract<DeferredPlan, { kind: 'assume-role' }>): Record<string, string | number> {
  const args: Record<string, string | number> = { RoleArn: plan.roleArn };
  if (plan.roleSessionName) args.RoleSessionName = plan.roleSessionName;
  if (plan.externalId !== undefined) args.ExternalId = plan.externalId;
  if (plan.mfaSerial !== undefined) args.SerialNumber = plan.mfaSerial;
  if (plan.durationSeconds !== undefined) args.DurationSeconds = plan.durationSeconds;
  return args;
}
