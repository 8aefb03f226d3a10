// Unit tests for the sources that read files and the environment: env, shared credentials file, config file,
// EC2 tools file, boto config, web identity, SSO, login. Expectations follow reference/botocore-chain.md rows.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/config/session';
import { envSource } from '../../src/providers/env';
import { sharedCredentialsFileSource } from '../../src/providers/sharedCredentialsFile';
import { configFileSource } from '../../src/providers/configFile';
import { ec2CredentialsFileSource } from '../../src/providers/ec2CredentialsFile';
import { botoConfigSource } from '../../src/providers/botoConfig';
import { webIdentitySource } from '../../src/providers/webIdentity';
import { ssoSource } from '../../src/providers/sso';
import { loginSource } from '../../src/providers/login';
import type { Outcome } from '../../src/core/types';
import { memContext, type MemContextOptions } from '../support/memContext';

const session = (o: MemContextOptions) => new Session(memContext(o));
const won = (o: Outcome) => (o.status === 'won' ? o.credentials : undefined);
const errType = (o: Outcome) => (o.status === 'error' ? o.error.type : undefined);

describe('env', () => {
  it('AWS_SECURITY_TOKEN wins over AWS_SESSION_TOKEN; empty counts as unset [A08, A10]', () => {
    const ctx = memContext({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_SECURITY_TOKEN: '', AWS_SESSION_TOKEN: 'T' } });
    expect(won(envSource(ctx))?.sessionToken).toBe('T');
    const both = memContext({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_SECURITY_TOKEN: 'X', AWS_SESSION_TOKEN: 'T' } });
    expect(won(envSource(both))?.sessionToken).toBe('X');
  });
  it('values are not trimmed [A11]', () => {
    expect(won(envSource(memContext({ env: { AWS_ACCESS_KEY_ID: ' AK ', AWS_SECRET_ACCESS_KEY: 'S' } })))?.accessKeyId).toBe(' AK ');
  });
  it('an unparsable AWS_CREDENTIAL_EXPIRATION is a ParserError; a past one is noted [A13, A14]', () => {
    expect(errType(envSource(memContext({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_CREDENTIAL_EXPIRATION: 'not-a-date' } })))).toBe('ParserError');
    const past = envSource(memContext({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z' } }));
    expect(past.status).toBe('won');
    expect(past.notes?.join()).toMatch(/RuntimeError/);
  });
  it('empty AWS_SECRET_ACCESS_KEY is a PartialCredentialsError [A07]', () => {
    expect(errType(envSource(memContext({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: '' } })))).toBe('PartialCredentialsError');
  });
});

describe('shared credentials and config files', () => {
  it('the location names the file, the line of aws_access_key_id and the section', () => {
    const s = session({ files: { '.aws/credentials': '# keys\n[dev]\nregion = x\naws_access_key_id = AK\naws_secret_access_key = SK\n' } });
    expect(won(sharedCredentialsFileSource(s, 'dev'))?.location).toEqual({ file: '/home/u/.aws/credentials', line: 4, section: 'dev' });
  });
  it('an empty access key is accepted; a missing secret is an error; a lone secret is skipped [C12, C02, C03]', () => {
    expect(won(sharedCredentialsFileSource(session({ files: { '.aws/credentials': '[default]\naws_access_key_id =\naws_secret_access_key = SK\n' } }), 'default'))?.accessKeyId).toBe('');
    expect(errType(sharedCredentialsFileSource(session({ files: { '.aws/credentials': '[default]\naws_access_key_id = AK\n' } }), 'default'))).toBe('PartialCredentialsError');
    expect(sharedCredentialsFileSource(session({ files: { '.aws/credentials': '[default]\naws_secret_access_key = SK\n' } }), 'default').status).toBe('skipped');
  });
  it('[profile foo] in the credentials file is the profile "profile foo" [C20, C21]', () => {
    const s = session({ files: { '.aws/credentials': '[profile foo]\naws_access_key_id = AK\naws_secret_access_key = SK\n' } });
    expect(sharedCredentialsFileSource(s, 'foo').status).toBe('skipped');
    expect(won(sharedCredentialsFileSource(s, 'profile foo'))?.accessKeyId).toBe('AK');
  });
  it('[DEFAULT] keys reach every section [C18]', () => {
    const s = session({ files: { '.aws/credentials': '[DEFAULT]\naws_access_key_id = AK_DEF\naws_secret_access_key = SK_DEF\n[foo]\nregion = x\n' } });
    expect(won(sharedCredentialsFileSource(s, 'foo'))?.accessKeyId).toBe('AK_DEF');
  });
  it('config file: later [profile default] replaces [default] whole [D03]', () => {
    const s = session({ files: { '.aws/config': '[default]\naws_access_key_id = AK_D\naws_secret_access_key = SK_D\n[profile default]\naws_access_key_id = AK_PD\n' } });
    expect(errType(configFileSource(s, 'default'))).toBe('PartialCredentialsError');
  });
  it('AWS_SHARED_CREDENTIALS_FILE set but empty disables the file [C31]', () => {
    const s = session({ env: { AWS_SHARED_CREDENTIALS_FILE: '' }, files: { '.aws/credentials': '[default]\naws_access_key_id = AK\naws_secret_access_key = SK\n' } });
    const o = sharedCredentialsFileSource(s, 'default');
    expect(o.status).toBe('skipped');
    expect(o.status === 'skipped' && o.reason).toMatch(/disables/);
  });
});

describe('EC2 tools file and boto config', () => {
  it('AWS_CREDENTIAL_FILE: ok, missing, no secret [I08, I09, I10]', () => {
    const ok = session({ env: { AWS_CREDENTIAL_FILE: '~/ec2.txt' }, files: { 'ec2.txt': 'AWSAccessKeyId=EC2_AK\nAWSSecretKey=EC2_SK\n' } });
    expect(won(ec2CredentialsFileSource(ok))?.accessKeyId).toBe('EC2_AK');
    expect(errType(ec2CredentialsFileSource(session({ env: { AWS_CREDENTIAL_FILE: '~/nope' } })))).toBe('ConfigNotFound');
    expect(errType(ec2CredentialsFileSource(session({ env: { AWS_CREDENTIAL_FILE: '' } })))).toBe('ConfigNotFound');
    expect(errType(ec2CredentialsFileSource(session({ env: { AWS_CREDENTIAL_FILE: '~/e' }, files: { e: 'AWSAccessKeyId=A\n' } })))).toBe('KeyError');
  });
  it('BOTO_CONFIG present means only that file; [Credentials] is case-sensitive [I03, I05]', () => {
    const s = session({ env: { BOTO_CONFIG: '~/missing.cfg' }, files: { '.boto': '[Credentials]\naws_access_key_id = B\naws_secret_access_key = S\n' } });
    expect(botoConfigSource(s).status).toBe('skipped');
    const home = session({ files: { '.boto': '[Credentials]\naws_access_key_id = B\naws_secret_access_key = S\naws_session_token = T\n' } });
    expect(won(botoConfigSource(home))).toMatchObject({ accessKeyId: 'B', sessionToken: null });
    expect(botoConfigSource(session({ files: { '.boto': '[credentials]\naws_access_key_id = B\naws_secret_access_key = S\n' } })).status).toBe('skipped');
  });
});

describe('web identity', () => {
  it('env vars, with the role from the profile taken by assume-role first is not its business; token ~ is literal [F14]', () => {
    const s = session({ files: { '.aws/config': '[default]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = ~/tok\n', tok: 'JWT' } });
    const o = webIdentitySource(s, 'default', false);
    expect(won(o)?.roleArn).toBe('arn:aws:iam::1:role/r');
    expect(o.notes?.join()).toMatch(/does not expand/);
  });
  it('an explicit profile ignores AWS_WEB_IDENTITY_TOKEN_FILE [F07]', () => {
    const s = session({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'r' }, files: { '.aws/config': '[profile p]\nregion = x\n' } });
    expect(webIdentitySource(s, 'p', true).status).toBe('skipped');
    expect(webIdentitySource(s, 'p', false).status).toBe('won');
  });
  it('an empty AWS_WEB_IDENTITY_TOKEN_FILE hides the profile setting; no role is InvalidConfigError [F09, F03]', () => {
    const s = session({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '' }, files: { '.aws/config': '[default]\nrole_arn = r\nweb_identity_token_file = /t\n' } });
    expect(webIdentitySource(s, 'default', false).status).toBe('skipped');
    expect(errType(webIdentitySource(session({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' } }), 'default', false))).toBe('InvalidConfigError');
  });
});

describe('sso', () => {
  const legacy = '[profile s]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n';
  it('a complete legacy profile resolves, deferred, and says the token cache is missing [G01]', () => {
    const o = ssoSource(session({ files: { '.aws/config': legacy } }), 's');
    expect(won(o)).toMatchObject({ method: 'sso', accessKeyId: null, accountId: '123456789012' });
    expect(o.notes?.join()).toMatch(/SSOTokenLoadError.*aws sso login --profile s/);
  });
  it('the token cache is named by sha1 of the start URL [G03]', () => {
    const o = ssoSource(session({ files: { '.aws/config': legacy, '.aws/sso/cache/2b829a45f04c9828cb45b7d092d8e4aa30818393.json': '{"accessToken":"B","expiresAt":"2099-01-01T00:00:00Z"}' } }), 's');
    // a live token is information (in the reason), not a note that `which` would list under Warnings
    expect(o.status === 'won' && o.reason).toMatch(/the cached SSO token is valid until 2099/);
    expect(o.notes ?? []).toEqual([]);
  });
  it.each([
    ['missing sso_region', '[profile s]\nsso_start_url = u\nsso_account_id = 1\nsso_role_name = r\n', 'InvalidConfigError'],
    ['only sso_role_name', '[profile s]\nsso_role_name = Admin\n', 'InvalidConfigError'],
    ['missing sso-session section', '[profile s]\nsso_session = my\nsso_account_id = 1\nsso_role_name = r\n[sso-session other]\nsso_start_url = u\nsso_region = r\n', 'InvalidConfigError'],
    ['conflicting start url', '[profile s]\nsso_session = my\nsso_start_url = https://other\nsso_account_id = 1\nsso_role_name = r\n[sso-session my]\nsso_start_url = u\nsso_region = r\n', 'InvalidConfigError'],
  ])('%s [G05, G07, G09, G10]', (_n, cfg, type) => {
    expect(errType(ssoSource(session({ files: { '.aws/config': cfg } }), 's'))).toBe(type);
  });
  it('only start url and region: not an SSO profile for boto3 [G06]', () => {
    expect(ssoSource(session({ files: { '.aws/config': '[profile s]\nsso_start_url = u\nsso_region = r\n' } }), 's').status).toBe('skipped');
  });
  it('the required-key message lists them in botocore order [G07]', () => {
    const o = ssoSource(session({ files: { '.aws/config': '[profile s]\nsso_role_name = Admin\n' } }), 's');
    expect(o.status === 'error' && o.error.message).toMatch(/missing required configuration: sso_account_id, sso_start_url, sso_region/);
  });
});

describe('login', () => {
  it('login_session needs botocore[crt]: MissingDependencyException [N01]', () => {
    expect(errType(loginSource(session({ files: { '.aws/config': '[default]\nlogin_session = arn:aws:iam::1:user/me\n' } }), 'default'))).toBe('MissingDependencyException');
  });
});
