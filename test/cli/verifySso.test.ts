// `verify` with loopback stand-ins: an SSO portal (GetRoleCredentials) and SSO-OIDC (CreateToken) reached through
// AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC as botocore 1.43 would, an STS that answers GetCallerIdentity for
// an Identity Center role, an STS that accepts connections and never answers (bounded time, exit 255), and one that
// refuses them.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHome, runCli } from '../support/cli';
import { startLoopback, type LoopbackServer, type RouteReply } from '../support/loopback';
import { freePort } from '../support/moto';

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com`;
const LEGACY_URL = 'https://example.awsapps.com/start';

const CALLER = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${ROLE_ARN}</Arn><UserId>AROAEXAMPLE0000000000:alice@example.com</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

const CONFIG = `[profile legacy]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = ${ACCOUNT}
sso_role_name = AdministratorAccess
[profile modern]
sso_session = corp
sso_account_id = ${ACCOUNT}
sso_role_name = AdministratorAccess
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
[profile static]
aws_access_key_id = AKIASTATIC0000000001
aws_secret_access_key = static-secret
`;

let aws: LoopbackServer;
let hanging: LoopbackServer;
let portalToken = '';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function ssoFiles(tokens: Record<string, object>): Record<string, string> {
  const f: Record<string, string> = { '.aws/config': CONFIG };
  for (const [key, t] of Object.entries(tokens)) f[`.aws/sso/cache/${sha1(key)}.json`] = JSON.stringify(t);
  return f;
}

function run(args: string[], home: string, env: Record<string, string> = {}) {
  return runCli(args, {
    home,
    env: { AWS_ENDPOINT_URL_SSO: aws.url, AWS_ENDPOINT_URL_SSO_OIDC: aws.url, AWS_ENDPOINT_URL_STS: aws.url, AWS_DEFAULT_REGION: 'us-east-1', ...env },
  });
}

describe('verify with IAM Identity Center (SSO) and unreliable endpoints', () => {
  beforeAll(async () => {
    aws = await startLoopback({
      'GET /federation/credentials': (req): RouteReply =>
        req.headers['x-amz-sso_bearer_token'] === portalToken
          ? {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSOROLE000000001', secretAccessKey: 'sso-secret', sessionToken: 'sso-session-token', expiration: Date.now() + 3_600_000 } }),
            }
          : { status: 401, headers: { 'x-amzn-errortype': 'UnauthorizedException' }, body: JSON.stringify({ message: 'Session token not found or invalid' }) },
      'POST /token': (req): RouteReply => {
        const b = JSON.parse(req.body);
        return b.grantType === 'refresh_token' && b.refreshToken === 'refresh-1'
          ? { status: 200, body: JSON.stringify({ accessToken: 'refreshed-access-token', expiresIn: 28800, refreshToken: 'refresh-2', tokenType: 'Bearer' }) }
          : { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'bad refresh token' }) };
      },
      'POST /': { status: 200, headers: { 'content-type': 'text/xml' }, body: CALLER },
    });
    hanging = await startLoopback({ 'POST /': { hang: true } });
  });
  afterAll(async () => {
    await aws?.close();
    await hanging?.close();
  });

  it('legacy SSO: GetRoleCredentials with the cached token, the role credentials sign GetCallerIdentity, the permission set is named; cached for the next run', async () => {
    portalToken = 'legacy-access-token';
    const home = makeHome(ssoFiles({ [LEGACY_URL]: { startUrl: LEGACY_URL, region: 'us-east-1', accessToken: portalToken, expiresAt: iso(Date.now() + 3_600_000) } }));
    aws.requests.length = 0;
    const r = await run(['verify', '--profile', 'legacy', '--json'], home);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [portal, sts] = aws.requests;
    expect(portal.method).toBe('GET');
    expect(portal.path).toBe(`/federation/credentials?role_name=AdministratorAccess&account_id=${ACCOUNT}`);
    expect(portal.headers['x-amz-sso_bearer_token']).toBe('legacy-access-token');
    expect(portal.headers.authorization).toBeUndefined();
    expect(sts.body).toContain('Action=GetCallerIdentity');
    expect(sts.headers.authorization).toContain('Credential=ASIASSOROLE000000001/');
    expect(sts.headers['x-amz-security-token']).toBe('sso-session-token');
    const j = JSON.parse(r.stdout);
    expect(j.identity).toMatchObject({ principalType: 'assumed-role', roleName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', permissionSet: 'AdministratorAccess', roleSessionName: 'alice@example.com' });
    expect(j.credentials).toMatchObject({ method: 'sso', accessKeyId: 'ASIASSOROLE000000001', hasSessionToken: true, accountId: ACCOUNT });
    const key = sha1(JSON.stringify({ accountId: ACCOUNT, roleName: 'AdministratorAccess', startUrl: LEGACY_URL }));
    const cached = JSON.parse(fs.readFileSync(path.join(home, '.aws/cli/cache', `${key}.json`), 'utf8'));
    expect(cached).toMatchObject({ ProviderType: 'sso', Credentials: { AccessKeyId: 'ASIASSOROLE000000001', AccountId: ACCOUNT } });

    const text = await run(['verify', '--profile', 'legacy'], home);
    expect(text.stdout).toMatch(/permission\s+AdministratorAccess/);
    expect(aws.requests.filter((q) => q.path.startsWith('/federation'))).toHaveLength(1);
  });

  it('no cached token: 253 with the exact login command, and no call', async () => {
    const home = makeHome(ssoFiles({}));
    aws.requests.length = 0;
    const legacy = await run(['verify', '--profile', 'legacy'], home);
    expect(legacy.code).toBe(253);
    expect(legacy.stdout).toContain('run `aws sso login --profile legacy`');
    const modern = await run(['verify', '--profile', 'modern'], home);
    expect(modern.code).toBe(253);
    expect(modern.stdout).toContain('run `aws sso login --sso-session corp`');
    expect(aws.requests).toEqual([]);
  });

  it('an expired legacy token is refused before any call (UnauthorizedSSOTokenError)', async () => {
    const home = makeHome(ssoFiles({ [LEGACY_URL]: { accessToken: 'old', expiresAt: iso(Date.now() - 60_000) } }));
    aws.requests.length = 0;
    const r = await run(['verify', '--profile', 'legacy', '--json'], home);
    expect(r.code).toBe(253);
    const fetch = JSON.parse(r.stdout).checks.find((c: { check: string }) => c.check === 'fetch-credentials');
    expect(fetch.error.type).toBe('UnauthorizedSSOTokenError');
    expect(fetch.message).toContain('aws sso login --profile legacy');
    expect(aws.requests).toEqual([]);
  });

  it('an sso-session token near expiry is refreshed through SSO-OIDC and written back; without refresh data an expired one fails (TokenRetrievalError)', async () => {
    portalToken = 'refreshed-access-token';
    const soon = { startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', accessToken: 'about-to-expire', expiresAt: iso(Date.now() + 5 * 60_000) };
    const registration = { clientId: 'client-1', clientSecret: 'client-secret-1', registrationExpiresAt: iso(Date.now() + 86_400_000), refreshToken: 'refresh-1' };
    const home = makeHome(ssoFiles({ corp: { ...soon, ...registration } }));
    aws.requests.length = 0;
    const r = await run(['verify', '--profile', 'modern'], home);
    expect(r.code, r.stdout).toBe(0);
    const create = aws.requests.find((q) => q.path === '/token')!;
    expect(JSON.parse(create.body)).toEqual({ clientId: 'client-1', clientSecret: 'client-secret-1', grantType: 'refresh_token', refreshToken: 'refresh-1' });
    const written = JSON.parse(fs.readFileSync(path.join(home, '.aws/sso/cache', `${sha1('corp')}.json`), 'utf8'));
    expect(written).toMatchObject({ accessToken: 'refreshed-access-token', refreshToken: 'refresh-2', clientId: 'client-1', startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1' });
    expect(Date.parse(written.expiresAt)).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    expect(fs.statSync(path.join(home, '.aws/sso/cache', `${sha1('corp')}.json`)).mode & 0o777).toBe(0o600);

    const expired = makeHome(ssoFiles({ corp: { ...soon, expiresAt: iso(Date.now() - 60_000) } }));
    const e = await run(['verify', '--profile', 'modern'], expired);
    expect(e.code).toBe(253);
    expect(e.stdout).toMatch(/Token has expired and refresh failed/);
    expect(e.stdout).toContain('aws sso login --sso-session corp');
  });

  it('the portal refusing the token (401) asks for a login', async () => {
    portalToken = 'the-portal-wants-this-one';
    const home = makeHome(ssoFiles({ [LEGACY_URL]: { accessToken: 'revoked', expiresAt: iso(Date.now() + 3_600_000) } }));
    const r = await run(['verify', '--profile', 'legacy'], home);
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/refused the cached token \(UnauthorizedException/);
    expect(r.stdout).toContain('aws sso login --profile legacy');
  });

  it('an STS that accepts and never answers: exit 255 naming the endpoint, after the timeout on each of the SDK attempts', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    hanging.requests.length = 0;
    const r = await runCli(['verify', '--profile', 'static', '--timeout', '1', '--json'], { home, env: { AWS_ENDPOINT_URL_STS: hanging.url, AWS_DEFAULT_REGION: 'us-east-1' } });
    expect(r.code).toBe(255);
    const c = JSON.parse(r.stdout).checks.at(-1);
    expect(c).toMatchObject({ check: 'get-caller-identity', ok: false, error: { type: 'ReadTimeoutError' } });
    expect(c.message).toContain(`at ${hanging.url}`);
    expect(c.message).toMatch(/no answer within 1 s \(3 attempts\)/);
    // counted, not timed: three attempts, each on its own connection, each abandoned before the next was sent
    expect(hanging.requests).toHaveLength(3);
    expect(new Set(hanging.requests.map((q) => q.connection)).size).toBe(3);
    expect(hanging.peakOpen).toBe(1);
  });

  it('an STS that refuses connections: exit 255 naming the endpoint', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    const closed = `http://127.0.0.1:${await freePort()}`;
    const r = await runCli(['verify', '--profile', 'static', '--endpoint-url', closed, '--region', 'eu-west-1'], { home, env: { AWS_MAX_ATTEMPTS: '1' } });
    expect(r.code).toBe(255);
    expect(r.stdout).toMatch(new RegExp(`could not complete STS GetCallerIdentity at ${closed}: connect ECONNREFUSED`));
  });

  it('a configured endpoint without a region is NoRegionError (253), as botocore raises when it signs', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    const r = await runCli(['verify', '--profile', 'static'], { home, env: { AWS_ENDPOINT_URL_STS: aws.url } });
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/NoRegionError: You must specify a region\. \(STS is called at .* from AWS_ENDPOINT_URL_STS/);
  });
});
