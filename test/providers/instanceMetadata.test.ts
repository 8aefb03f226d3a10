// IMDS (`iam-role`) as botocore 1.43.11 reads it: settings lookups and their errors, the v2-token-then-v1 flow
// against loopback servers, timeouts × attempts, and the Python URL checks behind InvalidIMDSEndpointError.
// The flow and timing tests run real botocore against a server with the same routes (botocoreSide.ts) and compare:
// the outcome, the exception and its message, the requests each server counted, the timeouts asked for.
// Every IMDS endpoint here is a 127.0.0.1 loopback server; no test reaches 169.254.169.254 or fd00:ec2::254.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session, type ResolveOptions } from '../../src/config/session';
import type { Context, HttpRequest } from '../../src/core/context';
import { nodeContext, httpRequest } from '../../src/core/nodeContext';
import { BotoError } from '../../src/core/errors';
import { imdsProxy, imdsSettings, instanceMetadataSource } from '../../src/providers/instanceMetadata';
import { evaluateExpiration } from '../../src/aws/imdsClient';
import { ipAddress, isLoopbackAddress, isValidUri, urlsplit } from '../../src/python/pyUrl';
import { startLoopback, type LoopbackServer, type Route } from '../support/loopback';
import { memContext } from '../support/memContext';
import { botocoreOn, expectBotocoreAgrees as expectBotocoreAgreesOn, skipBotocore, type AgreeOptions, type BotocoreAnswer, type BotocoreCase, type SideRun } from './botocoreSide';

const ROLE = '/latest/meta-data/iam/security-credentials/';
const CREDS = { AccessKeyId: 'AK_IMDS', SecretAccessKey: 'SK_IMDS', Token: 'TOK_IMDS', Expiration: '2099-01-01T00:00:00Z' };
const servers: LoopbackServer[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-imds-'));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type ImdsRoutes = Partial<Record<'token' | 'role' | 'creds', Route>> & Record<string, Route | undefined>;

function imdsRoutes(routes: ImdsRoutes = {}): Record<string, Route> {
  const { token = { body: 'IMDSTOKEN' }, role = { body: 'myrole' }, creds = { body: JSON.stringify(CREDS) }, ...rest } = routes;
  return {
    'PUT /latest/api/token': token,
    [`GET ${ROLE}`]: role,
    [`GET ${ROLE}myrole`]: creds,
    ...(rest as Record<string, Route>),
  };
}

async function imds(routes: ImdsRoutes = {}): Promise<LoopbackServer> {
  const s = await startLoopback(imdsRoutes(routes));
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
const atWith = (extra: Record<string, string>) => (s: LoopbackServer) => ({ ...at(s), ...extra });
const needsToken: Route = (req) => (req.headers['x-aws-ec2-metadata-token'] ? { body: 'myrole' } : { status: 401 });
const { Token: _noToken, ...CREDS_WITHOUT_TOKEN } = CREDS;
const CHOKING_BODIES: [string, string][] = [
  ['5', "TypeError: argument of type 'int' is not iterable"],
  ['null', "TypeError: argument of type 'NoneType' is not iterable"],
  ['["AccessKeyId","SecretAccessKey","Token","Expiration"]', 'TypeError: list indices must be integers or slices, not str'],
  [JSON.stringify({ ...CREDS, Expiration: 5 }), 'TypeError: strptime() argument 1 must be str, not int'],
  [JSON.stringify({ ...CREDS, Expiration: 'garbage' }), 'ParserError: Unknown string format: garbage'],
];

/** the scenarios botocore runs too, each against its own server with these routes */
const FLOW: Record<string, BotocoreCase> = {
  K01: { routes: imdsRoutes(), env: at },
  K02: { routes: imdsRoutes({ token: { status: 403 } }), env: at },
  v1only: { routes: imdsRoutes({ token: { status: 404 } }), env: at },
  K03: { routes: imdsRoutes({ token: { status: 400 } }), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }) },
  K22: { routes: imdsRoutes({ token: { status: 500 } }), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }) },
  needsToken: { routes: imdsRoutes({ token: { status: 503 }, role: needsToken }), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }) },
  K21: { routes: imdsRoutes({ role: { body: 'myrole\nother' } }), env: at },
  K16: { routes: imdsRoutes({ role: { body: '' } }), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }) },
  K18: { routes: imdsRoutes({ creds: { body: '{not json' } }), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }) },
  K04: { routes: imdsRoutes({ creds: { body: JSON.stringify(CREDS_WITHOUT_TOKEN) } }), env: at },
  K14: { routes: imdsRoutes({ creds: { body: JSON.stringify({ Code: 'AssumeRoleUnauthorizedAccess', Message: 'EC2 cannot assume the role' }) } }), env: at },
  ...Object.fromEntries(CHOKING_BODIES.map(([body], i) => [`chokes${i}`, { routes: imdsRoutes({ creds: { body } }), env: at }])),
  K12: { routes: imdsRoutes({ creds: { body: JSON.stringify({ ...CREDS, Expiration: '2000-01-01T00:00:00Z' }) } }), env: at },
  expiredOtherFormat: { routes: imdsRoutes({ creds: { body: JSON.stringify({ ...CREDS, Expiration: '2000-01-01T00:00:00.000Z' }) } }), env: at },
  K17: { routes: imdsRoutes({ token: { status: 403 } }), env: atWith({ AWS_EC2_METADATA_V1_DISABLED: 'true' }) },
  K19: { routes: imdsRoutes(), env: (s) => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: s.url }) },
  K20: { routes: imdsRoutes(), env: atWith({ AWS_IMDS_USE_IPV6: 'true' }) },
  https: { routes: imdsRoutes(), env: (s) => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `https://127.0.0.1:${s.port}/`, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }) },
  K13: { routes: imdsRoutes(), env: at, closed: true },
  newlineToken: { routes: imdsRoutes({ token: { body: 'a\nb' } }), env: at },
  timeout0: { routes: imdsRoutes(), env: atWith({ AWS_METADATA_SERVICE_TIMEOUT: '0' }) },
  attempts0: { routes: imdsRoutes(), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0' }) },
  attempts0v1off: { routes: imdsRoutes(), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0', AWS_EC2_METADATA_V1_DISABLED: 'True' }) },
};
/** hanging and slow servers: both sides wait TIMING_SCALE of what they ask for */
const TIMING_SCALE = 0.1;
const TIMING: Record<string, BotocoreCase> = {
  K29: { routes: imdsRoutes({ token: { hang: true }, role: { hang: true } }), env: at },
  K28: { routes: imdsRoutes({ token: { hang: true }, role: { hang: true } }), env: atWith({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2', AWS_METADATA_SERVICE_TIMEOUT: '1' }) },
  K23: { routes: imdsRoutes({ token: { delayMs: 1500, body: 'late' } }), env: at },
};

let botocore: Map<string, BotocoreAnswer> | undefined;
beforeAll(async () => {
  if (skipBotocore) return;
  const [flow, timing] = await Promise.all([botocoreOn(FLOW, 1), botocoreOn(TIMING, TIMING_SCALE)]);
  botocore = new Map([...flow, ...timing]);
}, 60_000);

/** credchain on a fresh server with the case's routes and environment (waits scaled like botocore's) */
async function credchainOn(name: string): Promise<SideRun> {
  const c = FLOW[name] ?? TIMING[name];
  const s = await startLoopback(c.routes);
  servers.push(s);
  const env = c.env(s);
  if (c.closed) await s.close();
  const { ctx, asked, sleeps } = scaled(realCtx(env), name in TIMING ? TIMING_SCALE : 1);
  return { o: await load(ctx), s, asked, sleeps };
}

/** botocore on its own server did what credchain did, the token headers included */
const expectBotocoreAgrees = (name: string, r: SideRun, opts: AgreeOptions = {}) =>
  expectBotocoreAgreesOn(botocore, name, r, { headers: ['x-aws-ec2-metadata-token', 'x-aws-ec2-metadata-token-ttl-seconds'], ...opts });

describe('IMDS flow against a loopback server, botocore beside it', () => {
  it('IMDSv2: token PUT with the ttl header, then role and credentials with the token [K01]', async () => {
    const r = await credchainOn('K01');
    const { o, s } = r;
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
    expect(s.requests.every((q) => typeof q.headers['user-agent'] === 'string')).toBe(true);
    expectBotocoreAgrees('K01', r);
  });

  it('token PUT 403 falls back to IMDSv1 without a token header [K02]', async () => {
    const r = await credchainOn('K02');
    expect(r.o.status === 'won' && r.o.reason).toContain('IMDSv1 (token PUT returned 403)');
    expect(r.s.requests.slice(1).map((q) => q.headers['x-aws-ec2-metadata-token'])).toEqual([undefined, undefined]);
    expectBotocoreAgrees('K02', r);
  });

  it('a v1-only server (no token route: 404) works through IMDSv1', async () => {
    const r = await credchainOn('v1only');
    expect(r.o.status === 'won' && r.o.reason).toContain('token PUT returned 404');
    expectBotocoreAgrees('v1only', r);
  });

  it('token PUT 400 gives up at once: skipped, nothing else requested [K03]', async () => {
    const r = await credchainOn('K03');
    expect(r.o.status === 'skipped' && r.o.reason).toMatch(/token PUT .* returned 400/);
    expectBotocoreAgrees('K03', r);
  });

  it('token PUT 500 is retried, then IMDSv1 [K22]', async () => {
    const r = await credchainOn('K22');
    expect(r.o.status === 'won' && r.o.reason).toContain('IMDSv1 (token PUT returned 500, 2 attempts)');
    expectBotocoreAgrees('K22', r);
  });

  it('a server that requires a token (401 on v1 paths) leaves nothing once the token PUT fails', async () => {
    const r = await credchainOn('needsToken');
    expect(r.o.status === 'skipped' && r.o.reason).toBe(
      `IMDS at ${r.s.url}/: GET latest/meta-data/iam/security-credentials/ returned 401 (2 attempts), using IMDSv1 (token PUT returned 503, 2 attempts)`,
    );
    expectBotocoreAgrees('needsToken', r);
  });

  it('the whole role-list body is the role name: two lines do not work [K21]', async () => {
    const r = await credchainOn('K21');
    expect(seen(r.s)[2]).toBe(`GET ${ROLE}myroleother`);
    expectBotocoreAgrees('K21', r);
  });

  it('an empty role list is retried up to num_attempts, then skipped [K16]', async () => {
    const r = await credchainOn('K16');
    expect(r.o.status === 'skipped' && r.o.reason).toContain('returned an empty body (3 attempts)');
    expectBotocoreAgrees('K16', r);
  });

  it('garbage JSON is retried and then skipped [K18]', async () => {
    const r = await credchainOn('K18');
    expect(r.o.status === 'skipped' && r.o.reason).toContain('not JSON (2 attempts)');
    expectBotocoreAgrees('K18', r);
  });

  it('a document without Token is skipped, not an error [K04]', async () => {
    const r = await credchainOn('K04');
    expect(r.o.status === 'skipped' && r.o.reason).toContain('no Token for role myrole');
    expectBotocoreAgrees('K04', r);
  });

  it('a Code/Message error document is skipped and explained [K14]', async () => {
    const r = await credchainOn('K14');
    expect(r.o.status === 'skipped' && r.o.reason).toContain('AssumeRoleUnauthorizedAccess: EC2 cannot assume the role');
    expectBotocoreAgrees('K14', r);
  });

  it.each(CHOKING_BODIES.map(([body, expected], i) => [body, expected, i] as const))('a document botocore chokes on raises as it does: %s', async (_body, expected, i) => {
    const r = await credchainOn(`chokes${i}`);
    expect(r.o.status === 'error' && `${r.o.error.type}: ${r.o.error.message}`).toContain(expected);
    expectBotocoreAgrees(`chokes${i}`, r);
  });

  it('expired credentials are still returned, their expiry extended [K12]', async () => {
    const r = await credchainOn('K12');
    expect(r.o.status === 'won' && r.o.credentials.expiration).toBe('2000-01-01T00:00:00Z');
    expect(r.o.notes?.join('\n')).toMatch(/botocore still uses them and moves their expiry/);
    expectBotocoreAgrees('K12', r);
  });

  it('an Expiration 20 minutes away may or may not be extended (random jitter): said so', async () => {
    const soon = new Date(Date.now() + 20 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const s = await imds({ creds: { body: JSON.stringify({ ...CREDS, Expiration: soon }) } });
    const o = await load(realCtx(at(s)));
    expect(o.status === 'won' && o.credentials.expiration).toBe(soon);
    expect(o.notes?.join('\n')).toContain('may move it');
  });

  it('an expired Expiration in another format is not extended: RuntimeError at access', async () => {
    const r = await credchainOn('expiredOtherFormat');
    expect(r.o.status).toBe('won');
    expect(r.o.notes?.join('\n')).toMatch(/RuntimeError/);
    expectBotocoreAgrees('expiredOtherFormat', r);
  });

  it('IMDSv1 disabled and token 403: MetadataRetrievalError, only the PUT made [K17]', async () => {
    const r = await credchainOn('K17');
    expect(r.o.status === 'error' && r.o.error.message).toContain('IMDSv1 has been disabled');
    expectBotocoreAgrees('K17', r);
  });

  it('an endpoint without a trailing slash works [K19]; a custom endpoint beats IPv6 mode [K20]', async () => {
    const k19 = await credchainOn('K19');
    expect(k19.o.status).toBe('won');
    expectBotocoreAgrees('K19', k19);
    const k20 = await credchainOn('K20');
    expect(k20.o.notes?.join('\n')).toContain('custom endpoint is used');
    expectBotocoreAgrees('K20', k20);
  });

  it('https to a plain-http server is SSLError, not retried', async () => {
    const r = await credchainOn('https');
    expect(r.o.status === 'error' && r.o.error.type).toBe('SSLError');
    // the TLS library's own words differ (OpenSSL through Python vs Node); the exception and requests do not
    expectBotocoreAgrees('https', r, { message: false });
  });

  it('a connection refused at every step is skipped [K13]', async () => {
    const r = await credchainOn('K13');
    expect(r.o.status === 'skipped' && r.o.reason).toContain('could not be reached (1 attempt)');
    expectBotocoreAgrees('K13', r);
  });

  it('a token with a newline is HTTPClientError before any GET', async () => {
    const r = await credchainOn('newlineToken');
    expect(r.o.status === 'error' && `${r.o.error.type}: ${r.o.error.message}`).toBe(
      "HTTPClientError: An HTTP Client raised an unhandled exception: Invalid header value b'a\\nb'",
    );
    // botocore enters its HTTP session for the GET and urllib3 refuses the header there, before anything is sent;
    // credchain refuses it before its transport: the same requests reach the server, one fewer send is counted
    expectBotocoreAgrees('newlineToken', r, { timeouts: false });
  });

  it('timeout 0 is HTTPClientError from urllib3; 0 attempts make no request at all', async () => {
    const zero = await credchainOn('timeout0');
    expect(zero.o.status === 'error' && zero.o.error.type).toBe('HTTPClientError');
    // urllib3 refuses the 0 s timeout inside botocore's send; credchain before its transport: nothing is sent either way
    expect(zero.s.requests).toHaveLength(0);
    expectBotocoreAgrees('timeout0', zero, { timeouts: false });
    const none = await credchainOn('attempts0');
    expect(none.o.status).toBe('skipped');
    expect(none.s.requests).toHaveLength(0);
    expectBotocoreAgrees('attempts0', none);
    const v1off = await credchainOn('attempts0v1off');
    expect(v1off.o.status === 'error' && v1off.o.error.type).toBe('MetadataRetrievalError');
    expectBotocoreAgrees('attempts0v1off', v1off);
  });
});

describe('IMDS timing: timeout × attempts, never more (both sides wait a tenth, requests and timeouts counted)', () => {
  it('defaults (1 s, 1 attempt) on a hanging server: one token timeout, one GET timeout [K29]', async () => {
    const r = await credchainOn('K29');
    expect(r.o.status === 'skipped' && r.o.reason).toBe(
      `IMDS at ${r.s.url}/: GET latest/meta-data/iam/security-credentials/ did not answer within 1 s (1 attempt), using IMDSv1 (token PUT timed out after 1 s)`,
    );
    expect(r.asked.map((q) => `${q.method} ${q.timeoutMs}`)).toEqual(['PUT 1000', 'GET 1000']);
    // no waiting besides the two timeouts: nothing slept
    expect(r.sleeps).toEqual([]);
    expectBotocoreAgrees('K29', r);
  });

  it('timeout 1, attempts 2: the token read timeout is not retried, the GET is [K28]', async () => {
    const r = await credchainOn('K28');
    expect(r.o.status).toBe('skipped');
    expect(r.asked.map((q) => q.method)).toEqual(['PUT', 'GET', 'GET']);
    expectBotocoreAgrees('K28', r);
  });

  it('a slow token PUT falls back to IMDSv1 [K23]', async () => {
    const r = await credchainOn('K23');
    expect(r.o.status === 'won' && r.o.reason).toContain('IMDSv1 (token PUT timed out');
    expectBotocoreAgrees('K23', r);
  });

  it('--imds-timeout bounds each request and is noted', async () => {
    const s = await imds({ token: { hang: true }, role: { hang: true } });
    const { ctx, asked, sleeps } = scaled(realCtx(at(s)), 1);
    const o = await load(ctx, { imdsTimeoutSec: 0.1 });
    // every request carries the 0.1 s bound, and nothing else waits
    expect(asked.map((q) => `${q.method} ${q.timeoutMs}`)).toEqual(['PUT 100', 'GET 100']);
    expect(sleeps).toEqual([]);
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
