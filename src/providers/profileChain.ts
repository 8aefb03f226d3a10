// The chain botocore builds for one profile (ProfileProviderBuilder): web identity, sso, shared credentials file,
// login, credential_process, config file. The main chain embeds it; assume-role runs it, with the web-identity
// env vars disabled, to resolve a source_profile.
import type { Method, Outcome } from '../core/types';
import type { SourceContext } from './sourceContext';
import { webIdentitySource } from './webIdentity';
import { ssoSource } from './sso';
import { sharedCredentialsFileSource } from './sharedCredentialsFile';
import { loginSource } from './login';
import { customProcessSource } from './customProcess';
import { configFileSource } from './configFile';

export interface ProfileSourceSpec {
  method: Method;
  load(sc: SourceContext, profile: string, disableEnvVars: boolean): Outcome | Promise<Outcome>;
}

export const PROFILE_SOURCES: ProfileSourceSpec[] = [
  { method: 'assume-role-with-web-identity', load: (sc, p, disableEnv) => webIdentitySource(sc.session, p, disableEnv) },
  { method: 'sso', load: (sc, p) => ssoSource(sc.session, p) },
  { method: 'shared-credentials-file', load: (sc, p) => sharedCredentialsFileSource(sc.session, p) },
  { method: 'login', load: (sc, p) => loginSource(sc.session, p) },
  { method: 'custom-process', load: (sc, p) => customProcessSource(sc, p) },
  { method: 'config-file', load: (sc, p) => configFileSource(sc.session, p) },
];

/** first source that is not skipped, as botocore's CredentialResolver; errors stop the walk */
export async function runProfileChain(sc: SourceContext, profile: string): Promise<{ outcome: Outcome; method: Method } | undefined> {
  for (const s of PROFILE_SOURCES) {
    const outcome = await s.load(sc, profile, true);
    if (outcome.status !== 'skipped') return { outcome, method: s.method };
  }
  return undefined;
}
