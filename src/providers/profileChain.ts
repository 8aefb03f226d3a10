// The chain botocore builds for one profile (ProfileProviderBuilder): web identity, sso, shared credentials file,
// login, credential_process, config file. The main chain embeds it; assume-role runs it, with the web-identity
// env vars disabled, to resolve a source_profile.
import type { Method, Outcome } from '../core/types';
import type { SourceContext } from './sourceContext';
import type { Claim } from './claim';
import { webIdentityClaim, webIdentitySource } from './webIdentity';
import { ssoClaim, ssoSource } from './sso';
import { sharedCredentialsFileClaim, sharedCredentialsFileSource } from './sharedCredentialsFile';
import { loginClaim, loginSource } from './login';
import { customProcessClaim, customProcessSource } from './customProcess';
import { configFileClaim, configFileSource } from './configFile';

export interface ProfileSourceSpec {
  method: Method;
  load(sc: SourceContext, profile: string, disableEnvVars: boolean): Outcome | Promise<Outcome>;
  /** whether a profile's own settings claim this source */
  claim: Claim;
}

export const PROFILE_SOURCES = [
  {
    method: 'assume-role-with-web-identity',
    load: (sc, p, disableEnv) => webIdentitySource(sc.session, p, disableEnv),
    claim: webIdentityClaim,
  },
  { method: 'sso', load: (sc, p) => ssoSource(sc.session, p), claim: ssoClaim },
  {
    method: 'shared-credentials-file',
    load: (sc, p) => sharedCredentialsFileSource(sc.session, p),
    claim: sharedCredentialsFileClaim,
  },
  { method: 'login', load: (sc, p) => loginSource(sc.session, p), claim: loginClaim },
  { method: 'custom-process', load: (sc, p) => customProcessSource(sc, p), claim: customProcessClaim },
  { method: 'config-file', load: (sc, p) => configFileSource(sc.session, p), claim: configFileClaim },
] as const satisfies readonly ProfileSourceSpec[];

/** the methods a profile's own settings can give (assume-role aside, which wraps them) */
export type ProfileMethod = (typeof PROFILE_SOURCES)[number]['method'];

/** first source that is not skipped, as botocore's CredentialResolver; errors stop the walk */
export async function runProfileChain(
  sc: SourceContext,
  profile: string,
): Promise<{ outcome: Outcome; method: Method } | undefined> {
  for (const s of PROFILE_SOURCES) {
    const outcome = await s.load(sc, profile, true);
    if (outcome.status !== 'skipped') return { outcome, method: s.method };
  }
  return undefined;
}
