// aws-sdk-js-v3 packages/credential-provider-node/src: defaultProvider.spec.ts, remoteProvider.spec.ts,
// credential-provider-node.integ.spec.ts, index.spec.ts, runtime/memoize-chain.spec.ts, ported `it` by `it` into real files, environments and loopback servers.
// The key of each scenario is "<spec file> › <describe> › <it title>".
//
// not portable:
//   defaultProvider.spec › gets loadedConfig from loadSharedConfigFiles, if not provided in init — init.loadedConfig is code, not files
//   defaultProvider.spec › memoize isExpired › (4 cases) — checks memoize's callbacks on a mocked chain; one resolution has no memo
//   defaultProvider.spec › memoize requiresRefresh › (2 cases) — the same
//   remoteProvider.spec › returns fromContainerMetadata if env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] is set — the relative URI
//     goes to 169.254.170.2, which the project's tests never call
//   integ.spec › fromSSO › should resolve SSO credentials if legacy SSO parameters are supplied directly — sso* init parameters are code
//   index.spec › should read config files only once for all providers — counts calls of a mocked loader
//   index.spec › should pass configuration on to the SSO / ini / process / IMDS / ECS IMDS provider (5 cases) — init options are code
//   index.spec › should return the same promise across invocations — one provider called twice
//   index.spec › memoization › should invoke provider again when credentials expire — a mocked clock and two calls
//   runtime/memoize-chain.spec › (all 5: composed provider calls, active and passive locks, cache, force refresh) — memoization
//     of one provider object across calls
//   integ.spec › fromIni › should use the context client's region for STS even if initialized separately in a code-level provider —
//     the outer client is code (the harness calls fromNodeProviderChain with no client around it)
// The "outer client" region of the integ spec is the profile's region here: fromNodeProviderChain runs with no client
// around it, so each scenario keeps the spec's profile and lets the real SDK pick the STS region from it.
import { cacheFile, ENV_KEYS, FAR, keys, OK_PROC, REAL_ENDPOINTS, SSO_LEGACY, START, token, type S } from './common';

const DEF = '[default]\nregion = us-west-2\noutput = json\n';
const INTEG = 'credential-provider-node.integ.spec';
const ssoToken = JSON.stringify({ accessToken: 'mock_sso_token', expiresAt: '3000-01-01T00:00:00.000Z' });

export const NODE: Record<string, S> = {
  // defaultProvider.spec.ts
  'defaultProvider.spec › without fromEnv › creates provider chain and memoizes it': { env: ENV_KEYS, files: { '.aws/credentials': `[mockProfile]\n${keys('AKIANODEDEF000000001')}` }, profile: 'mockProfile' },
  "defaultProvider.spec › without fromEnv › reads profile from env['AWS_PROFILE'], if not provided in init": { env: { ...ENV_KEYS, AWS_PROFILE: 'envProfile' }, files: { '.aws/credentials': `[envProfile]\n${keys('AKIANODEDEF000000002')}` } },
  'defaultProvider.spec › adds fromEnv call if profile is not available': { env: ENV_KEYS, files: { '.aws/credentials': `[default]\n${keys('AKIANODEDEF000000003')}` } },
  // index.spec.ts (each later link has something to give, so where the chain stops shows)
  'index.spec › should stop after the environmental provider if credentials have been found': { imds: true, env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'index.spec › should stop after the SSO provider if credentials have been found': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}`, '.aws/credentials': `[default]\n${keys('AKIANODEIDX000000001')}` } },
  'index.spec › should stop after the ini provider if credentials have been found': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { '.aws/credentials': `[default]\n${keys('AKIANODEIDX000000002')}` } },
  'index.spec › should stop after the process provider if credentials have been found': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { 'p.sh': OK_PROC('AKIANODEIDX000000003'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
  'index.spec › should continue on to the IMDS provider if no env, ini or process credentials have been found': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { '.aws/config': '[default]\nregion = us-west-2\n' } },
  'index.spec › should not invoke the EC2 IMDS provider when the disabling environment variable is set': { imds: true, env: { AWS_EC2_METADATA_DISABLED: '1', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  // the spec sets the relative URI (169.254.170.2, never called by the tests); the full URI is the other ECS variable
  'index.spec › should continue on to the ECS IMDS provider if no env or ini credentials have been found and an ECS environment variable has been set': { imds: true, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  'index.spec › explicit profiles › should only consult SSO provider if profile has been set': { env: ENV_KEYS, files: { [cacheFile(START)]: token(FAR), '.aws/config': `[profile foo]\n${SSO_LEGACY}` }, profile: 'foo' },
  'index.spec › explicit profiles › should only consult SSO provider if the profile environment variable has been set': { env: { ...ENV_KEYS, AWS_PROFILE: 'foo' }, files: { [cacheFile(START)]: token(FAR), '.aws/config': `[profile foo]\n${SSO_LEGACY}` } },
  'index.spec › explicit profiles › should consult ini provider if no credentials is not found in SSO provider': { env: ENV_KEYS, files: { '.aws/config': `[profile foo]\n${keys('AKIANODEIDX000000004')}` }, profile: 'foo' },
  'index.spec › explicit profiles › should consult the process provider if no credentials are found in the ini provider': { env: { ...ENV_KEYS, AWS_PROFILE: 'foo' }, files: { 'p.sh': OK_PROC('AKIANODEIDX000000005'), '.aws/config': '[profile foo]\ncredential_process = /bin/sh p.sh\n' } },
  // remoteProvider.spec.ts
  "remoteProvider.spec › returns fromContainerMetadata if env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] is set": { imds: true, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  "remoteProvider.spec › throws if env['AWS_EC2_METADATA_DISABLED'] is set": { env: { AWS_EC2_METADATA_DISABLED: '1' } },
  'remoteProvider.spec › returns fromInstanceMetadata if environment variables are not set': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  // credential-provider-node.integ.spec.ts (its ini data is the config file, with the spec's [default] region us-west-2)
  [`${INTEG} › fromEnv › should load static credentials from environment variables`]: { env: { AWS_ACCESS_KEY_ID: 'AKIAENVINTEG00000001', AWS_SECRET_ACCESS_KEY: 'ENV_SECRET_KEY' }, files: { '.aws/config': DEF } },
  [`${INTEG} › fromEnv › should optionally use session token and/or expiration`]: { env: { AWS_ACCESS_KEY_ID: 'AKIAENVINTEG00000002', AWS_SECRET_ACCESS_KEY: 'ENV_SECRET_KEY', AWS_SESSION_TOKEN: 'ENV_SESSION_TOKEN', AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00.000Z' }, files: { '.aws/config': DEF } },
  [`${INTEG} › fromEnv › should (for now) resolve AWS_PROFILE instead of static credentials from ENV if both are set`]: { env: { AWS_ACCESS_KEY_ID: 'AKIAENVINTEG00000003', AWS_SECRET_ACCESS_KEY: 'ENV_SECRET_KEY', AWS_PROFILE: 'default' }, files: { '.aws/config': `${DEF}${keys('AKIAINIINTEG00000001')}` } },
  [`${INTEG} › fromIni › should resolve static credentials if directly present in config profile`]: { files: { '.aws/config': `${DEF}${keys('AKIAINIINTEG00000002')}` } },
  [`${INTEG} › fromIni › should resolve assumeRole credentials`]: { env: REAL_ENDPOINTS, files: { '.aws/config': `[default]\noutput = json\nregion = us-stsar-1\nrole_arn = ROLE_ARN\nrole_session_name = ROLE_SESSION_NAME\nexternal_id = EXTERNAL_ID\nsource_profile = assume\n[profile assume]\nregion = us-stsar-1\n${keys('AKIAINIINTEG00000003')}` } },
  [`${INTEG} › fromIni › should use the outer client's region for STS when the partition is AWS`]: { env: REAL_ENDPOINTS, files: { '.aws/config': `[default]\noutput = json\nregion = eu-west-1\nrole_arn = ROLE_ARN\nrole_session_name = ROLE_SESSION_NAME\nexternal_id = EXTERNAL_ID\nsource_profile = assume\n[profile assume]\nregion = eu-west-1\n${keys('AKIAINIINTEG00000004')}` } },
  [`${INTEG} › fromIni › should use the outer client's region for STS when the partition is not AWS`]: { env: REAL_ENDPOINTS, files: { '.aws/config': `[default]\noutput = json\nregion = us-gov-stsar-1\nrole_arn = ROLE_ARN\nrole_session_name = ROLE_SESSION_NAME\nexternal_id = EXTERNAL_ID\nsource_profile = assume\n[profile assume]\nregion = us-gov-stsar-1\n${keys('AKIAINIINTEG00000005')}` } },
  [`${INTEG} › fromIni › should resolve credentials from STS assumeRoleWithWebIdentity if the ini profile is configured for web identity`]: { env: REAL_ENDPOINTS, files: { 'token-filepath': 'token-contents', '.aws/config': `${DEF}web_identity_token_file = token-filepath\nrole_arn = ROLE_ARN\n` } },
  [`${INTEG} › fromIni › should resolve credentials from STS assumeRoleWithWebIdentity if the ini profile is configured for web identity and the client region is not the default AWS partition`]: { env: REAL_ENDPOINTS, files: { 'token-filepath': 'token-contents', '.aws/config': `[default]\noutput = json\nregion = us-gov-sts-1\nweb_identity_token_file = token-filepath\nrole_arn = ROLE_ARN\n` } },
  [`${INTEG} › fromIni › should resolve process credentials if the profile is a process profile`]: { files: { 'p.sh': OK_PROC('AKIAPROCINTEG0000001', ', "SessionToken": "PROCESS_SESSION_TOKEN"'), '.aws/config': `${DEF}credential_process = /bin/sh p.sh\n` } },
  [`${INTEG} › fromIni › should resolve SSO credentials if the profile is an SSO profile`]: { env: REAL_ENDPOINTS, files: { [cacheFile('ssoNew')]: ssoToken, '.aws/config': `${DEF}sso_region = us-sso-region-1\nsso_session = ssoNew\nsso_account_id = 1234\nsso_role_name = integration-test\n[sso-session ssoNew]\nsso_region = us-sso-region-1\nsso_start_url = SSO_START_URL\nsso_registration_scopes = sso:account:access\n` } },
  [`${INTEG} › fromIni › should be able to combine a source_profile having only credential_source with an origin profile having role_arn and source_profile`]: { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer good' }, files: { '.aws/config': `${DEF}source_profile = credential_source_profile\nrole_arn = ROLE_ARN\n[profile credential_source_profile]\ncredential_source = EcsContainer\n` } },
  [`${INTEG} › fromIni › should be able to combine a source_profile having web_identity_token_file and role_arn with an origin profile having role_arn and source_profile`]: { files: { 'token-filepath': 'token-contents', '.aws/config': `${DEF}source_profile = credential_source_profile\nrole_arn = ROLE_ARN_2\n[profile credential_source_profile]\nweb_identity_token_file = token-filepath\nrole_arn = ROLE_ARN_1\n` } },
  [`${INTEG} › fromIni › should complete chained role_arn credentials`]: { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer good' }, files: { '.aws/config': `${DEF}source_profile = credential_source_profile_1\nrole_arn = ROLE_ARN_3\n[profile credential_source_profile_1]\nsource_profile = credential_source_profile_2\nrole_arn = ROLE_ARN_2\n[profile credential_source_profile_2]\ncredential_source = EcsContainer\nrole_arn = ROLE_ARN_1\n` } },
  [`${INTEG} › fromIni › should complete chained role_arn credentials with optional role_arn in credential_source step`]: { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer good' }, files: { '.aws/config': `${DEF}source_profile = credential_source_profile_1\nrole_arn = ROLE_ARN_3\n[profile credential_source_profile_1]\nsource_profile = credential_source_profile_2\nrole_arn = ROLE_ARN_2\n[profile credential_source_profile_2]\ncredential_source = EcsContainer\n` } },
  [`${INTEG} › fromProcess › should resolve process credentials if the profile is a process profile`]: { files: { 'p.sh': OK_PROC('AKIAPROCINTEG0000002', ', "SessionToken": "PROCESS_SESSION_TOKEN"'), '.aws/config': `${DEF}credential_process = /bin/sh p.sh\n` } },
  [`${INTEG} › fromTokenFile › should resolve credentials with STS assumeRoleWithWebIdentity using a token`]: { env: { ...REAL_ENDPOINTS, AWS_WEB_IDENTITY_TOKEN_FILE: 'token-filepath', AWS_ROLE_ARN: 'ROLE_ARN' }, files: { 'token-filepath': 'token-contents', '.aws/config': DEF } },
  [`${INTEG} › remoteProvider › should use container metadata if AWS_CONTAINER_CREDENTIALS_FULL_URI is set`]: { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer good' }, files: { '.aws/config': DEF } },
  // an xit ("TODO") in the spec; the behaviour is reachable with a loopback instance metadata server
  [`${INTEG} › remoteProvider › should use instance metadata unless IMDS is disabled`]: { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { '.aws/config': DEF } },
  [`${INTEG} › No credentials available › should throw CredentialsProviderError`]: { env: { AWS_EC2_METADATA_DISABLED: 'true' }, files: { '.aws/config': DEF } },
};
