// The network jail: tests talk to loopback only. In-process, every DNS query for a name other than "localhost" and
// every TCP/TLS/UDP connection to an address outside 127.0.0.0/8 and ::1 throws a NetworkJailError naming the host,
// before a packet leaves (vitest.config.mts installs it for every test file through setupNetworkJail.ts). fetch
// (undici), http/https, http2 and the AWS SDK's node-http-handler all end in net.Socket.prototype.connect, so
// patching it and the dns module covers them. Spawned credchain processes get `jailedEnv`: instance metadata
// disabled and the configured endpoints pointed at a closed loopback port unless the test sets its own.
// the default imports are the modules' own (writable) export objects, the ones require() and net itself use
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/** a loopback port nothing listens on (port 1, tcpmux, is privileged and unused): connections are refused at once */
export const CLOSED_ENDPOINT = 'http://127.0.0.1:1';

export class NetworkJailError extends Error {
  readonly code = 'ERR_NETWORK_JAIL';
  constructor(
    readonly what: string,
    readonly host: string,
  ) {
    super(`network jail: ${what} ${host} refused: tests talk to loopback (127.0.0.1) only; point the code under test at a loopback stand-in (test/support/loopback.ts or moto.ts)`);
    this.name = 'NetworkJailError';
  }
}

/**
 * "localhost", 127.0.0.0/8, ::1 and 127.x written as an IPv4-mapped IPv6 address. Not "*.localhost": a resolver
 * without RFC 6761 handling sends that name to the network's DNS.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  if (net.isIPv4(v4)) return v4.split('.')[0] === '127';
  if (net.isIPv6(h)) return /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(h);
  return false;
}

function check(what: string, host: unknown): void {
  // no host means localhost to net, dgram and dns alike
  if (host === undefined || host === null || host === '') return;
  if (!isLoopbackHost(String(host))) throw new NetworkJailError(what, String(host));
}

/** the host a net.Socket#connect call names, or undefined for a local (IPC) path; every signature net accepts */
function connectHost(args: unknown[]): string | undefined {
  // net.connect() hands its already-normalized [options, cb] array in as the first argument
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') {
    const o = first as { path?: unknown; host?: unknown };
    if (o.path !== undefined && o.path !== null) return undefined;
    return o.host === undefined || o.host === null ? 'localhost' : String(o.host);
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // connect(path)
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

const RESOLVERS = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];

type Fn = (...args: unknown[]) => unknown;

/** wraps obj[name] so its first argument must be a loopback host; `async`: report by rejecting, as a promise API does */
function guard(obj: Record<string, unknown>, name: string, what: string, async: boolean, hostOf: (args: unknown[]) => unknown = (a) => a[0]): void {
  const original = obj[name] as Fn | undefined;
  if (typeof original !== 'function' || (original as { jailed?: boolean }).jailed) return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    if (async) {
      try {
        check(what, hostOf(args));
      } catch (e) {
        return Promise.reject(e);
      }
    } else check(what, hostOf(args));
    return original.apply(this, args);
  };
  Object.defineProperty(wrapped, 'jailed', { value: true });
  obj[name] = wrapped;
}

let installed = false;

/** patches dns, net and dgram in this process; idempotent */
export function installNetworkJail(): void {
  if (installed) return;
  installed = true;
  const d = dns as unknown as Record<string, unknown>;
  guard(d, 'lookup', 'DNS lookup of', false);
  guard(d, 'lookupService', 'DNS reverse lookup of', false);
  for (const name of RESOLVERS) guard(d, name, 'DNS query for', false);
  const dp = dns.promises as unknown as Record<string, unknown>;
  guard(dp, 'lookup', 'DNS lookup of', true);
  guard(dp, 'lookupService', 'DNS reverse lookup of', true);
  for (const name of RESOLVERS) {
    guard(dp, name, 'DNS query for', true);
    guard(dns.Resolver.prototype as unknown as Record<string, unknown>, name, 'DNS query for', false);
    guard(dns.promises.Resolver.prototype as unknown as Record<string, unknown>, name, 'DNS query for', true);
  }
  guard(net.Socket.prototype as unknown as Record<string, unknown>, 'connect', 'connection to', false, connectHost);
  const udp = dgram.Socket.prototype as unknown as Record<string, unknown>;
  guard(udp, 'connect', 'UDP connection to', false, (a) => (typeof a[1] === 'string' ? a[1] : undefined));
  // send(msg[, offset, length], port[, address][, callback]): the address is the first string after the message
  guard(udp, 'send', 'UDP datagram to', false, (a) => a.slice(1).find((x) => typeof x === 'string'));
  // named ESM imports of node:dns see the patched functions too
  syncBuiltinESMExports();
}

/**
 * The environment for a spawned credchain: `env` plus safe defaults a test overrides by setting the variable itself
 * (a value of undefined removes a default, e.g. to let a profile's endpoint_url or services section be seen).
 * Instance metadata is disabled unless `imds`; when it is on, its endpoint defaults to the closed port.
 * AWS_ENDPOINT_URL defaults to the closed port: every AWS_ENDPOINT_URL_<SERVICE> a test leaves unset (STS, SSO,
 * SSO-OIDC, signin, ...) falls back to it in botocore and the JS SDK alike, and one the test sets still wins over it.
 */
export function jailedEnv(env: Record<string, string | undefined>, o: { imds?: boolean } = {}): Record<string, string> {
  const defaults: Record<string, string> = { AWS_ENDPOINT_URL: CLOSED_ENDPOINT };
  if (!o.imds) defaults.AWS_EC2_METADATA_DISABLED = 'true';
  else defaults.AWS_EC2_METADATA_SERVICE_ENDPOINT = CLOSED_ENDPOINT;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...defaults, ...env })) if (v !== undefined) out[k] = v;
  return out;
}
