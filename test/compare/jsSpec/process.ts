// aws-sdk-js-v3 packages/credential-provider-process/src: index.spec.ts, resolveProcessCredentials.spec.ts,
// getValidatedProcessCredentials.spec.ts, validateProcessCredentials.spec.ts, fromProcess.spec.ts, ported `it` by `it`.
// The spec's mocked exec("/cred_proc …") is a real /bin/sh script here. In fromNodeProviderChain a profile's
// credential_process is reached through fromIni first (and fromProcess after it), so the chain's outcome is checked.
//
// not portable:
//   index.spec › shared credentials file › should read from a filepath if provided — init.filepath is code
//   index.spec › shared credentials file › should prefer a provided filepath over one specified via environment variables — the same
//   index.spec › shared config file › should read from a filepath if provided — init.configFilepath is code
//   index.spec › shared config file › should prefer a provided filepath over one specified via environment variables — the same
//   fromProcess.spec › rethrows error if parsing known files fails / rethrows error if resolving process creds fails / returns
//     resolved process creds — mocks of parseKnownFiles and resolveProcessCredentials (their outcomes are the cases below)
// validateProcessCredentials.spec has the same four cases as getValidatedProcessCredentials.spec (an older name of
// the same check): each scenario below stands for both.
import { keys, proc, SK, type S } from './common';

const json = (ak: string, token: string, extra = '') => `{"AccessKeyId":"${ak}","SecretAccessKey":"${ak === 'AKIAPROCIDXFOO000001' ? 'bar' : 'defaultSecret'}","SessionToken":"${token}","Version":1${extra}}`;
const DEFAULT_JSON = json('AKIAPROCIDXDEFAULT01', 'defaultToken');
const FOO_JSON = json('AKIAPROCIDXFOO000001', 'baz');
/** the spec's "/cred_proc default" and "/cred_proc foo" */
const CRED_PROC = { 'cred_proc.sh': `#!/bin/sh\nif [ "$1" = foo ]; then echo '${FOO_JSON}'; else echo '${DEFAULT_JSON}'; fi\n` };
const CREDS_FILE = '[default]\ncredential_process = /bin/sh {HOME}/cred_proc.sh default\n[foo]\ncredential_process = /bin/sh {HOME}/cred_proc.sh foo\n';
const CONFIG_FILE = '[default]\ncredential_process = /bin/sh {HOME}/cred_proc.sh default\n[profile foo]\ncredential_process = /bin/sh {HOME}/cred_proc.sh foo\n';
const one = (out: string) => ({ 'p.sh': proc(out), '.aws/credentials': '[default]\ncredential_process = /bin/sh {HOME}/p.sh\n' });
const DAY = 24 * 60 * 60 * 1000;
/** getValidatedProcessCredentials.spec's Expiration is Date.now() ± a day, in milliseconds */
const msFromNow = (ms: number) => String(Date.now() + ms);

function homeCases(file: 'credentials' | 'config'): Record<string, S> {
  const d = `index.spec › shared ${file} file`;
  const p = (dir: string) => `${dir}/.aws/${file}`;
  const def = '[default]\ncredential_process = /bin/sh {HOME}/cred_proc.sh default\n';
  const foo = '[default]\ncredential_process = /bin/sh {HOME}/cred_proc.sh foo\n';
  return {
    [`${d} › should use $HOME when available`]: { env: { HOME: '{HOME}/foo/bar' }, files: { ...CRED_PROC, [p('foo/bar')]: def } },
    [`${d} › should use $USERPROFILE when available`]: { env: { HOME: undefined, USERPROFILE: '{HOME}/Users/user' }, files: { ...CRED_PROC, [p('Users/user')]: def } },
    [`${d} › should use $HOMEPATH/$HOMEDRIVE when available`]: { env: { HOME: undefined, HOMEDRIVE: '{HOME}', HOMEPATH: '/Users/user' }, files: { ...CRED_PROC, [p('Users/user')]: def } },
    [`${d} › should prefer $HOME to $USERPROFILE`]: { env: { HOME: '{HOME}/foo/bar', USERPROFILE: '{HOME}/Users/user' }, files: { ...CRED_PROC, [p('foo/bar')]: def, [p('Users/user')]: foo } },
    [`${d} › should prefer $USERPROFILE to $HOMEDRIVE+$HOMEPATH`]: { env: { HOME: undefined, USERPROFILE: '{HOME}/Users/user', HOMEDRIVE: '{HOME}', HOMEPATH: '/Users/user2' }, files: { ...CRED_PROC, [p('Users/user')]: def, [p('Users/user2')]: foo } },
    [`${d} › should prefer $HOME to $HOMEDRIVE+$HOMEPATH`]: { env: { HOME: '{HOME}/foo/bar', HOMEDRIVE: '{HOME}', HOMEPATH: '/Users/user2' }, files: { ...CRED_PROC, [p('foo/bar')]: def, [p('Users/user2')]: foo } },
  };
}

export const PROCESS: Record<string, S> = {
  // index.spec.ts
  'index.spec › should flag a lack of credentials as a non-terminal error': { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' } },
  // the spec's file is indented, header included
  'index.spec › shared credentials file › should flag a lack of credential_process as a non-terminal error': { files: { '.aws/credentials': '\n            [default]\n            accessKeyId = foo\n            ' } },
  'index.spec › shared credentials file › should flag credential_process that returns invalid JSON': { files: { 'p.sh': '#!/bin/sh\necho BAD_JSON\n', '.aws/credentials': '[default]\ncredential_process = /bin/sh {HOME}/p.sh\n' } },
  'index.spec › shared credentials file › should read credentials from ~/.aws/credentials': { files: { ...CRED_PROC, '.aws/credentials': CREDS_FILE } },
  'index.spec › shared credentials file › should read profile credentials from ~/.aws/credentials': { files: { ...CRED_PROC, '.aws/credentials': CREDS_FILE }, profile: 'foo' },
  'index.spec › shared credentials file › should read the profile specified in AWS_PROFILE': { files: { ...CRED_PROC, '.aws/credentials': CREDS_FILE }, env: { AWS_PROFILE: 'foo' } },
  'index.spec › shared credentials file › should read from a filepath specified in AWS_SHARED_CREDENTIALS_FILE': { files: { ...CRED_PROC, 'foo/bar/baz': CREDS_FILE }, env: { AWS_SHARED_CREDENTIALS_FILE: 'foo/bar/baz' } },
  ...homeCases('credentials'),
  'index.spec › shared config file › should read credentials from ~/.aws/config': { files: { ...CRED_PROC, '.aws/config': CONFIG_FILE } },
  'index.spec › shared config file › should read profile credentials from ~/.aws/config': { files: { ...CRED_PROC, '.aws/config': CONFIG_FILE }, profile: 'foo' },
  'index.spec › shared config file › should read the profile specified in AWS_PROFILE': { files: { ...CRED_PROC, '.aws/config': CONFIG_FILE }, env: { AWS_PROFILE: 'foo' } },
  'index.spec › shared config file › should read from a filepath specified in AWS_CONFIG_FILE': { files: { ...CRED_PROC, 'foo/bar/baz': CONFIG_FILE }, env: { AWS_CONFIG_FILE: 'foo/bar/baz' } },
  ...homeCases('config'),
  'index.spec › should prefer credentials in ~/.aws/credentials to those in ~/.aws/config': { files: { ...CRED_PROC, '.aws/credentials': '[default]\ncredential_process = /bin/sh {HOME}/cred_proc.sh default\n', '.aws/config': '[default]\ncredential_process = /bin/sh {HOME}/cred_proc.sh foo\n' } },
  'index.spec › should reject credentials with no access key': { files: one(`{"SecretAccessKey":"${SK}","SessionToken":"sessionToken","Version":1}`) },
  'index.spec › should reject credentials with no secret key': { files: one('{"AccessKeyId":"AKIAPROCIDX000000001","SessionToken":"sessionToken","Version":1}') },
  'index.spec › should reject credentials with Version !== 1': { files: one(`{"AccessKeyId":"AKIAPROCIDX000000002","SecretAccessKey":"${SK}","SessionToken":"sessionToken","Version":2}`) },
  'index.spec › should reject expired credentials': { files: one(`{"AccessKeyId":"AKIAPROCIDX000000003","SecretAccessKey":"${SK}","SessionToken":"sessionToken","Expiration":"1970-01-01T00:00:00.000Z","Version":1}`) },
  // resolveProcessCredentials.spec.ts
  'resolveProcessCredentials.spec › throws Error if profileName is not available': { files: { '.aws/config': `[profile other]\n${keys('AKIAPROCRPC000000001')}` }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › throws Error if profile does not have value for credential_process': { files: { '.aws/config': '[profile mockProfileName]\nregion = us-west-2\n' }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › throws Error if credential_process throws': { files: { 'mock_cred_proc.sh': '#!/bin/sh\necho "/mock_cred_proc threw Error!" >&2\nexit 1\n', '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh mock_cred_proc.sh\n' }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › throws Error if process credentials returns invalid JSON': { files: { 'mock_cred_proc.sh': '#!/bin/sh\necho "not a valid JSON"\n', '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh mock_cred_proc.sh\n' }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › throws Error if getValidatedProcessCredentials throws': { files: { 'mock_cred_proc.sh': proc('{"mockCreds":true}'), '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh mock_cred_proc.sh\n' }, profile: 'mockProfileName' },
  'resolveProcessCredentials.spec › returns data from getValidatedProcessCredentials': { files: { 'mock_cred_proc.sh': proc('{"Version":1,"AccessKeyId":"AKIAPROCRPC000000002","SecretAccessKey":"mockSecretAccessKey"}'), '.aws/config': '[profile mockProfileName]\ncredential_process = /bin/sh mock_cred_proc.sh\n' }, profile: 'mockProfileName' },
  // getValidatedProcessCredentials.spec.ts (and validateProcessCredentials.spec.ts)
  'getValidatedProcessCredentials.spec › throws Error when Version is undefined': { files: one(`{"AccessKeyId":"AKIAPROCGVP000000001","SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken","Expiration":${msFromNow(DAY)}}`) },
  'getValidatedProcessCredentials.spec › throws Error when Version is 2': { files: one(`{"Version":2,"AccessKeyId":"AKIAPROCGVP000000002","SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken","Expiration":${msFromNow(DAY)}}`) },
  "getValidatedProcessCredentials.spec › throws Error when 'AccessKeyId' is not defined": { files: one(`{"Version":1,"SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken","Expiration":${msFromNow(DAY)}}`) },
  "getValidatedProcessCredentials.spec › throws Error when 'SecretAccessKey' is not defined": { files: one(`{"Version":1,"AccessKeyId":"AKIAPROCGVP000000003","SessionToken":"mockSessionToken","Expiration":${msFromNow(DAY)}}`) },
  'getValidatedProcessCredentials.spec › throws error when credentials are expired': { files: one(`{"Version":1,"AccessKeyId":"AKIAPROCGVP000000004","SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken","Expiration":${msFromNow(-DAY)}}`) },
  'getValidatedProcessCredentials.spec › returns validated Process credentials › with all values': { files: one(`{"Version":1,"AccessKeyId":"AKIAPROCGVP000000005","SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken","Expiration":${msFromNow(DAY)}}`) },
  // the newer spec's mock output carries AccountId too
  'getValidatedProcessCredentials.spec (newer) › returns validated Process credentials › with all values': { files: one(`{"Version":1,"AccessKeyId":"AKIAPROCGVP000000008","SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken","Expiration":${msFromNow(DAY)},"AccountId":"123456789012"}`) },
  "getValidatedProcessCredentials.spec › returns validated Process credentials › without 'SessionToken'": { files: one(`{"Version":1,"AccessKeyId":"AKIAPROCGVP000000006","SecretAccessKey":"mockSecretAccessKey","Expiration":${msFromNow(DAY)}}`) },
  "getValidatedProcessCredentials.spec › returns validated Process credentials › without 'Expiration'": { files: one('{"Version":1,"AccessKeyId":"AKIAPROCGVP000000007","SecretAccessKey":"mockSecretAccessKey","SessionToken":"mockSessionToken"}') },
};
