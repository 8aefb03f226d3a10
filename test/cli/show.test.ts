// `credchain show`: settings with provenance (the overridden config value too), the sso-session, the role chain as
// the resolver found it, secrets masked, and the problems `which --profile NAME` would hit.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYSHOWSECRET';
const TOKEN = 'IQoJb3JpZ2luX2VjSHOWTOKEN';
const FILES = {
  '.aws/config': [
    '[default]',
    'region = us-east-1',
    '[profile base]',
    'region = eu-west-1',
    'output = json',
    '[profile mid]',
    'role_arn = arn:aws:iam::111111111111:role/Mid',
    'source_profile = base',
    'mfa_serial = arn:aws:iam::111111111111:mfa/me',
    '[profile top]',
    'role_arn = arn:aws:iam::222222222222:role/Top',
    'source_profile = mid',
    'external_id = ext-1',
    'role_session_name = me',
    'duration_seconds = 1800',
    'region = ap-south-1',
    '[profile corp]',
    'sso_session = corp',
    'sso_account_id = 333333333333',
    'sso_role_name = Admin',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = us-east-1',
    '[profile broken]',
    'role_arn = arn:aws:iam::1:role/B',
    'source_profile = missing',
    '[profile both]',
    'sso_account_id = 1',
    'sso_role_name = R',
    'sso_start_url = https://x',
    'sso_region = us-east-1',
    'credential_process = /bin/false',
    '[profile bare]',
    'output = text',
    '',
  ].join('\n'),
  '.aws/credentials': `[base]\naws_access_key_id = AKIABASE00001234\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\nregion = ap-northeast-1\n`,
};

describe('credchain show', () => {
  it('--json: each setting with file and line; the credentials file overrides config key by key, and the config value is kept', async () => {
    const r = await runCli(['show', 'base', '--json'], { files: FILES });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const cfg = `${r.home}/.aws/config`;
    const creds = `${r.home}/.aws/credentials`;
    expect(j).toMatchObject({ profile: 'base', kind: 'static', method: 'shared-credentials-file' });
    expect(j.definedIn).toEqual([
      { file: cfg, section: 'profile base', line: 3 },
      { file: creds, section: 'base', line: 1 },
    ]);
    expect(j.settings).toEqual([
      { key: 'region', value: 'ap-northeast-1', file: creds, line: 5, section: 'base', overrides: { value: 'eu-west-1', file: cfg, line: 4, section: 'profile base' } },
      { key: 'output', value: 'json', file: cfg, line: 5, section: 'profile base' },
      { key: 'aws_access_key_id', value: 'AKIABASE00001234', file: creds, line: 2, section: 'base' },
      { key: 'aws_secret_access_key', value: '********', masked: true, length: SECRET.length, file: creds, line: 3, section: 'base' },
      { key: 'aws_session_token', value: '********', masked: true, length: TOKEN.length, file: creds, line: 4, section: 'base' },
    ]);
    expect(j.region).toMatchObject({ name: 'ap-northeast-1', source: 'profile' });
    expect(j.chain).toMatchObject({ profile: 'base', method: 'shared-credentials-file', accessKeyId: 'AKIABASE00001234' });
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain(TOKEN);
  });

  it('text: secrets as ******** with their length, key ids masked, the overridden value shown', async () => {
    const r = await runCli(['show', 'base'], { files: FILES });
    expect(r.stdout).toMatch(/aws_secret_access_key\s+\*{8} \(40 chars\)\s+~\/\.aws\/credentials:3/);
    expect(r.stdout).toMatch(/aws_access_key_id\s+\*{16}1234\s+~\/\.aws\/credentials:2/);
    expect(r.stdout).toMatch(/region\s+ap-northeast-1\s+~\/\.aws\/credentials:5\n\s+overrides eu-west-1 at ~\/\.aws\/config:4/);
    expect(r.stdout).not.toContain('AKIABASE00001234');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('the role chain from the resolver, this profile first, down to its base credentials, with each call\'s parameters', async () => {
    const r = await runCli(['show', 'top', '--json'], { files: FILES });
    const j = JSON.parse(r.stdout);
    expect(j.chain).toMatchObject({
      profile: 'top',
      method: 'assume-role',
      roleArn: 'arn:aws:iam::222222222222:role/Top',
      externalId: 'ext-1',
      roleSessionName: 'me',
      durationSeconds: 1800,
      source: {
        profile: 'mid',
        method: 'assume-role',
        roleArn: 'arn:aws:iam::111111111111:role/Mid',
        mfaSerial: 'arn:aws:iam::111111111111:mfa/me',
        source: { profile: 'base', method: 'shared-credentials-file', accessKeyId: 'AKIABASE00001234' },
      },
    });
    expect(j.chain.source.source.source).toBeUndefined();
    expect(j.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/mfa_serial/);
    const t = await runCli(['show', 'top'], { files: FILES });
    expect(t.stdout).toMatch(
      /top: assumes arn:aws:iam::222222222222:role\/Top \[external id ext-1, session name me, 1800 s\].*\n\s+└─ mid: assumes arn:aws:iam::111111111111:role\/Mid \[mfa arn:aws:iam::111111111111:mfa\/me\].*\n\s+└─ base: shared-credentials-file \*{16}1234/,
    );
  });

  it('sso: the sso-session it names, with its own provenance', async () => {
    const j = JSON.parse((await runCli(['show', 'corp', '--json'], { files: FILES })).stdout);
    expect(j.ssoSession).toMatchObject({ name: 'corp', definedIn: { section: 'sso-session corp', line: 21 } });
    expect(j.ssoSession.settings.map((s: { key: string; line: number }) => [s.key, s.line])).toEqual([
      ['sso_start_url', 22],
      ['sso_region', 23],
    ]);
    expect(j.chain).toMatchObject({ profile: 'corp', method: 'sso', ssoAccountId: '333333333333', ssoRoleName: 'Admin', ssoSession: 'corp' });
    expect(j.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/no cached SSO token/);
  });

  it('problems: what `which --profile` would raise (exit 253), configuration boto3 never reaches, no credentials at all (exit 0: a valid profile)', async () => {
    const broken = await runCli(['show', 'broken', '--json'], { files: FILES });
    expect(broken.code).toBe(253);
    const b = JSON.parse(broken.stdout);
    expect(b.error.type).toBe('InvalidConfigError');
    expect(b.chain).toBeNull();
    expect(b.problems[0]).toEqual({ level: 'error', message: expect.stringMatching(/^boto3 raises InvalidConfigError: The source_profile "missing"/) });
    const which = JSON.parse((await runCli(['which', '--profile', 'broken', '--json'], { files: FILES })).stdout);
    expect(which.error.type).toBe(b.error.type);

    const both = JSON.parse((await runCli(['show', 'both', '--json'], { files: FILES })).stdout);
    expect(both.kind).toBe('sso');
    expect(both.problems.map((p: { message: string }) => p.message)).toContainEqual(expect.stringMatching(/never uses this profile's credential_process/));

    const bare = await runCli(['show', 'bare'], { files: FILES });
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/✘ boto3 finds no credentials for this profile/);
  });

  it('without a name: the active profile; AWS_PROFILE with env keys is flagged', async () => {
    const r = await runCli(['show', '--json'], { files: FILES, env: { AWS_PROFILE: 'base', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'envsecret' } });
    const j = JSON.parse(r.stdout);
    expect(j.profile).toBe('base');
    expect(j.active).toBe(true);
    // resolved as `which --profile base`: the env keys do not count here...
    expect(j.chain.accessKeyId).toBe('AKIABASE00001234');
    // ...but the shell's boto3 would use them, and show says so
    expect(j.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/AWS_ACCESS_KEY_ID is set: boto3 uses the keys in the environment, not profile "base"/);
  });

  it('an unknown profile: 253 (as in which and export) with the closest names; no default and none named: 253 saying so', async () => {
    const r = await runCli(['show', 'bsae'], { files: FILES });
    expect(r.code).toBe(253);
    expect((await runCli(['which', '--profile', 'bsae'], { files: FILES })).code).toBe(253);
    expect((await runCli(['export', '--profile', 'bsae'], { files: FILES })).code).toBe(253);
    expect(r.stderr).toMatch(/no profile "bsae".*did you mean "base"/);
    const none = await runCli(['show'], { files: { '.aws/config': '[profile only]\n' } });
    expect(none.code).toBe(253);
    expect(none.stderr).toMatch(/no profile is selected and there is no \[default\] profile: name one, e.g. credchain show only/);
  });

  it('a settings-only profile (a region, no keys) is shown and exits 0', async () => {
    const r = await runCli(['show', 'dev'], { files: { '.aws/config': '[default]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/region\s+us-east-1\s+~\/\.aws\/config:4/);
  });

  it('a name and a different --profile: usage error', async () => {
    expect((await runCli(['show', 'base', '--profile', 'top'], { files: FILES })).code).toBe(252);
  });
});
