// Deep role chains, against botocore itself: botocore follows source_profile by recursion and raises RecursionError
// once Python's recursion limit runs out, at a depth that depends on how the chain ends. For every ending, the roles
// on both sides of the boundary our frame count predicts run through botocore (test/conformance/oracle.py, which
// calls it with the headroom of a script's top level) and through `credchain which --json`: botocore must flip
// exactly there, and credchain must say what botocore said at each depth.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exceedsRecursionLimit } from '../../src/providers/assumeRoleDepth';
import { makeHome, runCli } from '../support/cli';
import { chainHome, SHAPES, type ChainShape } from './deepChainShapes';

const PYTHON = process.env.CREDCHAIN_PYTHON ?? 'python3';
const ORACLE = path.resolve(__dirname, '../conformance/oracle.py');
const hasBotocore = spawnSync(PYTHON, ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
if (!hasBotocore && process.env.CI) throw new Error(`${PYTHON} cannot import boto3: the deep-chain test needs botocore under CI`);

interface Outcome {
  method: string | null;
  error: string | null;
}

interface Case {
  id: string;
  shape: ChainShape;
  roles: number;
  home: string;
  top: string;
  env: Record<string, string>;
}

/** the most roles a chain ending this way can have before botocore runs out of frames, by our count */
function boundary(shape: ChainShape): number {
  let roles = 1;
  while (!exceedsRecursionLimit(roles + 1, shape.ending)) roles++;
  return roles;
}

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

function makeCase(shape: ChainShape, roles: number): Case {
  const home = makeHome();
  homes.push(home);
  const { files, top } = chainHome(shape, roles, home);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), text);
  }
  // the conformance harness's environment: how deep a credential_process chain goes can move by a role with it
  // (Python's cyclic collector may run at the chain's deepest point), so both measure in the same one
  const env = { HOME: home, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true', ...shape.env };
  return { id: `${shape.name} @ ${roles}`, shape, roles, home, top, env };
}

/** botocore's answer for every case: one oracle process, a forked child per case */
function botocore(cases: Case[]): Promise<Map<string, Outcome>> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [ORACLE, '--jobs', '4'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', () => {
      const m = new Map<string, Outcome>();
      for (const line of out.split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as { id: string; result?: { method: string | null; error: { type: string } | null }; oracleError?: string };
        if (!r.result) return reject(new Error(`oracle failed on ${r.id}: ${r.oracleError}`));
        m.set(r.id, { method: r.result.method, error: r.result.error?.type ?? null });
      }
      if (m.size !== cases.length) reject(new Error(`oracle answered ${m.size} of ${cases.length}: ${err}`));
      resolve(m);
    });
    child.stdin.end(cases.map((c) => JSON.stringify({ id: c.id, home: c.home, env: c.env, argv: ['--profile', c.top] })).join('\n') + '\n');
  });
}

async function credchain(c: Case): Promise<Outcome> {
  const { HOME: _h, PATH: _p, LANG: _l, AWS_EC2_METADATA_DISABLED: _i, ...extra } = c.env;
  const r = await runCli(['which', '--json', '--profile', c.top], { home: c.home, env: extra, timeoutMs: 60_000 });
  expect(r.stderr).not.toMatch(/Maximum call stack|RangeError/);
  const j = JSON.parse(r.stdout) as { credentials: { method: string } | null; error: { type: string } | null };
  return { method: j.credentials?.method ?? null, error: j.error?.type ?? null };
}

async function inBatches<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) for (const r of await Promise.all(items.slice(i, i + size).map(fn))) out.push(r);
  return out;
}

describe.skipIf(!hasBotocore)('deep role chains: RecursionError exactly where botocore raises it', () => {
  const cases = SHAPES.flatMap((shape) => {
    const b = boundary(shape);
    return [b - 1, b, b + 1].map((roles) => makeCase(shape, roles));
  });
  let fromBotocore: Map<string, Outcome>;

  it('botocore flips to RecursionError one role past the boundary our frame count gives, for every ending', { timeout: 120_000 }, async () => {
    fromBotocore = await botocore(cases);
    for (const c of cases) {
      const got = fromBotocore.get(c.id)!;
      const past = c.roles > boundary(c.shape);
      if (past) expect({ id: c.id, ...got }).toEqual({ id: c.id, method: null, error: 'RecursionError' });
      else expect({ id: c.id, ...got }).toEqual({ id: c.id, method: c.shape.fits.method ?? null, error: c.shape.fits.error ?? null });
    }
  });

  it('credchain reports what botocore did at each of those depths', { timeout: 120_000 }, async () => {
    fromBotocore ??= await botocore(cases);
    const ours = await inBatches(cases, 3, credchain);
    cases.forEach((c, i) => expect({ id: c.id, ...ours[i] }).toEqual({ id: c.id, ...fromBotocore.get(c.id)! }));
  });
});
