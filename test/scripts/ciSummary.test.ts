// scripts/ci-summary.mjs on vitest JSON reports shaped as vitest 4 writes them (recorded from real runs: a file whose
// beforeAll threw, as with moto_server missing under CI; an afterAll that threw; a file that did not load; an
// unhandled error, which the report leaves out and only vitest's exit status shows): the closing line counts every
// failure and the exit code is 1 whenever anything failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(__dirname, '../../scripts/ci-summary.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-ci-summary-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Status = 'passed' | 'failed' | 'skipped';
const file = (name: string, status: 'passed' | 'failed', tests: Status[], message = '') => ({
  name: `/repo/test/${name}`,
  status,
  message,
  startTime: 0,
  endTime: 1,
  assertionResults: tests.map((s, i) => ({ title: `t${i}`, fullName: `t${i}`, status: s, failureMessages: s === 'failed' ? ['AssertionError'] : [] })),
});

/** a report with vitest's own totals computed from the files, as its JSON reporter does */
function report(files: ReturnType<typeof file>[]) {
  const tests = files.flatMap((f) => f.assertionResults);
  const n = (s: Status) => tests.filter((t) => t.status === s).length;
  const failedSuites = files.filter((f) => f.status === 'failed').length;
  return {
    numTotalTestSuites: files.length,
    numPassedTestSuites: files.length - failedSuites,
    numFailedTestSuites: failedSuites,
    numTotalTests: tests.length,
    numPassedTests: n('passed'),
    numFailedTests: n('failed'),
    numPendingTests: n('skipped'),
    success: failedSuites === 0 && n('failed') === 0 && files.length > 0,
    testResults: files,
  };
}

function summarize(content: object | string, vitestStatus?: number) {
  const p = path.join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  const r = spawnSync(process.execPath, [SCRIPT, p, ...(vitestStatus === undefined ? [] : [String(vitestStatus)])], { encoding: 'utf8', timeout: 20_000 });
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, last: lines.at(-1), notes: lines.slice(0, -1).join('\n') };
}

const SEVEN_PASS = file('passing.test.ts', 'passed', Array(7).fill('passed'));

describe('ci-summary: every failure counted, never "0 failed" when vitest failed', () => {
  it('all passed: the count and exit 0', () => {
    expect(summarize(report([SEVEN_PASS]), 0)).toEqual({ code: 0, last: '7 passed, 0 failed', notes: '' });
  });

  it('moto_server missing under CI: the file failed in beforeAll, its tests skipped, 7 passed elsewhere', () => {
    const moto = file('cli/verifyProfiles.test.ts', 'failed', ['skipped', 'skipped']);
    const r = summarize(report([moto, SEVEN_PASS]), 1);
    expect(r).toMatchObject({ code: 1, last: '7 passed, 1 failed' });
    expect(r.notes).toContain('/repo/test/cli/verifyProfiles.test.ts failed outside its tests');
    // the same without the exit status: the report alone is enough
    expect(summarize(report([moto, SEVEN_PASS]))).toMatchObject({ code: 1, last: '7 passed, 1 failed' });
  });

  it('a hook that threw after its tests passed (afterAll) is a failure', () => {
    const r = summarize(report([file('a.test.ts', 'failed', ['passed'], 'cleanup failed'), SEVEN_PASS]), 1);
    expect(r).toMatchObject({ code: 1, last: '8 passed, 1 failed' });
    expect(r.notes).toContain('a.test.ts failed outside its tests: cleanup failed');
  });

  it('a file that did not load (no test results) is a failure', () => {
    expect(summarize(report([file('broken.test.ts', 'failed', [], 'cannot load'), SEVEN_PASS]), 1)).toMatchObject({ code: 1, last: '7 passed, 1 failed' });
  });

  it('failed tests count one each; their file is not counted again', () => {
    expect(summarize(report([file('f.test.ts', 'failed', ['failed', 'passed', 'failed']), SEVEN_PASS]), 1)).toEqual({ code: 1, last: '8 passed, 2 failed', notes: '' });
  });

  it('an unhandled error: the report says success, vitest exited 1, and the line says so', () => {
    const r = summarize(report([SEVEN_PASS]), 1);
    expect(r).toMatchObject({ code: 1, last: '7 passed, 1 failed' });
    expect(r.notes).toMatch(/vitest exited 1 with nothing failed in its report/);
  });

  it('no report, an unreadable one, or nothing run: exit 1', () => {
    const missing = spawnSync(process.execPath, [SCRIPT, path.join(dir, 'absent.json')], { encoding: 'utf8' });
    expect([missing.status, missing.stdout.trimEnd().split('\n').at(-1)]).toEqual([1, '0 passed, 1 failed']);
    expect(summarize('{not json')).toMatchObject({ code: 1, last: '0 passed, 1 failed' });
    expect(summarize(report([]), 0)).toMatchObject({ code: 1, last: '0 passed, 1 failed' });
  });
});
