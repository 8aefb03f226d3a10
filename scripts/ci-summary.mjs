// Prints the closing line CI reads, "N passed, N failed", from vitest's JSON report (not from its own summary), and
// exits 1 unless nothing failed and something passed. Usage: node scripts/ci-summary.mjs REPORT [VITEST_EXIT_STATUS]
// A failure is a failed test, or a file that failed outside its tests (it did not load, a beforeAll/afterAll hook
// threw: vitest marks the file failed and its tests skipped or passed). The JSON report leaves unhandled errors out
// (vitest exits 1 with "success": true), so a non-zero exit status with nothing else failed counts as one failure:
// the line never says 0 failed when vitest failed.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
const vitestStatus = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`credchain CI: no vitest JSON report at ${file} (${e.message})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const files = Array.isArray(report.testResults) ? report.testResults : [];
const tests = files.flatMap((f) => f.assertionResults ?? []);
const passed = tests.filter((t) => t.status === 'passed').length;
const failedTests = tests.filter((t) => t.status === 'failed').length;
// a failed file none of whose tests failed: the failure was in loading it or in a hook
const failedOutside = files.filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'));
for (const f of failedOutside) {
  const why = (f.message ?? '').split('\n')[0] || 'no test failed: a hook or the file itself';
  console.log(`credchain CI: ${f.name} failed outside its tests: ${why}`);
}
let failed = failedTests + failedOutside.length;
if (failed === 0 && report.success === false) {
  console.log('credchain CI: vitest reports failure without a failed test or file');
  failed = 1;
}
if (failed === 0 && vitestStatus !== undefined && vitestStatus !== 0) {
  console.log(`credchain CI: vitest exited ${vitestStatus} with nothing failed in its report (an unhandled error: see its output above)`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
