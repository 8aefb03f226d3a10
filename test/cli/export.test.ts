// `credchain export`: every format read back by what it is for (bash, zsh, fish; exact text for PowerShell and
// cmd.exe), `--format process` used as a credential_process by botocore itself, the recursion guard, deferred
// credentials fetched from the AWS CLI cache, and the secret only ever on stdout.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeHome, runCli } from '../support/cli';
import { itIn, runShell, type ShellName } from '../shell/shells';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXPORTKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXPORTTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==';
const EXPIRES = '2099-01-02T03:04:05Z';
const PROC_OUT = JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCEXPORT', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: EXPIRES });

const FILES = {
  '.aws/config': '[profile base]\nregion = eu-west-1\n[profile temp]\ncredential_process = sh proc.sh\nregion = us-west-2\n',
  '.aws/credentials': `[base]\naws_access_key_id = AKIABASEEXPORT\naws_secret_access_key = ${SECRET}\n`,
  'proc.sh': `cat <<'EOF'\n${PROC_OUT}\nEOF\n`,
};

const STALE = { AWS_SESSION_TOKEN: 'stale-token', AWS_SECURITY_TOKEN: 'stale-security', AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z' };
const CRED_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_DEFAULT_REGION', 'AWS_REGION'];

/** the credential variables a child of the shell sees after eval/source of `code` */
function childEnvAfter(shell: ShellName, code: string, env: Record<string, string>): Record<string, string> {
  const file = path.join(makeHome({ 'code.txt': code }), 'code.txt');
  const load = shell === 'fish' ? `source ${file}` : `eval "$(cat ${file})"`;
  const dump = `node -e 'const o={};for(const k of ${JSON.stringify(CRED_VARS)}) if (process.env[k]!==undefined) o[k]=process.env[k]; process.stdout.write(JSON.stringify(o))'`;
  const r = runShell(shell, `${load}\n${dump}`, env);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('shell formats, read back by the real shells', () => {
  for (const [format, shell] of [['env', 'bash'], ['env', 'zsh'], ['fish', 'fish']] as [string, ShellName][]) {
    itIn(shell)(`--format ${format} in ${shell}: long-term keys, and the stale token variables removed`, async () => {
      const r = await runCli(['export', 'base', '--format', format], { files: FILES });
      expect(r.code, r.stderr).toBe(0);
      expect(childEnvAfter(shell, r.stdout, STALE)).toEqual({
        AWS_ACCESS_KEY_ID: 'AKIABASEEXPORT',
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_REGION: 'eu-west-1',
      });
    });

    itIn(shell)(`--format ${format} in ${shell}: temporary keys with token and expiration`, async () => {
      const r = await runCli(['export', 'temp', '--format', format], { files: FILES });
      expect(r.code, r.stderr).toBe(0);
      expect(childEnvAfter(shell, r.stdout, STALE)).toEqual({
        AWS_ACCESS_KEY_ID: 'AKIAPROCEXPORT',
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_CREDENTIAL_EXPIRATION: EXPIRES,
        AWS_DEFAULT_REGION: 'us-west-2',
        AWS_REGION: 'us-west-2',
      });
    });
  }

  itIn('bash')('--format env-no-export sets shell variables without exporting them', async () => {
    const r = await runCli(['export', 'base', '--format', 'env-no-export'], { files: FILES });
    expect(r.stdout).not.toMatch(/export|unset/);
    const out = runShell('bash', `${r.stdout}\necho "$AWS_ACCESS_KEY_ID"; node -e 'process.stdout.write(String(process.env.AWS_ACCESS_KEY_ID))'`, {});
    expect(out.stdout).toBe('AKIABASEEXPORT\nundefined');
  });

  itIn('bash')('--format dotenv reads back as the same values (set -a; . file)', async () => {
    const r = await runCli(['export', 'temp', '--format', 'dotenv'], { files: FILES });
    expect(r.stdout).toBe(
      `AWS_ACCESS_KEY_ID=AKIAPROCEXPORT\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}\nAWS_CREDENTIAL_EXPIRATION=${EXPIRES}\nAWS_DEFAULT_REGION=us-west-2\nAWS_REGION=us-west-2\n`,
    );
    expect(childEnvAfter('bash', `set -a\n${r.stdout}`, {}).AWS_SESSION_TOKEN).toBe(TOKEN);
  });
});

describe('formats for other shells: exact text', () => {
  it('--format powershell', async () => {
    const r = await runCli(['export', 'temp', '--format', 'powershell'], { files: FILES });
    expect(r.stdout).toBe(
      [
        "$Env:AWS_ACCESS_KEY_ID='AKIAPROCEXPORT'",
        `$Env:AWS_SECRET_ACCESS_KEY='${SECRET}'`,
        `$Env:AWS_SESSION_TOKEN='${TOKEN}'`,
        `$Env:AWS_CREDENTIAL_EXPIRATION='${EXPIRES}'`,
        "$Env:AWS_DEFAULT_REGION='us-west-2'",
        "$Env:AWS_REGION='us-west-2'",
        'Remove-Item Env:AWS_SECURITY_TOKEN -ErrorAction SilentlyContinue',
        '',
      ].join('\n'),
    );
  });

  it('--format windows-cmd', async () => {
    const r = await runCli(['export', 'base', '--format', 'windows-cmd'], { files: FILES });
    expect(r.stdout).toBe(
      [
        'set "AWS_ACCESS_KEY_ID=AKIABASEEXPORT"',
        `set "AWS_SECRET_ACCESS_KEY=${SECRET}"`,
        'set "AWS_DEFAULT_REGION=eu-west-1"',
        'set "AWS_REGION=eu-west-1"',
        'set AWS_SESSION_TOKEN=',
        'set AWS_SECURITY_TOKEN=',
        'set AWS_CREDENTIAL_EXPIRATION=',
        '',
      ].join('\n'),
    );
  });

  it('--format windows-cmd refuses a value cmd.exe cannot quote, printing nothing', async () => {
    const r = await runCli(['export', 'base', '--format', 'windows-cmd'], { files: { ...FILES, '.aws/credentials': '[base]\naws_access_key_id = A\naws_secret_access_key = 100%"x\n' } });
    expect(r.code).toBe(252);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/AWS_SECRET_ACCESS_KEY contains .* use --format powershell/);
    expect(r.stderr).not.toContain('100%');
  });

  it('--format process is the credential_process Version 1 document; --format json adds profile, method, region', async () => {
    const p = JSON.parse((await runCli(['export', 'temp', '--format', 'process'], { files: FILES })).stdout);
    expect(p).toEqual({ Version: 1, AccessKeyId: 'AKIAPROCEXPORT', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: EXPIRES });
    const base = JSON.parse((await runCli(['export', 'base', '--format', 'process'], { files: FILES })).stdout);
    expect(base).toEqual({ Version: 1, AccessKeyId: 'AKIABASEEXPORT', SecretAccessKey: SECRET });
    const j = JSON.parse((await runCli(['export', '--profile', 'base', '--format', 'json'], { files: FILES })).stdout);
    expect(j).toEqual({ profile: 'base', method: 'shared-credentials-file', region: 'eu-west-1', accessKeyId: 'AKIABASEEXPORT', secretAccessKey: SECRET, sessionToken: null, expiration: null });
  });

  it('without a profile it exports what boto3 would use: the env keys, even with AWS_PROFILE set', async () => {
    const r = await runCli(['export', '--format', 'process'], { files: FILES, env: { AWS_PROFILE: 'base', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'envsecret' } });
    expect(JSON.parse(r.stdout)).toEqual({ Version: 1, AccessKeyId: 'AKIAENV', SecretAccessKey: 'envsecret' });
  });
});

describe('failures hand nothing over, and the secret never reaches stderr', () => {
  it('no credentials: 253, empty stdout', async () => {
    const r = await runCli(['export'], {});
    expect(r.code).toBe(253);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/boto3 finds no credentials/);
  });

  it('what boto3 would raise: 253 with its exception, and no secret in the message', async () => {
    const r = await runCli(['export', '--format', 'env'], { env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: '' }, files: FILES });
    expect(r.code).toBe(253);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/PartialCredentialsError/);
  });

  it('with --debug the secret is still only on stdout', async () => {
    const r = await runCli(['export', 'temp', '--debug'], { files: FILES });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(SECRET);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('an unknown profile: ProfileNotFound, 253', async () => {
    const r = await runCli(['export', 'nope'], { files: FILES });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/ProfileNotFound/);
  });
});

describe('deferred credentials are fetched as boto3 would on first use', () => {
  it('assume-role: a valid entry in the AWS CLI cache (key computed by botocore itself) is exported without calling AWS', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/Exported';
    const key = spawnSync('python3', ['-c', `from botocore.credentials import AssumeRoleCredentialFetcher as F\nprint(F(None, None, ${JSON.stringify(roleArn)}, extra_args={'RoleSessionName': 'me'})._cache_key)`], { encoding: 'utf8' });
    expect(key.status, key.stderr).toBe(0);
    const cached = { Credentials: { AccessKeyId: 'ASIACACHED', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: '2099-01-01T00:00:00UTC' }, AssumedRoleUser: { Arn: `arn:aws:sts::123456789012:assumed-role/Exported/me` } };
    const files = {
      ...FILES,
      '.aws/config': `${FILES['.aws/config']}[profile role]\nrole_arn = ${roleArn}\nrole_session_name = me\nsource_profile = base\n`,
      [`.aws/cli/cache/${key.stdout.trim()}.json`]: JSON.stringify(cached),
    };
    // an unreachable STS endpoint: any call would fail the export
    const r = await runCli(['export', 'role', '--format', 'process', '--endpoint-url', 'http://127.0.0.1:9'], { files });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ Version: 1, AccessKeyId: 'ASIACACHED', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: '2099-01-01T00:00:00Z' });
  });
});

describe('--format process as a credential_process, for botocore itself', () => {
  const botocoreKeys = (home: string, profile: string, env: Record<string, string> = {}) =>
    spawnSync(
      'python3',
      ['-c', `import boto3, json\nc = boto3.Session(profile_name=${JSON.stringify(profile)}).get_credentials()\nf = c.get_frozen_credentials()\nprint(json.dumps([c.method, f.access_key, f.secret_key, f.token]))`],
      { cwd: home, env: { HOME: home, PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true', ...env }, encoding: 'utf8', timeout: 60_000 },
    );

  it('a profile whose credential_process is `credchain export --format process --profile base` gives boto3 the keys of base', () => {
    const home = makeHome(FILES);
    fs.appendFileSync(path.join(home, '.aws/config'), `[profile wrapped]\ncredential_process = ${process.execPath} ${BIN} export --format process --profile base\n[profile wrapped-temp]\ncredential_process = ${process.execPath} ${BIN} export temp --format process\n`);
    const r = botocoreKeys(home, 'wrapped');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(['custom-process', 'AKIABASEEXPORT', SECRET, null]);
    const t = botocoreKeys(home, 'wrapped-temp');
    expect(t.status, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout)).toEqual(['custom-process', 'AKIAPROCEXPORT', SECRET, TOKEN]);
  });

  it('the recursion guard: a profile that exports itself fails at once, for botocore and for credchain', async () => {
    const home = makeHome(FILES);
    fs.appendFileSync(path.join(home, '.aws/config'), `[profile loop]\ncredential_process = ${process.execPath} ${BIN} export --format process\n`);
    const b = botocoreKeys(home, 'loop', { AWS_PROFILE: 'loop' });
    expect(b.status).not.toBe(0);
    expect(b.stderr).toMatch(/CredentialRetrievalError/);
    expect(b.stderr).toMatch(/credential_process loop/);
    const r = await runCli(['export', '--format', 'process'], { home, env: { AWS_PROFILE: 'loop' }, timeoutMs: 30_000 });
    expect(r.code).toBe(253);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/credential_process loop: credchain export is resolving profile "loop" from inside its own credential_process \("loop" → "loop"\)/);
  });

  it('a chain through two profiles back to the first is caught too', async () => {
    const home = makeHome({
      '.aws/config': `[profile a]\ncredential_process = ${process.execPath} ${BIN} export b --format process\n[profile b]\ncredential_process = ${process.execPath} ${BIN} export a --format process\n`,
    });
    const r = await runCli(['export', 'a', '--format', 'process'], { home, timeoutMs: 30_000 });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/"a" → "b" → "a"/);
  });
});
