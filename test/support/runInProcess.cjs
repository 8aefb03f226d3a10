// Runs many credchain command lines in one Node process, through the built CLI's main() (dist/credchain.cjs, the same
// code bin/credchain.js runs), each with its own captured stdout and stderr, so a test can run hundreds of commands
// without paying Node's start-up for each. Usage: node runInProcess.cjs JOB.json RESULT.json, where the job is
// {"cwd": "...", "commands": [["which", "--json"], ...]} and the environment is this process's own.
// Writes straight to process.stdout / process.stderr (not through the CliIO) are captured with the command too.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [jobFile, resultFile] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
const { main } = require(path.resolve(__dirname, '../../dist/credchain.cjs'));
const PER_COMMAND_MS = 20_000;

async function runOne(argv) {
  const out = [];
  const err = [];
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  process.stdout.write = (chunk, ...rest) => (out.push(String(chunk)), typeof rest.at(-1) === 'function' && rest.at(-1)(), true);
  process.stderr.write = (chunk, ...rest) => (err.push(String(chunk)), typeof rest.at(-1) === 'function' && rest.at(-1)(), true);
  const env = { ...process.env };
  const io = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, isTTY: false, cwd: job.cwd };
  let timer;
  const t0 = Date.now();
  try {
    const code = await Promise.race([
      main(argv, io).catch((e) => (err.push(`uncaught: ${e && e.stack}`), -1)),
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), PER_COMMAND_MS))),
    ]);
    return { argv, code, ms: Date.now() - t0, stdout: out.join(''), stderr: err.join('') };
  } finally {
    clearTimeout(timer);
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
}

(async () => {
  const results = [];
  for (const argv of job.commands) results.push(await runOne(argv));
  fs.writeFileSync(resultFile, JSON.stringify(results));
  // a command that timed out may still hold the event loop
  process.exit(0);
})();
