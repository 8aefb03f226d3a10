#!/usr/bin/env node
// Regenerates the README's example output from real runs, so the examples stay true: each block that follows a
// `<!-- example: NAME -->` line is replaced by the commands of EXAMPLES[NAME] run with the built CLI against a
// fixture HOME made here (piped, as a script sees them: no colour, values whole). The temporary HOME reads as
// /home/me, the only change made to what the commands print. Offline: instance metadata is disabled and every
// AWS endpoint is a closed loopback port, except STS for the `verify` example: a moto_server (the pyenv python's)
// started here on a free 127.0.0.1 port, its random ids seeded, its users and roles made through its IAM API,
// enforcing SigV4 like AWS; it is stopped when the examples are done (and after 90 s whatever happens).
// A fenced block whose first line is a `$ ` command is output, and must carry a marker. An ini block after
// `<!-- example-files: NAME -->` shows the files that example runs on, and is regenerated from them too.
// `node scripts/readme-examples.mjs` rewrites README.md; `--check` exits 1 when a block differs instead. What no
// fixture can pin (the moto port, the expiry STS grants, a session name made from the clock) is listed per example
// as `volatile`: --check compares those spans as placeholders; the README always holds what a real run printed.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'credchain.js');
// --readme PATH: another copy (the test checks that a drifted copy is caught)
const README = process.argv.includes('--readme')
  ? path.resolve(process.argv[process.argv.indexOf('--readme') + 1])
  : path.join(ROOT, 'README.md');
const KEYS =
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

const TEAM = {
  '.aws/config': [
    '[default]',
    'region = eu-west-1',
    '',
    '[profile dev]',
    'region = eu-west-1',
    'role_arn = arn:aws:iam::123456789012:role/dev',
    'source_profile = base',
    '',
    '[profile sso-admin]',
    'sso_session = corp',
    'sso_account_id = 123456789012',
    'sso_role_name = AdministratorAccess',
    '',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = eu-west-1',
    '',
  ].join('\n'),
  '.aws/credentials': `[base]\n${KEYS}`,
};

const MFA = {
  '.aws/config':
    '[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n',
  '.aws/credentials': `[base]\n${KEYS}`,
};

// the ~/.aws the README shows above the doctor example
const LINT = {
  '.aws/config': [
    '[default]',
    'region = eu-west-1  # Ireland',
    '',
    '[dev]',
    'region = eu-west-1',
    '',
    '[profile ops]',
    'role_arn = arn:aws:iam::123456789012:role/ops',
    'source_profile = base',
    'credential_source = Environment',
    '',
    '[profile ci]',
    'role_arn = arn:aws:iam::123456789012:role/ci',
    'credential_source = environment',
    '',
  ].join('\n'),
  '.aws/credentials':
    '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_acess_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
};
const LINT_MODES = { '.aws/credentials': 0o644 };

const BOTH = {
  '.aws/config': '[profile dev]\nregion = eu-central-1\n',
  '.aws/credentials':
    '[dev]\naws_access_key_id = AKIAIOSFODNN7DEVKEY1\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
};
const BOTH_ENV = {
  AWS_PROFILE: 'dev',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7CIKEY01',
  AWS_SECRET_ACCESS_KEY: 'ci-secret',
};

// the team's config with base's keys those of an IAM user moto made (moto checks every signature)
const VERIFY_FILES = (aws) => ({
  '.aws/config': TEAM['.aws/config'],
  '.aws/credentials': `[base]\naws_access_key_id = ${aws.keys.me.accessKeyId}\naws_secret_access_key = ${aws.keys.me.secretAccessKey}\n`,
});
const VERIFY_ARGS = [
  'verify',
  '--profile',
  'dev',
  '--expect-account',
  '111122223333',
  '--expect-arn',
  'arn:aws:sts::*:assumed-role/dev/*',
];

/**
 * name → { files, modes, moto, volatile, steps: [{ env, args, shown, exitCode }] }; `shown` is the command line as
 * printed (every step also runs with AWS_EC2_METADATA_DISABLED=true; an example whose output says so shows it).
 * With `moto` (the users and roles to make), `files`, `env` and `shown` are functions of the running moto
 * ({ url, keys, roles }). `volatile`: regular expressions for what differs from run to run (see --check).
 */
const EXAMPLES = {
  which: {
    files: MFA,
    steps: [
      {
        env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-2' },
        args: [],
        shown: 'AWS_PROFILE=dev AWS_REGION=us-east-2 AWS_EC2_METADATA_DISABLED=true credchain',
      },
    ],
  },
  'profiles-show-set': {
    files: TEAM,
    steps: [
      { args: ['profiles'], shown: 'credchain profiles' },
      { args: ['show', 'dev'], shown: 'credchain show dev' },
      { args: ['set', 'dev', 'output', 'json', '--dry-run'], shown: 'credchain set dev output json --dry-run' },
      { env: { AWS_PROFILE: 'dev' }, args: ['current'], shown: 'AWS_PROFILE=dev credchain current' },
    ],
  },
  doctor: {
    files: LINT,
    modes: LINT_MODES,
    steps: [
      {
        env: { AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1' },
        args: ['doctor'],
        shown: 'credchain doctor',
        exitCode: true,
      },
    ],
  },
  compare: {
    files: BOTH,
    steps: [
      {
        env: BOTH_ENV,
        args: ['compare'],
        shown:
          'AWS_PROFILE=dev AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=AKIAIOSFODNN7CIKEY01 AWS_SECRET_ACCESS_KEY=… credchain compare',
        exitCode: true,
      },
    ],
  },
  verify: {
    moto: {
      users: [{ name: 'me', allow: ['sts:AssumeRole'] }],
      roles: [{ name: 'dev', trust: ['arn:aws:iam::123456789012:user/me'] }],
    },
    files: VERIFY_FILES,
    volatile: [/http:\/\/127\.0\.0\.1:\d+/g, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, /botocore-session-\d+/g],
    steps: [
      {
        env: (m) => ({ AWS_ENDPOINT_URL_STS: m.url }),
        args: VERIFY_ARGS,
        shown: (m) =>
          `AWS_ENDPOINT_URL_STS=${m.url} credchain verify --profile dev --expect-account 111122223333 --expect-arn 'arn:aws:sts::*:assumed-role/dev/*'`,
        exitCode: true,
      },
      { env: { AWS_PROFILE: 'dev' }, args: ['current'], shown: 'AWS_PROFILE=dev credchain current' },
    ],
  },
  'which-js': {
    files: BOTH,
    steps: [
      {
        env: BOTH_ENV,
        args: ['which', '--sdk', 'js'],
        shown: 'credchain which --sdk js        # same environment as above',
      },
    ],
  },
};

function makeHome(files, modes = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-readme-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(home, rel), text, { mode: modes[rel] ?? 0o600 });
  }
  return home;
}

/** a value, or a function of the running moto */
const given = (v, m) => (typeof v === 'function' ? v(m) : v);

function runExample(example, moto) {
  const home = makeHome(given(example.files, moto), example.modes);
  try {
    const out = [];
    for (const step of example.steps) {
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        LANG: 'C.UTF-8',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        ...given(step.env, moto),
      };
      const r = spawnSync(process.execPath, [BIN, ...step.args], { env, cwd: home, encoding: 'utf8', timeout: 60_000 });
      if (r.error) throw r.error;
      if (out.length) out.push('');
      out.push(`$ ${given(step.shown, moto)}`);
      out.push((r.stdout + r.stderr).replace(/\n$/, ''));
      if (step.exitCode) out.push('$ echo $?', String(r.status));
    }
    return out.join('\n').split(home).join('/home/me').split(fs.realpathSync(home)).join('/home/me');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** an executable on PATH, or undefined */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// moto's IAM setup (users, roles), the one the tests use
const SETUP_PY = path.join(ROOT, 'test', 'support', 'motoSetup.py');

/**
 * moto_server on a free loopback port, seeded (so the keys and ids it makes are the same every run), set up with
 * `spec`, then enforcing SigV4 on every request. Stopped by stop(), at exit, on SIGINT or SIGTERM, and after
 * `lifetimeSec` regardless: coreutils' timeout ends it even if this process is killed outright.
 */
async function startMoto(spec, lifetimeSec = 90) {
  const exe = onPath('moto_server');
  if (!exe) throw new Error('the verify example needs moto_server on PATH (moto[server] for the pyenv python3)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['-p', String(port), '-H', '127.0.0.1'];
  const timeout = onPath('timeout');
  const [cmd, argv] = timeout ? [timeout, ['-k', '5', String(lifetimeSec), exe, ...args]] : [exe, args];
  const child = spawn(cmd, argv, {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: '1000000', MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (c) => (log = (log + c).slice(-4000)));
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = () => {
    if (running()) child.kill('SIGTERM');
  };
  const lifetime = setTimeout(kill, lifetimeSec * 1000);
  lifetime.unref();
  const onSignal = (signal) => {
    kill();
    process.exit(128 + os.constants.signals[signal]);
  };
  process.once('exit', kill);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = () =>
    new Promise((resolve) => {
      clearTimeout(lifetime);
      process.off('exit', kill);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (!running()) return resolve();
      child.once('exit', () => resolve());
      kill();
    });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!running()) throw new Error(`moto_server exited with ${child.exitCode}: ${log}`);
      try {
        const r = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
        if (r.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`moto_server did not start within 30 s: ${log}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const post = async (p, body) => {
      const r = await fetch(`${url}${p}`, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
      if (!r.ok) throw new Error(`moto ${p} failed: ${r.status}`);
    };
    await post('/moto-api/seed?a=10', '');
    const r = spawnSync('python3', [SETUP_PY, url], {
      input: JSON.stringify(spec),
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`moto setup failed: ${r.stderr || r.error}`);
    await post('/moto-api/reset-auth', '0');
    return { url, ...JSON.parse(r.stdout), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** every fenced block of README.md, with the line before it and its first line */
function fencedBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('```')) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) break;
    blocks.push({ line: i + 1, before: lines[i - 1] ?? '', first: lines[i + 1] ?? '' });
    i = end;
  }
  return blocks;
}

/**
 * the fixture files as the README shows them above an example (`<!-- example-files: NAME -->` before an ini block):
 * each under a `# ~/path` line, with its mode when it is not 0600, the value of a secret key written as …
 */
function shownFiles(example) {
  return Object.entries(example.files)
    .map(([rel, text]) => {
      const mode = example.modes?.[rel];
      const head = `# ~/${rel}${mode ? ` (mode ${mode.toString(8).padStart(4, '0')})` : ''}`;
      return `${head}\n${text.replace(/^(\s*[\w-]*(secret|token)[\w-]*\s*=\s*).*$/gim, '$1…').replace(/\n$/, '')}`;
    })
    .join('\n\n');
}

/** what --check compares: the text with each volatile span replaced by a placeholder naming its pattern */
function comparable(text, volatile = []) {
  return volatile.reduce((t, re, i) => t.replace(re, `<volatile ${i}>`), text);
}

async function main() {
  const check = process.argv.includes('--check');
  const readme = fs.readFileSync(README, 'utf8');
  for (const b of fencedBlocks(readme)) {
    if (b.first.startsWith('$ ') && !/^<!-- example: [\w-]+ -->$/.test(b.before)) {
      throw new Error(`README.md:${b.line} shows command output without an <!-- example: NAME --> marker`);
    }
  }
  const pattern = /(<!-- example: ([\w-]+) -->\n```\n)([\s\S]*?)(\n```)/g;
  const names = [...readme.matchAll(pattern)].map((m) => m[2]);
  for (const name of names) if (!EXAMPLES[name]) throw new Error(`README.md names an unknown example ${name}`);
  const missing = Object.keys(EXAMPLES).filter((n) => !names.includes(n));
  if (missing.length) throw new Error(`README.md has no marker for ${missing.join(', ')}`);

  const outputs = new Map();
  for (const name of new Set(names)) {
    const example = EXAMPLES[name];
    const moto = example.moto ? await startMoto(example.moto) : undefined;
    try {
      outputs.set(name, runExample(example, moto));
    } finally {
      await moto?.stop();
    }
  }

  const differ = [];
  const filesPattern = /(<!-- example-files: ([\w-]+) -->\n```ini\n)([\s\S]*?)(\n```)/g;
  const withFiles = readme.replace(filesPattern, (_m, open, name, old, close) => {
    if (!EXAMPLES[name] || typeof EXAMPLES[name].files !== 'object')
      throw new Error(`README.md shows the files of an unknown example ${name}`);
    const now = shownFiles(EXAMPLES[name]);
    if (now !== old) differ.push(`${name} files`);
    return open + now + close;
  });
  const updated = withFiles.replace(pattern, (_m, open, name, old, close) => {
    const now = outputs.get(name);
    // a block that differs only in its volatile spans is kept as it is: still a real run's output, and no churn
    if (comparable(old, EXAMPLES[name].volatile) === comparable(now, EXAMPLES[name].volatile))
      return open + old + close;
    differ.push(name);
    return open + now + close;
  });
  if (check) {
    if (differ.length) {
      process.stderr.write(
        `README.md examples differ from real output (${differ.join(', ')}): run node scripts/readme-examples.mjs\n`,
      );
      process.exitCode = 1;
    }
    return;
  }
  if (updated !== readme) fs.writeFileSync(README, updated);
}

try {
  await main();
} catch (e) {
  process.stderr.write(`readme-examples: ${e.message}\n`);
  process.exitCode = 2;
}
