// The conformance harness, shared by the vitest conformance test and the recorder (record.mjs): it loads the
// scenario folders under fixtures/, lays each one out as a real temporary HOME with its loopback servers, runs
// botocore (oracle.py) on a batch of them, runs credchain on one, and reduces both sides to the fields compared.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLoopback, type LoopbackServer, type RouteReply } from '../support/loopback';
import { jailedEnv } from '../support/networkJail';

export interface ServerSpec {
  routes: Record<string, RouteReply | RouteReply[]>;
}

export interface FixtureSpec {
  description: string;
  row: string;
  env?: Record<string, string>;
  argv?: string[];
  servers?: Record<string, ServerSpec>;
  /** leave instance metadata enabled (no AWS_EC2_METADATA_DISABLED=true from the harness) */
  imds?: boolean;
  /** octal modes for files under home/, e.g. {".aws/credentials": "600"} */
  modes?: Record<string, string>;
  /** symbolic links made under home/ after its files: {"link": "real/sub"} (the target as written, relative or absolute) */
  links?: Record<string, string>;
}

/** boto3's Session.region_name and the provider of botocore's region chain that gave it */
export interface RegionOutcome {
  name: string | null;
  /** "instance" (Session(region_name=…), credchain's --region), an environment variable name, "profile", or null */
  source: string | null;
  /** for "profile": the file whose value won ({HOME}/… inside the scenario HOME) */
  file: string | null;
  /** reading the region raised (e.g. ProfileNotFound) */
  error: { type: string } | null;
}

export interface Expected {
  recordedWith: string;
  method: string | null;
  accessKeyId: string | null;
  /** sha256 of the secret key's UTF-8 text (null when None); never the value */
  secretKeySha256: string | null;
  sessionTokenSha256: string | null;
  hasSessionToken: boolean | null;
  /** UTC ISO 8601 with microseconds and Z, or a naive ISO time when dateutil found no zone */
  expiry: string | null;
  roleArn: string | null;
  sourceAccessKeyId: string | null;
  /** null when boto3.Session(...) itself raised */
  region: RegionOutcome | null;
  error: { type: string } | null;
}

export interface Fixture {
  id: string;
  dir: string;
  spec: FixtureSpec;
  /** undefined until the recorder has written expected.json */
  expected?: Expected;
}

export interface Materialized {
  id: string;
  home: string;
  env: Record<string, string>;
  argv: string[];
  servers: Record<string, LoopbackServer>;
  close(): Promise<void>;
}

/** `live`: today's value of each field the result records as DAY_DEPENDENT */
export type OracleOutcome = { result: Expected; live?: LiveValues; timing?: OracleTiming } | { oracleError: string };
/** with --time-scale: each HTTP request's timeout and each sleep, in seconds, as botocore asked for them */
export interface OracleTiming {
  timeouts: number[];
  sleeps: number[];
}
export interface LiveValues {
  expiry?: string;
}

/** oracle.py's marker for an expiry dateutil completed from today's date ("Monday", "12:00", "Jan") */
export const DAY_DEPENDENT = 'depends on the day it is read';

const SPEC_KEYS = new Set(['description', 'row', 'env', 'argv', 'servers', 'imds', 'modes', 'links']);
const ARGV_OPTIONS = new Set(['--profile', '--access-key-id', '--secret-access-key', '--session-token', '--region']);
const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** hosts a container FULL_URI may name: loopback, or one botocore refuses before connecting (http only) */
const CONTAINER_HOSTS = new Set(['127.0.0.1', 'localhost', 'example.invalid', '']);

export function loadFixtures(fixturesDir: string): Fixture[] {
  return fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const dir = path.join(fixturesDir, id);
      const spec = JSON.parse(fs.readFileSync(path.join(dir, 'fixture.json'), 'utf8')) as FixtureSpec;
      checkSpec(id, dir, spec);
      const expectedPath = path.join(dir, 'expected.json');
      const expected = fs.existsSync(expectedPath) ? (JSON.parse(fs.readFileSync(expectedPath, 'utf8')) as Expected) : undefined;
      return { id, dir, spec, expected };
    });
}

function checkSpec(id: string, dir: string, spec: FixtureSpec): void {
  const fail = (why: string) => {
    throw new Error(`fixture ${id}: ${why}`);
  };
  for (const key of Object.keys(spec)) if (!SPEC_KEYS.has(key)) fail(`unknown key "${key}" in fixture.json`);
  if (typeof spec.description !== 'string' || !spec.description) fail('needs a description');
  if (!id.startsWith(`${spec.row}-`)) fail(`folder name must start with its row "${spec.row}-"`);
  const argv = spec.argv ?? [];
  if (argv.length % 2) fail('argv must be option/value pairs');
  for (let i = 0; i < argv.length; i += 2) if (!ARGV_OPTIONS.has(argv[i])) fail(`unsupported argv option ${argv[i]}`);
  checkNetworkSafety(dir, spec, fail);
}

/** Tests talk to loopback only: no link-local or private address, no instance metadata without a loopback endpoint. */
function checkNetworkSafety(dir: string, spec: FixtureSpec, fail: (why: string) => void): void {
  const env = spec.env ?? {};
  const texts = [...Object.values(env), ...readTree(path.join(dir, 'home')).map(([, data]) => data.toString('latin1'))];
  if (texts.some((t) => /169\.254\.|fd00:ec2|\[fd00/i.test(t))) fail('mentions a link-local or private metadata address');
  if ('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' in env) fail('RELATIVE_URI targets 169.254.170.2');
  const fullUri = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (fullUri !== undefined) {
    const m = /^(https?):\/\/(\[[^\]]*\]|[^/:]*)/.exec(fullUri.replace(/^\{SERVER:/, 'http://127.0.0.1:{'));
    const host = m ? m[2] : '';
    if (!CONTAINER_HOSTS.has(host) || (host === 'example.invalid' && m?.[1] !== 'http')) fail(`container host "${host}" is not allowed`);
  }
  // the fixture's env comes after the harness default, so it decides
  const disabled = env.AWS_EC2_METADATA_DISABLED ?? (spec.imds ? 'false' : 'true');
  if (disabled.toLowerCase() !== 'true') {
    const endpoint = env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    const config = path.join(dir, 'home', '.aws', 'config');
    const configEndpoint = fs.existsSync(config) && /ec2_metadata_service_endpoint\s*[=:]\s*\{SERVER:/.test(fs.readFileSync(config, 'latin1'));
    // a value that is no URL at all is refused by botocore before any request
    const loopback = endpoint !== undefined && (/^(\{SERVER:|http:\/\/127\.0\.0\.1[:/])/.test(endpoint) || !/^[a-z]+:\/\//i.test(endpoint));
    if (!loopback && !configEndpoint) fail('enables IMDS without a loopback endpoint');
  }
}

/** [relative path, bytes] of every file under dir (none when dir is missing) */
function readTree(dir: string): [string, Buffer][] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
    .map((rel) => [rel, fs.readFileSync(path.join(dir, rel))]);
}

/** {HOME}, {SERVER:name} (http://127.0.0.1:PORT) and {PORT:name}; a shell-style ${HOME} stays as written */
const PLACEHOLDER = /(?<!\$)\{(HOME|SERVER:[A-Za-z0-9_-]+|PORT:[A-Za-z0-9_-]+)\}/;

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(new RegExp(PLACEHOLDER.source, 'g'), (whole, name: string) => {
    if (!(name in vars)) throw new Error(`unknown placeholder ${whole}`);
    return vars[name];
  });
}

/** byte-exact substitution: only the ASCII placeholders change, every other byte (BOM, CRLF, latin-1) stays */
function substituteBytes(data: Buffer, vars: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const m of data.toString('latin1').matchAll(new RegExp(PLACEHOLDER.source, 'g'))) {
    parts.push(data.subarray(at, m.index), Buffer.from(substitute(m[0], vars), 'utf8'));
    at = m.index + m[0].length;
  }
  parts.push(data.subarray(at));
  return Buffer.concat(parts);
}

/** Lays a fixture out under root/<id>/home with fresh servers; close() stops the servers. */
export async function materialize(fixture: Fixture, root: string): Promise<Materialized> {
  const { spec } = fixture;
  const home = path.join(root, fixture.id, 'home');
  fs.mkdirSync(home, { recursive: true });
  const servers: Record<string, LoopbackServer> = {};
  const vars: Record<string, string> = { HOME: home };
  for (const [name, server] of Object.entries(spec.servers ?? {})) {
    servers[name] = await startLoopback(server.routes, { lifetimeMs: 300_000 });
    vars[`SERVER:${name}`] = servers[name].url;
    vars[`PORT:${name}`] = String(servers[name].port);
  }
  const close = async () => {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  };
  try {
    const source = path.join(fixture.dir, 'home');
    for (const [rel, data] of readTree(source)) {
      const target = path.join(home, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, substituteBytes(data, vars));
      fs.chmodSync(target, fs.statSync(path.join(source, rel)).mode & 0o777);
    }
    for (const [rel, mode] of Object.entries(spec.modes ?? {})) fs.chmodSync(path.join(home, rel), parseInt(mode, 8));
    for (const [rel, target] of Object.entries(spec.links ?? {})) {
      fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
      fs.symlinkSync(substitute(target, vars), path.join(home, rel));
    }
    // the network jail's defaults (AWS_ENDPOINT_URL at a closed loopback port; instance metadata off unless the
    // fixture asks), for botocore and credchain alike; no default IMDS endpoint, because every imds fixture names its
    // loopback IMDS itself, in the environment or (K15) in the config file, which an env default would shadow
    const env = jailedEnv({ HOME: home, PATH: BASE_PATH, LANG: 'C.UTF-8', AWS_EC2_METADATA_SERVICE_ENDPOINT: undefined }, { imds: spec.imds });
    for (const [k, v] of Object.entries(spec.env ?? {})) env[k] = substitute(v, vars);
    const argv = (spec.argv ?? []).map((a) => substitute(a, vars));
    return { id: fixture.id, home, env, argv, servers, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export function makeRoot(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `credchain-${label}-`));
}

export function removeRoot(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

export const PYTHON = process.env.CREDCHAIN_PYTHON ?? 'python3';

/** the botocore version the oracle would run, or why it cannot run */
export function probeOracle(): { version: string } | { problem: string } {
  const r = spawnSync(PYTHON, ['-c', 'import boto3, botocore; print(botocore.__version__)'], { encoding: 'utf8' });
  if (r.error) return { problem: `cannot run ${PYTHON}: ${r.error.message}` };
  if (r.status !== 0) return { problem: `boto3/botocore not importable by ${PYTHON}: ${r.stderr.trim()}` };
  return { version: r.stdout.trim() };
}

/** a scenario as the oracle reads it */
export type OracleScenario = Pick<Materialized, 'id' | 'home' | 'env' | 'argv'>;

/** Runs botocore on every scenario in one python process; resolves to id → outcome. `extraArgs`: --messages, --time-scale F */
export function runOracle(oracleScript: string, scenarios: OracleScenario[], jobs = 6, extraArgs: string[] = []): Promise<Map<string, OracleOutcome>> {
  return new Promise((resolve, reject) => {
    const home = makeRoot('oracle-home');
    const child = spawn(PYTHON, [oracleScript, '--jobs', String(jobs), ...extraArgs], {
      env: { HOME: home, PATH: process.env.PATH ?? BASE_PATH, LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => {
      removeRoot(home);
      reject(e);
    });
    child.on('close', (code) => {
      removeRoot(home);
      if (code !== 0) return reject(new Error(`oracle.py exited with ${code}: ${stderr.trim()}`));
      const outcomes = new Map<string, OracleOutcome>();
      for (const line of stdout.split('\n').filter(Boolean)) {
        const { id, ...outcome } = JSON.parse(line) as { id: string } & OracleOutcome;
        outcomes.set(id, outcome);
      }
      resolve(outcomes);
    });
    for (const m of scenarios) child.stdin.write(`${JSON.stringify({ id: m.id, home: m.home, env: m.env, argv: m.argv, cwd: m.home })}\n`);
    child.stdin.end();
  });
}

export interface CredchainRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/credchain.js which --json <argv>` with the scenario's environment, in its HOME */
export function runCredchain(bin: string, m: Materialized, timeoutMs = 20_000): Promise<CredchainRun> {
  return runNode([bin, 'which', '--json', ...m.argv], m, timeoutMs);
}

/** credchainSecrets.cjs: the sha256 of the secret key and session token credchain's library resolves (never the values) */
export function runCredchainSecrets(script: string, m: Materialized, timeoutMs = 20_000): Promise<CredchainRun> {
  return runNode([script, ...m.argv], m, timeoutMs);
}

function runNode(args: string[], m: Materialized, timeoutMs: number): Promise<CredchainRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      env: m.env,
      cwd: m.home,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => resolve({ code: null, stdout, stderr: `${stderr}\n${e.message}` }));
    child.on('close', (code, signal) => resolve({ code, stdout, stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr }));
  });
}

/** the fields compared between botocore and credchain; a field botocore gives nothing for is left out */
export interface Comparable {
  method: string | null;
  accessKeyId?: string | null;
  secretKeySha256?: string | null;
  sessionTokenSha256?: string | null;
  hasSessionToken?: boolean | null;
  expiry?: string | null;
  roleArn?: string | null;
  sourceAccessKeyId?: string | null;
  region?: RegionOutcome;
  errorType: string | null;
}

const DEFERRED = new Set(['assume-role', 'assume-role-with-web-identity', 'sso']);

/**
 * What botocore's recorded outcome says credchain must report. A day-dependent expiry is compared with the live
 * oracle's value of today (`live`); without one (no botocore here) it is left out.
 */
export function botocoreView(e: Expected, live?: LiveValues): Comparable {
  // boto3 returns None when nothing resolves, and a client then raises NoCredentialsError: the contract names it
  const errorType = e.error?.type ?? (e.method === null ? 'NoCredentialsError' : null);
  const view: Comparable = { method: e.method, errorType };
  if (e.method !== null && !DEFERRED.has(e.method)) {
    view.accessKeyId = e.accessKeyId;
    view.secretKeySha256 = e.secretKeySha256;
    view.sessionTokenSha256 = e.sessionTokenSha256;
    view.hasSessionToken = e.hasSessionToken;
    view.expiry = e.expiry;
    if (e.expiry === DAY_DEPENDENT) {
      if (live?.expiry !== undefined) view.expiry = live.expiry;
      else delete view.expiry;
    }
  }
  if (e.method === 'assume-role') {
    view.roleArn = e.roleArn;
    view.sourceAccessKeyId = e.sourceAccessKeyId;
  }
  if (e.method === 'assume-role-with-web-identity') view.roleArn = e.roleArn;
  if (e.region) view.region = e.region;
  return view;
}

interface WhichJson {
  providers: { method: string; notes?: string[] }[];
  warnings: string[];
  region: { name: string | null; source: string; location?: { file?: string } };
  credentials: null | {
    method: string;
    accessKeyId: string | null;
    hasSessionToken: boolean;
    expiration: string | null;
    roleArn?: string;
    chain?: { accessKeyId?: string | null }[];
  };
  error: null | { type: string; message?: string };
}

export interface SecretHashes {
  method: string | null;
  secretKeySha256: string | null;
  sessionTokenSha256: string | null;
}

/**
 * The same fields read from `credchain which --json` (and, for the secret and token, from credchainSecrets.cjs);
 * throws when the output is not that JSON. `home` is the scenario HOME, written {HOME} as the oracle does.
 */
export function credchainView(stdout: string, like: Comparable, home: string, secrets?: SecretHashes): Comparable {
  const out = JSON.parse(stdout) as WhichJson;
  const creds = out.credentials;
  const view: Comparable = { method: creds?.method ?? null, errorType: out.error?.type ?? null };
  if ('accessKeyId' in like) view.accessKeyId = creds?.accessKeyId ?? null;
  if ('secretKeySha256' in like) view.secretKeySha256 = secrets ? secrets.secretKeySha256 : 'no hash: credchainSecrets.cjs did not run';
  if ('sessionTokenSha256' in like) view.sessionTokenSha256 = secrets ? secrets.sessionTokenSha256 : 'no hash: credchainSecrets.cjs did not run';
  if ('hasSessionToken' in like) view.hasSessionToken = creds?.hasSessionToken ?? null;
  if ('expiry' in like) view.expiry = expiryView(out);
  if ('roleArn' in like) view.roleArn = creds?.roleArn ?? null;
  if ('sourceAccessKeyId' in like) view.sourceAccessKeyId = creds?.chain?.[0]?.accessKeyId ?? null;
  if ('region' in like) view.region = regionView(out.region, home);
  return view;
}

/** botocore moves an expired IMDS expiry to now + 17-25 random minutes; credchain keeps IMDS's value and says so */
const IMDS_EXTENDED = /botocore still uses them and moves their expiry/;

function expiryView(out: WhichJson): string | null {
  const expiry = canonicalExpiry(out.credentials?.expiration ?? null);
  const notes = [...out.warnings, ...out.providers.flatMap((p) => (p.method === 'iam-role' ? (p.notes ?? []) : []))];
  if (out.credentials?.method === 'iam-role' && notes.some((n) => IMDS_EXTENDED.test(n))) return `extended by botocore from ${expiry}`;
  return expiry;
}

/** credchain's region report in the oracle's terms */
function regionView(r: WhichJson['region'], home: string): RegionOutcome {
  const unresolved = /^unresolved: (\S+)/.exec(r.source);
  if (unresolved) return { name: null, source: null, file: null, error: { type: unresolved[1] } };
  if (r.source === 'none') return { name: r.name, source: null, file: null, error: null };
  if (r.source === 'profile') {
    const file = r.location?.file ?? null;
    return { name: r.name, source: 'profile', file: file?.startsWith(home + path.sep) ? `{HOME}${file.slice(home.length)}` : file, error: null };
  }
  return { name: r.name, source: r.source === '--region' ? 'instance' : r.source, file: null, error: null };
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * credchain's expiration in the oracle's form: UTC with microseconds and Z, or naive with microseconds. A string
 * that is no ISO time stays as it is, so the comparison shows it.
 */
export function canonicalExpiry(text: string | null): string | null {
  if (text === null) return null;
  const m = ISO_TIME.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, sec, frac = '', zone] = m;
  const micros = frac.padEnd(6, '0');
  if (!zone) return `${y}-${mo}-${d}T${h}:${mi}:${sec}.${micros}`;
  const offsetMin = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const local = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)));
  local.setUTCFullYear(Number(y)); // Date.UTC would read years 0-99 as 1900-1999
  return `${new Date(local.getTime() - offsetMin * 60_000).toISOString().slice(0, 19)}.${micros}Z`;
}

/** runs fn over items with at most `limit` in flight */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
