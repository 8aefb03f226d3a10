#!/usr/bin/env node
// Launcher. The common case — `credchain` / `credchain which` with global options — runs from the small bundle
// dist/which.cjs, `current` (every shell prompt) from dist/current.cjs, `profiles`, `show` and `doctor` with plain
// options from dist/local.cjs; everything else loads the full CLI, dist/credchain.cjs. Both run through V8's code cache
// (<bundle>.cache, written by the build), so start-up skips most parsing and compiling; a missing or stale cache
// only means a normal compile. With --debug the cache is not used: code restored from it keeps the file name it was
// built under, so stack traces would name the build machine's folder instead of this one.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');

/** In a source checkout (`npm install && npx credchain`), the first run builds dist/; an installed package ships it. */
function buildCheckout() {
  const root = path.join(__dirname, '..');
  const script = path.join(root, 'scripts', 'build.mjs');
  if (!fs.existsSync(script) || !fs.existsSync(path.join(root, 'src'))) return false;
  process.stderr.write('credchain: first run in this checkout: building dist/ (once)\n');
  const r = require('node:child_process').spawnSync(process.execPath, [script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

function load(name, useCache = !process.argv.includes('--debug')) {
  const bundle = path.join(dist, name);
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    if (!process.env.CREDCHAIN_WRITE_CODE_CACHE && buildCheckout() && fs.existsSync(bundle)) return load(name, useCache);
    process.stderr.write('credchain: not built yet: run `npm run build` in the credchain folder\n');
    process.exit(255);
  }
  const vm = require('node:vm');
  const Module = require('node:module');
  let cachedData;
  try {
    if (useCache) cachedData = fs.readFileSync(bundle + '.cache');
  } catch {
    /* no cache: compile normally */
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  return { exports: mod.exports, script };
}

const argv = process.argv.slice(2);
let current;
let running;
const cacheDir = process.env.CREDCHAIN_WRITE_CODE_CACHE;
if (cacheDir) {
  // used by scripts/build.mjs: run one typical command through each bundle, then save the code V8 compiled
  const io = { stdout() {}, stderr() {}, env: process.env, isTTY: false, cwd: process.cwd() };
  const fast = load('which.cjs');
  const current = load('current.cjs');
  const local = load('local.cjs');
  const full = load('credchain.cjs');
  // every local command once, so the cache holds the code each of them runs, not only `which`'s
  const commands = [['which', '--sdk', 'boto3', '--json'], ['profiles'], ['profiles', '--json'], ['show'], ['doctor'], ['current', '--json'], ['version']];
  const runFull = commands.reduce((p, argv) => p.then(() => full.exports.main(argv, io)), Promise.resolve());
  const runLocal = [['profiles'], ['profiles', '--json'], ['show'], ['doctor']].reduce((p, argv) => p.then(() => local.exports.tryLocal(argv, io)), Promise.resolve());
  const runCurrent = [['current'], ['current', '--json']].reduce((p, argv) => p.then(() => current.exports.tryCurrent(argv, io)), Promise.resolve());
  Promise.all([fast.exports.tryFast(['which'], io), fast.exports.tryFast(['current'], io), runCurrent, runFull, runLocal]).then(() => {
    fs.writeFileSync(path.join(cacheDir, 'which.cjs.cache'), fast.script.createCachedData());
    fs.writeFileSync(path.join(cacheDir, 'current.cjs.cache'), current.script.createCachedData());
    fs.writeFileSync(path.join(cacheDir, 'local.cjs.cache'), local.script.createCachedData());
    fs.writeFileSync(path.join(cacheDir, 'credchain.cjs.cache'), full.script.createCachedData());
  });
} else if (argv[0] === 'current' && (current = load('current.cjs').exports) && (running = current.tryCurrent(argv))) {
  // the prompt's command, from its own small bundle
  current.settle(running);
} else {
  const fast = load('which.cjs').exports;
  running = fast.tryFast(argv);
  if (running) fast.settle(running);
  else {
    const local = ['profiles', 'show', 'doctor'].includes(argv[0]) ? load('local.cjs').exports : undefined;
    const ran = local?.tryLocal(argv);
    if (ran) local.settle(ran);
    else load('credchain.cjs').exports.run();
  }
}
