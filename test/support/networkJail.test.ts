// The network jail is on in every test file (vitest.config.mts → setupNetworkJail.ts): public names and addresses
// fail at once with a message naming the host, through every client the code uses, while loopback works.
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { startLoopback } from './loopback';
import { CLOSED_ENDPOINT, NetworkJailError, isLoopbackHost, jailedEnv } from './networkJail';

// TEST-NET-3 (RFC 5737): public address space that routes nowhere, so even a broken jail sends nothing that arrives
const PUBLIC_IP = '203.0.113.7';
const jailMessage = (host: string) => new RegExp(`^network jail: .*${host.replace(/\./g, '\\.')} refused: tests talk to loopback`);

/** the jail error behind an error a client wrapped (fetch's "fetch failed", the SDK's own wrapping) */
function rootCause(e: unknown): unknown {
  let c = e;
  for (let i = 0; i < 5 && c instanceof Error && !(c instanceof NetworkJailError) && c.cause; i++) c = c.cause;
  return c;
}

describe('the network jail, in-process', () => {
  it('is installed by the setup file', () => {
    expect((dns.lookup as unknown as { jailed?: boolean }).jailed).toBe(true);
    expect((net.Socket.prototype.connect as unknown as { jailed?: boolean }).jailed).toBe(true);
  });

  it('a DNS lookup of a public name throws, naming the host', async () => {
    expect(() => dns.lookup('sts.amazonaws.com', () => {})).toThrow(jailMessage('sts.amazonaws.com'));
    await expect(dns.promises.lookup('sts.us-east-1.amazonaws.com')).rejects.toThrow(jailMessage('sts.us-east-1.amazonaws.com'));
    expect(() => dns.resolve4('portal.sso.us-east-1.amazonaws.com', () => {})).toThrow(NetworkJailError);
    await expect(new dns.promises.Resolver().resolveTxt('amazonaws.com')).rejects.toThrow(NetworkJailError);
  });

  it('a connection to a public IP literal or name throws the same way, through net, tls, http and https', () => {
    expect(() => net.connect({ host: PUBLIC_IP, port: 443 })).toThrow(jailMessage(PUBLIC_IP));
    expect(() => net.connect(80, PUBLIC_IP)).toThrow(jailMessage(PUBLIC_IP));
    expect(() => new net.Socket().connect(80, PUBLIC_IP)).toThrow(jailMessage(PUBLIC_IP));
    expect(() => tls.connect({ host: 'sts.amazonaws.com', port: 443 })).toThrow(jailMessage('sts.amazonaws.com'));
    expect(() => http.get(`http://${PUBLIC_IP}/latest/meta-data/`)).toThrow(jailMessage(PUBLIC_IP));
    expect(() => https.get('https://sts.amazonaws.com/')).toThrow(jailMessage('sts.amazonaws.com'));
    expect(() => net.connect({ host: '2001:db8::1', port: 443 })).toThrow(jailMessage('2001:db8::1'));
  });

  it('fetch (undici) fails with the jail error as its cause', async () => {
    const e = await fetch('https://sts.amazonaws.com/').catch((x: unknown) => x);
    expect(rootCause(e)).toBeInstanceOf(NetworkJailError);
    expect((rootCause(e) as Error).message).toMatch(jailMessage('sts.amazonaws.com'));
  });

  it("the AWS SDK's node-http-handler fails with the jail error for the default STS endpoint", async () => {
    const sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAJAILTEST00000001', secretAccessKey: 'jail' }, maxAttempts: 1 });
    const e = await sts.send(new GetCallerIdentityCommand({})).catch((x: unknown) => x);
    sts.destroy();
    expect((rootCause(e) as Error).message).toMatch(jailMessage('sts.us-east-1.amazonaws.com'));
  });

  it('loopback still works: 127.0.0.1 through fetch and http, localhost through the resolver', async () => {
    const server = await startLoopback({ 'GET /ok': { body: 'yes' } }, { lifetimeMs: 10_000 });
    try {
      expect(await (await fetch(`${server.url}/ok`)).text()).toBe('yes');
      const viaHttp = await new Promise<number | undefined>((resolve, reject) => http.get(`${server.url}/ok`, (res) => (res.resume(), resolve(res.statusCode))).on('error', reject));
      expect(viaHttp).toBe(200);
      expect((await dns.promises.lookup('localhost')).address).toMatch(/^(127\.0\.0\.1|::1)$/);
      expect(server.requests.map((r) => r.path)).toEqual(['/ok', '/ok']);
    } finally {
      await server.close();
    }
  });

  it('what counts as loopback', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['169.254.169.254', '10.0.0.1', '0.0.0.0', '::', '::ffff:8.8.8.8', '128.0.0.1', 'localhost.amazonaws.com', 'sts.localhost', 'sts.amazonaws.com', '1.127.0.0']) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('the defaults every spawned credchain inherits', () => {
  it('instance metadata off and the configured endpoints at a closed loopback port', () => {
    expect(jailedEnv({ HOME: '/h' })).toEqual({ HOME: '/h', AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: CLOSED_ENDPOINT });
    expect(jailedEnv({}, { imds: true })).toEqual({ AWS_ENDPOINT_URL: CLOSED_ENDPOINT, AWS_EC2_METADATA_SERVICE_ENDPOINT: CLOSED_ENDPOINT });
  });

  it("a test's own values win, and undefined removes a default", () => {
    expect(jailedEnv({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000', AWS_EC2_METADATA_DISABLED: 'false' })).toEqual({
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000',
      AWS_EC2_METADATA_DISABLED: 'false',
      AWS_ENDPOINT_URL: CLOSED_ENDPOINT,
    });
    expect(jailedEnv({ AWS_ENDPOINT_URL: undefined })).toEqual({ AWS_EC2_METADATA_DISABLED: 'true' });
  });

  it('the closed port refuses at once (fetch will not even try port 1; node:http, as credchain uses, is refused)', async () => {
    const e = await new Promise<NodeJS.ErrnoException>((resolve, reject) => http.get(CLOSED_ENDPOINT, () => reject(new Error('answered'))).on('error', resolve));
    expect(e.code).toBe('ECONNREFUSED');
  });
});
