#!/usr/bin/env node
// Launcher: runs the bundled dist/credchain.cjs through V8's code cache (dist/credchain.cjs.cache, written by the
// build) so start-up skips most parsing and compiling. A missing or stale cache just means a normal compile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'credchain.cjs');

function load() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    process.stderr.write('credchain: not built yet: run `npm install` (or `npm run build`) in the credchain folder\n');
    process.exit(255);
  }
  const vm = require('node:vm');
  const Module = require('node:module');
  let cachedData;
  try {
    cachedData = fs.readFileSync(bundle + '.cache');
  } catch {
    /* no cache: compile normally */
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  return { exports: mod.exports, script };
}

const { exports: credchain, script } = load();
if (process.env.CREDCHAIN_WRITE_CODE_CACHE) {
  // used by scripts/build.mjs: run one typical resolution, then save the code V8 compiled for it
  credchain.main(['which', '--json'], { stdout() {}, stderr() {}, env: process.env, isTTY: false, cwd: process.cwd() }).then(() => {
    fs.writeFileSync(process.env.CREDCHAIN_WRITE_CODE_CACHE, script.createCachedData());
  });
} else {
  credchain.run();
}
