// IMDS (`iam-role`) as botocore 1.43.11 reads it: settings lookups and their errors, the v2-token-then-v1 flow
// against loopback servers, timeouts × attempts, and the Python URL checks behind InvalidIMDSEndpointError.
// Every IMDS endpoint here is a 127.0.0.1 loopback server; no test reaches 169.254.169.254 or fd00:ec2::254.
import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session, type ResolveOptions } from '../../src/chain/session';
import type { Context, HttpRequest } from '../../src/context';
import { nodeContext, httpRequest } from '../../src/nodeContext';
import { BotoError } from '../../src/errors';
import { imdsProxy, imdsSettings, instanceMetadataSource } from '../../src/providers/instanceMetadata';
import { evaluateExpiration } from '../../src/aws/imdsClient';
import { ipAddress, isLoopbackAddress, isValidUri, urlsplit } from '../../src/aws/pyUrl';
import { startLoopback, type LoopbackServer, type Route } from '../support/loopback';
import { memContext } from '../support/memContext';

const ROLE = '/latest/meta-data/iam/security-credentials/';
const CREDS = { AccessKeyId: 'AK_IMDS', SecretAccessKey: 'SK_IMDS', Token: 'TOK_IMDS', Expiration: '2099-01-01T00:00:00Z' };
const servers: LoopbackServer[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-imds-'));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function imds(routes: Partial<Record<'token' | 'role' | 'creds', Route>> & Record<string, Route | undefined> = {}): Promise<LoopbackServer> {
  const { token = { body: 'IMDSTOKEN' }, role = { body: 'myrole' }, creds = { body: JSON.stringify(CREDS) }, ...rest } = routes;
  const s = await startLoopback({
    'PUT /latest/api/token': token,
    [`GET ${ROLE}`]: role,
    [`GET ${ROLE}myrole`]: creds,
    ...(rest as Record<string, Route>),
  });
  servers.push(s);
  return s;
}

/** a real context whose env is only what the test gives (no user config files) */
function realCtx(env: Record<string, string>): Context {
  return nodeContext({
    env: { HOME: tmp, AWS_CONFIG_FILE: path.join(tmp, 'none-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'none-creds'), ...env },
  });
}

/** scales every wait by `factor` while recording what botocore's timings asked for */
function scaled(ctx: Context, factor: number) {
  const asked: HttpRequest[] = [];
  const sleeps: number[] = [];
  const c: Context = {
    ...ctx,
    http: (req) => {
      asked.push(req);
      return ctx.http({ ...req, timeoutMs: req.timeoutMs * factor });
    },
    sleep: (ms) => {
      sleeps.push(ms);
      return ctx.sleep(ms * factor);
    },
  };
  return { ctx: c, asked, sleeps };
}

async function load(ctx: Context, opts: ResolveOptions = {}, inspecting = false) {
  const session = new Session(ctx, opts);
  return instanceMetadataSource({ session, inspecting, imds: imdsSettings(session) });
}

const at = (s: LoopbackServer) => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `${s.url}/` });
const seen = (s: LoopbackServer) => s.requests.map((r) => `${r.method} ${r.path}`);

describe('IMDS flow against a loopback server', () => {
  it('IMDSv2: token PUT with the ttl header, then role and credentials with the token [K01]', async () => {
    const s = await imds();
    const o = await load(realCtx(at(s)));
    expect(o.status).toBe('won');
    if (o.status !== 'won') return;
    expect(o.credentials).toMatchObject({
      method: 'iam-role',
      accessKeyId: 'AK_IMDS',
      secretAccessKey: 'SK_IMDS',
      sessionToken: 'TOK_IMDS',
      expiration: '2099-01-01T00:00:00Z',
      location: { url: `${s.url}${ROLE}myrole` },
    });
    expect(o.reason).toContain('IMDSv2');
    expect(seen(s)).toEqual(['PUT /latest/api/token', `GET ${ROLE}`, `GET ${ROLE}myrole`]);
    expect(s.requests[0].headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect(s.requests[1].headers['x-aws-ec2-metadata-token']).toBe('IMDSTOKEN');
    expect(s.requests[2].headers['x-aws-ec2-metadata-token']).toBe('IMDSTOKEN');
    expect(s.requests.every((r) => typeof r.headers['user-agent'] === 'string')).toBe(true);
  });

  it('token PUT 403 falls back to IMDSv1 without a token header [K02]', async () => {
    const s = await imds({ token: { status: 403 } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'won' && o.reason).toContain('IMDSv1 (token PUT returned 403)');
    expect(s.requests.slice(1).map((r) => r.headers['x-aws-ec2-metadata-token'])).toEqual([undefined, undefined]);
  });

  it('a v1-only server (no token route: 404) works through IMDSv1', async () => {
    const s = await imds({ token: { status: 404 } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'won' && o.reason).toContain('token PUT returned 404');
  });

  it('token PUT 400 gives up at once: skipped, nothing else requested [K03]', async () => {
    const s = await imds({ token: { status: 400 } });
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }));
    expect(o.status).toBe('skipped');
    expect(o.status === 'skipped' && o.reason).toMatch(/token PUT .* returned 400/);
    expect(seen(s)).toEqual(['PUT /latest/api/token']);
  });

  it('token PUT 500 is retried, then IMDSv1 [K22]', async () => {
    const s = await imds({ token: { status: 500 } });
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }));
    expect(o.status === 'won' && o.reason).toContain('IMDSv1 (token PUT returned 500, 2 attempts)');
    expect(seen(s).filter((r) => r.startsWith('PUT'))).toHaveLength(2);
  });

  it('a server that requires a token (401 on v1 paths) leaves nothing once the token PUT fails', async () => {
    const s = await imds({
      token: { status: 503 },
      role: (req) => (req.headers['x-aws-ec2-metadata-token'] ? { body: 'myrole' } : { status: 401 }),
    });
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }));
    expect(o.status).toBe('skipped');
    expect(o.status === 'skipped' && o.reason).toBe(
      `IMDS at ${s.url}/: GET latest/meta-data/iam/security-credentials/ returned 401 (2 attempts), using IMDSv1 (token PUT returned 503, 2 attempts)`,
    );
    expect(seen(s)).toEqual(['PUT /latest/api/token', 'PUT /latest/api/token', `GET ${ROLE}`, `GET ${ROLE}`]);
  });

  it('the whole role-list body is the role name: two lines do not work [K21]', async () => {
    const s = await imds({ role: { body: 'myrole\nother' } });
    const o = await load(realCtx(at(s)));
    expect(o.status).toBe('skipped');
    expect(seen(s)[2]).toBe(`GET ${ROLE}myroleother`);
  });

  it('an empty role list is retried up to num_attempts, then skipped [K16]', async () => {
    const s = await imds({ role: { body: '' } });
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }));
    expect(o.status === 'skipped' && o.reason).toContain('returned an empty body (3 attempts)');
    expect(seen(s).filter((r) => r === `GET ${ROLE}`)).toHaveLength(3);
  });

  it('garbage JSON is retried and then skipped [K18]', async () => {
    const s = await imds({ creds: { body: '{not json' } });
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }));
    expect(o.status === 'skipped' && o.reason).toContain('not JSON (2 attempts)');
    expect(seen(s).filter((r) => r === `GET ${ROLE}myrole`)).toHaveLength(2);
  });

  it('a document without Token is skipped, not an error [K04]', async () => {
    const { Token: _, ...rest } = CREDS;
    const s = await imds({ creds: { body: JSON.stringify(rest) } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'skipped' && o.reason).toContain('no Token for role myrole');
  });

  it('a Code/Message error document is skipped and explained [K14]', async () => {
    const s = await imds({ creds: { body: JSON.stringify({ Code: 'AssumeRoleUnauthorizedAccess', Message: 'EC2 cannot assume the role' }) } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'skipped' && o.reason).toContain('AssumeRoleUnauthorizedAccess: EC2 cannot assume the role');
  });

  it.each([
    ['5', "TypeError: argument of type 'int' is not iterable"],
    ['null', "TypeError: argument of type 'NoneType' is not iterable"],
    ['["AccessKeyId","SecretAccessKey","Token","Expiration"]', 'TypeError: list indices must be integers or slices, not str'],
    [JSON.stringify({ ...CREDS, Expiration: 5 }), 'TypeError: strptime() argument 1 must be str, not int'],
    [JSON.stringify({ ...CREDS, Expiration: 'garbage' }), 'ParserError: Unknown string format: garbage'],
  ])('a document botocore chokes on raises as it does: %s', async (body, expected) => {
    const s = await imds({ creds: { body } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'error' && `${o.error.type}: ${o.error.message}`).toContain(expected);
  });

  it('expired credentials are still returned, their expiry extended [K12]', async () => {
    const s = await imds({ creds: { body: JSON.stringify({ ...CREDS, Expiration: '2000-01-01T00:00:00Z' }) } });
    const o = await load(realCtx(at(s)));
    expect(o.status).toBe('won');
    expect(o.status === 'won' && o.credentials.expiration).toBe('2000-01-01T00:00:00Z');
    expect(o.notes?.join('\n')).toMatch(/botocore still uses them and moves their expiry/);
  });

  it('an Expiration 20 minutes away may or may not be extended (random jitter): said so', async () => {
    const soon = new Date(Date.now() + 20 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const s = await imds({ creds: { body: JSON.stringify({ ...CREDS, Expiration: soon }) } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'won' && o.credentials.expiration).toBe(soon);
    expect(o.notes?.join('\n')).toContain('may move it');
  });

  it('an expired Expiration in another format is not extended: RuntimeError at access', async () => {
    const s = await imds({ creds: { body: JSON.stringify({ ...CREDS, Expiration: '2000-01-01T00:00:00.000Z' }) } });
    const o = await load(realCtx(at(s)));
    expect(o.status).toBe('won');
    expect(o.notes?.join('\n')).toMatch(/RuntimeError/);
  });

  it('IMDSv1 disabled and token 403: MetadataRetrievalError, only the PUT made [K17]', async () => {
    const s = await imds({ token: { status: 403 } });
    const o = await load(realCtx({ ...at(s), AWS_EC2_METADATA_V1_DISABLED: 'true' }));
    expect(o.status === 'error' && o.error.type).toBe('MetadataRetrievalError');
    expect(o.status === 'error' && o.error.message).toContain('IMDSv1 has been disabled');
    expect(seen(s)).toEqual(['PUT /latest/api/token']);
  });

  it('an endpoint without a trailing slash works [K19]; a custom endpoint beats IPv6 mode [K20]', async () => {
    const s = await imds();
    expect((await load(realCtx({ AWS_EC2_METADATA_SERVICE_ENDPOINT: s.url }))).status).toBe('won');
    const o = await load(realCtx({ ...at(s), AWS_IMDS_USE_IPV6: 'true' }));
    expect(o.status).toBe('won');
    expect(o.notes?.join('\n')).toContain('custom endpoint is used');
  });

  it('https to a plain-http server is SSLError, not retried', async () => {
    const s = await imds();
    const o = await load(realCtx({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `https://127.0.0.1:${s.port}/`, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }));
    expect(o.status === 'error' && o.error.type).toBe('SSLError');
  });

  it('a connection refused at every step is skipped [K13]', async () => {
    const s = await imds();
    await s.close();
    const o = await load(realCtx(at(s)));
    expect(o.status === 'skipped' && o.reason).toContain('could not be reached (1 attempt)');
  });

  it('a token with a newline is HTTPClientError before any GET', async () => {
    const s = await imds({ token: { body: 'a\nb' } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'error' && `${o.error.type}: ${o.error.message}`).toBe(
      "HTTPClientError: An HTTP Client raised an unhandled exception: Invalid header value b'a\\nb'",
    );
    expect(seen(s)).toEqual(['PUT /latest/api/token']);
  });

  it('timeout 0 is HTTPClientError from urllib3; 0 attempts make no request at all', async () => {
    const s = await imds();
    const zero = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_TIMEOUT: '0' }));
    expect(zero.status === 'error' && zero.error.type).toBe('HTTPClientError');
    const none = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0' }));
    expect(none.status).toBe('skipped');
    const v1off = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0', AWS_EC2_METADATA_V1_DISABLED: 'True' }));
    expect(v1off.status === 'error' && v1off.error.type).toBe('MetadataRetrievalError');
    expect(s.requests).toHaveLength(0);
  });
});

describe('IMDS timing: timeout × attempts, never more', () => {
  it('defaults (1 s, 1 attempt) on a hanging server: one token timeout, one GET timeout [K29]', async () => {
    const s = await imds({ token: { hang: true }, role: { hang: true } });
    const { ctx, asked } = scaled(realCtx(at(s)), 0.1);
    const t0 = Date.now();
    const o = await load(ctx);
    const ms = Date.now() - t0;
    expect(o.status === 'skipped' && o.reason).toBe(
      `IMDS at ${s.url}/: GET latest/meta-data/iam/security-credentials/ did not answer within 1 s (1 attempt), using IMDSv1 (token PUT timed out after 1 s)`,
    );
    expect(asked.map((r) => `${r.method} ${r.timeoutMs}`)).toEqual(['PUT 1000', 'GET 1000']);
    expect(ms).toBeLessThan(2000 * 0.1 + 1500);
  });

  it('timeout 1, attempts 2: the token read timeout is not retried, the GET is [K28]', async () => {
    const s = await imds({ token: { hang: true }, role: { hang: true } });
    const { ctx, asked } = scaled(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2', AWS_METADATA_SERVICE_TIMEOUT: '1' }), 0.1);
    const o = await load(ctx);
    expect(o.status).toBe('skipped');
    expect(asked.map((r) => r.method)).toEqual(['PUT', 'GET', 'GET']);
  });

  it('a slow token PUT falls back to IMDSv1 [K23]', async () => {
    const s = await imds({ token: { delayMs: 1500, body: 'late' } });
    const { ctx } = scaled(realCtx(at(s)), 0.1);
    const o = await load(ctx);
    expect(o.status === 'won' && o.reason).toContain('IMDSv1 (token PUT timed out');
  });

  it('--imds-timeout bounds each request in real time and is noted', async () => {
    const s = await imds({ token: { hang: true }, role: { hang: true } });
    const t0 = Date.now();
    const o = await load(realCtx(at(s)), { imdsTimeoutSec: 0.1 });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(o.status).toBe('skipped');
    expect(o.notes?.join('\n')).toContain('--imds-timeout 0.1');
  });

  it('a huge num_attempts is capped by credchain and said so', async () => {
    const s = await imds({ role: { status: 500 } });
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '100000' }));
    expect(o.status).toBe('skipped');
    expect(seen(s).filter((r) => r === `GET ${ROLE}`)).toHaveLength(20);
    expect(o.notes?.join('\n')).toContain('stops after 20 attempts');
  });
});

describe('IMDS switches: disabled, --no-imds, inspecting', () => {
  it.each(['true', 'TRUE', 'True'])('AWS_EC2_METADATA_DISABLED=%s skips without a request [K09]', async (v) => {
    const s = await imds();
    const o = await load(realCtx({ ...at(s), AWS_EC2_METADATA_DISABLED: v }));
    expect(o).toEqual({ status: 'skipped', reason: `AWS_EC2_METADATA_DISABLED=${v}` });
    expect(s.requests).toHaveLength(0);
  });

  it.each(['1', 'yes'])('AWS_EC2_METADATA_DISABLED=%s does not disable IMDS [K10]', async (v) => {
    const s = await imds();
    expect((await load(realCtx({ ...at(s), AWS_EC2_METADATA_DISABLED: v }))).status).toBe('won');
  });

  it('--no-imds: not-reached, no request', async () => {
    const s = await imds();
    const o = await load(realCtx(at(s)), { noImds: true });
    expect(o.status).toBe('not-reached');
    expect(o.status === 'not-reached' && o.reason).toMatch(/^--no-imds/);
    expect(s.requests).toHaveLength(0);
  });

  it('inspecting (an earlier source won): not-reached, says what would be queried, no request', async () => {
    const s = await imds();
    const o = await load(realCtx({ ...at(s), AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }), {}, true);
    expect(o.status).toBe('not-reached');
    expect(o.status === 'not-reached' && o.reason).toBe(`not queried: an earlier source won; boto3 would query IMDS at ${s.url}/ (timeout 1 s, 2 attempts)`);
    expect(s.requests).toHaveLength(0);
  });
});

describe('imdsSettings: botocore resolver-construction lookups', () => {
  const settings = (env: Record<string, string>, files: Record<string, string> = {}) => imdsSettings(new Session(memContext({ env, files })));
  const raised = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof BotoError) return `${e.type}: ${e.message}`;
      throw e;
    }
    return 'no error';
  };

  it('defaults: 1 s, 1 attempt, IPv4 base URL, origins recorded as default', () => {
    const s = settings({});
    expect(s).toMatchObject({ timeoutSec: 1, numAttempts: 1, baseUrl: 'http://169.254.169.254/', mode: 'ipv4', v1Disabled: false, disabled: false });
    expect(s.origins.timeout).toEqual({ kind: 'default' });
  });

  it('IPv6 mode (case-insensitive) or AWS_IMDS_USE_IPV6 picks the IPv6 base URL [K08]', () => {
    expect(settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }).baseUrl).toBe('http://[fd00:ec2::254]/');
    expect(settings({ AWS_IMDS_USE_IPV6: 'TRUE' }).baseUrl).toBe('http://[fd00:ec2::254]/');
    expect(settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv4', AWS_IMDS_USE_IPV6: 'true' }).mode).toBe('ipv4');
  });

  it('bad values raise what botocore raises [K06, K07, K11]', () => {
    expect(raised(() => settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'not a url' }))).toMatch(/^InvalidIMDSEndpointError: Invalid endpoint EC2 Instance Metadata endpoint: not a url/);
    expect(raised(() => settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'bogus' }))).toMatch(
      /^InvalidIMDSEndpointModeError: Invalid EC2 Instance Metadata endpoint mode: bogus Valid endpoint modes \(case-insensitive\): \('ipv4', 'ipv6'\)\./,
    );
    expect(raised(() => settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: '' }))).toMatch(/^InvalidIMDSEndpointModeError/);
    expect(raised(() => settings({ AWS_METADATA_SERVICE_TIMEOUT: 'abc' }))).toMatch(/^ValueError: invalid literal for int\(\) with base 10: 'abc'/);
    expect(raised(() => settings({ AWS_METADATA_SERVICE_TIMEOUT: '1.5' }))).toMatch(/^ValueError/);
    expect(raised(() => settings({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '' }))).toMatch(/^ValueError: invalid literal for int\(\) with base 10: ''/);
    expect(raised(() => settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[::1/' }))).toMatch(/^ValueError: Invalid IPv6 URL/);
    expect(raised(() => settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[127.0.0.1]/' }))).toMatch(/^ValueError: An IPv4 address cannot be in brackets/);
    expect(settings({ AWS_METADATA_SERVICE_TIMEOUT: ' +2 ' }).timeoutSec).toBe(2);
  });

  it('lookups run in botocore order: the timeout error comes before the endpoint error', () => {
    expect(raised(() => settings({ AWS_METADATA_SERVICE_TIMEOUT: 'x', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'nope' }))).toMatch(/^ValueError/);
    expect(raised(() => settings({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'x', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'nope' }))).toMatch(/^InvalidIMDSEndpointModeError/);
  });

  it('the endpoint is validated even when IMDS is disabled', () => {
    expect(raised(() => settings({ AWS_EC2_METADATA_DISABLED: 'true', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'not a url' }))).toMatch(/^InvalidIMDSEndpointError/);
  });

  it('config-file keys work and carry file and line [K15, K24]', () => {
    const s = settings({}, { '.aws/config': '[default]\nmetadata_service_num_attempts = 3\nec2_metadata_service_endpoint = http://127.0.0.1:9/\n' });
    expect(s.numAttempts).toBe(3);
    expect(s.baseUrl).toBe('http://127.0.0.1:9/');
    expect(s.origins.numAttempts).toMatchObject({ kind: 'profile', key: 'metadata_service_num_attempts', line: 2 });
    let err: unknown;
    try {
      settings({}, { '.aws/config': '[default]\nec2_metadata_service_endpoint_mode = nope\n' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BotoError);
    expect((err as BotoError).type).toBe('InvalidIMDSEndpointModeError');
    expect((err as BotoError).where).toMatchObject({ line: 2 });
  });

  it('env origins are recorded; v1 opt-out is ensure_boolean', () => {
    const s = settings({ AWS_METADATA_SERVICE_TIMEOUT: '3', AWS_EC2_METADATA_V1_DISABLED: 'TRUE' });
    expect(s.origins.timeout).toEqual({ kind: 'env', name: 'AWS_METADATA_SERVICE_TIMEOUT' });
    expect(s.v1Disabled).toBe(true);
    expect(settings({ AWS_EC2_METADATA_V1_DISABLED: '1' }).v1Disabled).toBe(false);
  });

  it('a missing named profile raises ProfileNotFound, unless every lookup is answered by env [B11b]', () => {
    expect(raised(() => settings({ AWS_PROFILE: 'nope' }))).toMatch(/^ProfileNotFound/);
    const all = {
      AWS_PROFILE: 'nope',
      AWS_METADATA_SERVICE_TIMEOUT: '1',
      AWS_METADATA_SERVICE_NUM_ATTEMPTS: '1',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/',
      AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv4',
      AWS_EC2_METADATA_V1_DISABLED: 'false',
    };
    expect(raised(() => settings(all))).toBe('no error');
  });

  it('inert settings exist for a resolver botocore never built', () => {
    expect(imdsSettings.inert()).toMatchObject({ inert: true, baseUrl: 'http://169.254.169.254/' });
  });

  it('config endpoint through a memfs context and a real loopback server', async () => {
    const s = await imds();
    const ctx = memContext({ files: { '.aws/config': `[default]\nec2_metadata_service_endpoint = ${s.url}/\n` }, http: httpRequest });
    const o = await load(ctx);
    expect(o.status).toBe('won');
  });
});

describe('Python URL rules behind the endpoint checks', () => {
  it.each([
    ['http://169.254.169.254/', true],
    ['http://[fd00:ec2::254]/', true],
    ['http://127.0.0.1:8080', true],
    ['http://[::1]:80/', true],
    ['http://[fe80::1%25eth0]/', true],
    ['http://my-host.example.com./', true],
    ['not a url', false],
    ['localhost:1234', false],
    ['127.0.0.1:8080', false],
    ['http://under_score/', false],
    ['http://-bad.com/', false],
    ['http://ok.com/\tx', false],
    ['//127.0.0.1:9/', true],
    ['ftp://127.0.0.1/', true],
  ])('is_valid_uri(%j) is %s', (url, ok) => {
    expect(isValidUri(url)).toBe(ok);
  });

  it('urlsplit hostname: lower-cased, userinfo and port removed, zone kept', () => {
    expect(urlsplit('HTTP://User:Pw@EXAMPLE.com:80/x').hostname).toBe('example.com');
    expect(urlsplit('http://[FE80::1%Eth0]:1/').hostname).toBe('fe80::1%Eth0');
    expect(urlsplit('').hostname).toBeNull();
    expect(urlsplit('5http://x/').scheme).toBe('');
  });

  it('ip_address and is_loopback as Python 3.11 has them', () => {
    expect(isLoopbackAddress('127.0.0.2')).toBe(true);
    expect(isLoopbackAddress('127.255.255.254')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('0:0:0:0:0:0:0:1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(false);
    expect(isLoopbackAddress('127.1')).toBe(false);
    expect(isLoopbackAddress('127.000.0.1')).toBe(false);
    expect(isLoopbackAddress('localhost')).toBe(false);
    expect(ipAddress('fd00:ec2::23').parts).toEqual([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23]);
    expect(() => ipAddress('1::2::3')).toThrow();
  });
});

describe('stale-expiry extension and proxies', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('extends a past or nearly past "%Y-%m-%dT%H:%M:%SZ" expiry to now + 15 min + jitter', () => {
    expect(evaluateExpiration('2000-01-01T00:00:00Z', now, 120)).toEqual({ expiry: '2026-01-01T12:17:00Z', extended: true });
    expect(evaluateExpiration('2026-01-01T12:20:00Z', now, 600)).toMatchObject({ extended: true });
    expect(evaluateExpiration('2026-01-01T12:20:00Z', now, 120)).toMatchObject({ extended: false });
    expect(evaluateExpiration('2000-1-1t0:0:0z', now, 120)).toMatchObject({ extended: true });
    expect(evaluateExpiration('2000-01-01T00:00:00.000Z', now, 120)).toMatchObject({ extended: false });
    expect(evaluateExpiration('2000-02-30T00:00:00Z', now, 120)).toMatchObject({ extended: false });
    expect(evaluateExpiration(null, now, 120)).toEqual({ expiry: null, extended: false });
    expect(() => evaluateExpiration(5, now, 120)).toThrow('strptime() argument 1 must be str, not int');
  });

  it('notes the proxy botocore would use for IMDS, honouring NO_PROXY and lower-case precedence', () => {
    const base = 'http://169.254.169.254/';
    expect(imdsProxy({ HTTP_PROXY: 'proxy:3128' }, base)).toEqual({ url: 'http://proxy:3128', from: 'HTTP_PROXY' });
    expect(imdsProxy({ HTTP_PROXY: 'http://a:1', http_proxy: 'http://b:2' }, base)?.url).toBe('http://b:2');
    expect(imdsProxy({ HTTP_PROXY: 'http://a:1', NO_PROXY: '169.254.169.254' }, base)).toBeUndefined();
    expect(imdsProxy({ HTTP_PROXY: 'http://a:1', no_proxy: '*' }, base)).toBeUndefined();
    expect(imdsProxy({ HTTPS_PROXY: 'http://a:1' }, base)).toBeUndefined();
    expect(imdsProxy({ HTTP_PROXY: 'http://a:1', REQUEST_METHOD: 'GET' }, base)).toBeUndefined();
  });
});
