// Conformance: every scenario folder under fixtures/ is run through real botocore (oracle.py) and through
// `credchain which --json`. The live botocore outcome must equal the recorded expected.json (so a botocore
// upgrade or a broken fixture shows up as drift), and credchain must report everything botocore returned: method,
// access key id, secret key and session token (compared as sha256 hashes, read through credchainSecrets.cjs, never
// printed), hasSessionToken, expiry, role ARN, base of the role chain, region with its source, and error type
// (NoCredentialsError when boto3 returns None). Re-record with `node test/conformance/record.mjs`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  botocoreView,
  credchainView,
  loadFixtures,
  makeRoot,
  mapLimit,
  materialize,
  probeOracle,
  removeRoot,
  runCredchain,
  runCredchainSecrets,
  runOracle,
  type Comparable,
  type CredchainRun,
  type Materialized,
  type OracleOutcome,
  type SecretHashes,
} from './harness';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const CREDCHAIN_BIN = path.join(repo, 'bin', 'credchain.js');
const ORACLE = path.join(here, 'oracle.py');
const SECRETS = path.join(here, 'credchainSecrets.cjs');
const CREDCHAIN_JOBS = 4;

const allFixtures = loadFixtures(path.join(repo, 'fixtures'));
// CONFORMANCE_ONLY=K0,E13 runs only the fixtures whose folder name starts with one of these (local use)
const only = process.env.CONFORMANCE_ONLY?.split(',').filter(Boolean) ?? [];
const fixtures = only.length ? allFixtures.filter((f) => only.some((p) => f.id.startsWith(p))) : allFixtures;
const probe = probeOracle();
const oracleProblem = 'problem' in probe ? probe.problem : undefined;
// Without botocore the oracle half is skipped on a developer machine, but under CI it must fail.
const runOracleHalf = !oracleProblem || Boolean(process.env.CI);

let root = '';
/** the HOME a fixture had on the credchain side (materialize lays it out at <root>/<id>/home) */
const credchainHome = (id: string) => path.join(root, 'credchain', id, 'home');
let oracleOutcomes: Map<string, OracleOutcome> | undefined;
let oracleFailure: string | undefined;
const credchainRuns = new Map<string, CredchainRun>();
const secretRuns = new Map<string, CredchainRun>();
/** botocore's non-deferred credentials carry a secret key and token to compare */
const hasKeyMaterial = (f: (typeof fixtures)[number]) => !!f.expected?.method && 'secretKeySha256' in botocoreView(f.expected);

async function oracleSide(): Promise<void> {
  if (oracleProblem) {
    oracleFailure = `botocore oracle unavailable: ${oracleProblem}`;
    return;
  }
  const scenarios: Materialized[] = [];
  try {
    for (const f of fixtures) scenarios.push(await materialize(f, path.join(root, 'botocore')));
    oracleOutcomes = await runOracle(ORACLE, scenarios);
  } catch (e) {
    oracleFailure = `botocore oracle failed: ${(e as Error).message}`;
  } finally {
    await Promise.all(scenarios.map((s) => s.close()));
  }
}

async function credchainSide(): Promise<void> {
  if (!fs.existsSync(CREDCHAIN_BIN)) return;
  await mapLimit(fixtures, CREDCHAIN_JOBS, async (f) => {
    const m = await materialize(f, path.join(root, 'credchain'));
    try {
      credchainRuns.set(f.id, await runCredchain(CREDCHAIN_BIN, m));
    } finally {
      await m.close();
    }
    if (!hasKeyMaterial(f)) return;
    // a fresh HOME and fresh servers: a reply sequence (IMDS retries) starts over for the second run
    const again = await materialize(f, path.join(root, 'credchain-secrets'));
    try {
      secretRuns.set(f.id, await runCredchainSecrets(SECRETS, again));
    } finally {
      await again.close();
    }
  });
}

beforeAll(async () => {
  root = makeRoot('conformance');
  // each side gets its own HOME copies and fresh servers, so neither sees the other's requests or writes
  await Promise.all([runOracleHalf ? oracleSide() : Promise.resolve(), credchainSide()]);
  // a safety net only: both sides, the secret-hash runs and every loopback server, on 2 shared cores
}, 400_000);

afterAll(() => {
  if (root) removeRoot(root);
});

describe('fixtures', () => {
  it('has at least 130 scenarios, each with a recorded expected.json', () => {
    expect(allFixtures.length).toBeGreaterThanOrEqual(130);
    const unrecorded = allFixtures.filter((f) => !f.expected?.recordedWith).map((f) => f.id);
    expect(unrecorded, 'run `node test/conformance/record.mjs` to record these').toEqual([]);
  });
});

describe.skipIf(!runOracleHalf)('botocore still gives the recorded outcome', () => {
  it.each(fixtures.map((f) => [f.id, f] as const))('%s', (id, f) => {
    if (oracleFailure) throw new Error(oracleFailure);
    const outcome = oracleOutcomes?.get(id);
    if (!outcome) throw new Error(`${id}: the oracle gave no result`);
    if ('oracleError' in outcome) throw new Error(`${id}: the oracle failed:\n${outcome.oracleError}`);
    expect(outcome.result, `${id}: live botocore differs from fixtures/${id}/expected.json (re-record if intended)`).toEqual(f.expected);
  });
});

describe('credchain agrees with botocore', () => {
  it.each(fixtures.map((f) => [f.id, f] as const))('%s', (id, f) => {
    if (!fs.existsSync(CREDCHAIN_BIN)) throw new Error(`${CREDCHAIN_BIN} does not exist yet: nothing to compare with botocore`);
    if (!f.expected) throw new Error(`${id}: no expected.json recorded`);
    const live = oracleOutcomes?.get(id);
    const want = botocoreView(f.expected, live && 'live' in live ? live.live : undefined);
    const run = credchainRuns.get(id);
    if (!run) throw new Error(`${id}: credchain did not run`);
    let secrets: SecretHashes | undefined;
    const secretRun = secretRuns.get(id);
    if (secretRun) {
      try {
        secrets = JSON.parse(secretRun.stdout) as SecretHashes;
      } catch {
        // its stdout holds hashes only, so it can be shown
        throw new Error(`${id}: credchainSecrets.cjs printed no hashes; exit ${secretRun.code}\nstdout: ${secretRun.stdout}\nstderr: ${secretRun.stderr}`);
      }
    }
    let got: Comparable;
    try {
      got = credchainView(run.stdout, want, credchainHome(id), secrets);
    } catch (e) {
      throw new Error(`${id}: credchain printed no usable \`which --json\` output (${(e as Error).message}); exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    }
    expect(got, `${id}: credchain (actual) vs botocore (expected): ${f.spec.description}\ncredchain exit ${run.code}, stderr: ${run.stderr.trim() || '(empty)'}`).toEqual(want);
  });
});
