#!/usr/bin/env node
// Records fixtures/*/expected.json from botocore: lays out every fixture (or those whose folder name starts with
// one of the arguments), starts its loopback servers, runs oracle.py on all of them and writes what botocore did.
// The harness is TypeScript shared with the conformance test; esbuild (a dev dependency) bundles it on the fly.
//
//   node test/conformance/record.mjs              re-record every fixture
//   node test/conformance/record.mjs K01 E13-     only fixtures whose folder name starts with K01 or E13-
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const bundle = path.join(os.tmpdir(), `credchain-harness-${process.pid}.mjs`);
await build({ entryPoints: [path.join(here, 'harness.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
let harness;
try {
  harness = await import(pathToFileURL(bundle).href);
} finally {
  fs.rmSync(bundle, { force: true });
}
const { loadFixtures, materialize, makeRoot, removeRoot, probeOracle, runOracle } = harness;

const probe = probeOracle();
if (probe.problem) {
  console.error(`record: ${probe.problem}`);
  process.exit(1);
}

const prefixes = process.argv.slice(2);
const fixtures = loadFixtures(path.join(repo, 'fixtures')).filter((f) => !prefixes.length || prefixes.some((p) => f.id.startsWith(p)));
if (!fixtures.length) {
  console.error(`record: no fixture matches ${prefixes.join(' ')}`);
  process.exit(1);
}

const root = makeRoot('record');
const scenarios = [];
try {
  for (const f of fixtures) scenarios.push(await materialize(f, root));
  const outcomes = await runOracle(path.join(here, 'oracle.py'), scenarios);
  let failed = 0;
  let changed = 0;
  for (const f of fixtures) {
    const outcome = outcomes.get(f.id);
    if (!outcome || 'oracleError' in outcome) {
      failed++;
      console.error(`record: ${f.id}: ${outcome ? outcome.oracleError : 'no result from the oracle'}`);
      continue;
    }
    const text = `${JSON.stringify(outcome.result, null, 2)}\n`;
    const file = path.join(f.dir, 'expected.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (before !== text) {
      changed++;
      console.log(`${before === null ? 'new' : 'changed'}: ${f.id}: ${summary(outcome.result)}`);
      fs.writeFileSync(file, text);
    }
  }
  console.log(`recorded ${fixtures.length - failed} fixture(s) with botocore ${probe.version}: ${changed} written, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
} finally {
  await Promise.all(scenarios.map((s) => s.close()));
  removeRoot(root);
}

function summary(r) {
  if (r.error) return `error ${r.error.type}`;
  if (!r.method) return 'no credentials';
  return [r.method, r.accessKeyId, r.roleArn, r.sourceAccessKeyId && `source ${r.sourceAccessKeyId}`].filter(Boolean).join(' ');
}
