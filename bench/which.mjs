#!/usr/bin/env node
// Benchmarks credchain's start-up against the budgets of DESIGN.md ("Speed and safety budgets") on a 52-profile
// HOME: `which` ≤ 1.5× `node -e 0`, `current` ≤ 1.2×, `profiles`, `show` and `doctor` ≤ 2×, `aws configure list`
// ≥ 5× slower than `which` (when the AWS CLI is installed), no @aws-sdk/* module loaded on local sources, and
// 10,000 profiles well under a second. Each ratio is computed within a round, the two commands run back to back
// (which first in even rounds, second in odd ones), and the median of those per-round ratios is quoted: on a busy
// machine the load then weighs on both sides of each ratio alike. Never run from the test suite: `npm run bench`
// or `node bench/which.mjs --rounds 25`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { availableParallelism, cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'credchain.js');
const DIST = path.join(ROOT, 'dist', 'credchain.cjs');

const USAGE = `usage: node bench/which.mjs [--rounds N] [--big-profiles N] [--no-big] [--json]
  --rounds N        timed rounds per command (default 15), after one untimed warm-up round
  --big-profiles N  profiles in the large-config case (default 10000)
  --no-big          skip the large-config case
  --json            print the results as JSON instead of a table
  --python PATH     python with boto3 (default: the interpreter behind \`python3\`)
  --aws PATH        AWS CLI (default: the executable behind \`aws\`; skipped when there is none)`;

function parseArgs(argv) {
  const o = { rounds: 15, bigProfiles: 10000, big: true, json: false, python: undefined, aws: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (a === '--rounds') o.rounds = positiveInt(value(), a);
    else if (a === '--big-profiles') o.bigProfiles = positiveInt(value(), a);
    else if (a === '--no-big') o.big = false;
    else if (a === '--json') o.json = true;
    else if (a === '--python') o.python = value();
    else if (a === '--aws') o.aws = value();
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

function positiveInt(s, name) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got ${s}`);
  return n;
}

/** a usage error or a command that cannot run: thrown, so every temporary HOME is removed on the way out */
class BenchError extends Error {}

function fail(msg) {
  throw new BenchError(msg);
}

// ---------------------------------------------------------------------------------------------------------------
// The HOME trees: a realistic one (a few dozen profiles of every kind) and a large one.

function realisticConfig() {
  const out = ['# written by bench/which.mjs', '[default]', 'region = us-east-1', 'output = json', ''];
  for (let i = 1; i <= 10; i++) {
    out.push(`[profile dev-${i}]`, `role_arn = arn:aws:iam::1111111111${String(i).padStart(2, '0')}:role/Developer`, 'source_profile = default', 'region = eu-west-1', 'duration_seconds = 3600', '');
  }
  out.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '');
  for (let i = 1; i <= 8; i++) {
    out.push(`[profile sso-${i}]`, 'sso_session = corp', `sso_account_id = 2222222222${String(i).padStart(2, '0')}`, 'sso_role_name = ReadOnly', 'region = us-west-2', '');
  }
  for (let i = 1; i <= 4; i++) out.push(`[profile proc-${i}]`, `credential_process = /usr/local/bin/fetch-creds --profile proc-${i}`, '');
  for (let i = 1; i <= 6; i++) out.push(`[profile static-${i}]`, 'region = ap-southeast-2', '; keys live in the credentials file', '');
  // long generated names, as `sso populate` writes them, up to the 52 profiles of the workstation in issue 10
  for (let i = 1; i <= 20; i++) {
    out.push(`[profile corp-platform-engineering-${String(i).padStart(2, '0')}-AdministratorAccess]`, 'sso_session = corp', `sso_account_id = 4444444444${String(i).padStart(2, '0')}`, 'sso_role_name = AdministratorAccess', '');
  }
  out.push('[profile web]', 'role_arn = arn:aws:iam::333333333333:role/Web', 'web_identity_token_file = /var/run/secrets/token', '');
  out.push('[profile s3tuned]', 'region = eu-central-1', 's3 =', '  max_concurrency = 20', '  addressing_style = path', '');
  out.push('[services local]', 'sts =', '  endpoint_url = http://127.0.0.1:4566', '');
  out.push('[preview]', 'cloudfront = true', '');
  return out.join('\n');
}

function realisticCredentials() {
  const out = ['[default]', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ''];
  for (let i = 1; i <= 6; i++) {
    out.push(`[static-${i}]`, `aws_access_key_id = AKIAEXAMPLESTATIC00${i}`, `aws_secret_access_key = secret-${i}`, '');
  }
  out.push('[ci]', 'aws_access_key_id = ASIAEXAMPLECI0000001', 'aws_secret_access_key = ci-secret', 'aws_session_token = ci-token', '');
  return out.join('\n');
}

function bigConfig(n) {
  const out = ['[default]', 'region = us-east-1', ''];
  for (let i = 0; i < n; i++) {
    out.push(`[profile p${i}]`, `role_arn = arn:aws:iam::${String(100000000000 + i)}:role/R`, 'source_profile = default', `region = ${i % 2 ? 'eu-west-1' : 'us-east-2'}`, '');
  }
  return out.join('\n');
}

function makeHome(prefix, config, credentials) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(home, '.aws'), { mode: 0o700 });
  fs.writeFileSync(path.join(home, '.aws', 'config'), config, { mode: 0o600 });
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials, { mode: 0o600 });
  return home;
}

const countProfiles = (config, credentials) => {
  const names = new Set();
  for (const m of config.matchAll(/^\[(?:profile (\S+)|(default))\]/gm)) names.add(m[1] ?? m[2]);
  for (const m of credentials.matchAll(/^\[([^\]]+)\]/gm)) names.add(m[1]);
  return names.size;
};

/** the environment every command gets: nothing AWS-related from the caller, instance metadata off */
function benchEnv(home) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: process.env.LANG ?? 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true' };
  if (process.env.PYENV_ROOT) env.PYENV_ROOT = process.env.PYENV_ROOT;
  return env;
}

// ---------------------------------------------------------------------------------------------------------------
// Running and timing.

function run(cmd, env, cwd, extraEnv = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), { env: { ...env, ...extraEnv }, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, signal: r.signal, error: r.error, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function ensureOk(cmd, r) {
  if (r.error || !(cmd.exits ?? [0]).includes(r.status)) {
    const why = r.error ? r.error.message : `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}`;
    fail(`${cmd.label} failed: ${why}\n${r.stderr.trim().slice(0, 2000)}`);
  }
}

/** one untimed warm-up round, then `rounds` rounds of every command, the order rotated each round */
function interleave(cmds, rounds, env, cwd) {
  for (const c of cmds) ensureOk(c, run(c, env, cwd));
  const times = new Map(cmds.map((c) => [c.label, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cmds.length; k++) {
      const c = cmds[(k + r) % cmds.length];
      const res = run(c, env, cwd);
      ensureOk(c, res);
      times.get(c.label).push(res.ms);
    }
  }
  return times;
}

/**
 * Pairs of commands, each pair run back to back in every round (the first of the pair first in even rounds, second
 * in odd ones), after one untimed warm-up of every command. For each pair: both sides' times and the per-round
 * ratio first / second.
 */
function pairedRounds(pairs, rounds, env, cwd) {
  const warm = new Set();
  for (const pair of pairs) {
    for (const c of pair) {
      if (warm.has(c.label)) continue;
      warm.add(c.label);
      ensureOk(c, run(c, env, cwd));
    }
  }
  const out = pairs.map(() => ({ a: [], b: [], ratios: [] }));
  for (let r = 0; r < rounds; r++) {
    pairs.forEach(([a, b], k) => {
      const order = r % 2 ? [b, a] : [a, b];
      const ms = new Map();
      for (const c of order) {
        const res = run(c, env, cwd);
        ensureOk(c, res);
        ms.set(c, res.ms);
      }
      out[k].a.push(ms.get(a));
      out[k].b.push(ms.get(b));
      out[k].ratios.push(ms.get(a) / ms.get(b));
    });
  }
  return out;
}

/** what the numbers were measured on */
function machine() {
  const c = cpus();
  return { cpu: c[0]?.model?.trim() ?? 'unknown', cores: availableParallelism(), node: process.version, load: loadavg().map((x) => x.toFixed(2)) };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], p90: q(0.9), max: s[s.length - 1], n: s.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Which modules does `which` load? A --require hook records every CommonJS load and, through module.register(),
// every ESM resolution, into a file. A control run that does load @aws-sdk proves the hook sees it.

const CJS_HOOK = `'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const out = process.env.CREDCHAIN_BENCH_MODULES;
const seen = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  seen.push(request);
  return load.apply(this, arguments);
};
if (typeof Module.register === 'function') {
  Module.register(require('node:url').pathToFileURL(process.env.CREDCHAIN_BENCH_ESM_HOOK).href, { data: { out: out + '.esm' } });
}
process.on('exit', () => {
  fs.writeFileSync(out, JSON.stringify({ cjs: seen, cache: Object.keys(require.cache) }));
});
`;

const ESM_HOOK = `import { appendFileSync } from 'node:fs';
let out;
export async function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(out, JSON.stringify([specifier, r.url]) + '\\n');
  return r;
}
`;

function loadedModules(argv, env, cwd, dir, tag) {
  const out = path.join(dir, `modules-${tag}.json`);
  fs.rmSync(out, { force: true });
  fs.rmSync(out + '.esm', { force: true });
  const r = run({ argv: [process.execPath, '--require', path.join(dir, 'cjs-hook.cjs'), ...argv] }, env, cwd, {
    CREDCHAIN_BENCH_MODULES: out,
    CREDCHAIN_BENCH_ESM_HOOK: path.join(dir, 'esm-hook.mjs'),
  });
  if (!fs.existsSync(out)) fail(`module hook wrote nothing for ${tag} (exit ${r.status}): ${r.stderr.trim().slice(0, 500)}`);
  const { cjs, cache } = JSON.parse(fs.readFileSync(out, 'utf8'));
  const esm = fs.existsSync(out + '.esm')
    ? fs.readFileSync(out + '.esm', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  const all = [...cjs, ...cache, ...esm.flat()];
  const awsSdk = [...new Set(all.filter((m) => /@aws-sdk[\\/]/.test(m)).map((m) => m.match(/@aws-sdk[\\/][^\\/]+/)[0]))];
  const packages = [...new Set(all.map((m) => m.match(/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/)?.[1]).filter(Boolean))];
  return { status: r.status, awsSdk, packages, cjsLoads: cjs.length, esmResolutions: esm.length };
}

function moduleCheck(env, cwd) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-bench-hooks-'));
  try {
    fs.writeFileSync(path.join(dir, 'cjs-hook.cjs'), CJS_HOOK);
    fs.writeFileSync(path.join(dir, 'esm-hook.mjs'), ESM_HOOK);
    const which = loadedModules([BIN, 'which'], env, cwd, dir, 'which');
    // controls: the hook must see @aws-sdk loaded through require() and through import() (bare names resolve from ROOT)
    const viaRequire = loadedModules(['-e', "require('@aws-sdk/client-sts')"], env, ROOT, dir, 'control-require');
    const viaImport = loadedModules(['--input-type=module', '-e', "await import('@aws-sdk/client-sts')"], env, ROOT, dir, 'control-import');
    return {
      which,
      controlsDetect: viaRequire.awsSdk.length > 0 && viaImport.awsSdk.length > 0,
      controls: { require: viaRequire.awsSdk, import: viaImport.awsSdk },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------

function resolveExecutable(name, override) {
  if (override) return override;
  // pyenv shims add a shell hop per call; time the real executables, not the shim
  const pyenv = spawnSync('pyenv', ['which', name], { encoding: 'utf8' });
  if (pyenv.status === 0 && pyenv.stdout.trim()) return pyenv.stdout.trim();
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** yargs answers an unknown command with a usage error (252) naming it; `--help` would not tell */
function commandExists(sub, env, cwd) {
  const r = run({ argv: [process.execPath, BIN, sub] }, env, cwd);
  return !(r.status === 252 && new RegExp(`Unknown (argument|command)s?: ${sub}\\b`).test(r.stderr));
}

const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
const ratio = (x) => `${x.toFixed(2)}×`;

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(DIST)) fail(`${path.relative(process.cwd(), DIST)} is missing: run \`npm run build\` first`);
  const python = resolveExecutable('python3', o.python);
  // the AWS CLI is optional: without it (or when the one found does not run) its ratio is skipped, and said so
  const awsFound = resolveExecutable('aws', o.aws);
  const aws = awsFound && spawnSync(awsFound, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0 ? awsFound : undefined;
  if (!python) fail('python3 not found (--python PATH)');

  const config = realisticConfig();
  const credentials = realisticCredentials();
  const home = makeHome('credchain-bench-', config, credentials);
  const env = benchEnv(home);
  const botoScript = path.join(home, 'boto3_creds.py');
  fs.writeFileSync(botoScript, 'import boto3\nc = boto3.Session().get_credentials()\nprint(c.method if c else None)\n');
  const results = { rounds: o.rounds, machine: machine(), home, profiles: countProfiles(config, credentials), pairs: [], budgets: [], big: null, modules: null, aws: aws ?? null };
  let allMet = true;
  const budget = (name, value, limit, met, unit = '×') => {
    results.budgets.push({ name, value, limit, met });
    allMet &&= met;
    return `${name.padEnd(40)} ${value.toFixed(2).padStart(7)}${unit}  budget ${limit}  ${met ? 'PASS' : 'FAIL'}`;
  };
  const lines = [];
  try {
    // the same answer from both sides first: otherwise the times compare different work
    const ours = run({ argv: [process.execPath, BIN, 'which', '--json'] }, env, home);
    const theirs = run({ argv: [python, botoScript] }, env, home);
    const ourMethod = (() => {
      try {
        return JSON.parse(ours.stdout).credentials?.method ?? null;
      } catch {
        return `unparsable output (exit ${ours.status}): ${ours.stderr.trim().slice(0, 200)}`;
      }
    })();
    const botoMethod = theirs.status === 0 ? theirs.stdout.trim() : `boto3 failed: ${theirs.stderr.trim().slice(-300)}`;
    results.sameAnswer = { credchain: ourMethod, boto3: botoMethod, agree: ourMethod === botoMethod };

    const credchain = (label, ...args) => ({ label, argv: [process.execPath, BIN, ...args] });
    const node = { label: 'node -e 0', argv: [process.execPath, '-e', '0'] };
    const which = credchain('credchain which', 'which');
    // [first, second, budget on first / second (or second / first for `slower`), limit]
    const pairs = [
      { pair: [which, node], limit: 1.5 },
      { pair: [{ ...credchain('credchain current', 'current', '--always') }, node], limit: 1.2 },
      { pair: [credchain('credchain profiles', 'profiles'), node], limit: 2 },
      { pair: [credchain('credchain show', 'show', 'default'), node], limit: 2 },
      // doctor exits 1 when it finds an error; the realistic HOME has a few on purpose
      { pair: [{ ...credchain('credchain doctor', 'doctor'), exits: [0, 1] }, node], limit: 2 },
      { pair: [which, { label: 'boto3 get_credentials()', argv: [python, botoScript] }], info: true, slower: true },
    ];
    if (aws) pairs.push({ pair: [which, { label: 'aws configure list', argv: [aws, 'configure', 'list'] }], limit: 5, slower: true });
    const measured = pairedRounds(pairs.map((p) => p.pair), o.rounds, env, home);

    const m0 = results.machine;
    lines.push(`credchain bench: ${o.rounds} rounds on one HOME (${results.profiles} profiles), AWS_EC2_METADATA_DISABLED=true`);
    lines.push(`  machine: ${m0.cpu}, ${m0.cores} cores, node ${m0.node}, load average ${m0.load.join(' ')} at the start`);
    lines.push(`  python ${python}  aws ${aws ?? 'not installed: the aws configure list ratio is skipped'}`);
    lines.push(`  same answer: credchain ${ourMethod}, boto3 ${botoMethod}${results.sameAnswer.agree ? '' : '  DIFFERENT'}`);
    lines.push('  each ratio: the two commands back to back in every round, the median of the per-round ratios');
    lines.push('');
    lines.push(`${'pair'.padEnd(46)} ${'median a'.padStart(11)} ${'median b'.padStart(11)}  ratio (min–max)`);
    for (const [k, p] of pairs.entries()) {
      const [a, b] = p.pair;
      const t = measured[k];
      const ratios = p.slower ? t.ratios.map((x) => 1 / x) : t.ratios;
      const r = stats(ratios);
      const name = p.slower ? `${b.label} / ${a.label}` : `${a.label} / ${b.label}`;
      results.pairs.push({ name, a: stats(t.a), b: stats(t.b), ratio: r, limit: p.limit ?? null });
      lines.push(`${name.padEnd(46)} ${fmt(stats(p.slower ? t.b : t.a).median)} ${fmt(stats(p.slower ? t.a : t.b).median)}  ${ratio(r.median)} (${ratio(r.min)}–${ratio(r.max)})`);
    }
    lines.push('');
    for (const [k, p] of pairs.entries()) {
      if (p.info) continue;
      const r = results.pairs[k];
      const met = p.slower ? r.ratio.median >= p.limit : r.ratio.median <= p.limit;
      lines.push(budget(r.name, r.ratio.median, `${p.slower ? '≥' : '≤'} ${p.limit}×`, met));
    }
    if (!aws) lines.push(`${'aws configure list / credchain which'.padEnd(40)} skipped: the AWS CLI is not installed`);
    results.commands = { 'credchain which': stats(measured[0].a) };
    if (!results.sameAnswer.agree) allMet = false;

    const m = moduleCheck(env, home);
    results.modules = m;
    const noSdk = m.which.awsSdk.length === 0 && m.which.status === 0;
    allMet &&= noSdk && m.controlsDetect;
    lines.push('');
    lines.push(
      `modules: \`which\` loaded ${m.which.awsSdk.length ? m.which.awsSdk.join(', ') : 'no @aws-sdk/* module'} ` +
        `(${m.which.cjsLoads} CommonJS loads, ${m.which.esmResolutions} ESM resolutions; packages: ${m.which.packages.join(', ') || 'none'})  ` +
        `${noSdk ? 'PASS' : 'FAIL'}`,
    );
    lines.push(`  control runs that load @aws-sdk/client-sts are detected: ${m.controlsDetect ? 'yes' : `NO (require: ${m.controls.require}, import: ${m.controls.import})`}`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }

  if (o.big) {
    const cfg = bigConfig(o.bigProfiles);
    const bigHome = makeHome('credchain-bench-big-', cfg, realisticCredentials());
    const bigEnv = benchEnv(bigHome);
    try {
      const cmds = [
        { label: 'credchain which', argv: [process.execPath, BIN, 'which'] },
        { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
      ];
      const hasProfiles = commandExists('profiles', bigEnv, bigHome);
      if (hasProfiles) cmds.push({ label: 'credchain profiles', argv: [process.execPath, BIN, 'profiles'] });
      const times = interleave(cmds, o.rounds, bigEnv, bigHome);
      const big = { profiles: o.bigProfiles, configBytes: Buffer.byteLength(cfg), commands: {}, profilesCommand: hasProfiles };
      for (const [label, xs] of times) big.commands[label] = stats(xs);
      results.big = big;
      lines.push('');
      lines.push(`large config: ${o.bigProfiles.toLocaleString('en')} profiles (${(big.configBytes / 1e6).toFixed(1)} MB config), ${o.rounds} rounds`);
      for (const [label, s] of Object.entries(big.commands)) lines.push(`${label.padEnd(26)} ${fmt(s.median)} ${fmt(s.min)} ${fmt(s.p90)}`);
      const small = results.commands['credchain which'].median;
      lines.push(`${'which, large / realistic'.padEnd(34)} ${ratio(big.commands['credchain which'].median / small).padStart(8)}  (for information)`);
      if (hasProfiles) {
        const p = big.commands['credchain profiles'].median;
        lines.push(budget('profiles, 10k list (seconds)', p / 1000, '< 1 s', p < 1000, ' s'));
      } else {
        lines.push('credchain profiles          skipped: the command does not exist yet');
      }
    } finally {
      fs.rmSync(bigHome, { recursive: true, force: true });
    }
  }

  results.allBudgetsMet = allMet;
  if (o.json) console.log(JSON.stringify(results, null, 2));
  else console.log(lines.join('\n'));
  process.exitCode = allMet ? 0 : 1;
}

try {
  main();
} catch (e) {
  if (!(e instanceof BenchError)) throw e;
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 2;
}
