// `credchain current` for prompts: what it prints for each way a profile can be active, expiry from what is already
// on disk or in the environment, and that it never runs a process or touches the network.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeHome, runCli } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';

const FILES = {
  '.aws/config': [
    '[default]',
    '[profile dev]',
    'region = eu-west-1',
    '[profile role]',
    'role_arn = arn:aws:iam::123456789012:role/Prompt',
    'source_profile = dev',
    'duration_seconds = 7200',
    '[profile corp]',
    'sso_session = corp',
    'sso_account_id = 111111111111',
    'sso_role_name = Admin',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = us-east-1',
    '',
  ].join('\n'),
  '.aws/credentials': '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n[saml]\naws_access_key_id = A\naws_secret_access_key = s\nx_security_token_expires = 2099-01-01T00:00:00Z\n',
};

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('credchain current', () => {
  it('no profile selected: prints nothing, exit 0; --always prints what boto3 falls back to', async () => {
    const r = await runCli(['current'], { files: FILES });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect((await runCli(['current', '--always'], { files: FILES })).stdout).toBe('default\n');
    expect((await runCli(['current'], { files: FILES, env: { AWS_ACCESS_KEY_ID: 'AKIA' } })).stdout).toBe('');
    expect((await runCli(['current', '--always'], { files: FILES, env: { AWS_ACCESS_KEY_ID: 'AKIA' } })).stdout).toBe('(env)\n');
  });

  it('AWS_PROFILE, AWS_DEFAULT_PROFILE (which wins), a missing profile, env keys that win over the profile', async () => {
    expect((await runCli(['current'], { files: FILES, env: { AWS_PROFILE: 'dev' } })).stdout).toBe('dev\n');
    expect((await runCli(['current'], { files: FILES, env: { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'corp' } })).stdout).toMatch(/^corp\b/);
    expect((await runCli(['current'], { files: FILES, env: { AWS_PROFILE: 'nope' } })).stdout).toBe('nope (not found)\n');
    expect((await runCli(['current'], { files: FILES, env: { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA' } })).stdout).toBe('dev (env keys win)\n');
  });

  it('inside credchain exec: the marker and AWS_CREDENTIAL_EXPIRATION', async () => {
    const r = await runCli(['current', '--json'], { files: FILES, env: { CREDCHAIN_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA', AWS_CREDENTIAL_EXPIRATION: inMinutes(90) } });
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ profile: 'dev', source: 'CREDCHAIN_PROFILE', envKeys: true, expirationSource: 'AWS_CREDENTIAL_EXPIRATION' });
    const t = await runCli(['current'], { files: FILES, env: { CREDCHAIN_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA', AWS_CREDENTIAL_EXPIRATION: inMinutes(90) } });
    expect(t.stdout).toMatch(/^dev \(1h(29|30)m\)\n$/);
    const expired = await runCli(['current'], { files: FILES, env: { CREDCHAIN_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA', AWS_CREDENTIAL_EXPIRATION: inMinutes(-5) } });
    expect(expired.stdout).toBe('dev (expired)\n');
  });

  it('sso: the expiry of the cached SSO token', async () => {
    const key = createHash('sha1').update('corp').digest('hex');
    const files = { ...FILES, [`.aws/sso/cache/${key}.json`]: JSON.stringify({ accessToken: 'x', expiresAt: inMinutes(300) }) };
    const j = JSON.parse((await runCli(['current', '--json'], { files, env: { AWS_PROFILE: 'corp' } })).stdout);
    expect(j).toMatchObject({ profile: 'corp', exists: true, expirationSource: 'sso-token' });
    expect(Math.abs(Date.parse(j.expiration) - (Date.now() + 300 * 60_000))).toBeLessThan(120_000);
    expect((await runCli(['current'], { files, env: { AWS_PROFILE: 'corp' } })).stdout).toMatch(/^corp \(4h(59|58)m\)\n$/);
  });

  it('assume-role: the expiry of the AWS CLI\'s cached credentials, under the file name botocore computes', async () => {
    const py = `from botocore.credentials import AssumeRoleCredentialFetcher as F\nprint(F(None, None, 'arn:aws:iam::123456789012:role/Prompt', extra_args={'DurationSeconds': 7200})._cache_key)`;
    const key = spawnSync('python3', ['-c', py], { encoding: 'utf8' });
    expect(key.status, key.stderr).toBe(0);
    const files = { ...FILES, [`.aws/cli/cache/${key.stdout.trim()}.json`]: JSON.stringify({ Credentials: { AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: '2099-03-04T05:06:07UTC' } }) };
    const j = JSON.parse((await runCli(['current', '--json'], { files, env: { AWS_PROFILE: 'role' } })).stdout);
    expect(j).toMatchObject({ profile: 'role', expiration: '2099-03-04T05:06:07Z', expirationSource: 'aws-cli-cache' });
    // no cache entry: no expiry, still the name
    expect((await runCli(['current'], { files: FILES, env: { AWS_PROFILE: 'role' } })).stdout).toBe('role\n');
  });

  it('static keys with x_security_token_expires (saml2aws, okta-aws-cli)', async () => {
    const j = JSON.parse((await runCli(['current', '--json'], { files: FILES, env: { AWS_PROFILE: 'saml' } })).stdout);
    expect(j).toMatchObject({ expiration: '2099-01-01T00:00:00Z', expirationSource: 'x_security_token_expires' });
  });

  it('a malformed config still prints the name, exit 0 (a prompt must not break)', async () => {
    const r = await runCli(['current'], { files: { '.aws/config': '[profile dev]\njunk\n' }, env: { AWS_PROFILE: 'dev' } });
    expect([r.code, r.stdout]).toEqual([0, 'dev\n']);
  });
});

describe('current never runs anything and never touches the network', () => {
  let server: LoopbackServer;
  afterAll(() => server?.close());

  it('with every source that would run a process or call out configured, nothing is run or requested', async () => {
    server = await startLoopback({
      'GET /creds': { status: 200, body: '{}' },
      'PUT /latest/api/token': { status: 200, body: 'token' },
    });
    const home = makeHome({});
    const marker = path.join(home, 'ran');
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(
      path.join(home, '.aws/config'),
      [
        '[profile proc]',
        `credential_process = /bin/sh -c "touch ${marker}"`,
        '[profile role]',
        'role_arn = arn:aws:iam::1:role/R',
        'source_profile = proc',
        '[profile ecs]',
        'role_arn = arn:aws:iam::1:role/R',
        'credential_source = EcsContainer',
        '[profile imds]',
        'role_arn = arn:aws:iam::1:role/R',
        'credential_source = Ec2InstanceMetadata',
        '',
      ].join('\n'),
    );
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/creds`, AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.url}/` };
    for (const profile of ['proc', 'role', 'ecs', 'imds']) {
      const r = await runCli(['current', '--json'], { home, imds: true, env: { ...env, AWS_PROFILE: profile } });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).profile).toBe(profile);
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect(server.requests).toEqual([]);
  });
});

describe('current runs from a bundle of its own', () => {
  it('dist/current.cjs holds neither yargs nor the chain walk nor `which`, and serves a plain `current`', async () => {
    const bundle = fs.readFileSync(path.resolve(__dirname, '../../dist/current.cjs'), 'utf8');
    expect(bundle).not.toMatch(/require\("yargs/);
    expect(bundle).not.toMatch(/BOTO3_CHAIN/);
    expect(bundle).not.toMatch(/function plainWhich/);
    expect(fs.existsSync(path.resolve(__dirname, '../../dist/current.cjs.cache'))).toBe(true);
    // bin/credchain.js hands `current` to it, and anything it declines to the full CLI
    const home = makeHome({ '.aws/config': '[profile dev]\nregion = eu-west-1\n' });
    expect((await runCli(['current'], { home, env: { AWS_PROFILE: 'dev' } })).stdout).toBe('dev\n');
    const declined = await runCli(['current', '--no-such-option'], { home });
    expect(declined.code).toBe(252);
    expect(declined.stderr).toMatch(/unknown option --no-such-option/);
  });
});
