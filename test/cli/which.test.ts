// `credchain which` end to end through the built CLI: the JSON contract, exit codes, colour switches, and bad input
// that must give a one-line error, never a stack trace or a hang.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const KEYS = '[default]\naws_access_key_id = AKIAEXAMPLE00001234\naws_secret_access_key = secret\n';

describe('credchain which', () => {
  it('with no ~/.aws at all prints a report and exits 253 (no credentials)', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/Credentials\s+none/);
    expect(r.stdout).toMatch(/iam-role\s+skipped/);
    expect(r.stderr).toBe('');
  });

  it('no credentials: the JSON names NoCredentialsError, the text says the same, exit 253 (the contract)', async () => {
    const json = await runCli(['which', '--json']);
    expect(json.code).toBe(253);
    const j = JSON.parse(json.stdout);
    expect(j.credentials).toBeNull();
    expect(j.error).toMatchObject({ type: 'NoCredentialsError', message: expect.stringContaining('Unable to locate credentials') });
    const text = await runCli(['which']);
    expect(text.code).toBe(253);
    expect(text.stdout).toMatch(/Credentials\s+none\s+\(boto3 returns None; a client would raise NoCredentialsError/);
  });

  it('--json follows the contract: sdk, profile, region, credentials, error, providers, warnings', async () => {
    const r = await runCli(['which', '--json'], { files: { '.aws/credentials': KEYS, '.aws/config': '[default]\nregion = eu-west-1\n' } });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['sdk', 'profile', 'region', 'credentials', 'error', 'providers', 'warnings']);
    expect(j.sdk).toBe('boto3');
    expect(j.profile).toEqual({ name: 'default', source: 'default' });
    expect(j.region).toMatchObject({ name: 'eu-west-1', source: 'profile' });
    expect(j.credentials).toEqual({
      method: 'shared-credentials-file',
      accessKeyId: 'AKIAEXAMPLE00001234',
      hasSessionToken: false,
      expiration: null,
      location: { file: `${r.home}/.aws/credentials`, line: 2, section: 'default' },
    });
    expect(j.error).toBeNull();
    expect(j.providers.map((p: { method: string }) => p.method)).toEqual([
      'explicit', 'env', 'assume-role', 'assume-role-with-web-identity', 'sso', 'shared-credentials-file', 'login',
      'custom-process', 'config-file', 'ec2-credentials-file', 'boto-config', 'container-role', 'iam-role',
    ]);
    for (const p of j.providers) expect(['won', 'skipped', 'shadowed', 'error', 'not-reached']).toContain(p.status);
  });

  it('--output json is the same as --json; text masks the key id', async () => {
    const files = { '.aws/credentials': KEYS };
    const a = await runCli(['--output', 'json'], { files });
    expect(JSON.parse(a.stdout).credentials.accessKeyId).toBe('AKIAEXAMPLE00001234');
    const t = await runCli(['which'], { files });
    expect(t.stdout).toContain('****************1234');
    expect(t.stdout).not.toContain('AKIAEXAMPLE00001234');
  });

  it('an error is reported with boto3\'s exception type, file and line, and exit 253', async () => {
    const r = await runCli(['--json'], { files: { '.aws/config': '[default]\nregion = x\njunk line\n' } });
    expect(r.code).toBe(253);
    const j = JSON.parse(r.stdout);
    expect(j.error.type).toBe('ConfigParseError');
    expect(j.error.message).toContain(`${r.home}/.aws/config`);
    expect(j.error.message).toMatch(/line 3/);
    expect(j.credentials).toBeNull();
  });

  it('colour: off by default in a pipe, on with --color on, NO_COLOR wins over auto', async () => {
    const files = { '.aws/credentials': KEYS };
    expect((await runCli([], { files })).stdout).not.toMatch(/\x1b\[/);
    expect((await runCli(['--color', 'on'], { files })).stdout).toMatch(/\x1b\[/);
    expect((await runCli([], { files, env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
    expect((await runCli(['--color', 'off'], { files, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await runCli([], { files, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
  });

  it('a valid SSO token is information on the sso line, not a warning (which) or a problem (show)', async () => {
    const files = {
      '.aws/config': '[default]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n',
      '.aws/sso/cache/2b829a45f04c9828cb45b7d092d8e4aa30818393.json': '{"accessToken":"B","expiresAt":"2099-01-01T00:00:00Z"}',
    };
    const r = await runCli(['which'], { files });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sso\s+won\s+.*the cached SSO token is valid until 2099/);
    expect(r.stdout).not.toMatch(/Warnings/);
    const j = JSON.parse((await runCli(['which', '--json'], { files })).stdout);
    expect(j.warnings).toEqual([]);
    const show = JSON.parse((await runCli(['show', '--json'], { files })).stdout);
    expect(JSON.stringify(show.problems)).not.toMatch(/valid until/);
  });

  it('a usage error is one line on stderr and exit 252', async () => {
    const r = await runCli(['--no-such-option']);
    expect(r.code).toBe(252);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^credchain: unknown option --no-such-option/);
    const t = await runCli(['--imds-timeout', '-3']);
    expect(t.code).toBe(252);
    expect(t.stderr).toMatch(/--imds-timeout/);
  });

  it.each([
    ['binary garbage', Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x5b])],
    ['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(KEYS)])],
    ['text before the first section', Buffer.from('aws_access_key_id = A\n[default]\n')],
  ])('a credentials file with %s: ConfigParseError naming file and line, no stack trace', async (_n, content) => {
    const r = await runCli([], { files: { '.aws/credentials': content } });
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/ConfigParseError/);
    expect(r.stdout).toMatch(/\.aws\/credentials \(line \d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a directory as the config file is absent, as for botocore', async () => {
    const r = await runCli(['--json'], { files: { 'dir/x': '' }, env: { AWS_CONFIG_FILE: '~/dir' } });
    expect(JSON.parse(r.stdout).error.type).toBe('NoCredentialsError');
  });

  it('a huge file is refused with a clear error, not read', async () => {
    const big = Buffer.alloc(65 * 1024 * 1024, 0x61);
    const r = await runCli([], { files: { '.aws/config': big } });
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/credchain reads at most/);
  }, 60_000);

  it('--debug prints one line per decision on stderr', async () => {
    const r = await runCli(['--debug'], { files: { '.aws/credentials': KEYS } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/debug: shared-credentials-file: won/);
    expect(r.stderr).toMatch(/debug: iam-role \(inspected\): not-reached/);
  });

  it('--no-imds never queries instance metadata and says so', async () => {
    const r = await runCli(['--no-imds', '--json'], { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/' } });
    const j = JSON.parse(r.stdout);
    expect(j.providers.at(-1)).toMatchObject({ method: 'iam-role', status: 'not-reached' });
    expect(j.warnings.join('\n')).toMatch(/--no-imds/);
  });
});
