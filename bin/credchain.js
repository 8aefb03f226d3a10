#!/usr/bin/env node
// Launcher: everything lives in the bundled dist/credchain.cjs (built by `npm install` / `npm run build`).
'use strict';
try {
  require('../dist/credchain.cjs').run();
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /credchain\.cjs/.test(String(e.message))) {
    process.stderr.write('credchain: not built yet: run `npm install` (or `npm run build`) in the credchain folder\n');
    process.exit(255);
  }
  throw e;
}
