// The role chain `show` draws, built from the resolver's own result (src/chain) on memfs: bases that are not static
// keys (credential_source, an SSO profile, web identity), and masking of secret settings.
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../src/chain/boto3Chain';
import { chainTree, shownSetting } from '../../src/profiles/show';
import { memContext } from '../support/memContext';

async function tree(config: string, profile: string, env: Record<string, string> = {}) {
  const ctx = memContext({ files: { '.aws/config': config, tok: 't' }, env: { AWS_EC2_METADATA_DISABLED: 'true', ...env } });
  const r = await resolveChain(ctx, { profile });
  expect(r.report.error).toBeNull();
  return chainTree(r.credentials!, profile);
}

describe('chainTree', () => {
  it('credential_source = Environment: the base is the environment, not a profile', async () => {
    const t = await tree('[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n', 'r', { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's' });
    expect(t).toEqual({
      profile: 'r',
      method: 'assume-role',
      roleArn: 'arn:aws:iam::1:role/R',
      location: { file: '/home/u/.aws/config', line: 2, section: 'profile r' },
      source: { profile: null, method: 'env', accessKeyId: 'AKIAENV', location: { env: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] } },
    });
  });

  it('a role on top of an SSO profile: the base carries the account and role it will ask for', async () => {
    const t = await tree(
      '[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = s\nrole_session_name = me\n[profile s]\nsso_account_id = 999\nsso_role_name = Dev\nsso_start_url = https://x\nsso_region = us-east-1\n',
      'r',
    );
    expect(t).toMatchObject({ profile: 'r', roleSessionName: 'me', source: { profile: 's', method: 'sso', accessKeyId: null, ssoAccountId: '999', ssoRoleName: 'Dev' } });
  });

  it('web identity alone is one node with its token file and role', async () => {
    const t = await tree('[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /home/u/tok\n', 'w');
    expect(t).toMatchObject({ profile: 'w', method: 'assume-role-with-web-identity', roleArn: 'arn:aws:iam::1:role/W', webIdentityTokenFile: '/home/u/tok' });
    expect(t.source).toBeUndefined();
  });
});

describe('shownSetting', () => {
  const at = { file: '/f', line: 1, section: 's' };
  it('masks secret keys with their length, nested blocks too; keeps the rest', () => {
    expect(shownSetting({ key: 'aws_secret_access_key', value: 'abcdef', ...at })).toEqual({ key: 'aws_secret_access_key', value: '********', masked: true, length: 6, ...at });
    expect(shownSetting({ key: 'aws_security_token', value: { a: 'b' }, ...at })).toMatchObject({ value: '********', masked: true });
    expect(shownSetting({ key: 'region', value: 'x', ...at, section: 'DEFAULT' })).toEqual({ key: 'region', value: 'x', ...at, section: 'DEFAULT', inherited: true });
  });
});
