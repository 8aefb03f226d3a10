// `credchain profiles` through the built CLI: the text table, --json, --names, --verify's seam (and the real verifier
// in-process against a loopback STS), and bad files.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { profilesCommand } from '../../src/cli/profiles';
import type { CliIO } from '../../src/cli/io';
import type { GlobalArgs } from '../../src/cli/options';
import { makeHome, runCli } from '../support/cli';
import { startLoopback, type RecordedRequest, type RouteReply } from '../support/loopback';
import { jailedEnv } from '../support/networkJail';

const FILES = {
  '.aws/config': [
    '[default]',
    'region = us-east-1',
    '[profile dev]',
    'role_arn = arn:aws:iam::1:role/Dev',
    'source_profile = base',
    'region = eu-west-1',
    '[profile corp]',
    'sso_session = corp',
    'sso_account_id = 1',
    'sso_role_name = R',
    '[profile base]',
    'region = eu-central-1',
    '[prod]',
    'region = x',
    '',
  ].join('\n'),
  '.aws/credentials': '[base]\naws_access_key_id = AKIABASE00001234\naws_secret_access_key = SECRETBASE\n[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = SECRETCI\n',
};

describe('credchain profiles', () => {
  it('text: one row per profile, the active one marked, where each is defined; notes for mistakes', async () => {
    const r = await runCli(['profiles'], { files: FILES, env: { AWS_PROFILE: 'dev' } });
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toMatch(/^\s+PROFILE\s+KIND\s+REGION\s+SOURCE\s+DEFINED IN$/);
    expect(rows[1]).toMatch(/^\s+default\s+settings only\s+us-east-1\s+-\s+~\/\.aws\/config:1$/);
    expect(rows[2]).toMatch(/^\*\s+dev\s+assume-role\s+eu-west-1\s+base\s+~\/\.aws\/config:3$/);
    expect(rows[3]).toMatch(/^\s+corp\s+sso\s+-\s+1 R \[sso-session corp\]\s+~\/\.aws\/config:7$/);
    expect(rows[4]).toMatch(/^\s+base\s+static keys\s+eu-central-1\s+-\s+~\/\.aws\/config:11, ~\/\.aws\/credentials:1$/);
    expect(rows[5]).toMatch(/^\s+ci\s+static keys\s+-\s+-\s+~\/\.aws\/credentials:4$/);
    expect(r.stdout).toMatch(/Active\s+dev\s+\(from AWS_PROFILE\)/);
    expect(r.stdout).toMatch(/\[prod\] at ~\/\.aws\/config:13 is not a profile/);
    expect(r.stdout).not.toMatch(/SECRET|AKIABASE/);
  });

  it('--json: the listing with files, active profile and ignored sections', async () => {
    const r = await runCli(['profiles', '--json'], { files: FILES });
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['active', 'profiles', 'ignoredSections', 'files']);
    expect(j.active).toEqual({ name: 'default', source: 'default', exists: true, envKeysWin: false, notes: [] });
    expect(j.profiles.map((p: { name: string }) => p.name)).toEqual(['default', 'dev', 'corp', 'base', 'ci']);
    expect(j.profiles[1]).toEqual({
      name: 'dev',
      kind: 'assume-role',
      method: 'assume-role',
      region: 'eu-west-1',
      output: null,
      roleArn: 'arn:aws:iam::1:role/Dev',
      sourceProfile: 'base',
      credentialSource: null,
      mfaSerial: null,
      ssoSession: null,
      ssoAccountId: null,
      ssoRoleName: null,
      credentialProcess: null,
      definedIn: [{ file: `${r.home}/.aws/config`, section: 'profile dev', line: 3 }],
      active: false,
      unused: [],
      notes: [],
    });
    expect(j.profiles[2]).toMatchObject({ name: 'corp', ssoSession: 'corp', ssoAccountId: '1', ssoRoleName: 'R', roleArn: null });
    expect(j.files.config).toEqual({ path: `${r.home}/.aws/config`, source: 'default', state: 'ok' });
    expect(JSON.stringify(j)).not.toMatch(/SECRET/);
  });

  it('--names: the names only, one per line; nothing for no files', async () => {
    expect((await runCli(['profiles', '--names'], { files: FILES })).stdout).toBe('default\ndev\ncorp\nbase\nci\n');
    const none = await runCli(['profiles', '--names']);
    expect([none.code, none.stdout]).toEqual([0, '']);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const home = makeHome({ 'elsewhere/cfg': '[profile moved]\n', 'elsewhere/creds': '[k]\naws_access_key_id = a\naws_secret_access_key = b\n' });
    const r = await runCli(['profiles', '--names'], { home, env: { AWS_CONFIG_FILE: '~/elsewhere/cfg', AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds' } });
    expect(r.stdout).toBe('moved\nk\n');
  });

  it('a malformed file: ConfigParseError with file and line, exit 253', async () => {
    const r = await runCli(['profiles'], { files: { '.aws/credentials': '[a]\nno delimiter here\n' } });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/Unable to parse config file: .*credentials \(line 2/);
    expect(r.stdout).toBe('');
  });

  it('--names with --json is a usage error', async () => {
    expect((await runCli(['profiles', '--names', '--json'])).code).toBe(252);
  });
});

describe('profiles --verify is handed to the verifier given at registration', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { HOME: makeHome(FILES) }, isTTY: false, cwd: '/' };
    return { io, out, err };
  };

  it('with a verifier: it receives the listing and its exit code is the command\'s', async () => {
    const { io } = capture();
    let seen: string[] = [];
    const cmd = profilesCommand({
      verify: async (listing) => {
        seen = listing.profiles.map((p) => p.name);
        return 1;
      },
    });
    expect(await cmd({ verify: true, color: 'off', imds: false } as GlobalArgs, io)).toBe(1);
    expect(seen).toEqual(['default', 'dev', 'corp', 'base', 'ci']);
  });

  it('without one: a clear usage error', async () => {
    const { io } = capture();
    await expect(profilesCommand()({ verify: true, color: 'off', imds: false } as GlobalArgs, io)).rejects.toThrow(/--verify/);
  });

  it('the CLI entry accepts --verify and hands it to the real verifier: exact rows and exit code against a loopback STS', async () => {
    const sts = await startLoopback({ 'POST /': fakeSts }, { lifetimeMs: 20_000 });
    try {
      const run = async (files: Record<string, string>) => {
        const out: string[] = [];
        const err: string[] = [];
        const env = jailedEnv({ HOME: makeHome(files), AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1' });
        const code = await main(['profiles', '--verify', '--json', '--no-cache'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, isTTY: false, cwd: '/' });
        const rows = (JSON.parse(out.join('')).profiles as { profile: string }[]).map(({ profile, status, method, account, arn, error }: Record<string, unknown>) => ({ profile, status, method, account, arn, error: (error as { code?: string } | null)?.code ?? error }));
        return { code, rows, err: err.join('') };
      };
      const good = await run(VERIFY_FILES);
      expect(good.err).not.toMatch(/Unknown argument/);
      expect(good.rows).toEqual([
        { profile: 'dev', status: 'ok', method: 'assume-role', account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/Dev/verify', error: null },
        { profile: 'default', status: 'ok', method: 'shared-credentials-file', account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci', error: null },
      ]);
      expect(good.code).toBe(0);
      // the stand-in saw exactly one AssumeRole (dev) and one GetCallerIdentity per profile, signed with the right keys
      expect(sts.requests.map((q) => `${action(q)} ${keyId(q)}`).sort()).toEqual(['AssumeRole AKIACI0000000001', 'GetCallerIdentity AKIACI0000000001', 'GetCallerIdentity ASIADEV000000001']);

      const bad = await run({ ...VERIFY_FILES, '.aws/credentials': VERIFY_FILES['.aws/credentials'] + '[revoked]\naws_access_key_id = AKIAREVOKED00001\naws_secret_access_key = s\n' });
      expect(bad.rows.at(-1)).toEqual({ profile: 'revoked', status: 'rejected', method: 'shared-credentials-file', account: null, arn: null, error: 'InvalidClientTokenId' });
      expect(bad.rows.slice(0, 2).map((r) => r.status)).toEqual(['ok', 'ok']);
      expect(bad.code).toBe(1);
    } finally {
      await sts.close();
    }
  });
});

const VERIFY_FILES = {
  '.aws/credentials': '[default]\naws_access_key_id = AKIACI0000000001\naws_secret_access_key = ci-secret\n',
  '.aws/config': '[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nrole_session_name = verify\nsource_profile = default\n',
};

const action = (q: RecordedRequest) => new URLSearchParams(q.body).get('Action');
const keyId = (q: RecordedRequest) => /Credential=([^/]+)\//.exec(String(q.headers.authorization))?.[1];

/** STS as AWS answers it: AssumeRole for Dev, GetCallerIdentity for the keys it knows, InvalidClientTokenId otherwise */
function fakeSts(q: RecordedRequest): RouteReply {
  const xml = (body: string, status = 200): RouteReply => ({ status, headers: { 'content-type': 'text/xml' }, body });
  const key = keyId(q);
  if (action(q) === 'AssumeRole' && key === 'AKIACI0000000001') {
    return xml(
      '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIADEV000000001</AccessKeyId><SecretAccessKey>dev-secret</SecretAccessKey><SessionToken>dev-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROADEV:verify</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/Dev/verify</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>',
    );
  }
  const arn = { AKIACI0000000001: 'arn:aws:iam::123456789012:user/ci', ASIADEV000000001: 'arn:aws:sts::123456789012:assumed-role/Dev/verify' }[String(key)];
  if (action(q) === 'GetCallerIdentity' && arn) {
    return xml(`<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDA:ci</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`);
  }
  return xml('<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>', 403);
}

describe('credchain profiles --json for an audit', () => {
  it('carries every setting an audit needs without `show` on each profile', async () => {
    const config = [
      '[profile audit]',
      'role_arn = arn:aws:iam::123456789012:role/Audit',
      'credential_source = Environment',
      'mfa_serial = arn:aws:iam::123456789012:mfa/me',
      'region = eu-west-1',
      'output = json',
      '[profile proc]',
      'credential_process = /usr/bin/get-creds --profile proc',
      '',
    ].join('\n');
    const j = JSON.parse((await runCli(['profiles', '--json'], { files: { '.aws/config': config } })).stdout);
    const byName = Object.fromEntries(j.profiles.map((p: { name: string }) => [p.name, p]));
    expect(byName.audit).toMatchObject({
      roleArn: 'arn:aws:iam::123456789012:role/Audit',
      sourceProfile: null,
      credentialSource: 'Environment',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
      region: 'eu-west-1',
      output: 'json',
      credentialProcess: null,
    });
    expect(byName.proc).toMatchObject({ credentialProcess: '/usr/bin/get-creds --profile proc', roleArn: null, ssoSession: null });
  });
});
