#!/usr/bin/env node
// Regenerates the README's example output from real runs, so the examples stay true: each block that follows a
// `<!-- example: NAME -->` line is replaced by the commands of EXAMPLES[NAME] run with the built CLI against a
// fixture HOME made here (piped, as a script sees them: no colour, values whole). The temporary HOME reads as
// /home/me, the only change made to what the commands print. Offline: instance metadata is disabled and every
// AWS endpoint is a closed loopback port. `node scripts/readme-examples.mjs` rewrites README.md; `--check` exits 1
// when a block differs instead.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'credchain.js');
const README = path.join(ROOT, 'README.md');
const KEYS = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

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
  '.aws/config': '[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n',
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
  '.aws/credentials': '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_acess_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
};
const LINT_MODES = { '.aws/credentials': 0o644 };

const BOTH = {
  '.aws/config': '[profile dev]\nregion = eu-central-1\n',
  '.aws/credentials': '[dev]\naws_access_key_id = AKIAIOSFODNN7DEVKEY1\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
};
const BOTH_ENV = { AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7CIKEY01', AWS_SECRET_ACCESS_KEY: 'ci-secret' };

/**
 * name → { files, modes, steps: [{ env, args, shown, exitCode }] }; `shown` is the command line as printed (every
 * step also runs with AWS_EC2_METADATA_DISABLED=true; an example whose output says so shows it)
 */
const EXAMPLES = {
  which: {
    files: MFA,
    steps: [{ env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-2' }, args: [], shown: 'AWS_PROFILE=dev AWS_REGION=us-east-2 AWS_EC2_METADATA_DISABLED=true credchain' }],
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
    steps: [{ env: { AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1' }, args: ['doctor'], shown: 'credchain doctor', exitCode: true }],
  },
  compare: {
    files: BOTH,
    steps: [{ env: BOTH_ENV, args: ['compare'], shown: 'AWS_PROFILE=dev AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=AKIAIOSFODNN7CIKEY01 AWS_SECRET_ACCESS_KEY=… credchain compare', exitCode: true }],
  },
  'which-js': {
    files: BOTH,
    steps: [{ env: BOTH_ENV, args: ['which', '--sdk', 'js'], shown: 'credchain which --sdk js        # same environment as above' }],
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

function runExample(example) {
  const home = makeHome(example.files, example.modes);
  try {
    const out = [];
    for (const step of example.steps) {
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        LANG: 'C.UTF-8',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        ...step.env,
      };
      const r = spawnSync(process.execPath, [BIN, ...step.args], { env, cwd: home, encoding: 'utf8', timeout: 60_000 });
      if (r.error) throw r.error;
      if (out.length) out.push('');
      out.push(`$ ${step.shown}`);
      out.push((r.stdout + r.stderr).replace(/\n$/, ''));
      if (step.exitCode) out.push('$ echo $?', String(r.status));
    }
    return out.join('\n').split(home).join('/home/me').split(fs.realpathSync(home)).join('/home/me');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function main() {
  const check = process.argv.includes('--check');
  const readme = fs.readFileSync(README, 'utf8');
  const seen = new Set();
  const updated = readme.replace(/(<!-- example: ([\w-]+) -->\n```\n)([\s\S]*?)(\n```)/g, (_m, open, name, _old, close) => {
    const example = EXAMPLES[name];
    if (!example) throw new Error(`README.md names an unknown example ${name}`);
    seen.add(name);
    return open + runExample(example) + close;
  });
  const missing = Object.keys(EXAMPLES).filter((n) => !seen.has(n));
  if (missing.length) throw new Error(`README.md has no marker for ${missing.join(', ')}`);
  if (check) {
    if (updated !== readme) {
      process.stderr.write('README.md examples differ from real output: run node scripts/readme-examples.mjs\n');
      process.exitCode = 1;
    }
    return;
  }
  fs.writeFileSync(README, updated);
}

main();
