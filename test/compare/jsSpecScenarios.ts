// Scenarios taken from the AWS SDK for JavaScript v3's own provider specs (aws/aws-sdk-js-v3 packages/
// credential-provider-{node,env,ini,process,sso,web-identity,http}/src/*.spec.ts and smithy-typescript's
// shared-ini-file-loader/src/*.spec.ts), translated from their mocked fs/env into real files and environments: the
// groups below were written from the providers' behaviour; the specs ported `it` by `it` are in jsSpec/.
// No expected answer is written here: the conformance test asks the real fromNodeProviderChain at test time and
// checks credchain's `which --sdk js` against it. `{HOME}`, `{IMDS}` and `{HTTP}` are filled in when laid out. A few
// edge cases of the real clients' own checks (region names, AWS_DEFAULTS_MODE) sit beside the specs' scenarios.
import { createHash } from 'node:crypto';
import type { Scenario } from './scenarioRun';
import { ENV } from './jsSpec/env';
import { HTTP } from './jsSpec/http';
import { INI } from './jsSpec/ini';
import { NODE } from './jsSpec/node';
import { PROCESS } from './jsSpec/process';
import { SHARED_INI } from './jsSpec/sharedIni';
import { SSO } from './jsSpec/sso';
import { WEB_IDENTITY } from './jsSpec/webIdentity';

const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const keys = (ak: string, token?: string) => `aws_access_key_id = ${ak}\naws_secret_access_key = ${SK}\n${token ? `aws_session_token = ${token}\n` : ''}`;
const ROLE = 'arn:aws:iam::123456789012:role/foo';
const proc = (json: string, exit = 0) => `#!/bin/sh\necho '${json}'\nexit ${exit}\n`;
const OK_PROC = (ak: string, extra = '') => proc(`{"Version": 1, "AccessKeyId": "${ak}", "SecretAccessKey": "procsecret"${extra}}`);
const START = 'https://spec.awsapps.com/start';
const cacheFile = (key: string) => `.aws/sso/cache/${createHash('sha1').update(key).digest('hex')}.json`;
const token = (expiresAt: string, extra: object = {}) => JSON.stringify({ startUrl: START, region: 'us-east-1', accessToken: 'SPECBEARER', expiresAt, ...extra });
const SSO_LEGACY = `sso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n`;
const SSO_SESSION = `[sso-session s]\nsso_start_url = ${START}\nsso_region = us-east-1\n`;
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENVSPEC000000001', AWS_SECRET_ACCESS_KEY: 'envsecret' };
const FAR = '2099-01-01T00:00:00Z';
const PAST = '2001-01-01T00:00:00Z';

type S = Omit<Scenario, 'id'>;
const groups: Record<string, Record<string, S>> = {
  // credential-provider-ini: fromIni.spec.ts, index.spec.ts ("shared credentials file", "shared config file")
  ini: {
    'default profile from ~/.aws/credentials': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000001', 'tok')}[foo]\n${keys('AKIAINISPEC000000002')}` } },
    'named profile from ~/.aws/credentials (init.profile)': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000001')}[foo]\n${keys('AKIAINISPEC000000002', 'tok')}` }, profile: 'foo' },
    'the profile named in AWS_PROFILE': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000001')}[foo]\n${keys('AKIAINISPEC000000002')}` }, env: { AWS_PROFILE: 'foo' } },
    'a credentials file named by AWS_SHARED_CREDENTIALS_FILE': { files: { 'elsewhere/creds': `[default]\n${keys('AKIAINISPEC000000003')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: '{HOME}/elsewhere/creds' } },
    'AWS_SHARED_CREDENTIALS_FILE relative to the working directory': { files: { 'rel/creds': `[default]\n${keys('AKIAINISPEC000000004')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: 'rel/creds' } },
    'AWS_SHARED_CREDENTIALS_FILE with a leading ~/': { files: { 'tilde/creds': `[default]\n${keys('AKIAINISPEC000000005')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: '~/tilde/creds' } },
    'AWS_SHARED_CREDENTIALS_FILE naming a missing file': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000006')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: '{HOME}/missing' } },
    'default profile from ~/.aws/config': { files: { '.aws/config': `[default]\n${keys('AKIAINISPEC000000007', 'tok')}[profile foo]\n${keys('AKIAINISPEC000000008')}` } },
    'named profile from ~/.aws/config': { files: { '.aws/config': `[default]\n${keys('AKIAINISPEC000000007')}[profile foo]\n${keys('AKIAINISPEC000000008')}` }, profile: 'foo' },
    'a config file named by AWS_CONFIG_FILE': { files: { 'elsewhere/config': `[default]\n${keys('AKIAINISPEC000000009')}` }, env: { AWS_CONFIG_FILE: '{HOME}/elsewhere/config' } },
    'AWS_CONFIG_FILE with a leading ~/': { files: { 'tilde/config': `[default]\n${keys('AKIAINISPEC000000010')}` }, env: { AWS_CONFIG_FILE: '~/tilde/config' } },
    'the credentials file wins over the config file for one profile': { files: { '.aws/config': `[profile foo]\n${keys('AKIAINISPEC000000011')}`, '.aws/credentials': `[foo]\n${keys('AKIAINISPEC000000012')}` }, profile: 'foo' },
    'keys split between the two files are merged': { files: { '.aws/config': `[default]\naws_secret_access_key = ${SK}\n`, '.aws/credentials': '[default]\naws_access_key_id = AKIAINISPEC000000013\n' } },
    'a config section without the profile prefix is not a profile': { files: { '.aws/config': `[foo]\n${keys('AKIAINISPEC000000014')}` }, profile: 'foo' },
    'a credentials-file section [profile foo]': { files: { '.aws/credentials': `[profile foo]\n${keys('AKIAINISPEC000000015')}` }, profile: 'foo' },
    'a profile that exists in neither file': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000016')}` }, profile: 'nope' },
    'no files at all': {},
    'HOME elsewhere: the files under $HOME are read': { files: { 'other/.aws/credentials': `[default]\n${keys('AKIAINISPEC000000017')}` }, env: { HOME: '{HOME}/other' } },
    'a profile with only a secret': { files: { '.aws/credentials': `[default]\naws_secret_access_key = ${SK}\n` } },
    'a profile with only a key id': { files: { '.aws/credentials': '[default]\naws_access_key_id = AKIAINISPEC000000018\n' } },
    'aws_session_token alongside the keys': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000019', 'thetoken')}` } },
    'aws_account_id alongside the keys': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISPEC000000020')}aws_account_id = 123456789012\n` } },
  },
  // credential-provider-ini: resolveAssumeRoleCredentials.spec.ts, resolveCredentialSource.spec.ts, index.spec.ts "assume role"
  assumeRole: {
    'role with a static source profile': { files: { '.aws/credentials': `[default]\n${keys('AKIAROLESPEC00000001', 'tok')}[foo]\nrole_arn = ${ROLE}\nrole_session_name = fooSession\nexternal_id = externalId\nsource_profile = default\n` }, profile: 'foo' },
    'a role session name is made up when none is given': { files: { '.aws/credentials': `[default]\n${keys('AKIAROLESPEC00000002')}[foo]\nrole_arn = ${ROLE}\nsource_profile = default\n` }, profile: 'foo' },
    'duration_seconds is passed on': { files: { '.aws/config': `[profile foo]\nrole_arn = ${ROLE}\nsource_profile = src\nduration_seconds = 900\n[profile src]\n${keys('AKIAROLESPEC00000003')}` }, profile: 'foo' },
    'a role chain of two hops': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}a\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}b\nsource_profile = c\n[profile c]\n${keys('AKIAROLESPEC00000004')}` }, profile: 'a' },
    'static keys end the walk on a later hop': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}a\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}b\nsource_profile = c\n${keys('AKIAROLESPEC00000005')}[profile c]\n${keys('AKIAROLESPEC00000006')}` }, profile: 'a' },
    'a source_profile cycle A -> B -> A': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}a\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}b\nsource_profile = a\n` }, profile: 'a' },
    'a profile that is its own source, with static keys': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = a\n${keys('AKIAROLESPEC00000007')}` }, profile: 'a' },
    'a profile that is its own source, without keys': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = a\n` }, profile: 'a' },
    'source_profile names a missing profile': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = ghost\n` }, profile: 'a' },
    'credential_source = Environment with env keys': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\ncredential_source = Environment\n` }, profile: 'a', env: ENV_KEYS },
    'credential_source = Environment without env keys': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\ncredential_source = Environment\n` }, profile: 'a' },
    'credential_source = EcsContainer with a loopback container endpoint': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\ncredential_source = EcsContainer\n` }, profile: 'a', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds' } },
    'credential_source = Ec2InstanceMetadata with a loopback IMDS': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\ncredential_source = Ec2InstanceMetadata\n` }, profile: 'a', imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'an unsupported credential_source': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\ncredential_source = Nowhere\n` }, profile: 'a' },
    'both source_profile and credential_source': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\ncredential_source = Environment\n[profile b]\n${keys('AKIAROLESPEC00000008')}` }, profile: 'a', env: ENV_KEYS },
    'both sources plus static keys in the role profile': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\ncredential_source = Environment\n${keys('AKIAROLESPEC00000009')}[profile b]\n${keys('AKIAROLESPEC00000010')}` }, profile: 'a' },
    'mfa_serial without an mfaCodeProvider': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile b]\n${keys('AKIAROLESPEC00000011')}` }, profile: 'a' },
    'role profile region names the STS region': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nregion = eu-west-1\n[profile b]\n${keys('AKIAROLESPEC00000012')}` }, profile: 'a', env: { AWS_ENDPOINT_URL: undefined } },
    'AWS_REGION names the STS region when the role profile has none': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\n${keys('AKIAROLESPEC00000013')}` }, profile: 'a', env: { AWS_ENDPOINT_URL: undefined, AWS_REGION: 'ap-southeast-2' } },
    'role_arn with static keys and no source': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\n${keys('AKIAROLESPEC00000014')}` }, profile: 'a' },
    'a source profile with credential_process': { files: { 'p.sh': OK_PROC('AKIAROLESPEC00000015'), '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\ncredential_process = /bin/sh p.sh\n` }, profile: 'a' },
    'a source profile with only credential_source': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\ncredential_source = Environment\n` }, profile: 'a', env: ENV_KEYS },
    'a source profile using SSO': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\n${SSO_LEGACY}` }, profile: 'a' },
    'role_session_name with a space': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nrole_session_name = my session\n[profile b]\n${keys('AKIAROLESPEC00000016')}` }, profile: 'a' },
    'AWS_REGION with spaces for a role profile': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\n${keys('AKIAROLESPEC00000018')}` }, profile: 'a', env: { AWS_REGION: 'us east 1' } },
    'AWS_DEFAULTS_MODE=bogus for a role profile': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nregion = us-east-1\n[profile b]\n${keys('AKIAROLESPEC00000019')}` }, profile: 'a', env: { AWS_DEFAULTS_MODE: 'bogus' } },
    'a role profile whose region is not a hostname component': { files: { '.aws/config': `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\nregion = us_east_1\n[profile b]\n${keys('AKIAROLESPEC00000017')}` }, profile: 'a' },
  },
  // credential-provider-web-identity: fromTokenFile.spec.ts, fromWebToken.spec.ts; ini resolveWebIdentityCredentials.spec.ts
  webIdentity: {
    'a web identity profile': { files: { token: 'tok', '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\n` }, profile: 'w' },
    'a web identity profile with role_session_name': { files: { token: 'tok', '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\nrole_session_name = webSession\n` }, profile: 'w' },
    'a web identity profile whose token file is missing': { files: { '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/nothere\n` }, profile: 'w' },
    'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN': { files: { token: 'tok' }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE } },
    'AWS_ROLE_SESSION_NAME is passed on': { files: { token: 'tok' }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: 'envSession' } },
    'AWS_WEB_IDENTITY_TOKEN_FILE naming a missing file': { env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/nothere', AWS_ROLE_ARN: ROLE } },
    'AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN': { files: { token: 'tok' }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token' } },
    'AWS_ROLE_ARN without a token file': { env: { AWS_ROLE_ARN: ROLE } },
    'env web identity with an explicit profile': { files: { token: 'tok', '.aws/config': '[profile empty]\nregion = us-west-2\n' }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE }, profile: 'empty' },
    'web identity and static keys in one profile': { files: { token: 'tok', '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\n${keys('AKIAWEBSPEC000000001')}` }, profile: 'w' },
    'web identity with a source_profile': { files: { token: 'tok', '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\nsource_profile = b\n[profile b]\n${keys('AKIAWEBSPEC000000002')}` }, profile: 'w' },
    'env web identity and a default profile with keys': { files: { token: 'tok', '.aws/credentials': `[default]\n${keys('AKIAWEBSPEC000000003')}` }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE } },
    'a web identity profile whose region is not a hostname component': { files: { token: 'tok', '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\nregion = us_east_1\n` }, profile: 'w' },
    'env web identity with AWS_REGION=us_east_1': { files: { token: 'tok' }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE, AWS_REGION: 'us_east_1' } },
    'a web identity profile with a region': { files: { token: 'tok', '.aws/config': `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\nregion = eu-central-1\n` }, profile: 'w', env: { AWS_ENDPOINT_URL: undefined } },
  },
  // credential-provider-process: fromProcess.spec.ts, resolveProcessCredentials.spec.ts; ini resolveProcessCredentials.spec.ts
  process: {
    'valid process output': { files: { 'p.sh': OK_PROC('AKIAPROCSPEC00000001'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'with a session token and a future Expiration': { files: { 'p.sh': OK_PROC('ASIAPROCSPEC00000002', `, "SessionToken": "proctoken", "Expiration": "${FAR}"`), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'an Expiration in the past': { files: { 'p.sh': OK_PROC('ASIAPROCSPEC00000003', `, "Expiration": "${PAST}"`), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'Version 2': { files: { 'p.sh': proc('{"Version": 2, "AccessKeyId": "AKIAPROCSPEC00000004", "SecretAccessKey": "s"}'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'no Version': { files: { 'p.sh': proc('{"AccessKeyId": "AKIAPROCSPEC00000005", "SecretAccessKey": "s"}'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'Version as a string': { files: { 'p.sh': proc('{"Version": "1", "AccessKeyId": "AKIAPROCSPEC00000006", "SecretAccessKey": "s"}'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'output that is not JSON': { files: { 'p.sh': proc('not json'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'a non-zero exit': { files: { 'p.sh': OK_PROC('AKIAPROCSPEC00000007').replace('exit 0', 'exit 1'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'no AccessKeyId': { files: { 'p.sh': proc('{"Version": 1, "SecretAccessKey": "s"}'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'no SecretAccessKey': { files: { 'p.sh': proc('{"Version": 1, "AccessKeyId": "AKIAPROCSPEC00000008"}'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'credential_process in the credentials file': { files: { 'p.sh': OK_PROC('AKIAPROCSPEC00000009'), '.aws/credentials': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'credential_process of the profile in AWS_PROFILE': { files: { 'p.sh': OK_PROC('AKIAPROCSPEC00000010'), '.aws/config': '[profile p]\ncredential_process = /bin/sh p.sh\n' }, env: { AWS_PROFILE: 'p' } },
    'credential_process and static keys in one profile': { files: { 'p.sh': OK_PROC('AKIAPROCSPEC00000011'), '.aws/config': `[default]\ncredential_process = /bin/sh p.sh\n${keys('AKIAPROCSPEC00000012')}` } },
    'empty output': { files: { 'p.sh': '#!/bin/sh\nexit 0\n', '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'an Expiration that is not a date': { files: { 'p.sh': OK_PROC('ASIAPROCSPEC00000013', ', "Expiration": "soon"'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'AccountId in the output': { files: { 'p.sh': OK_PROC('AKIAPROCSPEC00000014', ', "AccountId": "123456789012"'), '.aws/config': '[default]\ncredential_process = /bin/sh p.sh\n' } },
    'a command with shell syntax': { files: { '.aws/config': `[default]\ncredential_process = echo '{"Version": 1, "AccessKeyId": "AKIAPROCSPEC00000015", "SecretAccessKey": "s"}' | cat\n` } },
    'a command that does not exist': { files: { '.aws/config': '[default]\ncredential_process = /nonexistent/credential-helper\n' } },
  },
  // credential-provider-sso: fromSSO.spec.ts, resolveSSOCredentials.spec.ts, validateSsoProfile.spec.ts; ini resolveSsoCredentials.spec.ts
  sso: {
    'legacy SSO profile with a valid cached token': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}` } },
    'legacy SSO profile with an expired token': { files: { [cacheFile(START)]: token(PAST), '.aws/config': `[default]\n${SSO_LEGACY}` } },
    'legacy SSO profile without a cached token': { files: { '.aws/config': `[default]\n${SSO_LEGACY}` } },
    'cached token that is not JSON': { files: { [cacheFile(START)]: 'not json', '.aws/config': `[default]\n${SSO_LEGACY}` } },
    'sso-session profile with a valid token': { files: { [cacheFile('s')]: token(FAR), '.aws/config': `[default]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` } },
    'sso-session profile with an expired token and no refresh token': { files: { [cacheFile('s')]: token(PAST), '.aws/config': `[default]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` } },
    'sso_session naming a missing section': { files: { '.aws/config': '[default]\nsso_session = ghost\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n' } },
    'SSO profile without sso_role_name': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 123456789012\n` } },
    'SSO profile without sso_account_id': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_role_name = SpecRole\n` } },
    'only sso_region': { files: { '.aws/config': '[default]\nsso_region = us-east-1\n' } },
    'sso_region differs between profile and sso-session': { files: { [cacheFile('s')]: token(FAR), '.aws/config': `[default]\nsso_session = s\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` } },
    'sso_start_url differs between profile and sso-session': { files: { [cacheFile('s')]: token(FAR), '.aws/config': `[default]\nsso_session = s\nsso_start_url = https://other.awsapps.com/start\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` } },
    'AWS_ENDPOINT_URL_SSO names the portal': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}` }, env: { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9' } },
    'SSO portal region from sso_region': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY.replace('us-east-1', 'eu-north-1')}` }, env: { AWS_ENDPOINT_URL: undefined } },
    'SSO and static keys in one profile': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}${keys('AKIASSOSPEC000000001')}` } },
    'SSO and credential_process in one profile': { files: { 'p.sh': OK_PROC('AKIASSOSPEC000000002'), [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}credential_process = /bin/sh p.sh\n` } },
  },
  // credential-provider-env: fromEnv.spec.ts
  env: {
    'key and secret': { env: ENV_KEYS },
    'with a session token': { env: { ...ENV_KEYS, AWS_SESSION_TOKEN: 'envtoken' } },
    'with an expiration': { env: { ...ENV_KEYS, AWS_SESSION_TOKEN: 'envtoken', AWS_CREDENTIAL_EXPIRATION: FAR } },
    'with an expiration in the past': { env: { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: PAST } },
    'with an expiration that is not a date': { env: { ...ENV_KEYS, AWS_CREDENTIAL_EXPIRATION: 'whenever' } },
    'with AWS_CREDENTIAL_SCOPE': { env: { ...ENV_KEYS, AWS_CREDENTIAL_SCOPE: 'us-east-1' } },
    'with AWS_ACCOUNT_ID': { env: { ...ENV_KEYS, AWS_ACCOUNT_ID: '123456789012' } },
    'key id without secret': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPEC000000001' } },
    'secret without key id': { env: { AWS_SECRET_ACCESS_KEY: 'envsecret' } },
    'empty key id': { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: 'envsecret' } },
    'AWS_SECURITY_TOKEN instead of AWS_SESSION_TOKEN': { env: { ...ENV_KEYS, AWS_SECURITY_TOKEN: 'legacy' } },
  },
  // credential-provider-node: defaultProvider.spec.ts, remoteProvider.spec.ts (the order of the links)
  node: {
    'env before the shared files': { env: ENV_KEYS, files: { '.aws/credentials': `[default]\n${keys('AKIANODESPEC00000001')}` } },
    'AWS_PROFILE skips env': { env: { ...ENV_KEYS, AWS_PROFILE: 'p' }, files: { '.aws/credentials': `[p]\n${keys('AKIANODESPEC00000002')}` } },
    'init.profile skips env': { env: ENV_KEYS, files: { '.aws/credentials': `[p]\n${keys('AKIANODESPEC00000003')}` }, profile: 'p' },
    'an empty AWS_PROFILE does not skip env': { env: { ...ENV_KEYS, AWS_PROFILE: '' }, files: { '.aws/credentials': `[default]\n${keys('AKIANODESPEC00000004')}` } },
    'AWS_PROFILE naming a missing profile, with env keys': { env: { ...ENV_KEYS, AWS_PROFILE: 'ghost' } },
    'AWS_DEFAULT_PROFILE is not read': { env: { AWS_DEFAULT_PROFILE: 'p' }, files: { '.aws/credentials': `[p]\n${keys('AKIANODESPEC00000005')}[default]\n${keys('AKIANODESPEC00000006')}` } },
    'shared files before env web identity': { files: { token: 'tok', '.aws/credentials': `[default]\n${keys('AKIANODESPEC00000007')}` }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE } },
    'web identity before the container endpoint': { files: { token: 'tok' }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token', AWS_ROLE_ARN: ROLE, AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds' } },
    'the container endpoint before instance metadata': { imds: true, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'instance metadata last': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'a missing profile falls through to instance metadata': { imds: true, env: { AWS_PROFILE: 'ghost', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'a failing credential_process falls through to instance metadata': { imds: true, files: { '.aws/config': '[default]\ncredential_process = /bin/false\n' }, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'an expired SSO token stops the chain before instance metadata': { imds: true, files: { [cacheFile(START)]: token(PAST), '.aws/config': `[default]\n${SSO_LEGACY}` }, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'an empty profile falls through': { files: { '.aws/config': '[default]\nregion = us-east-1\n' } },
  },
  // (fromHttp retries a failing endpoint for about 3 s, in both runs: two failures stand for the spec's several)
  // credential-provider-http: fromHttp.spec.ts, checkUrl.spec.ts; credential-provider-imds: fromContainerMetadata / fromInstanceMetadata specs
  http: {
    'full URI on loopback': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds' } },
    'full URI with an authorization token': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer good' } },
    'full URI with a wrong authorization token': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer bad' } },
    'full URI with an authorization token file': { files: { 'ctoken': 'Bearer good' }, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '{HOME}/ctoken' } },
    'the endpoint answers 500': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/fail' } },
    'an empty full URI': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '' } },
    'a full URI that is not a URL': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'not a url' } },
    'instance metadata disabled': { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
    'instance metadata with AWS_EC2_METADATA_DISABLED=false': { imds: true, env: { AWS_EC2_METADATA_DISABLED: 'false', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
    'AWS_EC2_METADATA_DISABLED=1': { env: { AWS_EC2_METADATA_DISABLED: '1', AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  },
  // smithy-typescript shared-ini-file-loader: parseIni.spec.ts, getConfigData.spec.ts, loadSharedConfigFiles.spec.ts,
  // getProfileName.spec.ts, getConfigFilepath.spec.ts, getCredentialsFilepath.spec.ts, getSsoSessionData.spec.ts
  sharedIni: {
    'keys and values are trimmed': { files: { '.aws/credentials': `[default]\n  aws_access_key_id  =  AKIASHINISPEC0000001  \n aws_secret_access_key = ${SK} \n` } },
    'a value containing =': { files: { '.aws/credentials': `[default]\naws_access_key_id = AKIASHINISPEC0000002\naws_secret_access_key = a=b=c\n` } },
    'profile name with -': { files: { '.aws/config': `[profile profile-stage]\n${keys('AKIASHINISPEC0000003')}` }, profile: 'profile-stage' },
    'profile name with _': { files: { '.aws/config': `[profile profile_stage]\n${keys('AKIASHINISPEC0000004')}` }, profile: 'profile_stage' },
    'profile name with @': { files: { '.aws/config': `[profile profile@stage]\n${keys('AKIASHINISPEC0000005')}` }, profile: 'profile@stage' },
    'profile name with +': { files: { '.aws/config': `[profile profile+stage]\n${keys('AKIASHINISPEC0000006')}` }, profile: 'profile+stage' },
    'profile name with .': { files: { '.aws/config': `[profile profile.stage]\n${keys('AKIASHINISPEC0000007')}` }, profile: 'profile.stage' },
    'profile name with /': { files: { '.aws/config': `[profile profile/stage]\n${keys('AKIASHINISPEC0000008')}` }, profile: 'profile/stage' },
    'two profiles in one file': { files: { '.aws/credentials': `[one]\n${keys('AKIASHINISPEC0000009')}[two]\n${keys('AKIASHINISPEC0000010')}` }, profile: 'two' },
    'a section without data, then one with data': { files: { '.aws/credentials': `[empty]\n[default]\n${keys('AKIASHINISPEC0000011')}` } },
    'a sub-section before the keys': { files: { '.aws/config': `[default]\ns3 =\n    max_concurrent_requests = 10\n${keys('AKIASHINISPEC0000012')}` } },
    'a sub-section after the keys': { files: { '.aws/config': `[default]\n${keys('AKIASHINISPEC0000013')}s3 =\n    aws_access_key_id = AKIASHINISPECSUB0001\n` } },
    '[__proto__] in the credentials file': { files: { '.aws/credentials': `[__proto__]\nfoo = not_exist\n[default]\n${keys('AKIASHINISPEC0000014')}` } },
    '[profile __proto__] in the config file': { files: { '.aws/config': `[profile __proto__]\nfoo = not_exist\n[default]\n${keys('AKIASHINISPEC0000015')}` } },
    'full-line comments': { files: { '.aws/credentials': `# a comment\n; another\n[default]\n# inside\n${keys('AKIASHINISPEC0000016')}` } },
    'an inline comment after a value': { files: { '.aws/credentials': `[default]\naws_access_key_id = AKIASHINISPEC0000017 ; work\naws_secret_access_key = ${SK}\n` } },
    'a # with no space before it is part of the value': { files: { '.aws/credentials': `[default]\naws_access_key_id = AKIASHINISPEC0000018#x\naws_secret_access_key = ${SK}\n` } },
    '[sso-session] section read as sso-session data': { files: { [cacheFile('s')]: token(FAR), '.aws/config': `[profile p]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` }, profile: 'p' },
    '[services] section is not a profile': { files: { '.aws/config': `[services dev]\nsts =\n  endpoint_url = http://127.0.0.1:9\n[profile dev]\n${keys('AKIASHINISPEC0000019')}` }, profile: 'dev' },
    'a quoted profile name': { files: { '.aws/config': `[profile "quoted"]\n${keys('AKIASHINISPEC0000020')}` }, profile: 'quoted' },
    'AWS_PROFILE=profile.x names a credentials-file [profile x]': { files: { '.aws/credentials': `[profile x]\n${keys('AKIASHINISPEC0000021')}` }, env: { AWS_PROFILE: 'profile.x' } },
    'CRLF line endings': { files: { '.aws/credentials': `[default]\r\naws_access_key_id = AKIASHINISPEC0000022\r\naws_secret_access_key = ${SK}\r\n` } },
    'a UTF-8 byte order mark': { files: { '.aws/credentials': `\ufeff[default]\n${keys('AKIASHINISPEC0000023')}` } },
    'a duplicate section: later keys win': { files: { '.aws/credentials': `[default]\n${keys('AKIASHINISPEC0000024')}[default]\naws_access_key_id = AKIASHINISPEC0000025\n` } },
    'key names in upper case': { files: { '.aws/credentials': `[default]\nAWS_ACCESS_KEY_ID = AKIASHINISPEC0000026\nAWS_SECRET_ACCESS_KEY = ${SK}\n` } },
    'key : value lines': { files: { '.aws/credentials': `[default]\naws_access_key_id : AKIASHINISPEC0000027\naws_secret_access_key : ${SK}\n` } },
    '[DEFAULT] section in the credentials file': { files: { '.aws/credentials': `[DEFAULT]\n${keys('AKIASHINISPEC0000028')}` } },
    '[profile default] and [default] in the config file': { files: { '.aws/config': `[default]\n${keys('AKIASHINISPEC0000029')}[profile default]\n${keys('AKIASHINISPEC0000030')}` } },
    'an empty AWS_CONFIG_FILE': { files: { '.aws/config': `[default]\n${keys('AKIASHINISPEC0000031')}` }, env: { AWS_CONFIG_FILE: '' } },
    'an empty AWS_SHARED_CREDENTIALS_FILE': { files: { '.aws/credentials': `[default]\n${keys('AKIASHINISPEC0000032')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: '' } },
    'lone CR line endings': { files: { '.aws/credentials': `[default]\raws_access_key_id = AKIASHINISPEC0000033\raws_secret_access_key = ${SK}\r` } },
    'an empty value': { files: { '.aws/credentials': `[default]\naws_session_token =\n${keys('AKIASHINISPEC0000034')}` } },
    'profile header with two spaces': { files: { '.aws/config': `[profile  spaced]\n${keys('AKIASHINISPEC0000035')}` }, profile: 'spaced' },
    'region from the config file': { files: { '.aws/config': `[default]\nregion = sa-east-1\n${keys('AKIASHINISPEC0000036')}` } },
    'AWS_REGION over the config file region': { files: { '.aws/config': `[default]\nregion = sa-east-1\n${keys('AKIASHINISPEC0000037')}` }, env: { AWS_REGION: 'ca-central-1' } },
    'AWS_DEFAULT_REGION only': { files: { '.aws/config': `[default]\n${keys('AKIASHINISPEC0000038')}` }, env: { AWS_DEFAULT_REGION: 'eu-south-1' } },
  },
};

/**
 * The specs ported `it` by `it` (test/compare/jsSpec/, one file per package, each naming its spec files and listing
 * the cases that cannot be expressed with real files): keyed "<spec file> › <describe> › <it title>".
 */
const ported: Record<string, Record<string, S>> = {
  node: NODE,
  env: ENV,
  ini: INI,
  process: PROCESS,
  sso: SSO,
  webIdentity: WEB_IDENTITY,
  http: HTTP,
  sharedIni: SHARED_INI,
};

const all = (g: Record<string, Record<string, S>>) => Object.entries(g).flatMap(([group, list]) => Object.entries(list).map(([name, s]) => ({ id: `${group}: ${name}`, ...s })));
export const SPEC_SCENARIOS: Scenario[] = [...all(groups), ...all(ported)];

