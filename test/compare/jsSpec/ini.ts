// aws-sdk-js-v3 packages/credential-provider-ini/src: index.spec.ts, fromIni.integ.spec.ts, fromIni.spec.ts,
// resolveAssumeRoleCredentials.spec.ts, resolveCredentialSource.spec.ts, resolveProfileData.spec.ts,
// resolveStaticCredentials.spec.ts, resolveWebIdentityCredentials.spec.ts, resolveSsoCredentials.spec.ts,
// resolveProcessCredentials.spec.ts, resolveLoginCredentials.spec.ts, ported `it` by `it` into real files. fromIni runs
// inside fromNodeProviderChain here, so a case the spec expects to fail shows as the chain's own outcome (the next link,
// or the chain's error); the real SDK decides which.
//
// not portable:
//   index.spec › shared credentials file › should read from a filepath if provided — init.filepath is code
//   index.spec › shared credentials file › should prefer a provided filepath over one specified via environment variables — the same
//   index.spec › shared config file › should read from a filepath if provided — init.configFilepath is code
//   index.spec › shared config file › should prefer a provided filepath over one specified via environment variables — the same
//   index.spec › assume role › should reject the promise with a terminal error if no role assumer provided — fromNodeProviderChain
//     always brings its STS role assumer (the same file, with one, is "should reject the promise if the source profile cannot be found")
//   index.spec › assume role › should support assuming a role with multi-factor authentication — needs an mfaCodeProvider (code)
//   index.spec › should not attempt to load from disk if loaded credentials are provided — init.loadedConfig is code
//   fromIni.integ.spec › should use 1st priority for the clientConfig given to the provider factory — clientConfig.region is code
//   fromIni.integ.spec › should use 3rd priority for the caller client — the caller client is code
//   fromIni.spec › rethrows error if parsing known files fails / rethrows error if resolving process creds fails / returns resolved
//     process creds — mocks of parseKnownFiles and resolveProfileData (the outcomes are the cases below)
//   resolveAssumeRoleCredentials.spec › isAssumeRoleProfile › returns false for falsy values / for data type which is not an
//     object / value at '…' is not of type string (| undefined) — INI values are always strings; no file makes these
//   resolveAssumeRoleCredentials.spec › throws error if roleAssumer is not available in options — the chain brings one
//   resolveAssumeRoleCredentials.spec › populates SerialNumber and TokenCode based on mfa_serial — needs an mfaCodeProvider
//   resolveStaticCredentials.spec › isStaticCredsProfile › (type checks) — INI values are strings
//   resolveWebIdentityCredentials.spec › isWebIdentityProfile › (type checks) — the same
//   resolveProcessCredentials.spec › isProcessProfile › (type checks) — the same
//   resolveSsoCredentials.spec › returns value returned by original isSsoProfile — a mock of isSsoProfile
//   resolveLoginCredentials.spec › calls fromLoginCredentials and adds profile feature / passes options to fromLoginCredentials —
//     a login_session resolves only through the sign-in service's token exchange, mocked there
import { cacheFile, ENV_KEYS, FAR, keys, OK_PROC, PAST, proc, REAL_ENDPOINTS, ROLE, SK, SSO_LEGACY, SSO_SESSION, START, token, type S } from './common';

const DEFAULT = (ak: string) => `aws_access_key_id = ${ak}\naws_secret_access_key = ${SK}\naws_session_token = sessionToken\n`;
const FOO = (ak: string) => `aws_access_key_id = ${ak}\naws_secret_access_key = bar\naws_session_token = baz\n`;
const CREDS_FILE = `[default]\n${DEFAULT('AKIAINIIDXDEFAULT001')}\n[foo]\n${FOO('AKIAINIIDXFOO0000001')}`;
const CONFIG_FILE = `[default]\n${DEFAULT('AKIAINIIDXDEFAULT002')}\n[profile foo]\n${FOO('AKIAINIIDXFOO0000002')}`;
const roleArnFor = (p: string) => `arn:aws:iam::123456789:role/${p}`;
/** the login token cache under the scenario's HOME: the SDK otherwise looks under os.homedir(), the account's real home */
const LOGIN_CACHE = { AWS_LOGIN_CACHE_DIRECTORY: '{HOME}/.aws/login/cache' };
/** fromIni.integ.spec's profiles: default assumes ROLE_ARN from `assume` */
const REGION_ORDER = (region?: string) =>
  `[default]\noutput = json\n${region ? `region = ${region}\n` : ''}role_arn = ROLE_ARN\nrole_session_name = ROLE_SESSION_NAME\nexternal_id = EXTERNAL_ID\nsource_profile = assume\n[profile assume]\n${region ? `region = ${region}\n` : ''}${keys('AKIAINIREGION0000001')}`;

/** the two files of index.spec's HOME cases: `file` is credentials or config, `body(ak)` its [default] */
function homeCases(file: 'credentials' | 'config', tag: string): Record<string, S> {
  const body = (ak: string) => `[default]\n${DEFAULT(ak)}`;
  const d = `index.spec › shared ${file === 'credentials' ? 'credentials' : 'config'} file`;
  const p = (dir: string) => `${dir}/.aws/${file}`;
  return {
    [`${d} › should use $HOME when available`]: { env: { HOME: '{HOME}/foo/bar' }, files: { [p('foo/bar')]: body(`AKIAINIHOME${tag}00001`) } },
    [`${d} › should use $USERPROFILE when available`]: { env: { HOME: undefined, USERPROFILE: '{HOME}/Users/user' }, files: { [p('Users/user')]: body(`AKIAINIHOME${tag}00002`) } },
    [`${d} › should use $HOMEPATH/$HOMEDRIVE when available`]: { env: { HOME: undefined, HOMEDRIVE: '{HOME}', HOMEPATH: '/Users/user' }, files: { [p('Users/user')]: body(`AKIAINIHOME${tag}00003`) } },
    [`${d} › should prefer $HOME to $USERPROFILE`]: { env: { HOME: '{HOME}/foo/bar', USERPROFILE: '{HOME}/Users/user' }, files: { [p('foo/bar')]: body(`AKIAINIHOME${tag}00004`), [p('Users/user')]: body(`AKIAINIHOME${tag}00005`) } },
    [`${d} › should prefer $USERPROFILE to $HOMEDRIVE+$HOMEPATH`]: { env: { HOME: undefined, USERPROFILE: '{HOME}/Users/user', HOMEDRIVE: '{HOME}', HOMEPATH: '/Users/user2' }, files: { [p('Users/user')]: body(`AKIAINIHOME${tag}00006`), [p('Users/user2')]: body(`AKIAINIHOME${tag}00007`) } },
    [`${d} › should prefer $HOME to $HOMEDRIVE+$HOMEPATH`]: { env: { HOME: '{HOME}/foo/bar', HOMEDRIVE: '{HOME}', HOMEPATH: '/Users/user2' }, files: { [p('foo/bar')]: body(`AKIAINIHOME${tag}00008`), [p('Users/user2')]: body(`AKIAINIHOME${tag}00009`) } },
  };
}

export const INI: Record<string, S> = {
  // index.spec.ts
  'index.spec › should flag a lack of credentials as a non-terminal error': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  'index.spec › shared credentials file › should read credentials from ~/.aws/credentials': { files: { '.aws/credentials': CREDS_FILE } },
  'index.spec › shared credentials file › should read profile credentials from ~/.aws/credentials': { files: { '.aws/credentials': CREDS_FILE }, profile: 'foo' },
  'index.spec › shared credentials file › should read the profile specified in AWS_PROFILE': { files: { '.aws/credentials': CREDS_FILE }, env: { AWS_PROFILE: 'foo' } },
  'index.spec › shared credentials file › should read from a filepath specified in AWS_SHARED_CREDENTIALS_FILE': { files: { 'foo/bar/baz': CREDS_FILE }, env: { AWS_SHARED_CREDENTIALS_FILE: 'foo/bar/baz' } },
  ...homeCases('credentials', 'CRED'),
  'index.spec › shared config file › should read credentials from ~/.aws/config': { files: { '.aws/config': CONFIG_FILE } },
  'index.spec › shared config file › should read profile credentials from ~/.aws/config': { files: { '.aws/config': CONFIG_FILE }, profile: 'foo' },
  'index.spec › shared config file › should read the profile specified in AWS_PROFILE': { files: { '.aws/config': CONFIG_FILE }, env: { AWS_PROFILE: 'foo' } },
  // the spec's title names ENV_CREDENTIALS_PATH; its body sets AWS_CONFIG_FILE
  'index.spec › shared config file › should read from a filepath specified in AWS_CONFIG_FILE': { files: { 'foo/bar/baz': CONFIG_FILE }, env: { AWS_CONFIG_FILE: 'foo/bar/baz' } },
  ...homeCases('config', 'CONF'),
  'index.spec › assume role › should invoke a role assumer callback with credentials from a source profile': { files: { '.aws/credentials': `[default]\n${DEFAULT('AKIAINIROLE000000001')}\n[foo]\nrole_arn = arn:aws:iam::123456789:role/foo\nrole_session_name = fooSession\nexternal_id = externalId\nsource_profile = default\n` }, profile: 'foo' },
  'index.spec › assume role › should create a role session name if none provided': { files: { '.aws/credentials': `[default]\n${DEFAULT('AKIAINIROLE000000002')}\n[foo]\nrole_arn = arn:aws:iam::123456789:role/foo\nsource_profile = default\n` }, profile: 'foo' },
  'index.spec › assume role › should reject the promise if the source profile cannot be found': { files: { '.aws/credentials': `[default]\n${DEFAULT('AKIAINIROLE000000003')}\n[foo]\nrole_arn = arn:aws:iam::123456789:role/foo\nsource_profile = bar\n` }, profile: 'foo' },
  'index.spec › assume role › should allow a profile in ~/.aws/credentials to use a source profile from ~/.aws/config': { files: { '.aws/credentials': '[foo]\nrole_arn = arn:aws:iam::123456789:role/foo\nsource_profile = bar\n', '.aws/config': `[profile bar]\n${DEFAULT('AKIAINIROLE000000004')}` }, profile: 'foo' },
  'index.spec › assume role › should allow a profile in ~/.aws/config to use a source profile from ~/.aws/credentials': { files: { '.aws/config': '[profile foo]\nrole_arn = arn:aws:iam::123456789:role/foo\nsource_profile = bar\n', '.aws/credentials': `[bar]\n${DEFAULT('AKIAINIROLE000000005')}` }, profile: 'foo' },
  'index.spec › assume role › should allow profiles to assume roles assuming roles assuming roles ad infinitum': {
    files: {
      '.aws/config': `[profile foo]\nrole_arn = ${roleArnFor('foo')}\nsource_profile = fizz\n\n[profile bar]\nrole_arn = ${roleArnFor('bar')}\nsource_profile = buzz\n\n[profile baz]\nrole_arn = ${roleArnFor('baz')}\nsource_profile = pop\n`,
      '.aws/credentials': `[default]\n${DEFAULT('AKIAINIROLE000000006')}\n[fizz]\nrole_arn = ${roleArnFor('fizz')}\nsource_profile = bar\n\n[buzz]\nrole_arn = ${roleArnFor('buzz')}\nsource_profile = baz\n\n[pop]\nrole_arn = ${roleArnFor('pop')}\nsource_profile = default\n`,
    },
    profile: 'foo',
  },
  'index.spec › assume role › should reject the promise with a terminal error if a MFA serial is present but no mfaCodeProvider was provided': { files: { '.aws/credentials': `[default]\n${DEFAULT('AKIAINIROLE000000007')}\n[foo]\nrole_arn = arn:aws:iam::123456789:role/foo\nmfa_serial = mfaSerial\nsource_profile = default\n` }, profile: 'foo' },
  'index.spec › should prefer credentials in ~/.aws/credentials to those in ~/.aws/config': { files: { '.aws/credentials': `[default]\n${DEFAULT('AKIAINIIDX0000000001')}`, '.aws/config': `[default]\n${FOO('AKIAINIIDX0000000002')}` } },
  'index.spec › should reject credentials with no access key': { files: { '.aws/credentials': `[default]\naws_secret_access_key = ${SK}\n` } },
  'index.spec › should reject credentials with no secret key': { files: { '.aws/credentials': '[default]\naws_access_key_id = AKIAINIIDX0000000003\n' } },
  'index.spec › should not merge profile values together': { files: { '.aws/credentials': '[default]\naws_access_key_id = AKIAINIIDX0000000004\n', '.aws/config': '[default]\naws_secret_access_key = bar\n' } },
  'index.spec › should treat a profile with static credentials and role assumption keys as an assume role profile on the first lookup': { files: { '.aws/credentials': `[default]\naws_secret_access_key = ${SK}\naws_secret_access_key = ${SK}\nrole_arn = foo\nsource_profile = foo\n\n[foo]\n${FOO('AKIAINIIDX0000000005')}` } },
  'index.spec › should treat a profile with static credentials and role assumption keys as a static credentials profile on subsequent links': { files: { '.aws/credentials': `[default]\nrole_arn = foo\nsource_profile = foo\n\n[foo]\n${FOO('AKIAINIIDX0000000006')}role_arn = bar\nsource_profile = bar\n\n[bar]\naws_secret_access_key = ${SK}\naws_secret_access_key = ${SK}\n` } },
  'index.spec › a profile should be able to use its own static creds to assume a role': { files: { '.aws/credentials': `[default]\n${DEFAULT('AKIAINIIDX0000000007')}role_arn = bar\nsource_profile = default\n` } },
  'index.spec › should reject credentials when profile role assumption creates a cycle': { files: { '.aws/credentials': '[default]\nrole_arn = foo\nsource_profile = foo\n\n[bar]\nrole_arn = baz\nsource_profile = baz\n\n[fizz]\nrole_arn = buzz\nsource_profile = foo\n', '.aws/config': '[profile foo]\nrole_arn = bar\nsource_profile = bar\n\n[profile baz]\nrole_arn = fizz\nsource_profile = fizz\n' } },
  // fromIni.integ.spec.ts › fromIni region search order (AWS_PROFILE=default in every case)
  'fromIni.integ.spec › fromIni region search order › should use 2nd priority for the profile region': { env: { ...REAL_ENDPOINTS, AWS_PROFILE: 'default' }, files: { '.aws/config': REGION_ORDER('us-stsar-1') } },
  // the same files as the 2nd priority in the spec; a region of its own here tells the two apart
  'fromIni.integ.spec › fromIni region search order › should use 4th priority for the config file region': { env: { ...REAL_ENDPOINTS, AWS_PROFILE: 'default' }, files: { '.aws/config': REGION_ORDER('ap-northeast-3') } },
  'fromIni.integ.spec › fromIni region search order › should use 5th priority for the AWS_REGION value': { env: { ...REAL_ENDPOINTS, AWS_PROFILE: 'default', AWS_REGION: 'ap-northeast-1' }, files: { '.aws/config': REGION_ORDER() } },
  "fromIni.integ.spec › fromIni region search order › should use 6th priority for the default partition's default region": { env: { ...REAL_ENDPOINTS, AWS_PROFILE: 'default' }, files: { '.aws/config': REGION_ORDER() } },
  // resolveAssumeRoleCredentials.spec.ts
  'resolveAssumeRoleCredentials.spec › isAssumeRoleProfile › returns true for AssumeRoleWithSourceProfile': { files: { '.aws/config': `[profile p]\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\nexternal_id = mock_external_id\nsource_profile = mock_source_profile\n[profile mock_source_profile]\n${keys('AKIAINIARC0000000001')}` }, profile: 'p' },
  'resolveAssumeRoleCredentials.spec › isAssumeRoleProfile › returns true for AssumeRoleWithProviderProfile': { env: ENV_KEYS, files: { '.aws/config': '[profile p]\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\nexternal_id = mock_external_id\ncredential_source = Environment\n' }, profile: 'p' },
  'resolveAssumeRoleCredentials.spec › throws error if source_profile is in visited profiles': { files: { '.aws/config': '[profile mockProfileCurrent]\nrole_arn = mock_role_arn\nsource_profile = mockProfileName\n[profile mockProfileName]\nrole_arn = mock_role_arn\nsource_profile = mockProfileCurrent\n' }, profile: 'mockProfileCurrent' },
  'resolveAssumeRoleCredentials.spec › gets sourceCreds from Profile data if source_profile is present': { files: { '.aws/config': `[profile mockProfileCurrent]\nsource_profile = mockProfileName\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\nexternal_id = mock_external_id\n[profile mockProfileName]\n${keys('AKIAINIARC0000000002')}` }, profile: 'mockProfileCurrent' },
  'resolveAssumeRoleCredentials.spec › gets sourceCreds from Credentials Source if source_profile is absent': { env: ENV_KEYS, files: { '.aws/config': '[profile mockProfileName]\ncredential_source = Environment\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\nexternal_id = mock_external_id\n' }, profile: 'mockProfileName' },
  'resolveAssumeRoleCredentials.spec › sets role session name if not provided': { env: ENV_KEYS, files: { '.aws/config': '[profile mockProfileName]\ncredential_source = Environment\nrole_arn = mock_role_arn\nexternal_id = mock_external_id\n' }, profile: 'mockProfileName' },
  'resolveAssumeRoleCredentials.spec › throws error is mfa_serial is provided': { env: ENV_KEYS, files: { '.aws/config': '[profile mockProfileName]\ncredential_source = Environment\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\nexternal_id = mock_external_id\nmfa_serial = mock_mfa_serial\n' }, profile: 'mockProfileName' },
  // resolveCredentialSource.spec.ts
  'resolveCredentialSource.spec › when credentialSource=EcsContainer, calls fromContainerMetadata': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds' }, files: { '.aws/config': `[profile mockProfileName]\nrole_arn = ${ROLE}\ncredential_source = EcsContainer\n` }, profile: 'mockProfileName' },
  'resolveCredentialSource.spec › when credentialSource=Ec2InstanceMetadata, calls fromInstanceMetadata': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' }, files: { '.aws/config': `[profile mockProfileName]\nrole_arn = ${ROLE}\ncredential_source = Ec2InstanceMetadata\n` }, profile: 'mockProfileName' },
  'resolveCredentialSource.spec › when credentialSource=Environment, calls fromEnv': { env: ENV_KEYS, files: { '.aws/config': `[profile mockProfileName]\nrole_arn = ${ROLE}\ncredential_source = Environment\n` }, profile: 'mockProfileName' },
  "resolveCredentialSource.spec › throws error if credentialSource is not one of ['EcsContainer','Ec2InstanceMetadata','Environment']": { env: ENV_KEYS, files: { '.aws/config': `[profile mockProfileName]\nrole_arn = ${ROLE}\ncredential_source = mockCredentialSource\n` }, profile: 'mockProfileName' },
  // resolveProfileData.spec.ts
  'resolveProfileData.spec › throws error if all profile checks fail': { files: { '.aws/config': '[profile mockProfileName]\nregion = us-west-2\n' }, profile: 'mockProfileName' },
  'resolveProfileData.spec › resolves with static creds when profiles are previously visited and current profile has static creds': { files: { '.aws/config': `[profile top]\nrole_arn = ${ROLE}\nsource_profile = mockProfileName\n[profile mockProfileName]\n${keys('AKIAINIRPD0000000001')}role_arn = ${ROLE}2\nsource_profile = other\n[profile other]\n${keys('AKIAINIRPD0000000002')}` }, profile: 'top' },
  "resolveProfileData.spec › resolves with assumeRole › when it's static creds, but profiles are not visited": { files: { '.aws/config': `[profile mockProfileName]\n${keys('AKIAINIRPD0000000003')}role_arn = ${ROLE}\nsource_profile = other\n[profile other]\n${keys('AKIAINIRPD0000000004')}` }, profile: 'mockProfileName' },
  "resolveProfileData.spec › resolves with assumeRole › when it's not static creds, and profiles are visited": { files: { '.aws/config': `[profile top]\nrole_arn = ${ROLE}1\nsource_profile = mockProfileName\n[profile mockProfileName]\nrole_arn = ${ROLE}2\nsource_profile = other\n[profile other]\n${keys('AKIAINIRPD0000000005')}` }, profile: 'top' },
  "resolveProfileData.spec › resolves with static creds when no profiles are visited and it's not assume role profile": { files: { '.aws/config': `[profile mockProfileName]\n${keys('AKIAINIRPD0000000006')}` }, profile: 'mockProfileName' },
  "resolveProfileData.spec › resolves with web identity profile, when it's not static or assume role": { files: { token: 'tok', '.aws/config': `[profile mockProfileName]\nweb_identity_token_file = {HOME}/token\nrole_arn = ${ROLE}\n` }, profile: 'mockProfileName' },
  "resolveProfileData.spec › resolves with sso profile, when it's not static or assume role or web identity": { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[profile mockProfileName]\n${SSO_LEGACY}` }, profile: 'mockProfileName' },
  // resolveStaticCredentials.spec.ts
  'resolveStaticCredentials.spec › isStaticCredsProfile › returns true for StaticCredentialsProfile': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISTATIC0000001', 'mock_aws_session_token')}` } },
  'resolveStaticCredentials.spec › resolves static credentials': { files: { '.aws/credentials': `[default]\n${keys('AKIAINISTATIC0000002', 'mock_aws_session_token')}aws_credential_scope = mock_aws_credential_scope\naws_account_id = mock_aws_account_id\n` } },
  // resolveWebIdentityCredentials.spec.ts
  'resolveWebIdentityCredentials.spec › isWebIdentityProfile › returns true for WebIdentityProfile': { files: { token: 'tok', '.aws/config': '[profile w]\nweb_identity_token_file = {HOME}/token\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\n' }, profile: 'w' },
  'resolveWebIdentityCredentials.spec › throws error when fromTokenFile throws': { files: { '.aws/config': '[profile w]\nweb_identity_token_file = {HOME}/mock_web_identity_token_file\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\n' }, profile: 'w' },
  'resolveWebIdentityCredentials.spec › returns creds from fromTokenFile': { files: { mock_web_identity_token_file: 'tok', '.aws/config': '[profile w]\nweb_identity_token_file = mock_web_identity_token_file\nrole_arn = mock_role_arn\nrole_session_name = mock_role_session_name\n' }, profile: 'w' },
  // resolveSsoCredentials.spec.ts
  'resolveSsoCredentials.spec › throws error when validation fails': { files: { '.aws/config': `[default]\nsso_start_url = ${START}\nsso_account_id = mock_sso_account_id\nsso_region = us-east-1\n` } },
  'resolveSsoCredentials.spec › throws error when fromSSO throws error': { files: { [cacheFile(START)]: token(PAST), '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'resolveSsoCredentials.spec › calls fromSSO when validation succeeds': { files: { [cacheFile(START)]: token(FAR), '.aws/config': `[default]\n${SSO_LEGACY}` } },
  'resolveSsoCredentials.spec › calls fromSSO with optional sso session name': { files: { [cacheFile('s')]: token(FAR), '.aws/config': `[default]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n${SSO_SESSION}` } },
  // resolveProcessCredentials.spec.ts
  'resolveProcessCredentials.spec › isProcessProfile › returns true for ProcessProfile': { files: { 'p.sh': OK_PROC('AKIAINIPROC000000001'), '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh p.sh\n' }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › throws error when fromProcess throws': { files: { 'p.sh': proc('{}', 1), '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh p.sh\n' }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › returns creds from fromProcess': { files: { 'p.sh': OK_PROC('AKIAINIPROC000000002'), '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh p.sh\n' }, profile: 'mockProfileName' },
  // resolveLoginCredentials.spec.ts
  'resolveLoginCredentials.spec › isLoginProfile › returns false for empty profile': { files: { '.aws/config': '[profile mockProfileName]\n' }, profile: 'mockProfileName' },
  'resolveLoginCredentials.spec › isLoginProfile › returns false for profile without login_session': { files: { '.aws/config': '[profile mockProfileName]\nregion = us-west-2\n' }, profile: 'mockProfileName' },
  'resolveLoginCredentials.spec › isLoginProfile › returns true for profile with login_session': { env: LOGIN_CACHE, files: { '.aws/config': '[profile mockProfileName]\nlogin_session = arn:aws:sts::123456789101:assumed-role/MyRole/user\n' }, profile: 'mockProfileName' },
  'resolveLoginCredentials.spec › throws error when fromLoginCredentials throws error': { env: LOGIN_CACHE, files: { '.aws/config': '[profile mockProfileName]\nlogin_session = arn:aws:sts::123456789101:assumed-role/MyRole/user\nregion = us-west-2\n' }, profile: 'mockProfileName' },
};
