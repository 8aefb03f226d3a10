// `iam-role`: EC2 instance metadata as botocore 1.43.11 reads it. imdsSettings() makes the config lookups
// create_credential_resolver() makes, in its order and with its exceptions; instanceMetadataSource() runs the
// fetcher (src/aws/imdsClient.ts) within botocore's timeout × attempts and explains the outcome.
import type { Session, ConfigValue } from '../config/session';
import type { SourceContext } from './sourceContext';
import type { Credentials, Outcome } from '../core/types';
import { BotoError } from '../core/errors';
import type { IniValue } from '../ini/parse';
import { pyInt } from '../python/pyText';
import { evaluateExpiration, MAX_JITTER_S, retrieveIamRoleCredentials } from '../aws/imdsClient';
import { pyTypeName, type PyJson } from '../python/pyJson';
import { isValidUri, pyRepr, PyValueError, urlsplit } from '../python/pyUrl';
import { expiryNotes, iso, parseTimestamp } from '../python/timestamps';
import { ec2Evidence } from '../aws/ec2Detect';

export const IMDS_BASE_URL = 'http://169.254.169.254/';
export const IMDS_BASE_URL_IPV6 = 'http://[fd00:ec2::254]/';
/** credchain's own bound on metadata_service_num_attempts, so a typo cannot make it wait for hours */
export const MAX_ATTEMPTS = 20;
/** setTimeout's ceiling */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** where a setting came from */
export type SettingOrigin =
  | { kind: 'default' }
  | { kind: 'env'; name: string }
  | { kind: 'profile'; key: string; file: string; line: number; section: string };

export interface ImdsSettings {
  /** AWS_EC2_METADATA_DISABLED is "true" in any case (botocore reads it when it builds the resolver) */
  disabled: boolean;
  /** the variable's value as set, when it is set */
  disabledValue?: string;
  timeoutSec: number;
  numAttempts: number;
  /** the custom endpoint as configured (null when unset or empty) */
  endpoint: string | null;
  mode: 'ipv4' | 'ipv6';
  v1Disabled: boolean;
  /** the base URL botocore contacts */
  baseUrl: string;
  origins: {
    timeout: SettingOrigin;
    numAttempts: SettingOrigin;
    endpoint: SettingOrigin;
    /** ec2_metadata_service_endpoint_mode, or imds_use_ipv6 when the mode is unset */
    mode: SettingOrigin;
    v1Disabled: SettingOrigin;
  };
  /** things botocore only logs */
  warnings: string[];
  /** true when botocore never built its resolver (explicit credentials, an earlier error): nothing is probed */
  inert?: boolean;
}

const VAR = {
  timeout: { key: 'metadata_service_timeout', env: ['AWS_METADATA_SERVICE_TIMEOUT'] },
  attempts: { key: 'metadata_service_num_attempts', env: ['AWS_METADATA_SERVICE_NUM_ATTEMPTS'] },
  endpoint: { key: 'ec2_metadata_service_endpoint', env: ['AWS_EC2_METADATA_SERVICE_ENDPOINT'] },
  mode: { key: 'ec2_metadata_service_endpoint_mode', env: ['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'] },
  ipv6: { key: 'imds_use_ipv6', env: ['AWS_IMDS_USE_IPV6'] },
  v1: { key: 'ec2_metadata_v1_disabled', env: ['AWS_EC2_METADATA_V1_DISABLED'] },
};

/**
 * botocore's create_credential_resolver() lookups, in order: timeout (int), attempts (int), endpoint, endpoint mode
 * (imds_use_ipv6 only when the mode is unset), v1 opt-out; then InstanceMetadataFetcher's base-URL validation and
 * AWS_EC2_METADATA_DISABLED. Throws the BotoError botocore raises at get_credentials (ProfileNotFound included).
 */
export function imdsSettings(session: Session): ImdsSettings {
  const timeoutVar = session.configVar(VAR.timeout);
  const timeoutSec = toInt(timeoutVar, 1);
  const attemptsVar = session.configVar(VAR.attempts);
  const numAttempts = toInt(attemptsVar, 1);
  const endpointVar = session.configVar(VAR.endpoint);
  const { mode, modeOrigin } = endpointMode(session);
  const v1Var = session.configVar(VAR.v1);
  const v1Disabled = ensureBoolean(v1Var.value);

  const warnings: string[] = [];
  const custom = endpointVar.value;
  let baseUrl: string;
  if (custom !== undefined && custom !== '' && !(typeof custom === 'object' && Object.keys(custom).length === 0)) {
    if (typeof custom !== 'string')
      throw new BotoError(
        'TypeError',
        `unhashable type: 'dict' (${describeOrigin(endpointVar)} is a nested block, not a URL)`,
        'get_credentials',
        whereOf(endpointVar),
      );
    if (mode === 'ipv6') warnings.push(customEndpointOverridesIpv6(endpointVar));
    baseUrl = custom;
  } else baseUrl = mode === 'ipv6' ? IMDS_BASE_URL_IPV6 : IMDS_BASE_URL;
  let valid: boolean;
  try {
    valid = isValidUri(baseUrl);
  } catch (e) {
    if (!(e instanceof PyValueError)) throw e;
    throw new BotoError(
      'ValueError',
      `${e.message} (${describeOrigin(endpointVar)}=${baseUrl})`,
      'get_credentials',
      whereOf(endpointVar),
    );
  }
  if (!valid) {
    throw new BotoError(
      'InvalidIMDSEndpointError',
      invalidImdsEndpoint(baseUrl, endpointVar),
      'get_credentials',
      whereOf(endpointVar),
    );
  }
  const disabledValue = session.ctx.env.AWS_EC2_METADATA_DISABLED;
  return {
    disabled: (disabledValue ?? 'false').toLowerCase() === 'true',
    disabledValue,
    timeoutSec,
    numAttempts,
    endpoint: typeof custom === 'string' && custom !== '' ? custom : null,
    mode,
    v1Disabled,
    baseUrl,
    origins: {
      timeout: originOf(timeoutVar),
      numAttempts: originOf(attemptsVar),
      endpoint: originOf(endpointVar),
      mode: modeOrigin,
      v1Disabled: originOf(v1Var),
    },
    warnings,
  };
}

/** settings for a resolver botocore never built: defaults, marked inert */
imdsSettings.inert = function inert(): ImdsSettings {
  const d: SettingOrigin = { kind: 'default' };
  return {
    disabled: false,
    timeoutSec: 1,
    numAttempts: 1,
    endpoint: null,
    mode: 'ipv4',
    v1Disabled: false,
    baseUrl: IMDS_BASE_URL,
    origins: { timeout: d, numAttempts: d, endpoint: d, mode: d, v1Disabled: d },
    warnings: [],
    inert: true,
  };
};

/** resolve_imds_endpoint_mode(): the mode if set (validated, case-insensitive), else imds_use_ipv6 */
function endpointMode(session: Session): { mode: 'ipv4' | 'ipv6'; modeOrigin: SettingOrigin } {
  const v = session.configVar(VAR.mode);
  if (v.value !== undefined) {
    if (typeof v.value !== 'string') {
      throw new BotoError(
        'AttributeError',
        `'dict' object has no attribute 'lower' (${describeOrigin(v)} is a nested block)`,
        'get_credentials',
        whereOf(v),
      );
    }
    const lower = v.value.toLowerCase();
    if (lower !== 'ipv4' && lower !== 'ipv6') {
      throw new BotoError('InvalidIMDSEndpointModeError', invalidImdsEndpointMode(v), 'get_credentials', whereOf(v));
    }
    return { mode: lower, modeOrigin: originOf(v) };
  }
  const ipv6 = session.configVar(VAR.ipv6);
  return { mode: ensureBoolean(ipv6.value) ? 'ipv6' : 'ipv4', modeOrigin: originOf(ipv6) };
}

/** the config chain's int() conversion, with Python's exceptions */
function toInt(v: ConfigValue, dflt: number): number {
  if (v.value === undefined) return dflt;
  if (typeof v.value !== 'string') {
    throw new BotoError('TypeError', imdsNumberIsNestedBlock(v), 'get_credentials', whereOf(v));
  }
  const n = pyInt(v.value);
  if (n === undefined) {
    throw new BotoError('ValueError', imdsNumberNotAnInteger(v, v.value), 'get_credentials', whereOf(v));
  }
  return n;
}

/** botocore.utils.ensure_boolean: only a str equal to "true" in any case is true */
function ensureBoolean(v: IniValue | undefined): boolean {
  return typeof v === 'string' && v.toLowerCase() === 'true';
}

function originOf(v: ConfigValue): SettingOrigin {
  if (v.source === 'profile' && v.setting)
    return {
      kind: 'profile',
      key: v.setting.key,
      file: v.setting.file,
      line: v.setting.line,
      section: v.setting.section,
    };
  if (v.source !== 'unset' && v.source !== 'instance' && v.source !== 'profile') return { kind: 'env', name: v.source };
  return { kind: 'default' };
}

export function describeSettingOrigin(o: SettingOrigin): string {
  if (o.kind === 'env') return o.name;
  if (o.kind === 'profile') return `${o.key} in ${o.file} line ${o.line} [${o.section}]`;
  return 'default';
}

function describeOrigin(v: ConfigValue): string {
  return describeSettingOrigin(originOf(v));
}

function whereOf(v: ConfigValue): BotoError['where'] {
  if (v.source === 'profile' && v.setting) return { file: v.setting.file, line: v.setting.line };
  if (v.source !== 'unset' && v.source !== 'instance') return { env: v.source };
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Off EC2 the default metadata address never answers: boto3 gives up after timeout × attempts with no credentials,
 * or, with IMDSv1 disabled, raises MetadataRetrievalError for want of a token. Same answer, no packet sent.
 */
function offEc2(s: ImdsSettings, timeoutSec: number, evidence: string): Outcome {
  const why = notAnEc2Instance(evidence, s, timeoutSec);
  if (s.v1Disabled) {
    return {
      status: 'error',
      error: new BotoError(
        'MetadataRetrievalError',
        'Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled',
      ),
      reason: noTokenAndV1Disabled(s, why),
    };
  }
  return { status: 'skipped', reason: why };
}

/** the probe botocore makes, in words: "IMDS at http://169.254.169.254/ (timeout 1 s, 1 attempt)" */
function probeText(s: ImdsSettings, timeoutSec: number): string {
  return (
    `IMDS at ${s.baseUrl} (timeout ${timeoutSec} s, ` +
    `${plural(s.numAttempts, 'attempt')}${s.v1Disabled ? ', IMDSv1 disabled' : ''})`
  );
}

export async function instanceMetadataSource(sc: SourceContext): Promise<Outcome> {
  const s = sc.imds;
  const session = sc.session;
  const override = session.opts.imdsTimeoutSec;
  const timeoutSec = override ?? s.timeoutSec;
  const disabled = `AWS_EC2_METADATA_DISABLED=${s.disabledValue}`;
  if (sc.inspecting) {
    const what = s.inert ? 'IMDS' : s.disabled ? `nothing (${disabled})` : probeText(s, timeoutSec);
    return { status: 'not-reached', reason: `not queried: an earlier source won; boto3 would query ${what}` };
  }
  if (s.disabled) return { status: 'skipped', reason: disabled };
  if (session.opts.noImds)
    return { status: 'not-reached', reason: `--no-imds: not queried (boto3 would query ${probeText(s, timeoutSec)})` };
  if (s.endpoint === null && !session.opts.forceImds) {
    const ec2 = ec2Evidence(session.ctx);
    if (ec2.onEc2 === false) return offEc2(s, timeoutSec, ec2.evidence);
  }

  const notes: string[] = [...s.warnings];
  let attempts = s.numAttempts;
  if (attempts > MAX_ATTEMPTS) {
    notes.push(
      `metadata_service_num_attempts is ${attempts}: credchain stops after ${MAX_ATTEMPTS} attempts per request`,
    );
    attempts = MAX_ATTEMPTS;
  }
  const proxy = imdsProxy(session.ctx.env, s.baseUrl);
  if (proxy) notes.push(imdsProxyIgnored(proxy));
  if (override !== undefined)
    notes.push(`--imds-timeout ${override}: each request waited up to ${override} s (boto3 waits ${s.timeoutSec} s)`);

  const r = await retrieveIamRoleCredentials(session.ctx, {
    baseUrl: s.baseUrl,
    botoTimeoutSec: s.timeoutSec,
    timeoutMs: Math.min(MAX_TIMEOUT_MS, Math.max(1, Math.round(timeoutSec * 1000))),
    numAttempts: attempts,
    v1Disabled: s.v1Disabled,
  });
  const withNotes = (o: Outcome): Outcome => (notes.length ? { ...o, notes: [...(o.notes ?? []), ...notes] } : o);
  if (r.kind === 'none') return withNotes({ status: 'skipped', reason: r.reason });
  if (r.kind === 'raise') {
    const hint = r.error.type === 'MetadataRetrievalError' ? v1DisabledNoToken(s) : undefined;
    return withNotes({
      status: 'error',
      error: r.error,
      ...(hint ? { reason: `${r.error.type}: ${r.error.message} — ${hint}` } : {}),
    });
  }

  // RefreshableCredentials.create_from_metadata: dateutil parses the (possibly extended) expiry now
  const expiryNotesOut: string[] = [];
  let expiration: string;
  if (typeof r.expiry !== 'string') {
    return withNotes({
      status: 'error',
      error: new BotoError('TypeError', imdsExpirationNotAString(r.expiry, r.roleName)),
    });
  }
  const t = parseTimestamp(r.expiry);
  if (!t) {
    const why = r.expiry.trim() ? 'Unknown string format' : 'String does not contain a date';
    return withNotes({
      status: 'error',
      error: new BotoError('ParserError', `${why}: ${r.expiry} (IMDS Expiration for role ${r.roleName})`),
    });
  }
  const original = r.doc.Expiration as string;
  if (r.extended) {
    const o = parseTimestamp(original);
    expiration = o ? iso(o.ms) : original;
    expiryNotesOut.push(imdsExpiredExtended(expiration));
  } else {
    expiration = t.text;
    if (evaluateExpiration(r.expiry, session.ctx.now(), MAX_JITTER_S).extended) {
      expiryNotesOut.push(imdsExpiryMayMove(expiration));
    }
    expiryNotesOut.push(...expiryNotes(t, session.ctx.now(), 'The IMDS Expiration'));
  }
  const str = (k: string) => stringField(r.doc[k], k, expiryNotesOut);
  const credentials: Credentials = {
    method: 'iam-role',
    accessKeyId: str('AccessKeyId'),
    secretAccessKey: str('SecretAccessKey'),
    sessionToken: str('Token'),
    expiration,
    location: { url: r.url },
  };
  return withNotes({
    status: 'won',
    reason: `role ${r.roleName} from IMDS at ${s.baseUrl} via ${r.tokenStep}`,
    credentials,
    ...(expiryNotesOut.length ? { notes: expiryNotesOut } : {}),
  });
}

/** a credential field botocore keeps as given; a non-string is reported, since signing with it will fail */
export function stringField(v: PyJson | undefined, name: string, notes: string[]): string | null {
  if (typeof v === 'string') return v;
  if (v === undefined) return null;
  notes.push(
    `${name} is a JSON ${pyTypeName(v)}, not a string: boto3 accepts it, but requests signed with it will fail`,
  );
  return v === null ? null : JSON.stringify(v);
}

/**
 * The proxy urllib's getproxies() gives botocore for the IMDS URL, unless NO_PROXY bypasses it
 * (botocore.utils.get_environ_proxies). credchain's HTTP client does not proxy, so this becomes a note.
 */
export function imdsProxy(
  env: Readonly<Record<string, string | undefined>>,
  baseUrl: string,
): { url: string; from: string } | undefined {
  const proxies = new Map<string, { value: string; from: string }>();
  const entries = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined);
  for (const [name, value] of entries)
    if (value && name.toLowerCase().endsWith('_proxy'))
      proxies.set(name.toLowerCase().slice(0, -6), { value, from: name });
  if ('REQUEST_METHOD' in env) proxies.delete('http');
  for (const [name, value] of entries) {
    if (!name.endsWith('_proxy')) continue;
    const key = name.toLowerCase().slice(0, -6);
    if (value) proxies.set(key, { value, from: name });
    else proxies.delete(key);
  }
  let split;
  try {
    split = urlsplit(baseUrl);
  } catch {
    return undefined;
  }
  const no = proxies.get('no')?.value;
  if (no !== undefined && bypassed(split.netloc.toLowerCase(), no)) return undefined;
  const p = proxies.get(split.scheme);
  if (!p) return undefined;
  const url = /^https?:/.test(p.value) ? p.value : p.value.startsWith('//') ? 'http:' + p.value : 'http://' + p.value;
  return { url, from: p.from };
}

/** urllib.request.proxy_bypass_environment */
function bypassed(host: string, noProxy: string): boolean {
  if (noProxy === '*') return true;
  const m = /^(.*):([0-9]*)$/s.exec(host);
  const hostonly = m ? m[1] : host;
  for (let name of noProxy.split(',')) {
    name = name.trim().replace(/^\.+/, '').toLowerCase();
    if (!name) continue;
    if (hostonly === name || host === name) return true;
    if (hostonly.endsWith('.' + name) || host.endsWith('.' + name)) return true;
  }
  return false;
}

// Messages

function customEndpointOverridesIpv6(endpointVar: ConfigValue): string {
  return (
    `both a custom IMDS endpoint (${describeOrigin(endpointVar)}) and IPv6 mode are set: the custom endpoint ` +
    `is used`
  );
}

function invalidImdsEndpoint(baseUrl: string, endpointVar: ConfigValue): string {
  return (
    `Invalid endpoint EC2 Instance Metadata endpoint: ${baseUrl} (from ${describeOrigin(endpointVar)}; it ` +
    `needs a scheme and a valid host name or IP address, e.g. http://169.254.169.254/)`
  );
}

function invalidImdsEndpointMode(v: ConfigValue): string {
  return (
    `Invalid EC2 Instance Metadata endpoint mode: ${v.value} Valid endpoint modes (case-insensitive): ` +
    `('ipv4', 'ipv6'). (from ${describeOrigin(v)})`
  );
}

function imdsNumberIsNestedBlock(v: ConfigValue): string {
  return (
    `int() argument must be a string, a bytes-like object or a real number, not 'dict' (${describeOrigin(v)} ` +
    `is a nested block)`
  );
}

function imdsNumberNotAnInteger(v: ConfigValue, value: string): string {
  return (
    `invalid literal for int() with base 10: ${pyRepr(value)} (${describeOrigin(v)} must be a whole number of ` +
    `${v.source === VAR.timeout.env[0] || v.setting?.key === VAR.timeout.key ? 'seconds' : 'attempts'})`
  );
}

function notAnEc2Instance(evidence: string, s: ImdsSettings, timeoutSec: number): string {
  return (
    `this machine is not an EC2 instance (${evidence}), so ${s.baseUrl} cannot answer; boto3 would spend ` +
    `about ${timeoutSec * (1 + s.numAttempts)} s probing it (--force-imds probes anyway)`
  );
}

function noTokenAndV1Disabled(s: ImdsSettings, why: string): string {
  return (
    `MetadataRetrievalError: no IMDSv2 token can be had and IMDSv1 is disabled ` +
    `(${describeSettingOrigin(s.origins.v1Disabled)}); ${why}`
  );
}

function imdsProxyIgnored(proxy: { url: string; from: string }): string {
  return (
    `boto3 sends IMDS requests through the proxy ${proxy.url} (${proxy.from}); credchain connected directly. ` +
    `Add the IMDS address to NO_PROXY if boto3 cannot reach it`
  );
}

function v1DisabledNoToken(s: ImdsSettings): string {
  return (
    `IMDSv1 is disabled (${describeSettingOrigin(s.origins.v1Disabled)}) and no IMDSv2 token was obtained ` +
    `from ${s.baseUrl}`
  );
}

function imdsExpirationNotAString(expiration: PyJson, roleName: string): string {
  return (
    `Parser must be a string or character stream, not ${pyTypeName(expiration)} (IMDS Expiration for role ` +
    `${roleName})`
  );
}

function imdsExpiredExtended(expiration: string): string {
  return (
    `IMDS says these credentials expire at ${expiration}: botocore still uses them and moves their expiry to ` +
    `17–25 minutes from now (15 min + 2–10 min random jitter), then asks IMDS again, as it does when the ` +
    `credential service is unavailable (K12)`
  );
}

function imdsExpiryMayMove(expiration: string): string {
  return (
    `The IMDS Expiration (${expiration}) is under 25 minutes away: depending on its random jitter, botocore ` +
    `may move it to 17–25 minutes from now (K12)`
  );
}
