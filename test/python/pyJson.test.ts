// pyJsonLoads with a depth limit fails where CPython's json fails: RecursionError (array or object) when the nesting
// passes the limit before any syntax error, JSONDecodeError when a syntax error comes first, a value otherwise. The
// expected outcome of every input comes from python3's own json.loads, run with a small recursion limit; the depth it
// reaches under that limit is measured first and given to pyJsonLoads as maxDepth. (The depth boto3 reaches for a
// credential_process, PY_JSON_MAX_DEPTH_AT_TOP, is checked against botocore by fixtures/M01-M08.)
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PY_JSON_MAX_DEPTH_AT_TOP, pyJsonLoads } from '../../src/python/pyJson';

const PYTHON = process.env.CREDCHAIN_PYTHON ?? 'python3';
// reads a JSON list of texts on stdin; prints the depth json.loads reaches, then each text's outcome
const ORACLE = `
import json, sys
texts = json.loads(sys.stdin.read())
sys.setrecursionlimit(60)
def outcome(t):
    try:
        json.loads(t)
        return 'ok'
    except RecursionError as e:
        return 'RecursionError: ' + str(e)
    except json.JSONDecodeError:
        return 'JSONDecodeError'
def reached():
    n = 1
    while outcome('[' * (n + 1) + ']' * (n + 1)) == 'ok':
        n += 1
    return n
depth = reached()
print(json.dumps({'depth': depth, 'outcomes': [outcome(t) for t in texts]}))
`;

/** small deterministic PRNG, so a failure names an input that comes back */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = ['1', '-2.5e3', 'true', 'null', '"s"', '"[{"', '"\\"]["', 'NaN', '-Infinity'];

/** a random value nesting about `depth` arrays and objects on its deepest path */
function value(r: () => number, depth: number): string {
  if (depth <= 0) return ATOMS[Math.floor(r() * ATOMS.length)];
  const before = r() < 0.3 ? value(r, Math.floor(r() * depth)) : undefined;
  const inner = value(r, depth - 1);
  if (r() < 0.5) return `[${before !== undefined ? `${before}, ` : ''}${inner}]`;
  return `{${before !== undefined ? `"b": ${before}, ` : ''}"a": ${inner}}`;
}

/** one character changed, removed or added somewhere, often making a syntax error before or after the deep point */
function mutate(r: () => number, t: string): string {
  const i = Math.floor(r() * t.length);
  const c = '[]{},:" x'[Math.floor(r() * 9)];
  const k = r();
  if (k < 0.33) return t.slice(0, i) + c + t.slice(i + 1);
  if (k < 0.66) return t.slice(0, i) + t.slice(i + 1);
  return t.slice(0, i) + c + t.slice(i);
}

describe('pyJsonLoads with maxDepth fails as CPython json.loads fails', () => {
  const r = rng(11);
  const texts: string[] = [];
  for (let n = 0; n < 1500; n++) {
    const depth = 40 + Math.floor(r() * 20); // around the depth Python reaches under its limit of 60
    const t = value(r, depth);
    texts.push(r() < 0.5 ? t : mutate(r, t));
  }
  texts.push('[' + '"]"'.repeat(3) + ']', '{"a": [' + '['.repeat(100), ' '.repeat(3) + '['.repeat(100), '[1 [' + '['.repeat(100));

  it('python3 gives the same outcome type, and for RecursionError the same message, on 1500 random inputs', () => {
    const py = spawnSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(py.status, py.stderr).toBe(0);
    const { depth, outcomes } = JSON.parse(py.stdout) as { depth: number; outcomes: string[] };
    expect(depth).toBeGreaterThan(30);
    const kinds = new Set(outcomes.map((o) => o.split(':')[0]));
    expect([...kinds].sort()).toEqual(['JSONDecodeError', 'RecursionError', 'ok']);
    // both of Python's messages: entering an array or object, and calling parse_constant for NaN or Infinity
    expect(outcomes.filter((o) => o.endsWith('while calling a Python object')).length).toBeGreaterThan(5);
    expect(outcomes.filter((o) => o.endsWith('from a unicode string')).length).toBeGreaterThan(50);
    texts.forEach((t, i) => {
      const ours = pyJsonLoads(t, { maxDepth: depth });
      const mine = ours.ok ? 'ok' : ours.type === 'RecursionError' ? `RecursionError: ${ours.error}` : 'JSONDecodeError';
      expect(mine, t).toBe(outcomes[i]);
    });
  });

  it('without maxDepth any depth parses, with no stack used for it', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(pyJsonLoads(deep).ok).toBe(true);
    expect(pyJsonLoads(deep, { maxDepth: PY_JSON_MAX_DEPTH_AT_TOP })).toMatchObject({ ok: false, type: 'RecursionError' });
  });
});
