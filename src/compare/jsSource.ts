// The JS SDK's own attribution of resolved credentials (`$source`: credential feature → code, set by
// setCredentialFeature in @aws-sdk/core) mapped to botocore's method names (reference/js-sdk-chain.md §1.12).
// Static profile keys ("n") do not say which file they came from, and instance metadata from the default chain
// carries no $source at all; the caller settles those from the files and the link that won.
import type { Method } from '../core/types';

/** most specific first: an assumed role carries its source's features too */
const FEATURES: [feature: string, method: Method | 'profile-keys'][] = [
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'assume-role'],
  ['CREDENTIALS_STS_ASSUME_ROLE', 'assume-role'],
  ['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'assume-role-with-web-identity'],
  ['CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN', 'assume-role-with-web-identity'],
  ['CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', 'assume-role-with-web-identity'],
  ['CREDENTIALS_PROFILE_SSO', 'sso'],
  ['CREDENTIALS_SSO', 'sso'],
  ['CREDENTIALS_PROFILE_SSO_LEGACY', 'sso'],
  ['CREDENTIALS_SSO_LEGACY', 'sso'],
  ['CREDENTIALS_PROFILE_LOGIN', 'login'],
  ['CREDENTIALS_LOGIN', 'login'],
  ['CREDENTIALS_PROFILE_PROCESS', 'custom-process'],
  ['CREDENTIALS_PROCESS', 'custom-process'],
  ['CREDENTIALS_HTTP', 'container-role'],
  ['CREDENTIALS_IMDS', 'iam-role'],
  ['CREDENTIALS_ENV_VARS', 'env'],
  ['CREDENTIALS_PROFILE', 'profile-keys'],
  ['CREDENTIALS_CODE', 'explicit'],
];

/**
 * The method a `$source` names. "profile-keys" when only CREDENTIALS_PROFILE is set (shared-credentials-file or
 * config-file: the caller decides); undefined when there is no attribution.
 */
export function methodOfSource(source: Record<string, string> | undefined): Method | 'profile-keys' | undefined {
  if (!source) return undefined;
  return FEATURES.find(([f]) => f in source)?.[1];
}

/** "CREDENTIALS_PROFILE (n)" style, for reports */
export function describeSource(source: Record<string, string> | undefined): string {
  const e = Object.entries(source ?? {});
  return e.length ? e.map(([k, v]) => `${k} (${v})`).join(', ') : 'none';
}
