// BotoError.type is a union of exception class names (src/core/errors.ts): each must be a class botocore or Python
// really has, or a comparison against it would check a name no boto3 user ever sees. Python itself answers: one
// process looks every name up where botocore takes it from. Under CI a missing botocore fails.
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { describe, expect, it } from 'vitest';
import { BOTOCORE_EXCEPTIONS, PYTHON_EXCEPTIONS, SSO_LOGIN_ERRORS } from '../../src/core/errors';

/** where botocore gets the exceptions that are not its own */
const PYTHON_HOMES: Record<string, string> = {
  JSONDecodeError: 'json',
  ParserError: 'dateutil.parser',
  InvalidOperation: 'decimal',
  ResponseParserError: 'botocore.parsers',
};

const ORACLE = `
import builtins, importlib, json, sys
import botocore, botocore.exceptions
q = json.load(sys.stdin)
def lookup(module, name):
    try:
        c = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return [k.__name__ for k in c.__mro__] if isinstance(c, type) and issubclass(c, BaseException) else None
print(json.dumps({
    'version': botocore.__version__,
    'botocore': {n: lookup('botocore.exceptions', n) for n in q['botocore']},
    'python': {n: lookup(q['homes'].get(n, 'builtins'), n) for n in q['python']},
}))
`;

function python(): {
  answer?: { version: string; botocore: Record<string, string[] | null>; python: Record<string, string[] | null> };
  problem?: string;
} {
  const input = JSON.stringify({ botocore: BOTOCORE_EXCEPTIONS, python: PYTHON_EXCEPTIONS, homes: PYTHON_HOMES });
  const r = spawnSync('python3', ['-c', ORACLE], { input, encoding: 'utf8', timeout: 60_000, cwd: os.tmpdir() });
  if (r.status !== 0) return { problem: `python oracle failed: ${r.stderr || r.error}` };
  return { answer: JSON.parse(r.stdout) };
}

const oracle = python();

describe('the exception names BotoError.type may hold', () => {
  it.skipIf(!!oracle.problem && !process.env.CI)('botocore is available (required under CI)', () => {
    expect(oracle.problem).toBeUndefined();
    expect(oracle.answer?.version).toBe('1.43.11');
  });

  it.each(BOTOCORE_EXCEPTIONS.map((n) => [n]))('botocore.exceptions.%s exists', (name) => {
    if (!oracle.answer) return;
    expect(oracle.answer.botocore[name]).not.toBeNull();
  });

  it.each(PYTHON_EXCEPTIONS.map((n) => [n]))('%s is a Python exception where botocore meets it', (name) => {
    if (!oracle.answer) return;
    expect(oracle.answer.python[name]).not.toBeNull();
  });

  it('the SSO login errors are botocore SSO token errors', () => {
    if (!oracle.answer) return;
    for (const name of SSO_LOGIN_ERRORS) {
      const mro = oracle.answer.botocore[name] ?? [];
      expect(mro.includes('SSOError') || name === 'TokenRetrievalError', name).toBe(true);
    }
  });

  it('no name is listed twice, nor in both lists', () => {
    const all = [...BOTOCORE_EXCEPTIONS, ...PYTHON_EXCEPTIONS];
    expect(new Set(all).size).toBe(all.length);
  });
});
