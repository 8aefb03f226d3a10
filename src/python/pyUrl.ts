// The URL checks botocore runs before it contacts IMDS or a container endpoint, ported from Python 3.11's
// urllib.parse.urlsplit (hostname, the ValueErrors it raises), ipaddress.ip_address and botocore's is_valid_uri.
// Node's WHATWG URL parser accepts and rejects different strings, so it must not decide these.

/** a ValueError urlsplit or ip_address would raise */
export class PyValueError extends Error {}

const C0_OR_SPACE = /^[\x00-\x20]+/;
const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;

export interface SplitUrl {
  scheme: string;
  netloc: string;
  /** urlsplit(...).hostname: lower-cased (zone id kept), null when empty */
  hostname: string | null;
}

/** urllib.parse.urlsplit(url) as far as scheme, netloc and hostname go; throws PyValueError where Python raises */
export function urlsplit(input: string): SplitUrl {
  let url = input.replace(C0_OR_SPACE, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  const i = url.indexOf(':');
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    const rest = url.slice(2);
    const end = rest.search(/[/?#]/);
    netloc = end < 0 ? rest : rest.slice(0, end);
    const open = netloc.includes('[');
    const close = netloc.includes(']');
    if (open !== close) throw new PyValueError('Invalid IPv6 URL');
    if (open) checkBracketedHost(netloc.slice(netloc.indexOf('[') + 1).split(']')[0]);
  }
  checkNetloc(netloc);
  return { scheme, netloc, hostname: hostnameOf(netloc) };
}

function hostnameOf(netloc: string): string | null {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const br = hostinfo.indexOf('[');
  const host = br >= 0 ? hostinfo.slice(br + 1).split(']')[0] : hostinfo.split(':')[0];
  if (!host) return null;
  const pct = host.indexOf('%');
  return pct < 0 ? host.toLowerCase() : host.slice(0, pct).toLowerCase() + host.slice(pct);
}

function checkBracketedHost(host: string): void {
  if (host.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw new PyValueError('IPvFuture address is invalid');
    return;
  }
  const ip = ipAddress(host);
  if (ip.version === 4) throw new PyValueError('An IPv4 address cannot be in brackets');
}

function checkNetloc(netloc: string): void {
  // eslint-disable-next-line no-control-regex
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const n2 = n.normalize('NFKC');
  if (n === n2) return;
  if (/[/?#@:]/.test(n2))
    throw new PyValueError(`netloc '${netloc}' contains invalid characters under NFKC normalization`);
}

export interface IpAddress {
  version: 4 | 6;
  /** four octets or eight hextets */
  parts: number[];
}

/** ipaddress.ip_address(text): strict dotted quad (no leading zeros) or IPv6 with an optional %zone */
export function ipAddress(text: string): IpAddress {
  const v4 = parseIpv4(text);
  if (v4) return { version: 4, parts: v4 };
  const v6 = parseIpv6(text);
  if (v6) return { version: 6, parts: v6 };
  throw new PyValueError(`'${text}' does not appear to be an IPv4 or IPv6 address`);
}

function parseIpv4(s: string): number[] | undefined {
  const octets = s.split('.');
  if (octets.length !== 4) return undefined;
  const out: number[] = [];
  for (const o of octets) {
    if (!/^[0-9]{1,3}$/.test(o) || (o.length > 1 && o[0] === '0')) return undefined;
    const n = Number(o);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIpv6(s: string): number[] | undefined {
  const pct = s.indexOf('%');
  let addr = s;
  if (pct >= 0) {
    const zone = s.slice(pct + 1);
    if (!zone || zone.includes('%')) return undefined;
    addr = s.slice(0, pct);
  }
  const parts = addr.split(':');
  if (parts.length < 3) return undefined;
  const last = parts[parts.length - 1];
  if (last.includes('.')) {
    const v4 = parseIpv4(parts.pop()!);
    if (!v4) return undefined;
    parts.push(((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16));
  }
  if (parts.length > 9) return undefined;
  let skip = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === '') {
      if (skip >= 0) return undefined;
      skip = i;
    }
  }
  let hi: number;
  let lo: number;
  if (skip >= 0) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (parts[0] === '' && --hi) return undefined;
    if (parts[parts.length - 1] === '' && --lo) return undefined;
    if (8 - (hi + lo) < 1) return undefined;
  } else {
    if (parts.length !== 8 || parts[0] === '' || parts[parts.length - 1] === '') return undefined;
    hi = parts.length;
    lo = 0;
  }
  const hextet = (h: string) => (/^[0-9a-fA-F]{1,4}$/.test(h) ? parseInt(h, 16) : NaN);
  const out = [
    ...parts.slice(0, hi).map(hextet),
    ...Array<number>(8 - hi - lo).fill(0),
    ...parts.slice(parts.length - lo).map(hextet),
  ];
  return out.some(Number.isNaN) ? undefined : out;
}

/** ipaddress.ip_address(host).is_loopback, False where ip_address raises (Python 3.11: ::ffff:127.0.0.1 is not) */
export function isLoopbackAddress(host: string | null): boolean {
  if (host === null) return false;
  try {
    const ip = ipAddress(host);
    return ip.version === 4 ? ip.parts[0] === 127 : ip.parts.every((p, i) => p === (i === 7 ? 1 : 0));
  } catch {
    return false;
  }
}

const HEX = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${HEX}:${HEX}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})`;
const IPV6_PAT = [
  `(?:${HEX}:){6}${LS32}`,
  `::(?:${HEX}:){5}${LS32}`,
  `(?:${HEX})?::(?:${HEX}:){4}${LS32}`,
  `(?:(?:${HEX}:)?${HEX})?::(?:${HEX}:){3}${LS32}`,
  `(?:(?:${HEX}:){0,2}${HEX})?::(?:${HEX}:){2}${LS32}`,
  `(?:(?:${HEX}:){0,3}${HEX})?::${HEX}:${LS32}`,
  `(?:(?:${HEX}:){0,4}${HEX})?::${LS32}`,
  `(?:(?:${HEX}:){0,5}${HEX})?::${HEX}`,
  `(?:(?:${HEX}:){0,6}${HEX})?::`,
].join('|');
const ZONE_ID = '(?:%25|%)(?:[A-Za-z0-9._!\\-~]|%[a-fA-F0-9]{2})+';
const IPV6_ADDRZ = new RegExp(`^\\[(?:${IPV6_PAT})(?:${ZONE_ID})?\\]$`);
// Python's \d is Unicode-aware and IGNORECASE folds, hence the u flag and \p{Nd}
const HOST_LABELS = /^((?!-)[A-Z\p{Nd}-]{1,63}(?<!-)\.)*((?!-)[A-Z\p{Nd}-]{1,63}(?<!-))$/iu;

/**
 * botocore.utils.is_valid_uri: is_valid_endpoint_url(url) or is_valid_ipv6_endpoint_url(url); may throw PyValueError
 */
export function isValidUri(url: string): boolean {
  if (/[\t\r\n]/.test(url)) return false;
  let host = urlsplit(url).hostname;
  if (host !== null) {
    if ([...host].length <= 255) {
      if (host.endsWith('.')) host = host.slice(0, -1);
      if (HOST_LABELS.test(host)) return true;
    }
  }
  return IPV6_ADDRZ.test(`[${urlsplit(url).hostname}]`);
}

/** Python repr() of a str, for messages that quote a value the way botocore's would */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}
