#!/usr/bin/env node
// Scale budgets of DESIGN.md ("cost grows linearly with profiles"): every read command (which, current, profiles,
// profiles --json, show, doctor, compare) on a 100,000-profile config within 2 s and 400 MB, and within 12× its time on
// 10,000 profiles. Generates both HOMEs, runs each command a few times (median wall time, largest max RSS), prints
// a table and the budgets. Never run from the test suite: `npm run bench` or `node bench/scale.mjs --rounds 5`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'credchain.js');
const BUDGET = { seconds: 2, megabytes: 400, ratio: 12 };

const USAGE = `usage: node bench/scale.mjs [--rounds N] [--small N] [--large N] [--json]
  --rounds N   timed runs per command and size (default 3; the median time and the largest RSS count)
  --small N    profiles in the small config (default 10000)
  --large N    profiles in the large config (default 100000)
  --json       print the results as JSON`;

function parseArgs(argv) {
  const o = { rounds: 3, small: 10000, large: 100000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) usage(`${a} needs a positive integer`);
      return n;
    };
    if (a === '--rounds') o.rounds = int();
    else if (a === '--small') o.small = int();
    else if (a === '--large') o.large = int();
    else if (a === '--json') o.json = true;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else usage(`unknown option ${a}`);
  }
  return o;
}

function usage(msg) {
  console.error(`${msg}\n${USAGE}`);
  process.exit(2);
}

/**
 * n profiles of the kinds people keep by the hundred (about 100 bytes each): static keys (in the credentials file),
 * roles sourcing the static profile before them, SSO profiles over a handful of sso-sessions, and region-only ones.
 */
function writeHome(n) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `credchain-scale-${n}-`));
  fs.mkdirSync(path.join(home, '.aws'), { mode: 0o700 });
  const config = ['[default]', 'region = us-east-1', ''];
  const credentials = ['[default]', 'aws_access_key_id = AKIAEXAMPLEDEFAULT01', 'aws_secret_access_key = default-secret', ''];
  for (let s = 0; s < 8; s++) config.push(`[sso-session corp${s}]`, `sso_start_url = https://d-${1000 + s}.awsapps.com/start`, 'sso_region = us-east-1', '');
  for (let i = 0; i < n; i++) {
    const account = String(100000000000 + i);
    switch (i % 4) {
      case 0:
        config.push(`[profile p${i}]`, `region = ${i % 8 ? 'eu-west-1' : 'us-east-2'}`, '');
        credentials.push(`[p${i}]`, `aws_access_key_id = AKIA${String(i).padStart(16, '0')}`, `aws_secret_access_key = secret-${i}`, '');
        break;
      case 1:
        config.push(`[profile p${i}]`, `role_arn = arn:aws:iam::${account}:role/Deploy`, `source_profile = p${i - 1}`, 'region = eu-west-1', '');
        break;
      case 2:
        config.push(`[profile p${i}]`, `sso_session = corp${i % 8}`, `sso_account_id = ${account}`, 'sso_role_name = ReadOnly', '');
        break;
      default:
        config.push(`[profile p${i}]`, 'region = ap-south-1', 'output = json', '');
    }
  }
  fs.writeFileSync(path.join(home, '.aws', 'config'), config.join('\n'), { mode: 0o600 });
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials.join('\n'), { mode: 0o600 });
  const bytes = fs.statSync(path.join(home, '.aws', 'config')).size + fs.statSync(path.join(home, '.aws', 'credentials')).size;
  // the active profile is a role near the end, so which, current and show walk its chain
  const active = `p${n - 3 - ((n - 3) % 4) + 1}`;
  return { home, bytes, active };
}

const COMMANDS = [
  { name: 'which', args: [] },
  { name: 'current', args: ['current'] },
  { name: 'profiles', args: ['profiles'] },
  { name: 'profiles --json', args: ['profiles', '--json'] },
  { name: 'show', args: ['show'] },
  { name: 'doctor', args: ['doctor'] },
  // the JS SDK runs on the 10,000-profile files; the 100,000-profile ones are more than compare hands it (8 MiB)
  { name: 'compare', args: ['compare'] },
];

const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p));

/** one run: wall seconds and max RSS in MB (GNU time's %M), the exit code and the size of stdout */
function runOnce(home, active, args) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: active };
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', path.join(home, 'time.out'), process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, cwd: home, maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let rssMb = null;
  let cpu = null;
  if (GNU_TIME) {
    // the last line: GNU time puts "Command exited with non-zero status N" before it
    const [kb, user, sys] = fs.readFileSync(path.join(home, 'time.out'), 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
    rssMb = kb / 1024;
    cpu = user + sys;
  }
  return { seconds, cpu, rssMb, code: r.status, stdoutBytes: r.stdout.length, stderr: r.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** a command that fails outright (a crash, a usage error) would make its timing meaningless */
function check(cmd, n, r) {
  // doctor exits 1 on a finding, compare when the two SDKs disagree (at 100,000 profiles the JS side is not run)
  const okCodes = cmd.name === 'doctor' || cmd.name === 'compare' ? [0, 1] : [0];
  if (!okCodes.includes(r.code)) throw new Error(`${cmd.name} on ${n} profiles exited ${r.code}: ${r.stderr.slice(0, 400)}`);
}

function measure(o) {
  const sizes = [o.small, o.large];
  const results = {};
  for (const n of sizes) {
    const { home, bytes, active } = writeHome(n);
    try {
      results[n] = { bytes, active, commands: {} };
      for (const cmd of COMMANDS) {
        const runs = [];
        for (let i = 0; i < o.rounds; i++) runs.push(runOnce(home, active, cmd.args));
        for (const r of runs) check(cmd, n, r);
        const rss = runs.map((r) => r.rssMb).filter((x) => x !== null);
        const cpu = runs.map((r) => r.cpu).filter((x) => x !== null);
        results[n].commands[cmd.name] = { seconds: median(runs.map((r) => r.seconds)), cpuSeconds: cpu.length ? median(cpu) : null, rssMb: rss.length ? Math.max(...rss) : null, stdoutBytes: runs[0].stdoutBytes };
      }
      // correctness at scale: the listing has every profile
      const listed = JSON.parse(spawnSync(process.execPath, [BIN, 'profiles', '--json'], { env: { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' }, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout);
      results[n].listed = listed.profiles.length;
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }
  return { sizes, results };
}

function verdicts(o, m) {
  const out = [];
  const small = m.results[o.small].commands;
  const large = m.results[o.large].commands;
  for (const cmd of COMMANDS) {
    const l = large[cmd.name];
    const ratio = l.seconds / small[cmd.name].seconds;
    out.push({
      command: cmd.name,
      time: l.seconds <= BUDGET.seconds,
      memory: l.rssMb === null ? null : l.rssMb <= BUDGET.megabytes,
      ratio: ratio <= BUDGET.ratio,
      ratioValue: ratio,
    });
  }
  return out;
}

const o = parseArgs(process.argv.slice(2));
if (!fs.existsSync(path.join(ROOT, 'dist', 'credchain.cjs'))) usage('dist/ is missing: run `npm run build` first');
const m = measure(o);
const v = verdicts(o, m);
const met = v.every((x) => x.time && x.memory !== false && x.ratio) && [o.small, o.large].every((n) => m.results[n].listed === n + 1);

if (o.json) {
  console.log(JSON.stringify({ budget: BUDGET, rounds: o.rounds, ...m, verdicts: v, met }, null, 2));
} else {
  const fmt = (c) => `${c.seconds.toFixed(2).padStart(6)} s${c.cpuSeconds === null ? '' : ` (cpu ${c.cpuSeconds.toFixed(2)})`} ${c.rssMb === null ? '     ?' : `${c.rssMb.toFixed(0).padStart(5)} MB`}`;
  const mb = (n) => (m.results[n].bytes / 1e6).toFixed(1);
  console.log(`scale: ${o.small.toLocaleString('en')} profiles (${mb(o.small)} MB) and ${o.large.toLocaleString('en')} profiles (${mb(o.large)} MB), median of ${o.rounds} runs, max RSS`);
  console.log(`budget at ${o.large.toLocaleString('en')}: ≤ ${BUDGET.seconds} s, ≤ ${BUDGET.megabytes} MB, ≤ ${BUDGET.ratio}× the ${o.small.toLocaleString('en')}-profile time`);
  console.log('');
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (wall time counts the budget; cpu = user + system, for a busy machine)`);
  console.log(`${'command'.padEnd(16)}${String(o.small).padStart(28)}${String(o.large).padStart(28)}   ratio   budget`);
  for (const x of v) {
    const miss = [!x.time && 'time', x.memory === false && 'memory', !x.ratio && 'ratio'].filter(Boolean);
    console.log(
      `${x.command.padEnd(16)}${fmt(m.results[o.small].commands[x.command])}${fmt(m.results[o.large].commands[x.command])}   ${x.ratioValue.toFixed(1).padStart(5)}×  ${miss.length ? `MISSED (${miss.join(', ')})` : 'met'}`,
    );
  }
  for (const n of [o.small, o.large]) if (m.results[n].listed !== n + 1) console.log(`profiles --json listed ${m.results[n].listed} of ${n + 1} profiles`);
  if (!GNU_TIME) console.log('(no GNU time at /usr/bin/time: memory not measured)');
  console.log('');
  console.log(met ? 'every scale budget met' : 'SCALE BUDGET MISSED');
}
process.exit(met ? 0 : 1);
