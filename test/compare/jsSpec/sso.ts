// aws-sdk-js-v3 packages/credential-provider-sso/src: fromSSO.spec.ts, resolveSSOCredentials.spec.ts,
// validateSsoProfile.spec.ts, isSsoProfile.spec.ts, index.spec.ts, ported `it` by `it` into config files and SSO token
// caches. The SSO portal call is answered by the real SSO client's recording request handler (jsBatch.cjs).
//
// not portable:
//   fromSSO.spec › throws error if any required sso* values are not set › missing '…' (4 cases) — sso* init parameters are code
//   fromSSO.spec › calls resolveSSOCredentials if all sso* values are set — the same
//   resolveSSOCredentials.spec › throws error on sso.getRoleCredentials call › if call fails — the recording handler always
//     answers; a failing portal is not set up here
//   resolveSSOCredentials.spec › throws error on sso.getRoleCredentials call › returns creds missing '…' (4 cases) — the same
//   index.spec › load from shared config file › should allow supplying custom client — ssoClient is code
//   index.spec › load from shared config file › should throw if SSO client throws — the portal's answer, as above
//   index.spec › load from shared config file › should throw if credentials from SSO client is invalid — the same
//   index.spec › load with sso parameters › (5 cases) — sso* init parameters are code
import { cacheFile, FAR, PAST, START, SSO_LEGACY, SSO_SESSION, token, type S } from './common';

const legacy = (only?: string[], drop?: string) => {
  const all: Record<string, string> = { sso_start_url: START, sso_account_id: '123456789012', sso_region: 'us-east-1', sso_role_name: 'SpecRole' };
  return Object.entries(all)
    .filter(([k]) => (only ? only.includes(k) : k !== drop))
    .map(([k, v]) => `${k} = ${v}\n`)
    .join('');
};
const TOKEN = { [cacheFile(START)]: token(FAR) };
/** a token that ends in ten minutes: inside the SDK's refresh window, but not past */
const soon = () => new Date(Date.now() + 10 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

export const SSO: Record<string, S> = {
  // fromSSO.spec.ts
  'fromSSO.spec › throws error if profile is not found': { files: { '.aws/config': `[profile other]\n${SSO_LEGACY}` }, profile: 'mockProfileName' },
  'fromSSO.spec › all sso* values are not set › throws error if profile is not an Sso Profile': { files: { '.aws/config': '[profile mockProfileName]\nregion = us-west-2\n' }, profile: 'mockProfileName' },
  'fromSSO.spec › all sso* values are not set › throws error if Sso Profile validation fails': { files: { ...TOKEN, '.aws/config': `[profile mockProfileName]\n${legacy(undefined, 'sso_role_name')}` }, profile: 'mockProfileName' },
  'fromSSO.spec › all sso* values are not set › calls resolveSSOCredentials with values from validated Sso profile': { files: { ...TOKEN, '.aws/config': `[profile mockProfileName]\n${SSO_LEGACY}` }, profile: 'mockProfileName' },
  // resolveSSOCredentials.spec.ts
  'resolveSSOCredentials.spec › throws error if getSSOTokenFromFile fails': { files: { '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'resolveSSOCredentials.spec › uses the SSOTokenProvider if SSO Session name is present': { files: { [cacheFile('s')]: token(FAR), '.aws/config': `[default]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` } },
  'resolveSSOCredentials.spec › throws error on expiration › throws error if SSO session has expired': { files: { [cacheFile(START)]: token(PAST), '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'resolveSSOCredentials.spec › returns valid credentials › returns valid credentials from sso.getRoleCredentials': { files: { ...TOKEN, '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'resolveSSOCredentials.spec › returns valid credentials › creates SSO client with provided region, if client is not passed': { env: { AWS_ENDPOINT_URL: undefined }, files: { ...TOKEN, '.aws/config': `[default]\n${SSO_LEGACY.replace('us-east-1', 'ap-south-1')}` } },
  // resolveSSOCredentials.spec.ts, newer version
  'resolveSSOCredentials.spec (newer) › returns valid credentials including accountId › returns valid credentials with accountId from sso.getRoleCredentials': { files: { ...TOKEN, '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'resolveSSOCredentials.spec (newer) › returns valid credentials including accountId › creates SSO client with provided region, if client is not passed, and includes accountId': { env: { AWS_ENDPOINT_URL: undefined }, files: { ...TOKEN, '.aws/config': `[default]\n${SSO_LEGACY.replace('us-east-1', 'eu-west-2')}` } },
  // validateSsoProfile.spec.ts
  'validateSsoProfile.spec › returns if values all required sso values are available': { files: { ...TOKEN, '.aws/config': `[default]\n${legacy()}` } },
  ...Object.fromEntries(
    ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].map((k) => [`validateSsoProfile.spec › throws if '${k}' is missing from profile`, { files: { ...TOKEN, '.aws/config': `[default]\n${legacy(undefined, k)}` } }]),
  ),
  "validateSsoProfile.spec › does not throw if 'sso_session' is missing from profile": { files: { ...TOKEN, '.aws/config': `[default]\n${legacy()}` } },
  // isSsoProfile.spec.ts
  'isSsoProfile.spec › returns false for empty profile': { files: { '.aws/config': '[default]\n' } },
  ...Object.fromEntries(
    ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_session', 'sso_role_name'].map((k) => [`isSsoProfile.spec › returns true if value at '${k}' is of type string`, { files: { '.aws/config': `[default]\n${k} = string\n` } }]),
  ),
  // index.spec.ts (the spec's token is the start URL's cache file, its expiry an hour away)
  'index.spec › load from shared config file › should fetch credentials from resolved token file': { files: { [cacheFile(START)]: token(new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')), '.aws/config': `[default]\n${SSO_LEGACY}` } },
  "index.spec › load from shared config file › should throw if profile doesn't exist in the config files": { files: { '.aws/config': `[profile non_exist]\nfoo = bar\n` }, profile: 'exist' },
  'index.spec › load from shared config file › should throw if profile is not configured with SSO credential': { files: { '.aws/config': `[profile exist]\nfoo = bar\n` }, profile: 'exist' },
  ...Object.fromEntries(
    ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].map((k) => [`index.spec › load from shared config file › should throw if sso configuration is missing ${k}`, { files: { ...TOKEN, '.aws/config': `[default]\n${legacy(undefined, k)}` } }]),
  ),
  'index.spec › load from shared config file › should throw if token cache file is not found': { files: { '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'index.spec › load from shared config file › should throw if token cache file is invalid': { files: { [cacheFile(START)]: 'invalid JSON content', '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'index.spec › load from shared config file › should throw if token cache is expired': { files: { [cacheFile(START)]: token(soon()), '.aws/config': `[default]\n${SSO_LEGACY}` } },
};
