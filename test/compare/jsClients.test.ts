// `which --sdk js` and `compare` run the JS SDK's own STS, SSO and SSO OIDC clients; credchain only replaces the
// request handler (src/compare/jsRecorder.ts). So every check the real clients make before the wire is the SDK's
// own: region names that are not hostname components, a bogus AWS_DEFAULTS_MODE, configured endpoints. With
// --resolve the real clients call loopback stand-ins: moto_server for STS, a loopback SSO portal.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startLoopback, type LoopbackServer, type RouteReply } from '../support/loopback';
import { ACCOUNT, MOTO_MISSING, startCountingProxy, startMoto, type CountingProxy, type Moto, type SetupResult } from '../support/moto';

const ROLE = 'arn:aws:iam::123456789012:role/r';
const keys = (ak: string, sk = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') => `aws_access_key_id = ${ak}\naws_secret_access_key = ${sk}\n`;
const roleProfile = (region?: string) => `[default]\nrole_arn = ${ROLE}\nsource_profile = src\n${region !== undefined ? `region = ${region}\n` : ''}[profile src]\n${keys('AKIASOURCEEXAMPLE001')}`;
const webIdProfile = (region: string) => `[default]\nrole_arn = ${ROLE}\nweb_identity_token_file = token\nregion = ${region}\n`;

interface JsWhich {
  credentials: { method: string | null; accessKeyId: string | null; expiration: string | null; deferred?: boolean } | null;
  error: { type: string; message: string } | null;
  calls: { api: string; params: Record<string, string | number>; made: boolean; signedBy?: { method: string | null; accessKeyId: string | null } }[];
  warnings: string[];
}

async function jsWhich(files: Record<string, string>, env: Record<string, string | undefined> = {}, extra: string[] = []) {
  const r = await runCli(['which', '--sdk', 'js', '--json', ...extra], { files, env });
  return { ...r, j: JSON.parse(r.stdout) as JsWhich };
}

describe('which --sdk js runs the real STS client up to the wire', () => {
  it.each([
    ['a role profile with region = us_east_1', { '.aws/config': roleProfile('us_east_1') }, {}, 'us_east_1'],
    ['a role profile with region = us east 1', { '.aws/config': roleProfile('us east 1') }, {}, 'us east 1'],
    ['a role profile and AWS_REGION=us_east_1', { '.aws/config': roleProfile() }, { AWS_REGION: 'us_east_1' }, 'us_east_1'],
    ['a web-identity profile with region = us_east_1', { '.aws/config': webIdProfile('us_east_1'), token: 'tok' }, {}, 'us_east_1'],
    ['env web identity with AWS_REGION=us east 1', { token: 'tok' }, { AWS_WEB_IDENTITY_TOKEN_FILE: 'token', AWS_ROLE_ARN: ROLE, AWS_REGION: 'us east 1' }, 'us east 1'],
  ] as const)('%s: the SDK refuses the region before any request', async (_name, files, env, region) => {
    const r = await jsWhich(files, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(253);
    expect(r.j.credentials).toBeNull();
    expect(r.j.error?.message).toBe(`Region not accepted: region="${region}" is not a valid hostname component.`);
    expect(r.j.calls).toEqual([]);
  });

  it('a valid region: the STS endpoint recorded is the one the client chose for it', async () => {
    const r = await jsWhich({ '.aws/config': roleProfile('eu-west-2') }, { AWS_ENDPOINT_URL: undefined });
    expect(r.code).toBe(0);
    expect(r.j.calls).toHaveLength(1);
    expect(r.j.calls[0]).toMatchObject({ api: 'sts:AssumeRole', made: false, params: { endpoint: 'https://sts.eu-west-2.amazonaws.com', RoleArn: ROLE } });
    const w = await jsWhich({ '.aws/config': webIdProfile('ap-south-1'), token: 'tok' }, { AWS_ENDPOINT_URL: undefined });
    expect(w.j.calls.map((c) => [c.api, c.params.endpoint])).toEqual([['sts:AssumeRoleWithWebIdentity', 'https://sts.ap-south-1.amazonaws.com']]);
    expect(JSON.stringify(w.j)).not.toContain('tok"');
  });

  it('the recorded AssumeRole names the identity the real client signed it with (a credential_process source)', async () => {
    const proc = `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIAPROCSIGNER000001", "SecretAccessKey": "s"}'\n`;
    const r = await jsWhich({ 'p.sh': proc, '.aws/config': `[default]\nrole_arn = ${ROLE}\nsource_profile = src\n[profile src]\ncredential_process = /bin/sh p.sh\n` });
    expect(r.code).toBe(0);
    expect(r.j.calls).toHaveLength(1);
    expect(r.j.calls[0]).toMatchObject({ api: 'sts:AssumeRole', signedBy: { method: 'custom-process', accessKeyId: 'AKIAPROCSIGNER000001' } });
  });

  it('AWS_DEFAULTS_MODE=bogus: the SDK fails, credchain reports it (exit 253) and does not crash on the promise the SDK leaves rejected', async () => {
    const r = await jsWhich({ '.aws/config': roleProfile('us-east-1') }, { AWS_DEFAULTS_MODE: 'bogus' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(253);
    expect(r.j.error?.message).toMatch(/^Invalid parameter for "defaultsMode", expect .* got bogus$/);
    expect(r.j.calls).toEqual([]);
    expect(r.j.warnings.join('\n')).toMatch(/left a rejected promise unhandled.*defaultsMode/);
    const t = await runCli(['which', '--sdk', 'js'], { files: { '.aws/config': roleProfile('us-east-1') }, env: { AWS_DEFAULTS_MODE: 'bogus' } });
    expect(t.code).toBe(253);
    expect(t.stderr).toBe('');
  });

  it('an unparsable AWS_CREDENTIAL_EXPIRATION: the SDK returns env credentials with an Invalid Date expiry, reported as such', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_CREDENTIAL_EXPIRATION: 'not a date' };
    const r = await jsWhich({}, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.j.credentials).toMatchObject({ method: 'env', accessKeyId: 'AKIAENVEXAMPLE000001', expiration: 'Invalid Date' });
    expect(r.j.warnings.join('\n')).toMatch(/expiration is an Invalid Date/);
    const text = await runCli(['which', '--sdk', 'js'], { env });
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const cmp = await runCli(['compare', '--json'], { env });
    expect(cmp.stderr).toBe('');
    expect(cmp.code).not.toBe(255);
    expect(JSON.parse(cmp.stdout).js.credentials.expiration).toBe('Invalid Date');
  });
});

describe('SSO through the real SSO client', () => {
  const START = 'https://example.awsapps.com/start';
  const cache = `.aws/sso/cache/${createHash('sha1').update(START).digest('hex')}.json`;
  const files = {
    '.aws/config': `[default]\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n`,
    [cache]: JSON.stringify({ startUrl: START, region: 'us-east-1', accessToken: 'SSOBEARERCANARY', expiresAt: '2099-01-01T00:00:00Z' }),
  };
  let portal: LoopbackServer;
  beforeAll(async () => {
    portal = await startLoopback({
      'GET /federation/credentials': (req): RouteReply =>
        req.headers['x-amz-sso_bearer_token'] === 'SSOBEARERCANARY'
          ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIAPORTALEXAMPLE001', secretAccessKey: 'portalsecret', sessionToken: 'portaltoken', expiration: Date.parse('2099-01-01T00:00:00Z') } }) }
          : { status: 401, headers: { 'x-amzn-errortype': 'UnauthorizedException' }, body: '{"message":"bad token"}' },
    });
  });
  afterAll(() => portal?.close());

  it('AWS_ENDPOINT_URL_SSO (http, loopback): the call is recorded at the endpoint the real client chose, and not sent', async () => {
    const before = portal.requests.length;
    const r = await jsWhich(files, { AWS_ENDPOINT_URL_SSO: portal.url });
    expect(r.code).toBe(0);
    expect(r.j.credentials).toMatchObject({ method: 'sso', accessKeyId: null, deferred: true });
    expect(r.j.calls).toEqual([{ api: 'sso:GetRoleCredentials', params: { endpoint: portal.url, account_id: '111122223333', role_name: 'ReadOnly' }, made: false }]);
    expect(portal.requests.length).toBe(before);
    expect(r.stdout).not.toContain('SSOBEARERCANARY');
  });

  it('--resolve: the real SSO client calls the configured loopback portal with the cached token', async () => {
    const before = portal.requests.length;
    const r = await jsWhich(files, { AWS_ENDPOINT_URL_SSO: portal.url }, ['--resolve']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.j.credentials).toMatchObject({ method: 'sso', accessKeyId: 'ASIAPORTALEXAMPLE001', expiration: '2099-01-01T00:00:00Z' });
    expect(r.j.credentials?.deferred).toBeUndefined();
    expect(r.j.calls).toEqual([]);
    const sent = portal.requests.slice(before);
    expect(sent.map((q) => q.path)).toEqual(['/federation/credentials?account_id=111122223333&role_name=ReadOnly']);
    expect(r.stdout).not.toContain('portalsecret');
  });

  it('compare --resolve: both SDKs fetch the role credentials from the loopback portal and agree', async () => {
    const before = portal.requests.length;
    const r = await runCli(['compare', '--json', '--resolve'], { files, env: { AWS_ENDPOINT_URL_SSO: portal.url } });
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.boto3.credentials).toMatchObject({ method: 'sso', accessKeyId: 'ASIAPORTALEXAMPLE001' });
    expect(j.js.credentials).toMatchObject({ method: 'sso', accessKeyId: 'ASIAPORTALEXAMPLE001' });
    expect(portal.requests.slice(before).map((q) => q.path.split('?')[0])).toEqual(['/federation/credentials', '/federation/credentials']);
    expect(r.code).toBe(0);
    expect(j.verdict).toBe('agree');
    expect(r.stdout).not.toContain('SSOBEARERCANARY');
  });
});

describe.skipIf(MOTO_MISSING)('--resolve against moto_server (STS on loopback)', () => {
  let moto: Moto;
  let aws: SetupResult;
  let sts: CountingProxy;
  beforeAll(async () => {
    moto = await startMoto();
    aws = await moto.setup({ users: [{ name: 'ci', allow: ['sts:AssumeRole'] }], roles: [{ name: 'target', trust: [`arn:aws:iam::${ACCOUNT}:user/ci`] }] });
    sts = await startCountingProxy(moto.url);
  }, 60_000);
  afterAll(async () => {
    await sts?.close();
    await moto?.close();
  });
  const roleFiles = () => ({
    '.aws/config': `[default]\nrole_arn = ${aws.roles.target}\nsource_profile = ci\nregion = us-east-1\n`,
    '.aws/credentials': `[ci]\n${keys(aws.keys.ci.accessKeyId, aws.keys.ci.secretAccessKey)}`,
  });

  it('which --sdk js --resolve --endpoint-url: the real STS client assumes the role at moto, signed by the source keys', async () => {
    sts.reset();
    const r = await jsWhich(roleFiles(), {}, ['--resolve', '--endpoint-url', sts.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.j.credentials).toMatchObject({ method: 'assume-role' });
    expect(r.j.credentials?.accessKeyId).toMatch(/^ASIA/);
    expect(r.j.calls).toEqual([]);
    expect(sts.actions()).toEqual(['AssumeRole']);
    expect(sts.requests[0].signed).toBe(true);
    expect(r.stdout).not.toContain(aws.keys.ci.secretAccessKey);
  });

  it('which --sdk js --resolve: a wrong source secret is rejected by moto (SignatureDoesNotMatch), exit 253', async () => {
    sts.reset();
    const files = { ...roleFiles(), '.aws/credentials': `[ci]\n${keys(aws.keys.ci.accessKeyId, 'not-the-secret')}` };
    const r = await jsWhich(files, {}, ['--resolve', '--endpoint-url', sts.url]);
    expect(r.code).toBe(253);
    expect(r.j.error?.type).toBe('SignatureDoesNotMatch');
    expect(sts.actions()).toEqual(['AssumeRole']);
  });

  it('compare --resolve --endpoint-url: both SDKs assume the role at moto and agree on the method', async () => {
    sts.reset();
    const r = await runCli(['compare', '--json', '--resolve', '--endpoint-url', sts.url], { files: roleFiles() });
    const j = JSON.parse(r.stdout);
    expect(j.boto3.credentials).toMatchObject({ method: 'assume-role' });
    expect(j.js.credentials).toMatchObject({ method: 'assume-role' });
    expect(j.boto3.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(j.js.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(sts.actions()).toEqual(['AssumeRole', 'AssumeRole']);
    expect(r.stdout).not.toContain(aws.keys.ci.secretAccessKey);
  });
});
