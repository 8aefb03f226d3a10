// `credchain verify` and `which --resolve` against moto_server enforcing SigV4, through a counting proxy so every
// test can say exactly which STS calls a command made: good keys, a wrong secret (254), an unknown key (254), a
// two-hop role chain and its cache (a second run makes no AssumeRole), external id, MFA (flag, prompt on a
// terminal, refusal without either), web identity (unsigned), every expectation failing (1), and the AWS CLI
// reading credchain's cache and the other way round.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeHome, runCli, type CliResult } from '../support/cli';
import { jailedEnv } from '../support/networkJail';
import { ACCOUNT, MOTO_MISSING, startCountingProxy, startMoto, type CountingProxy, type Moto, type SetupResult } from '../support/moto';

let moto: Moto;
let sts: CountingProxy;
let aws: SetupResult;

function files(extraConfig = ''): Record<string, string> {
  const ci = aws.keys.ci;
  return {
    '.aws/credentials': `[default]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n[base]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n[wrong-secret]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = not-the-secret\n[unknown-key]\naws_access_key_id = AKIAUNKNOWN000000000\naws_secret_access_key = whatever\n`,
    '.aws/config': [
      `[profile hop1]\nrole_arn = ${aws.roles.hop1}\nsource_profile = base\nrole_session_name = hop1-session\n`,
      `[profile hop2]\nrole_arn = ${aws.roles.hop2}\nsource_profile = hop1\nduration_seconds = 1800\n`,
      `[profile ext]\nrole_arn = ${aws.roles.ext}\nsource_profile = base\nexternal_id = the-external-id\n`,
      `[profile ext-wrong]\nrole_arn = ${aws.roles.ext}\nsource_profile = base\nexternal_id = not-the-external-id\n`,
      `[profile mfa]\nrole_arn = ${aws.roles.hop1}\nsource_profile = base\nmfa_serial = arn:aws:iam::${ACCOUNT}:mfa/ci\n`,
      extraConfig,
    ].join(''),
  };
}

/** credchain with STS behind the counting proxy (AWS_ENDPOINT_URL_STS, as botocore reads it) */
function run(args: string[], o: { env?: Record<string, string>; home?: string; extraConfig?: string } = {}): Promise<CliResult> {
  return runCli(args, { home: o.home, files: o.home ? undefined : files(o.extraConfig), env: { AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1', ...o.env } });
}

/** a child process run without blocking this process (the counting proxy lives here) */
const exec = (cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000) =>
  runProcess(cmd, args, { env, timeoutMs });

describe.skipIf(MOTO_MISSING)('credchain verify against moto_server', () => {
  beforeAll(async () => {
    moto = await startMoto();
    aws = await moto.setup({
      users: [{ name: 'ci', allow: ['sts:AssumeRole'] }],
      roles: [
        { name: 'hop1', trust: [`arn:aws:iam::${ACCOUNT}:user/ci`], allow: ['sts:AssumeRole'] },
        { name: 'hop2', trust: [`arn:aws:sts::${ACCOUNT}:assumed-role/hop1/hop1-session`] },
        { name: 'ext', trust: [`arn:aws:iam::${ACCOUNT}:user/ci`], externalId: 'the-external-id' },
        { name: 'web', trust: ['*'] },
      ],
    });
    sts = await startCountingProxy(moto.url);
  });
  afterAll(async () => {
    await sts?.close();
    await moto?.close();
  });

  it('good keys: exit 0, the IAM user, exactly one GetCallerIdentity; text masks the key', async () => {
    sts.reset();
    const r = await run(['verify', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.identity).toMatchObject({ account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci`, principalType: 'user', userName: 'ci', endpoint: sts.url });
    expect(typeof j.identity.userId).toBe('string');
    expect(j.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([['resolve', true], ['get-caller-identity', true]]);
    expect(sts.actions()).toEqual(['GetCallerIdentity']);
    expect(sts.requests[0].signed).toBe(true);

    const t = await run(['verify']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain(`****************${aws.keys.ci.accessKeyId.slice(-4)}`);
    expect(t.stdout).not.toContain(aws.keys.ci.accessKeyId);
    expect(t.stdout).toMatch(/Identity\s+arn:aws:iam::123456789012:user\/ci/);
    expect(t.stdout).toMatch(/type\s+user/);
  });

  it('a wrong secret: exit 254 naming SignatureDoesNotMatch', async () => {
    const r = await run(['verify', '--profile', 'wrong-secret']);
    expect(r.code).toBe(254);
    expect(r.stdout).toMatch(/SignatureDoesNotMatch/);
    expect(r.stdout).toMatch(/the secret access key does not belong to/);
    const j = JSON.parse((await run(['verify', '--profile', 'wrong-secret', '--json'])).stdout);
    expect(j.identity).toBeNull();
    expect(j.checks.at(-1)).toMatchObject({ check: 'get-caller-identity', ok: false, error: { type: 'ClientError', code: 'SignatureDoesNotMatch' } });
  });

  it('an unknown key: exit 254 naming InvalidClientTokenId', async () => {
    const r = await run(['verify', '--profile', 'unknown-key']);
    expect(r.code).toBe(254);
    expect(r.stdout).toMatch(/InvalidClientTokenId/);
    expect(r.stdout).toMatch(/AWS does not know \*{16}0000/);
  });

  it('a two-hop role chain: two AssumeRole calls hop by hop, cached as the CLI caches them; the second run only proves', async () => {
    const home = makeHome(files());
    sts.reset();
    const r = await run(['verify', '--profile', 'hop2', '--json'], { home });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(sts.actions()).toEqual(['AssumeRole', 'AssumeRole', 'GetCallerIdentity']);
    const [inner, outer] = sts.requests.map((q) => new URLSearchParams(q.body));
    expect(inner.get('RoleArn')).toBe(aws.roles.hop1);
    expect(inner.get('RoleSessionName')).toBe('hop1-session');
    expect(outer.get('RoleArn')).toBe(aws.roles.hop2);
    expect(outer.get('RoleSessionName')).toMatch(/^botocore-session-\d+$/);
    expect(outer.get('DurationSeconds')).toBe('1800');
    const j = JSON.parse(r.stdout);
    expect(j.identity).toMatchObject({ principalType: 'assumed-role', roleName: 'hop2', account: ACCOUNT });
    expect(j.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(j.credentials.hasSessionToken).toBe(true);
    const fetch = j.checks.find((c: { check: string }) => c.check === 'fetch-credentials');
    expect(fetch.steps.map((s: { profile: string; from: string }) => [s.profile, s.from])).toEqual([['hop1', 'sts'], ['hop2', 'sts']]);
    const cacheDir = path.join(home, '.aws/cli/cache');
    const entries = fs.readdirSync(cacheDir);
    expect(entries.sort()).toEqual(fetch.steps.map((s: { cacheFile: string }) => path.basename(s.cacheFile)).sort());
    for (const e of entries) {
      expect(e).toMatch(/^[0-9a-f]{40}\.json$/);
      expect(fs.statSync(path.join(cacheDir, e)).mode & 0o777).toBe(0o600);
      const doc = JSON.parse(fs.readFileSync(path.join(cacheDir, e), 'utf8'));
      expect(doc.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
      expect(doc.Credentials.AccountId).toBe(ACCOUNT);
    }

    sts.reset();
    const again = await run(['verify', '--profile', 'hop2', '--json'], { home });
    expect(again.code).toBe(0);
    expect(sts.actions()).toEqual(['GetCallerIdentity']);
    const j2 = JSON.parse(again.stdout);
    expect(j2.identity.arn).toBe(j.identity.arn);
    expect(j2.checks.find((c: { check: string }) => c.check === 'fetch-credentials').steps).toEqual([expect.objectContaining({ profile: 'hop2', from: 'cache' })]);

    sts.reset();
    const noCache = await run(['verify', '--profile', 'hop2', '--no-cache'], { home });
    expect(noCache.code).toBe(0);
    expect(sts.actions()).toEqual(['AssumeRole', 'AssumeRole', 'GetCallerIdentity']);
  });

  it('which --resolve fetches without verifying and shows the real key id; plain which fetches nothing', async () => {
    sts.reset();
    const plain = JSON.parse((await run(['which', '--profile', 'hop1', '--json'])).stdout);
    expect(plain.credentials).toMatchObject({ method: 'assume-role', accessKeyId: null, deferred: true });
    expect(sts.actions()).toEqual([]);
    const r = await run(['which', '--profile', 'hop1', '--resolve', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(j.credentials.deferred).toBeUndefined();
    expect(j.identity).toBeUndefined();
    expect(sts.actions()).toEqual(['AssumeRole']);
    const home = makeHome(files());
    const t = await run(['which', '--profile', 'hop1', '--resolve'], { home });
    expect(t.stdout).toMatch(/access key\s+\*{16}[A-Z0-9]{4}/);
    sts.reset();
    const hit = await run(['which', '--profile', 'hop1', '--resolve', '--json'], { home });
    expect(JSON.parse(hit.stdout).credentials.accessKeyId).toMatch(/^ASIA/);
    expect(sts.actions()).toEqual([]);
  });

  it('external_id is sent: with the right one the role is assumed, with a wrong one AWS refuses (254, AccessDenied)', async () => {
    sts.reset();
    const ok = await run(['verify', '--profile', 'ext', '--json']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(new URLSearchParams(sts.requests[0].body).get('ExternalId')).toBe('the-external-id');
    expect(JSON.parse(ok.stdout).identity.roleName).toBe('ext');
    const denied = await run(['verify', '--profile', 'ext-wrong']);
    expect(denied.code).toBe(254);
    expect(denied.stdout).toMatch(/STS rejected AssumeRole .*AccessDenied/);
    expect(denied.stdout).toMatch(/external_id/);
  });

  it('MFA: without a terminal or --mfa-code it fails clearly before any call; --mfa-code sends SerialNumber and TokenCode', async () => {
    sts.reset();
    const r = await run(['verify', '--profile', 'mfa']);
    expect(r.code).toBe(253);
    expect(r.stdout).toContain(`profile "mfa" needs an MFA code for arn:aws:iam::${ACCOUNT}:mfa/ci`);
    expect(r.stdout).toContain('--mfa-code');
    expect(sts.actions()).toEqual([]);
    const ok = await run(['verify', '--profile', 'mfa', '--mfa-code', '123456']);
    expect(ok.code, ok.stdout).toBe(0);
    const q = new URLSearchParams(sts.requests[0].body);
    expect([q.get('SerialNumber'), q.get('TokenCode')]).toEqual([`arn:aws:iam::${ACCOUNT}:mfa/ci`, '123456']);
    const short = await run(['verify', '--profile', 'mfa', '--mfa-code', '123', '--no-cache']);
    expect(short.code).toBe(253);
    expect(short.stdout).toMatch(/ParamValidationError.*TokenCode, value: 3, valid min length: 6/s);
  });

  it('MFA on a terminal: prompts on stderr without echo, then a second run uses the cache and does not prompt', async () => {
    const home = makeHome(files());
    const env = jailedEnv({ ...process.env, HOME: home, AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1', CI: '' });
    sts.reset();
    const first = await exec('python3', ['-c', PTY_PY, process.execPath, BIN, 'verify', '--profile', 'mfa', '--color', 'off'], env);
    const out = JSON.parse(first.stdout);
    expect(out.prompted, out.output).toBe(true);
    expect(out.status).toBe(0);
    expect(out.output).toContain(`Enter MFA code for arn:aws:iam::${ACCOUNT}:mfa/ci: `);
    expect(out.output).not.toContain('654321');
    expect(new URLSearchParams(sts.requests[0].body).get('TokenCode')).toBe('654321');
    sts.reset();
    const second = await exec('python3', ['-c', PTY_PY, process.execPath, BIN, 'verify', '--profile', 'mfa'], env);
    const out2 = JSON.parse(second.stdout);
    expect(out2.prompted).toBe(false);
    expect(out2.status).toBe(0);
    expect(sts.actions()).toEqual(['GetCallerIdentity']);
  });

  it('MFA on a terminal: Ctrl-C at the prompt exits 130 without calling STS', async () => {
    const env = jailedEnv({ ...process.env, HOME: makeHome(files()), AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1', CI: '', PTY_ANSWER: '\x03' });
    sts.reset();
    const out = JSON.parse((await exec('python3', ['-c', PTY_PY, process.execPath, BIN, 'verify', '--profile', 'mfa'], env)).stdout);
    expect(out.prompted).toBe(true);
    expect(out.status).toBe(130);
    expect(sts.actions()).toEqual([]);
  });

  it('web identity: AssumeRoleWithWebIdentity unsigned with the token file read verbatim', async () => {
    // moto cannot check an unsigned request while it enforces signatures
    await moto.enforceAuth(false);
    try {
      sts.reset();
      const home = makeHome({ ...files(), 'token.jwt': 'header.payload.signature\n' });
      const cfg = `[profile web]\nrole_arn = ${aws.roles.web}\nweb_identity_token_file = ${home}/token.jwt\nrole_session_name = web-session\n`;
      fs.appendFileSync(path.join(home, '.aws/config'), cfg);
      const r = await run(['verify', '--profile', 'web', '--json'], { home });
      expect(r.code, r.stdout).toBe(0);
      expect(sts.actions()).toEqual(['AssumeRoleWithWebIdentity', 'GetCallerIdentity']);
      expect(sts.requests[0].signed).toBe(false);
      const q = new URLSearchParams(sts.requests[0].body);
      expect(q.get('WebIdentityToken')).toBe('header.payload.signature\n');
      expect(q.get('RoleSessionName')).toBe('web-session');
      expect(JSON.parse(r.stdout).identity).toMatchObject({ principalType: 'assumed-role', roleName: 'web', roleSessionName: 'web-session' });
      fs.rmSync(path.join(home, 'token.jwt'));
      const missing = await run(['verify', '--profile', 'web', '--no-cache'], { home });
      expect(missing.code).toBe(253);
      expect(missing.stdout).toMatch(/FileNotFoundError: \[Errno 2\] No such file or directory/);
    } finally {
      await moto.enforceAuth(true);
    }
  });

  it.each([
    [['--expect-account', '111111111111'], 'expect-account', `expected account 111111111111, found ${ACCOUNT}`],
    [['--expect-account', '111111111111,222222222222'], 'expect-account', `expected account one of 111111111111, 222222222222, found ${ACCOUNT}`],
    [['--expect-arn', 'arn:aws:iam::*:user/deploy'], 'expect-arn', `expected an ARN matching arn:aws:iam::*:user/deploy, found arn:aws:iam::${ACCOUNT}:user/ci`],
    [['--expect-method', 'env'], 'expect-method', 'expected credentials from env, found shared-credentials-file'],
    [['--forbid-long-term-keys'], 'forbid-long-term-keys', 'expected temporary credentials, found the long-term access key ****************'],
  ])('a failing expectation %j exits 1 and says what was expected and found', async (flags, check, message) => {
    const r = await run(['verify', ...flags, '--format', 'github']);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toContain(message);
    expect(r.stdout).toContain(`::error title=credchain verify%3A ${check}::`);
  });

  it('expectations that hold exit 0; --min-ttl measures the fetched role credentials', async () => {
    const r = await run(['verify', '--profile', 'hop1', '--expect-account', ACCOUNT, '--expect-arn', 'arn:aws:sts::*:assumed-role/hop1/*', '--expect-method', 'assume-role', '--forbid-long-term-keys', '--min-ttl', '30m', '--json']);
    expect(r.code, r.stdout).toBe(0);
    const checks = JSON.parse(r.stdout).checks;
    expect(checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(checks.map((c: { check: string }) => c.check)).toEqual(['resolve', 'fetch-credentials', 'get-caller-identity', 'expect-account', 'expect-arn', 'expect-method', 'forbid-long-term-keys', 'min-ttl']);
    const tooLong = await run(['verify', '--profile', 'hop1', '--min-ttl', '2h']);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stdout).toMatch(/expected at least 2h left, found \d+m/);
  });

  it('nothing resolves: exit 253 and no STS call', async () => {
    sts.reset();
    const r = await runCli(['verify'], { env: { AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1' } });
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/Credentials\s+none/);
    expect(r.stdout).toMatch(/✘ resolve/);
    expect(sts.actions()).toEqual([]);
  });

  it('usage errors exit 252', async () => {
    expect((await run(['verify', '--expect-account', '12'])).code).toBe(252);
    expect((await run(['verify', '--expect-method', 'magic'])).code).toBe(252);
    expect((await run(['verify', '--min-ttl', 'soon'])).code).toBe(252);
    expect((await run(['verify', '--timeout', '0'])).code).toBe(252);
  });

  describe.skipIf(!process.env.CI && spawnSync('aws', ['--version']).status !== 0)('the AWS CLI shares the cache', () => {
    it('the AWS CLI uses what credchain cached, and credchain uses what the AWS CLI cached', async () => {
      const home = makeHome(files());
      expect((await run(['which', '--profile', 'hop2', '--resolve'], { home })).code).toBe(0);
      sts.reset();
      // the CLI's AssumeRole calls would go to AWS_ENDPOINT_URL_STS: only GetCallerIdentity (via --endpoint-url) may reach moto
      const cli = await exec('aws', ['sts', 'get-caller-identity', '--profile', 'hop2', '--endpoint-url', sts.url, '--output', 'json'], {
        ...process.env,
        HOME: home,
        AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      expect(cli.status, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout).Arn).toMatch(/assumed-role\/hop2\//);
      expect(sts.actions()).toEqual(['GetCallerIdentity']);

      const home2 = makeHome(files());
      const byCli = await exec('aws', ['sts', 'get-caller-identity', '--profile', 'ext', '--endpoint-url', sts.url], {
        ...process.env,
        HOME: home2,
        AWS_ENDPOINT_URL_STS: sts.url,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      expect(byCli.status, byCli.stderr).toBe(0);
      sts.reset();
      const r = await run(['verify', '--profile', 'ext', '--json'], { home: home2 });
      expect(r.code).toBe(0);
      expect(sts.actions()).toEqual(['GetCallerIdentity']);
      expect(JSON.parse(r.stdout).identity.arn).toBe(JSON.parse(byCli.stdout).Arn);
    });
  });
});

/** runs argv in a pseudo-terminal, answers the MFA prompt (654321, or PTY_ANSWER), reports what the terminal showed */
const PTY_PY = `
import json, os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
buf = b''
prompted = False
deadline = time.time() + 15
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    buf += chunk
    if not prompted and b'Enter MFA code for' in buf:
        prompted = True
        time.sleep(0.2)
        os.write(fd, os.environ.get('PTY_ANSWER', '654321\\r').encode())
_, status = os.waitpid(pid, 0)
print(json.dumps({'prompted': prompted, 'status': os.waitstatus_to_exitcode(status), 'output': buf.decode('utf-8', 'replace')}))
`;
import { runProcess } from '../support/process';
