// ECS / EKS container credentials (`container-role`) as botocore 1.43.11 fetches them: URL choice, host allow-list
// before any request, Authorization from the token file or variable, 3 attempts with 1 s sleeps, and the Python
// errors for odd responses. The loopback tests run real botocore against a server with the same route
// (botocoreSide.ts) and compare the outcome, the exception and its message, the requests each server counted, and
// the timeouts and sleeps asked for. Real requests go only to 127.0.0.1 loopback servers; the RELATIVE_URI address
// (169.254.170.2) is only ever given to a fake HTTP function.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from '../../src/config/session';
import { HttpError, type Context, type HttpRequest } from '../../src/core/context';
import { nodeContext } from '../../src/core/nodeContext';
import { containerRoleSource } from '../../src/providers/containerRole';
import { imdsSettings } from '../../src/providers/instanceMetadata';
import { containerUrl, validateAllowedUrl } from '../../src/aws/containerClient';
import { BotoError } from '../../src/core/errors';
import { startLoopback, type LoopbackServer, type Route } from '../support/loopback';
import { memContext } from '../support/memContext';
import { botocoreOn, expectBotocoreAgrees as expectBotocoreAgreesOn, skipBotocore, type AgreeOptions, type BotocoreAnswer, type BotocoreCase, type SideRun } from './botocoreSide';

const CREDS = { AccessKeyId: 'AK_ECS', SecretAccessKey: 'SK_ECS', Token: 'TOK_ECS', Expiration: '2099-01-01T00:00:00Z' };
const servers: LoopbackServer[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-ecs-'));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function endpoint(route: Route = { body: JSON.stringify(CREDS) }): Promise<LoopbackServer> {
  const s = await startLoopback({ 'GET /creds': route });
  servers.push(s);
  return s;
}

/** a real context (loopback HTTP, real files) whose sleeps are recorded and scaled down */
function ctxFor(env: Record<string, string>, sleepFactor = 0) {
  const sleeps: number[] = [];
  const real = nodeContext({ env: { HOME: tmp, AWS_CONFIG_FILE: path.join(tmp, 'none'), ...env } });
  const ctx: Context = {
    ...real,
    sleep: (ms) => {
      sleeps.push(ms);
      return real.sleep(ms * sleepFactor);
    },
  };
  return { ctx, sleeps };
}

function load(ctx: Context, inspecting = false) {
  return containerRoleSource({ session: new Session(ctx), inspecting, imds: imdsSettings.inert() });
}

const full = (s: LoopbackServer) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${s.url}/creds` });
const failed = (o: Awaited<ReturnType<typeof load>>) => (o.status === 'error' ? `${o.error.type}: ${o.error.message}` : `status ${o.status}`);
const fullWith = (extra: Record<string, string>) => (s: LoopbackServer) => ({ ...full(s), ...extra });
const route = (r: Route) => ({ 'GET /creds': r });
const OK = route({ body: JSON.stringify(CREDS) });
const tokenFile = (name: string, content: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};
const { Token: _noToken, ...CREDS_WITHOUT_TOKEN } = CREDS;
const ODD_BODIES: [string, string][] = [
  ['[1]', 'TypeError: list indices must be integers or slices, not str'],
  ['5', "TypeError: 'int' object is not subscriptable"],
  ['5.0', "TypeError: 'float' object is not subscriptable"],
  ['null', "TypeError: 'NoneType' object is not subscriptable"],
  [JSON.stringify({ ...CREDS, Expiration: 'garbage' }), 'ParserError: Unknown string format: garbage'],
  [JSON.stringify({ ...CREDS, Expiration: 5 }), 'TypeError: Parser must be a string or character stream, not int'],
];

/** the scenarios botocore runs too, each against its own server with this route */
const FLOW: Record<string, BotocoreCase> = {
  J01: { routes: route({ body: JSON.stringify({ ...CREDS, AccountId: '123456789012' }) }), env: full },
  J02: { routes: OK, env: fullWith({ AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer xyz' }) },
  J02empty: { routes: OK, env: fullWith({ AWS_CONTAINER_AUTHORIZATION_TOKEN: '' }) },
  J08: { routes: OK, env: fullWith({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile('ctok', 'filetoken'), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'envtoken' }) },
  J14: { routes: OK, env: fullWith({ AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\nb' }) },
  J14file: { routes: OK, env: fullWith({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile('nl', 'token\n') }) },
  J04: { routes: route({ status: 500, body: 'err' }), env: full },
  J04once: { routes: route([{ status: 503 }, { body: JSON.stringify(CREDS) }]), env: full },
  J05: { routes: route({ body: '<html>' }), env: full },
  J09: { routes: OK, env: full, closed: true },
  J06: { routes: route({ body: JSON.stringify(CREDS_WITHOUT_TOKEN) }), env: full },
  ...Object.fromEntries(ODD_BODIES.map(([body], i) => [`odd${i}`, { routes: route({ body }), env: full }])),
  J11: { routes: route({ body: JSON.stringify({ ...CREDS, Expiration: '2000-01-01T00:00:00Z' }) }), env: full },
  J20: { routes: route({ body: JSON.stringify({ ...CREDS, Expiration: '2099-01-01T00:00:00' }) }), env: full },
  J19: { routes: OK, env: (s) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `https://127.0.0.1:${s.port}/creds` }) },
  euro: { routes: OK, env: fullWith({ AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\u20acb' }) },
};
/** a hanging endpoint: both sides wait HANG_SCALE of the timeouts and sleeps they ask for */
const HANG_SCALE = 0.05;
const HANG: Record<string, BotocoreCase> = { hang: { routes: route({ hang: true }), env: full } };

let botocore: Map<string, BotocoreAnswer> | undefined;
beforeAll(async () => {
  if (skipBotocore) return;
  const [flow, hang] = await Promise.all([botocoreOn(FLOW, 1), botocoreOn(HANG, HANG_SCALE)]);
  botocore = new Map([...flow, ...hang]);
}, 60_000);

/** credchain on a fresh server with the case's route and environment; its sleeps are recorded, not slept (except when hanging) */
async function credchainOn(name: string): Promise<SideRun> {
  const c = FLOW[name] ?? HANG[name];
  const s = await startLoopback(c.routes);
  servers.push(s);
  const env = c.env(s);
  if (c.closed) await s.close();
  const scale = name in HANG ? HANG_SCALE : 0;
  const asked: HttpRequest[] = [];
  const { ctx: base, sleeps } = ctxFor(env, scale);
  const ctx: Context = { ...base, http: (req) => (asked.push(req), base.http(scale ? { ...req, timeoutMs: req.timeoutMs * scale } : req)) };
  return { o: await load(ctx), s, asked, sleeps };
}

/** botocore on its own server did what credchain did, Accept and Authorization included */
const expectBotocoreAgrees = (name: string, r: SideRun, opts: AgreeOptions = {}) =>
  expectBotocoreAgreesOn(botocore, name, r, { headers: ['accept', 'authorization'], ...opts });

describe('container credentials from a loopback FULL_URI, botocore beside it', () => {
  it('fetches with Accept: application/json and wins [J01]', async () => {
    const r = await credchainOn('J01');
    const { o, s } = r;
    expect(o.status).toBe('won');
    if (o.status !== 'won') return;
    expect(o.credentials).toEqual({
      method: 'container-role',
      accessKeyId: 'AK_ECS',
      secretAccessKey: 'SK_ECS',
      sessionToken: 'TOK_ECS',
      expiration: '2099-01-01T00:00:00Z',
      accountId: '123456789012',
      location: { url: `${s.url}/creds` },
    });
    expect(o.reason).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0].headers.accept).toBe('application/json');
    expect(s.requests[0].headers.authorization).toBeUndefined();
    expectBotocoreAgrees('J01', r);
  });

  it('sends AWS_CONTAINER_AUTHORIZATION_TOKEN as Authorization, even when empty [J02]', async () => {
    const r = await credchainOn('J02');
    expect(r.s.requests[0].headers.authorization).toBe('Bearer xyz');
    expectBotocoreAgrees('J02', r);
    const empty = await credchainOn('J02empty');
    expect(empty.s.requests[0].headers.authorization).toBe('');
    expectBotocoreAgrees('J02empty', empty);
  });

  it('the token file wins over the variable [J08] and is re-read on every fetch', async () => {
    const r = await credchainOn('J08');
    const file = FLOW.J08.env(r.s).AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
    expect(r.o.status === 'won' && r.o.reason).toContain(`Authorization from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${file})`);
    expectBotocoreAgrees('J08', r);
    const s = await endpoint();
    const rotating = path.join(tmp, 'rotating');
    fs.writeFileSync(rotating, 'first');
    const { ctx } = ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: rotating });
    await load(ctx);
    fs.writeFileSync(rotating, 'rotated');
    await load(ctx);
    expect(s.requests.map((q) => q.headers.authorization)).toEqual(['first', 'rotated']);
  });

  it('CR or LF in the token is ValueError before any request; a trailing newline in the file is named [J14]', async () => {
    const env = await credchainOn('J14');
    expect(failed(env.o)).toMatch(/^ValueError: Auth token value is not a legal header value/);
    expectBotocoreAgrees('J14', env);
    const fromFile = await credchainOn('J14file');
    expect(failed(fromFile.o)).toContain('ends with a newline');
    expect(fromFile.s.requests).toHaveLength(0);
    expectBotocoreAgrees('J14file', fromFile);
  });

  it('a missing token file is FileNotFoundError, raised before the host check', async () => {
    const o = await load(memContext({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/c', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/nonexistent/x' } }));
    expect(failed(o)).toMatch(/^FileNotFoundError: \[Errno 2\] No such file or directory: '\/nonexistent\/x'/);
  });

  it('500 three times: CredentialRetrievalError after 3 requests and a 1 s sleep after each [J04]', async () => {
    const r = await credchainOn('J04');
    expect(failed(r.o)).toBe(
      'CredentialRetrievalError: Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response 500 from container metadata: err',
    );
    expect(r.o.status === 'error' && r.o.reason).toContain('after 3 attempts');
    expect(r.sleeps).toEqual([1000, 1000, 1000]);
    expectBotocoreAgrees('J04', r);
  });

  it('a failure then success is retried once [J04]', async () => {
    const r = await credchainOn('J04once');
    expect(r.o.status).toBe('won');
    expect(r.s.requests).toHaveLength(2);
    expectBotocoreAgrees('J04once', r);
  });

  it('a body that is not JSON is retried, then CredentialRetrievalError [J05]', async () => {
    const r = await credchainOn('J05');
    expect(failed(r.o)).toContain('Unable to parse JSON returned from container metadata services');
    expectBotocoreAgrees('J05', r);
  });

  it('a connection refused: CredentialRetrievalError naming the URL [J09]', async () => {
    const r = await credchainOn('J09');
    expect(failed(r.o)).toContain(`Received error when attempting to retrieve container metadata: Could not connect to the endpoint URL: "${r.s.url}/creds"`);
    expectBotocoreAgrees('J09', r);
  });

  it('a hanging endpoint costs 3 × (2 s timeout + 1 s sleep), never more (both sides wait a twentieth)', async () => {
    const r = await credchainOn('hang');
    expect(failed(r.o)).toContain(`Read timeout on endpoint URL: "${r.s.url}/creds"`);
    expect(r.asked.map((q) => q.timeoutMs)).toEqual([2000, 2000, 2000]);
    expect(r.sleeps).toEqual([1000, 1000, 1000]);
    expectBotocoreAgrees('hang', r);
  });

  it('a missing Token is KeyError [J06]', async () => {
    const r = await credchainOn('J06');
    expect(failed(r.o)).toMatch(/^KeyError: 'Token'/);
    expectBotocoreAgrees('J06', r);
  });

  it.each(ODD_BODIES.map(([body, expected], i) => [body, expected, i] as const))('%s raises as botocore does', async (_body, expected, i) => {
    const r = await credchainOn(`odd${i}`);
    expect(failed(r.o)).toContain(expected);
    expectBotocoreAgrees(`odd${i}`, r);
  });

  it('an Expiration in the past wins now and notes RuntimeError at access [J11]; a naive one notes TypeError [J20]', async () => {
    const past = await credchainOn('J11');
    expect(past.o.status).toBe('won');
    expect(past.o.notes?.join('\n')).toContain('RuntimeError');
    expectBotocoreAgrees('J11', past);
    const naive = await credchainOn('J20');
    expect(naive.o.status === 'won' && naive.o.credentials.expiration).toBe('2099-01-01T00:00:00');
    expect(naive.o.notes?.join('\n')).toContain('TypeError');
    expectBotocoreAgrees('J20', naive);
  });

  it('https to a plain-http server is SSLError, raised at once [J19]', async () => {
    const r = await credchainOn('J19');
    expect(r.o.status === 'error' && r.o.error.type).toBe('SSLError');
    // the TLS library's own words differ (OpenSSL through Python vs Node); the exception and requests do not
    expectBotocoreAgrees('J19', r, { message: false });
  });

  it('127.0.0.2 passes the allow-list and is contacted [J15]', async () => {
    // no packet leaves for 127.0.0.2 (tests talk to 127.0.0.1 only): the transport records the URL and refuses
    const { ctx } = ctxFor({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.2:9/creds' });
    const urls: string[] = [];
    const o = await load({
      ...ctx,
      http: async (req) => {
        urls.push(req.url);
        throw new HttpError('connect', `connect ECONNREFUSED 127.0.0.2:9`);
      },
    });
    expect(urls[0]).toBe('http://127.0.0.2:9/creds');
    expect(failed(o)).toContain('Could not connect to the endpoint URL: "http://127.0.0.2:9/creds"');
  });
});

describe('which URL, which host: decided before any request', () => {
  it('no URI variable: skipped; a stray token variable is noted', async () => {
    const o = await load(memContext({ env: { AWS_CONTAINER_AUTHORIZATION_TOKEN: 't' } }));
    expect(o.status).toBe('skipped');
    expect(o.notes?.[0]).toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN set without a container credentials URI');
  });

  it('RELATIVE_URI wins over FULL_URI and targets 169.254.170.2 (fake HTTP only) [J16]', async () => {
    expect(containerUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1/x' })).toEqual({
      url: 'http://169.254.170.2/v2/creds',
      from: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    });
    const ctx = memContext({
      env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/x' },
      http: async () => ({ status: 200, headers: {}, body: JSON.stringify(CREDS) }),
    });
    const o = await load(ctx);
    expect(o.status === 'won' && o.credentials.location).toEqual({ url: 'http://169.254.170.2/v2/creds' });
    expect(o.notes?.[0]).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI is ignored');
    expect(ctx.requests.map((r) => r.url)).toEqual(['http://169.254.170.2/v2/creds']);
  });

  it('a RELATIVE_URI is host-checked too: "@example.com/x" is ValueError', async () => {
    const ctx = memContext({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '@example.com/x' } });
    expect(failed(await load(ctx))).toMatch(/^ValueError: Unsupported host 'example.com'/);
    expect(ctx.requests).toHaveLength(0);
  });

  it('a disallowed host is ValueError without any request [J03, J17]', async () => {
    const ctx = memContext({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/creds' } });
    const o = await load(ctx);
    expect(failed(o)).toMatch(
      /^ValueError: Unsupported host 'example.com'\. {2}Can only retrieve metadata from a loopback address or one of these hosts: 169\.254\.170\.2, 169\.254\.170\.23, fd00:ec2::23, localhost/,
    );
    expect(ctx.requests).toHaveLength(0);
    const empty = await load(memContext({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '' } }));
    expect(failed(empty)).toMatch(/^ValueError: Unsupported host 'None'/);
  });

  it.each([
    ['http://127.0.0.1:9/c', true],
    ['http://127.0.0.2:9/c', true],
    ['http://[::1]:9/c', true],
    ['http://localhost:9/c', true],
    ['http://LOCALHOST:9/c', true],
    ['http://169.254.170.2/c', true],
    ['http://169.254.170.23/c', true],
    ['http://[fd00:ec2::23]/c', true],
    ['https://anything.example.com/c', true],
    ['https://127.0.0.2:9/c', true],
    ['http://example.com/c', false],
    ['http://127.1/c', false],
    ['http://169.254.169.254/c', false],
    ['', false],
  ])('allow-list: %j → %s [J07, J12, J13, J18]', (url, ok) => {
    let allowed = true;
    try {
      validateAllowedUrl(url, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
    } catch (e) {
      expect(e).toBeInstanceOf(BotoError);
      expect((e as BotoError).type).toBe('ValueError');
      allowed = false;
    }
    expect(allowed).toBe(ok);
  });

  it('inspecting: not-reached, says where it points, no request and no file read', async () => {
    const ctx = memContext({
      env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/creds', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/nonexistent' },
    });
    const o = await load(ctx, true);
    expect(o.status).toBe('not-reached');
    expect(o.status === 'not-reached' && o.reason).toBe(
      'not queried: an earlier source won; AWS_CONTAINER_CREDENTIALS_FULL_URI points at http://example.com/creds',
    );
    expect(o.notes?.join('\n')).toContain('would raise ValueError');
    expect(ctx.requests).toHaveLength(0);
  });
});

describe('header values Python and Node treat differently', () => {
  it('a non-latin-1 token is HTTPClientError as urllib3 raises it', async () => {
    const r = await credchainOn('euro');
    expect(failed(r.o)).toBe(
      "HTTPClientError: An HTTP Client raised an unhandled exception: 'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)",
    );
    expect(r.s.requests).toHaveLength(0);
    // botocore enters its HTTP session and fails encoding there; credchain refuses before its transport
    expectBotocoreAgrees('euro', r, { timeouts: false });
  });

  it('a control character in the token is a credchain limitation, said so, nothing sent', async () => {
    const s = await endpoint();
    const ctrl = await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\u0001b' }).ctx);
    expect(ctrl.status === 'error' && ctrl.error.type).toBe('CredchainUnsupported');
    expect(s.requests).toHaveLength(0);
  });
});
