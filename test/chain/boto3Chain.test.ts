// The rules that shape boto3's chain, each named after the rule, on memfs. Expected outcomes are the verified rows
// of reference/botocore-chain.md (ids in brackets).
import { describe, expect, it } from 'vitest';
import { BOTO3_CHAIN, resolveChain } from '../../src/chain/boto3Chain';
import { METHODS } from '../../src/core/types';
import type { ResolveOptions } from '../../src/config/session';
import { memContext, type MemContextOptions } from '../support/memContext';

const CREDS = '[default]\naws_access_key_id = AK_CREDFILE\naws_secret_access_key = SK_CREDFILE\n[foo]\naws_access_key_id = AK_FOO\naws_secret_access_key = SK_FOO\n[bar]\naws_access_key_id = AK_BAR\naws_secret_access_key = SK_BAR\n';
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AK_ENV', AWS_SECRET_ACCESS_KEY: 'SK_ENV' };
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: 'true' };

async function which(o: MemContextOptions, opts: ResolveOptions = {}) {
  const ctx = memContext({ ...o, env: { ...NO_IMDS, ...(o.env ?? {}) } });
  const r = await resolveChain(ctx, opts);
  return { ...r, ctx, status: (m: string) => r.report.providers.find((p) => p.method === m)?.status };
}

describe('one chain order', () => {
  it('the vocabulary names every method of the chain, in the chain\'s order, and one more: explicit keys', () => {
    // METHODS (core/types.ts) is the shared vocabulary; BOTO3_CHAIN is the order. They must not drift apart.
    expect(METHODS.filter((m) => m !== 'explicit')).toEqual(BOTO3_CHAIN.map((s) => s.method));
  });
});

describe('boto3 chain rules', () => {
  it('env beats the credentials file [A03]', async () => {
    const r = await which({ env: ENV_KEYS, files: { '.aws/credentials': CREDS } });
    expect(r.report.credentials?.method).toBe('env');
    expect(r.report.credentials?.accessKeyId).toBe('AK_ENV');
    expect(r.status('shared-credentials-file')).toBe('shadowed');
  });

  it('rule: only an explicit profile removes env; AWS_PROFILE does not [B01, B02]', async () => {
    const viaEnv = await which({ env: { ...ENV_KEYS, AWS_PROFILE: 'foo' }, files: { '.aws/credentials': CREDS } });
    expect(viaEnv.report.credentials?.accessKeyId).toBe('AK_ENV');
    expect(viaEnv.report.warnings.join('\n')).toMatch(/only an explicit profile/);
    const explicit = await which({ env: ENV_KEYS, files: { '.aws/credentials': CREDS } }, { profile: 'foo' });
    expect(explicit.report.credentials?.accessKeyId).toBe('AK_FOO');
    expect(explicit.status('env')).toBe('skipped');
    expect(explicit.report.providers[1].reason).toMatch(/explicitly/);
  });

  it('rule: an explicit profile removes env even for "default" [B04]', async () => {
    const r = await which({ env: ENV_KEYS, files: { '.aws/credentials': CREDS } }, { profile: 'default' });
    expect(r.report.credentials?.accessKeyId).toBe('AK_CREDFILE');
  });

  it('rule: AWS_DEFAULT_PROFILE beats AWS_PROFILE, and empty counts as set [B06, B15]', async () => {
    const r = await which({ env: { AWS_PROFILE: 'foo', AWS_DEFAULT_PROFILE: 'bar' }, files: { '.aws/credentials': CREDS } });
    expect(r.report.credentials?.accessKeyId).toBe('AK_BAR');
    expect(r.report.profile).toEqual({ name: 'bar', source: 'AWS_DEFAULT_PROFILE' });
    const empty = await which({ env: { AWS_PROFILE: 'foo', AWS_DEFAULT_PROFILE: '' }, files: { '.aws/credentials': CREDS } });
    expect(empty.report.error?.type).toBe('ProfileNotFound');
  });

  it('rule: ProfileNotFound comes before any provider, even with env keys [B07]', async () => {
    const r = await which({ env: { ...ENV_KEYS, AWS_PROFILE: 'nope' }, files: { '.aws/credentials': CREDS } });
    expect(r.report.credentials).toBeNull();
    expect(r.report.error?.type).toBe('ProfileNotFound');
    expect(r.report.providers.filter((p) => p.method !== 'explicit').every((p) => p.status === 'not-reached')).toBe(true);
  });

  it('ProfileNotFound names the closest profiles, and region says it could not be resolved', async () => {
    const r = await which({ env: { AWS_PROFILE: 'fooo' }, files: { '.aws/credentials': CREDS } });
    expect(r.report.error?.message).toMatch(/\(did you mean "foo"\?\)$/);
    expect(r.report.region).toEqual({ name: null, source: 'unresolved: ProfileNotFound' });
  });

  it('rule: a named profile missing everywhere is not an error when every scoped lookup is answered by env [B11b]', async () => {
    const env = {
      AWS_PROFILE: 'nope',
      AWS_DATA_PATH: '/tmp',
      AWS_METADATA_SERVICE_TIMEOUT: '1',
      AWS_METADATA_SERVICE_NUM_ATTEMPTS: '1',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/',
      AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv4',
      AWS_EC2_METADATA_V1_DISABLED: 'false',
    };
    const r = await which({ env, files: { '.aws/credentials': CREDS } });
    expect(r.report.error).toBeNull();
    expect(r.report.credentials).toBeNull();
  });

  it('rule: a malformed file is a ConfigParseError even when env keys would win [D15]', async () => {
    const r = await which({ env: ENV_KEYS, files: { '.aws/config': '[default]\nno_delimiter_line\n' } });
    expect(r.report.error?.type).toBe('ConfigParseError');
    expect(r.report.error?.message).toMatch(/line 2/);
  });

  it('rule: an error stops the walk; nothing after it is reached [A04]', async () => {
    const r = await which({ env: { AWS_ACCESS_KEY_ID: 'AK_ENV' }, files: { '.aws/credentials': CREDS } });
    expect(r.report.error?.type).toBe('PartialCredentialsError');
    expect(r.status('shared-credentials-file')).toBe('not-reached');
  });

  it('rule: a source after the winner is inspected but never run [H22]', async () => {
    const r = await which({ files: { '.aws/credentials': CREDS, '.aws/config': '[default]\ncredential_process = /bin/false\n' } });
    expect(r.report.credentials?.method).toBe('shared-credentials-file');
    expect(r.status('custom-process')).toBe('shadowed');
    expect(r.ctx.spawned).toEqual([]);
  });

  it('rule: instance metadata is never queried once an earlier source won', async () => {
    const r = await which({ env: { ...ENV_KEYS, AWS_EC2_METADATA_DISABLED: 'false', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/' } });
    expect(r.report.credentials?.method).toBe('env');
    expect(r.status('iam-role')).toBe('not-reached');
    expect(r.ctx.requests).toEqual([]);
  });

  it('explicit credentials win over everything and skip the chain [B17, B19]', async () => {
    const r = await which({ env: ENV_KEYS, files: { '.aws/credentials': CREDS } }, { profile: 'foo', explicit: { accessKeyId: 'AK_X', secretAccessKey: 'SK_X' } });
    expect(r.report.credentials?.method).toBe('explicit');
    expect(r.report.credentials?.accessKeyId).toBe('AK_X');
  });

  it('nothing configured gives no credentials and no error [A01]', async () => {
    const r = await which({});
    expect(r.report.credentials).toBeNull();
    expect(r.report.error).toBeNull();
    expect(r.status('iam-role')).toBe('skipped');
  });

  it('region: AWS_DEFAULT_REGION beats the profile, AWS_REGION is ignored with a warning [L01, L02]', async () => {
    const r = await which({ env: { AWS_DEFAULT_REGION: 'eu-west-2', AWS_REGION: 'eu-west-1' }, files: { '.aws/config': '[default]\nregion = ap-south-1\n' } });
    expect(r.report.region).toEqual({ name: 'eu-west-2', source: 'AWS_DEFAULT_REGION' });
    expect(r.report.warnings.join('\n')).toMatch(/AWS_REGION=eu-west-1 is set, but boto3 ignores/);
    const fromFile = await which({ files: { '.aws/credentials': '[default]\nregion = ap-east-1\n', '.aws/config': '[default]\nregion = ap-south-1\n' } });
    expect(fromFile.report.region.name).toBe('ap-east-1');
    expect(fromFile.report.region.location).toMatchObject({ section: 'default', line: 2 });
  });
});

describe('assume-role as botocore validates it at get_credentials', () => {
  const role = (body: string) => ({ files: { '.aws/config': body } });
  it('a chain a → b (role) → c (static) resolves to its base keys [E13]', async () => {
    const r = await which(
      role('[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = c\n[profile c]\naws_access_key_id = AK_C\naws_secret_access_key = SK_C\n'),
      { profile: 'a' },
    );
    expect(r.report.credentials?.method).toBe('assume-role');
    expect(r.report.credentials?.accessKeyId).toBeNull();
    expect(r.report.credentials?.roleArn).toBe('arn:aws:iam::123456789012:role/a');
    expect(r.report.credentials?.chain?.map((l) => [l.profile, l.method, l.accessKeyId ?? l.roleArn])).toEqual([
      ['c', 'config-file', 'AK_C'],
      ['b', 'assume-role', 'arn:aws:iam::123456789012:role/b'],
      ['a', 'assume-role', 'arn:aws:iam::123456789012:role/a'],
    ]);
  });
  it.each([
    ['role_arn only', '[profile a]\nrole_arn = arn:aws:iam::1:role/r\n', 'PartialCredentialsError'],
    ['both sources', '[profile a]\nrole_arn = r\nsource_profile = b\ncredential_source = Environment\n[profile b]\naws_access_key_id = A\naws_secret_access_key = S\n', 'InvalidConfigError'],
    ['missing source profile', '[profile a]\nrole_arn = r\nsource_profile = zz\n', 'InvalidConfigError'],
    ['lower-case credential_source', '[profile a]\nrole_arn = r\ncredential_source = environment\n', 'InvalidConfigError'],
    ['self-reference without keys', '[profile a]\nrole_arn = r\nsource_profile = a\n', 'InfiniteLoopConfigError'],
    ['a → b → a', '[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r2\nsource_profile = a\n', 'InfiniteLoopConfigError'],
    ['source without credentials', '[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nregion = x\n', 'InvalidConfigError'],
    ['credential_source Environment with no env', '[profile a]\nrole_arn = r\ncredential_source = Environment\n', 'CredentialRetrievalError'],
  ])('%s raises %s', async (_name, cfg, type) => {
    const r = await which(role(cfg), { profile: 'a' });
    expect(r.report.error?.type).toBe(type);
  });
  it('self-reference with static keys assumes the role with its own keys [E14]', async () => {
    const r = await which(role('[profile a]\nrole_arn = r\nsource_profile = a\naws_access_key_id = AK_A\naws_secret_access_key = SK_A\n'), { profile: 'a' });
    expect(r.report.credentials?.chain?.[0]).toMatchObject({ profile: 'a', accessKeyId: 'AK_A' });
  });
  it('credential_source = Environment uses env keys even with an explicit profile [E06]', async () => {
    const r = await which({ ...role('[profile a]\nrole_arn = r\ncredential_source = Environment\n'), env: ENV_KEYS }, { profile: 'a' });
    expect(r.report.credentials?.chain?.[0]).toMatchObject({ method: 'env', accessKeyId: 'AK_ENV' });
  });
  it('env credentials are never used for a source_profile [E27]', async () => {
    const r = await which({ ...role('[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nregion = x\n'), env: ENV_KEYS }, { profile: 'a' });
    expect(r.report.error?.type).toBe('InvalidConfigError');
  });
});
