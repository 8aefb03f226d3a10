// ECS / EKS container credentials (`container-role`) as botocore 1.43.11 fetches them: URL choice, host allow-list
// before any request, Authorization from the token file or variable, 3 attempts with 1 s sleeps, and the Python
// errors for odd responses. Real requests go only to 127.0.0.1 loopback servers; the RELATIVE_URI address
// (169.254.170.2) is only ever given to a fake HTTP function.
import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from '../../src/chain/session';
import { HttpError, type Context, type HttpRequest } from '../../src/context';
import { nodeContext } from '../../src/nodeContext';
import { containerRoleSource } from '../../src/providers/containerRole';
import { imdsSettings } from '../../src/providers/instanceMetadata';
import { containerUrl, validateAllowedUrl } from '../../src/aws/containerClient';
import { BotoError } from '../../src/errors';
import { startLoopback, type LoopbackServer, type Route } from '../support/loopback';
import { memContext } from '../support/memContext';

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

describe('container credentials from a loopback FULL_URI', () => {
  it('fetches with Accept: application/json and wins [J01]', async () => {
    const s = await endpoint({ body: JSON.stringify({ ...CREDS, AccountId: '123456789012' }) });
    const o = await load(ctxFor(full(s)).ctx);
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
  });

  it('sends AWS_CONTAINER_AUTHORIZATION_TOKEN as Authorization, even when empty [J02]', async () => {
    const s = await endpoint();
    await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer xyz' }).ctx);
    await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN: '' }).ctx);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual(['Bearer xyz', '']);
  });

  it('the token file wins over the variable and is re-read on every fetch [J08]', async () => {
    const s = await endpoint();
    const file = path.join(tmp, 'ctok');
    fs.writeFileSync(file, 'filetoken');
    const { ctx } = ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'envtoken' });
    const o = await load(ctx);
    expect(o.status === 'won' && o.reason).toContain(`Authorization from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (${file})`);
    fs.writeFileSync(file, 'rotated');
    await load(ctx);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual(['filetoken', 'rotated']);
  });

  it('CR or LF in the token is ValueError before any request; a trailing newline in the file is named [J14]', async () => {
    const s = await endpoint();
    const env = await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\nb' }).ctx);
    expect(failed(env)).toMatch(/^ValueError: Auth token value is not a legal header value/);
    const file = path.join(tmp, 'nl');
    fs.writeFileSync(file, 'token\n');
    const fromFile = await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file }).ctx);
    expect(failed(fromFile)).toContain('ends with a newline');
    expect(s.requests).toHaveLength(0);
  });

  it('a missing token file is FileNotFoundError, raised before the host check', async () => {
    const o = await load(memContext({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/c', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/nonexistent/x' } }));
    expect(failed(o)).toMatch(/^FileNotFoundError: \[Errno 2\] No such file or directory: '\/nonexistent\/x'/);
  });

  it('500 three times: CredentialRetrievalError after 3 requests and a 1 s sleep after each [J04]', async () => {
    const s = await endpoint({ status: 500, body: 'err' });
    const { ctx, sleeps } = ctxFor(full(s));
    const o = await load(ctx);
    expect(failed(o)).toBe(
      'CredentialRetrievalError: Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response 500 from container metadata: err',
    );
    expect(o.status === 'error' && o.reason).toContain('after 3 attempts');
    expect(s.requests).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('a failure then success is retried once [J04]', async () => {
    const s = await endpoint([{ status: 503 }, { body: JSON.stringify(CREDS) }]);
    const { ctx, sleeps } = ctxFor(full(s));
    expect((await load(ctx)).status).toBe('won');
    expect(s.requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('a body that is not JSON is retried, then CredentialRetrievalError [J05]', async () => {
    const s = await endpoint({ body: '<html>' });
    const o = await load(ctxFor(full(s)).ctx);
    expect(failed(o)).toContain('Unable to parse JSON returned from container metadata services');
    expect(s.requests).toHaveLength(3);
  });

  it('a connection refused: CredentialRetrievalError naming the URL [J09]', async () => {
    const s = await endpoint();
    await s.close();
    const o = await load(ctxFor(full(s)).ctx);
    expect(failed(o)).toContain(`Received error when attempting to retrieve container metadata: Could not connect to the endpoint URL: "${s.url}/creds"`);
  });

  it('a hanging endpoint costs 3 × (2 s timeout + 1 s sleep), never more', async () => {
    const s = await endpoint({ hang: true });
    const asked: HttpRequest[] = [];
    const { ctx: base, sleeps } = ctxFor(full(s), 0.05);
    const ctx: Context = { ...base, http: (req) => (asked.push(req), base.http({ ...req, timeoutMs: req.timeoutMs * 0.05 })) };
    const t0 = Date.now();
    const o = await load(ctx);
    expect(failed(o)).toContain(`Read timeout on endpoint URL: "${s.url}/creds"`);
    expect(asked.map((r) => r.timeoutMs)).toEqual([2000, 2000, 2000]);
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(Date.now() - t0).toBeLessThan(9000 * 0.05 + 1500);
  });

  it('a missing Token is KeyError [J06]', async () => {
    const { Token: _, ...rest } = CREDS;
    const s = await endpoint({ body: JSON.stringify(rest) });
    expect(failed(await load(ctxFor(full(s)).ctx))).toMatch(/^KeyError: 'Token'/);
  });

  it.each([
    ['[1]', 'TypeError: list indices must be integers or slices, not str'],
    ['5', "TypeError: 'int' object is not subscriptable"],
    ['5.0', "TypeError: 'float' object is not subscriptable"],
    ['null', "TypeError: 'NoneType' object is not subscriptable"],
    [JSON.stringify({ ...CREDS, Expiration: 'garbage' }), 'ParserError: Unknown string format: garbage'],
    [JSON.stringify({ ...CREDS, Expiration: 5 }), 'TypeError: Parser must be a string or character stream, not int'],
  ])('%s raises as botocore does', async (body, expected) => {
    const s = await endpoint({ body });
    expect(failed(await load(ctxFor(full(s)).ctx))).toContain(expected);
  });

  it('an Expiration in the past wins now and notes RuntimeError at access [J11]; a naive one notes TypeError [J20]', async () => {
    const past = await endpoint({ body: JSON.stringify({ ...CREDS, Expiration: '2000-01-01T00:00:00Z' }) });
    const o = await load(ctxFor(full(past)).ctx);
    expect(o.status).toBe('won');
    expect(o.notes?.join('\n')).toContain('RuntimeError');
    const naive = await endpoint({ body: JSON.stringify({ ...CREDS, Expiration: '2099-01-01T00:00:00' }) });
    const n = await load(ctxFor(full(naive)).ctx);
    expect(n.status === 'won' && n.credentials.expiration).toBe('2099-01-01T00:00:00');
    expect(n.notes?.join('\n')).toContain('TypeError');
  });

  it('https to a plain-http server is SSLError, raised at once [J19]', async () => {
    const s = await endpoint();
    const o = await load(ctxFor({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `https://127.0.0.1:${s.port}/creds` }).ctx);
    expect(o.status === 'error' && o.error.type).toBe('SSLError');
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
  it('a non-latin-1 token is HTTPClientError as urllib3 raises it; a control character is a credchain limitation', async () => {
    const s = await endpoint();
    const euro = await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\u20acb' }).ctx);
    expect(failed(euro)).toBe(
      "HTTPClientError: An HTTP Client raised an unhandled exception: 'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)",
    );
    const ctrl = await load(ctxFor({ ...full(s), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\u0001b' }).ctx);
    expect(ctrl.status === 'error' && ctrl.error.type).toBe('CredchainUnsupported');
    expect(s.requests).toHaveLength(0);
  });
});
