// Runs several credchain commands one after another in one process, through the CLI entry of the built bundle
// (main(argv, io) of dist/credchain.cjs, the function bin/credchain.js runs), so a hostile input costs one Node
// start-up, not one per command. Prints one JSON line per finished command, written synchronously: when the
// process has to be killed, the lines so far say which command did not end.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { main } = require(path.resolve(__dirname, '../../dist/credchain.cjs'));
const commands = JSON.parse(process.argv[2]);
const MAX_KEPT = 20_000;

(async () => {
  for (const argv of commands) {
    // each command as if it were its own process: the garbage of the one before is not counted against it (run.ts
    // starts node with --expose-gc; RSS is the peak of the process, not of one command)
    if (typeof global.gc === 'function') global.gc();
    // stdout is kept only as far as the checks read it, and counted: a process writing to a pipe holds none of
    // what it wrote, and a driver that held (and flattened) a 140 MB report would measure its own copies
    let stdout = '';
    let stdoutLength = 0;
    let stderr = '';
    const io = {
      stdout: (s) => {
        if (stdout.length < MAX_KEPT) stdout += s.slice(0, MAX_KEPT - stdout.length);
        stdoutLength += s.length;
      },
      stderr: (s) => (stderr += s),
      env: process.env,
      isTTY: false,
      cwd: process.cwd(),
    };
    const started = Date.now();
    let code;
    try {
      code = await main(argv, io);
    } catch (e) {
      // main() turns every error into a message and an exit code: reaching here is a bug the suite reports
      code = 'threw';
      stderr += `THREW: ${(e && e.stack) || e}`;
    }
    const line = { argv, code, ms: Date.now() - started, stdoutLength, stdout, stderr: stderr.slice(0, MAX_KEPT) };
    fs.writeSync(1, JSON.stringify(line) + '\n');
  }
})();
