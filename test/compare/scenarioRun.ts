// Lays out scenarios (a HOME tree, an environment, a profile) as real temporary folders and asks, in batches, the
// real JS SDK (jsBatch.cjs sdk), real botocore (test/conformance/oracle.py) and credchain's CLI (jsBatch.cjs
// credchain). One process per side for the whole batch, so a hundred scenarios take seconds. The Node batches run
// inside the network jail.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { makeHome } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { jailedEnv } from '../support/networkJail';
import { runOracle, type OracleOutcome } from '../conformance/harness';

export interface Scenario {
  id: string;
  /** files under HOME; `{HOME}` in a value is the absolute HOME */
  files?: Record<string, string>;
  /** `{HOME}` in a value is the absolute HOME; undefined removes a jail default */
  env?: Record<string, string | undefined>;
  /** --profile for credchain and botocore, `profile` for fromNodeProviderChain */
  profile?: string;
  /** leave instance metadata enabled (the test points it at a loopback server) */
  imds?: boolean;
  modes?: Record<string, number>;
}

export interface Laid {
  s: Scenario;
  home: string;
  env: Record<string, string>;
  argv: string[];
}

export interface SdkAnswer {
  id: string;
  accessKeyId: string | null;
  hasSessionToken: boolean;
  expiration: string | null;
  source: Record<string, string> | null;
  error: { type: string; message: string } | null;
  region: { name: string | null; error?: string } | null;
  calls: { api: string; endpoint: string; params: Record<string, string>; signer?: string | null }[];
  crashed?: string;
}

export interface CliAnswer {
  id: string;
  code: number;
  stdout: string;
  stderr: string;
  crashed?: string;
}

export const STS_KEY = 'ASIASTSANSWER0000001';
export const SSO_KEY = 'ASIASSOANSWER0000001';

const BATCH = path.join(__dirname, 'jsBatch.cjs');
export const ORACLE = path.resolve(__dirname, '../conformance/oracle.py');

/** `vars`: more `{NAME}` placeholders (server URLs) */
export function layOut(s: Scenario, vars: Record<string, string> = {}): Laid {
  const home = makeHome({}, {});
  const sub = (v: string) => Object.entries({ ...vars, HOME: home }).reduce((t, [k, x]) => t.split(`{${k}}`).join(x), v);
  for (const [rel, content] of Object.entries(s.files ?? {})) {
    const p = path.join(home, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, sub(content));
  }
  for (const [rel, mode] of Object.entries(s.modes ?? {})) fs.chmodSync(path.join(home, rel), mode);
  const given: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(s.env ?? {})) given[k] = v === undefined ? undefined : sub(v);
  const env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...given }, { imds: s.imds });
  return { s, home, env, argv: s.profile !== undefined ? ['--profile', s.profile] : [] };
}

export function removeAll(laid: Laid[]): void {
  for (const l of laid) fs.rmSync(l.home, { recursive: true, force: true });
}

/**
 * test/support/networkJail.ts bundled for a child's --require, so the batch processes talk to loopback only too.
 * Kept in the temporary folder under a name made from the jail's source: built once, reused, never piling up.
 */
function jailForChildren(): string {
  const source = path.resolve(__dirname, '../support/networkJail.ts');
  const out = path.join(os.tmpdir(), `credchain-jail-${createHash('sha256').update(fs.readFileSync(source)).digest('hex').slice(0, 16)}.cjs`);
  if (!fs.existsSync(out)) {
    const tmp = `${out}.${process.pid}`;
    buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', outfile: tmp, logLevel: 'silent', footer: { js: 'module.exports.installNetworkJail();' } });
    fs.renameSync(tmp, out);
  }
  return out;
}

function batch<T extends { id: string }>(mode: 'sdk' | 'credchain', items: object[], timeoutMs: number): Promise<Map<string, T>> {
  return new Promise((resolve, reject) => {
    // each scenario replaces process.env, but os.homedir() reads the environment the process started with: an empty
    // HOME of its own, so nothing the SDK looks up there (login cache, a homedir fallback) is the account's real home
    const startHome = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-batch-home-'));
    const child = spawn(process.execPath, ['--require', jailForChildren(), BATCH, mode], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, HOME: startHome } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      fs.rmSync(startHome, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`jsBatch ${mode} ended with ${code ?? signal}: ${stderr.slice(0, 2000)}`));
      const out = new Map<string, T>();
      for (const line of stdout.split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as T;
        out.set(r.id, r);
      }
      resolve(out);
    });
    for (const it of items) child.stdin.write(`${JSON.stringify(it)}\n`);
    child.stdin.end();
  });
}

/** the real fromNodeProviderChain on each scenario */
export function askSdk(laid: Laid[], timeoutMs = 120_000): Promise<Map<string, SdkAnswer>> {
  return batch<SdkAnswer>('sdk', laid.map((l) => ({ id: l.s.id, home: l.home, env: l.env, profile: l.s.profile })), timeoutMs);
}

/** credchain's CLI with `args(l)` on each scenario */
export function askCredchain(laid: Laid[], args: (l: Laid) => string[], timeoutMs = 120_000): Promise<Map<string, CliAnswer>> {
  return batch<CliAnswer>('credchain', laid.map((l) => ({ id: l.s.id, home: l.home, env: l.env, args: args(l) })), timeoutMs);
}

/** botocore (boto3.Session(profile_name=…).get_credentials(), with messages) on each scenario */
export function askBotocore(laid: Laid[]): Promise<Map<string, OracleOutcome>> {
  return runOracle(ORACLE, laid.map((l) => ({ id: l.s.id, home: l.home, env: l.env, argv: l.argv })), 4, ['--messages']);
}

/** instance metadata on loopback: IMDSv2 token, one role with credentials of key id `accessKeyId`, and a region */
export function startImds(accessKeyId: string, region: string): Promise<LoopbackServer> {
  return startLoopback({
    'PUT /latest/api/token': { status: 200, body: 'IMDSTOKEN' },
    'GET /latest/meta-data/iam/security-credentials/': { status: 200, body: 'role' },
    'GET /latest/meta-data/iam/security-credentials/role': { status: 200, body: JSON.stringify({ Code: 'Success', AccessKeyId: accessKeyId, SecretAccessKey: 'imdssecret', Token: 'imdstoken', Expiration: '2099-01-01T00:00:00Z' }) },
    'GET /latest/meta-data/placement/region': { status: 200, body: region },
  });
}
