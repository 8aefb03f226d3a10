// `credchain set / unset / remove / rename / copy` through the built CLI, on real temporary HOMEs: messages and exit
// codes, values from stdin, --dry-run, --json, file modes, backups, locks (20 concurrent writers, stale and live
// locks), writers killed mid-way (never a torn file), symlinks, CRLF, and input that must never be written.
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptHidden, readValue, type PromptInput } from '../../src/cli/editInput';
import { CredchainError, UsageError } from '../../src/core/errors';
import { parseIni } from '../../src/ini/parse';
import { BIN, makeHome, type CliResult } from '../support/cli';
import { jailedEnv } from '../support/networkJail';

interface RunOptions {
  env?: Record<string, string>;
  input?: string;
}

/** like runCli, on an existing HOME, with stdin and a handle on the child */
function start(home: string, args: string[], o: RunOptions = {}) {
  const env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...(o.env ?? {}) });
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: home, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  if (o.input !== undefined) child.stdin.end(o.input);
  else child.stdin.end();
  const done = new Promise<CliResult>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, home });
    });
  });
  return { child, done };
}

function run(home: string, args: string[], o: RunOptions = {}): Promise<CliResult> {
  return start(home, args, o).done;
}

const read = (home: string, rel: string) => fs.readFileSync(path.join(home, rel), 'utf8');
const modeOf = (home: string, rel: string) => fs.statSync(path.join(home, rel)).mode & 0o777;
const awsFiles = (home: string) => fs.readdirSync(path.join(home, '.aws')).sort();

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const CONFIG = '# team settings\n[default]\nregion = us-east-1\n\n[profile dev]\nregion=eu-west-1\n# keep me\n\n[profile ops]\noutput = json\n';
const CREDS = '[default]\naws_access_key_id = AKIAOLD000000000OLD1\naws_secret_access_key = OLDSECRETVALUE\n';

describe('set', () => {
  it('changes one line of the config file and confirms on stderr with file and line; stdout stays empty', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const r = await run(home, ['set', 'dev', 'output', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('set output in [profile dev] (~/.aws/config:7); previous version saved as ~/.aws/config.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe(CONFIG.replace('region=eu-west-1\n', 'region=eu-west-1\noutput=text\n'));
    expect(read(home, '.aws/credentials')).toBe(CREDS);
  });

  it('puts key material in the credentials file and never prints the value; warns about argv', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const r = await run(home, ['set', 'default', 'aws_secret_access_key', 'NEWSECRETVALUE123']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('NEWSECRETVALUE123');
    expect(r.stderr).toMatch(/warning: a secret on the command line is visible/);
    expect(r.stderr).toContain('set aws_secret_access_key in [default] (~/.aws/credentials:3)');
    expect(read(home, '.aws/credentials')).toBe(CREDS.replace('OLDSECRETVALUE', 'NEWSECRETVALUE123'));
    expect(read(home, '.aws/config')).toBe(CONFIG);
  });

  it('reads the value from stdin with - or --stdin (one trailing newline dropped), without the argv warning', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const a = await run(home, ['set', 'default', 'aws_secret_access_key', '-'], { input: 'FROMSTDIN1\n' });
    expect(a.code).toBe(0);
    expect(a.stderr).not.toMatch(/warning/);
    expect(read(home, '.aws/credentials')).toContain('aws_secret_access_key = FROMSTDIN1\n');
    const b = await run(home, ['set', 'default', 'aws_session_token', '--stdin'], { input: 'FROMSTDIN2\r\n' });
    expect(b.code).toBe(0);
    expect(read(home, '.aws/credentials')).toContain('aws_session_token = FROMSTDIN2\n');
    expect(a.stdout + a.stderr + b.stdout + b.stderr).not.toMatch(/FROMSTDIN/);
  });

  it('an empty value on the command line is a real empty value, not stdin', async () => {
    const home = makeHome({ '.aws/config': '[default]\nregion = a\n' });
    const r = await run(home, ['set', 'default', 'region', ''], { input: 'ignored\n' });
    expect(r.code).toBe(0);
    expect(read(home, '.aws/config')).toBe('[default]\nregion =\n');
  });

  it('refuses a value with a line break (252) and writes nothing', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const r = await run(home, ['set', 'default', 'aws_secret_access_key', '-'], { input: 'LINEONE\nLINETWO\n' });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/line break/);
    expect(r.stderr).not.toMatch(/LINEONE|LINETWO/);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(awsFiles(home)).toEqual(['credentials']);
  });

  it('needs a value (252)', async () => {
    const home = makeHome({});
    const r = await run(home, ['set', 'dev', 'region']);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/needs a VALUE/);
  });

  it('creates ~/.aws (0700) and new files 0600, with a final newline', async () => {
    const home = makeHome({});
    expect((await run(home, ['set', 'dev', 'region', 'eu-west-1'])).code).toBe(0);
    expect((await run(home, ['set', 'dev', 'aws_access_key_id', 'AKIANEW'])).code).toBe(0);
    expect(fs.statSync(path.join(home, '.aws')).mode & 0o777).toBe(0o700);
    expect(modeOf(home, '.aws/config')).toBe(0o600);
    expect(modeOf(home, '.aws/credentials')).toBe(0o600);
    expect(read(home, '.aws/config')).toBe('[profile dev]\nregion = eu-west-1\n');
    expect(read(home, '.aws/credentials')).toBe('[dev]\naws_access_key_id = AKIANEW\n');
    expect(awsFiles(home)).toEqual(['config', 'credentials']);
  });

  it('keeps the mode of an existing file', async () => {
    for (const mode of [0o644, 0o640, 0o600, 0o200]) {
      const home = makeHome({ '.aws/config': CONFIG }, { '.aws/config': mode });
      const r = await run(home, ['set', 'default', 'output', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(modeOf(home, '.aws/config')).toBe(mode);
    }
  });

  it('keeps CRLF line endings', async () => {
    const home = makeHome({ '.aws/credentials': CREDS.replace(/\n/g, '\r\n') });
    expect((await run(home, ['set', 'ci', 'aws_access_key_id', 'AKIACI'])).code).toBe(0);
    expect(read(home, '.aws/credentials')).toBe(CREDS.replace(/\n/g, '\r\n') + '\r\n[ci]\r\naws_access_key_id = AKIACI\r\n');
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE; refuses a disabled file (253)', async () => {
    const home = makeHome({});
    const env = { AWS_CONFIG_FILE: '~/alt/cfg', AWS_SHARED_CREDENTIALS_FILE: '$HOME/alt/creds' };
    expect((await run(home, ['set', 'x', 'region', 'r'], { env })).code).toBe(0);
    expect((await run(home, ['set', 'x', 'aws_access_key_id', 'A'], { env })).code).toBe(0);
    expect(read(home, 'alt/cfg')).toBe('[profile x]\nregion = r\n');
    expect(read(home, 'alt/creds')).toBe('[x]\naws_access_key_id = A\n');
    const r = await run(home, ['set', 'x', 'region', 'r2'], { env: { AWS_CONFIG_FILE: '' } });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/AWS_CONFIG_FILE is set but empty/);
  });

  it('refuses when both variables name the same file (253)', async () => {
    const home = makeHome({ 'aws.ini': '[default]\nregion = a\n' });
    const r = await run(home, ['set', 'default', 'region', 'b'], { env: { AWS_CONFIG_FILE: '~/aws.ini', AWS_SHARED_CREDENTIALS_FILE: `${home}/./aws.ini` } });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/name the same file/);
    expect(read(home, 'aws.ini')).toBe('[default]\nregion = a\n');
  });

  it('writes through a symlink: the link stays a link, the backup sits beside the link, not in the dotfiles folder', async () => {
    const home = makeHome({ 'dotfiles/aws-config': CONFIG });
    fs.mkdirSync(path.join(home, '.aws'));
    fs.symlinkSync(path.join(home, 'dotfiles/aws-config'), path.join(home, '.aws/config'));
    const r = await run(home, ['set', 'ops', 'region', 'ap-south-1']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(home, '.aws/config')).isSymbolicLink()).toBe(true);
    expect(read(home, 'dotfiles/aws-config')).toBe(CONFIG + 'region = ap-south-1\n');
    expect(fs.readdirSync(path.join(home, 'dotfiles'))).toEqual(['aws-config']);
    expect(awsFiles(home)).toEqual(['config', 'config.credchain.bak']);
    expect(fs.lstatSync(path.join(home, '.aws/config.credchain.bak')).isFile()).toBe(true);
    expect(read(home, '.aws/config.credchain.bak')).toBe(CONFIG);
  });

  it('--json gives a small result on stdout', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    const r = await run(home, ['set', 'ops', 'region', 'r', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      command: 'set',
      profile: 'ops',
      key: 'region',
      to: null,
      dryRun: false,
      changed: true,
      changes: [{ file: `${home}/.aws/config`, kind: 'config', section: 'profile ops', line: 11, action: 'added' }],
      backups: [`${home}/.aws/config.credchain.bak`],
      warnings: [],
      diff: null,
    });
  });

  it('setting the value a key already has writes nothing', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    const r = await run(home, ['set', 'default', 'REGION', 'us-east-1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('REGION in [default] (~/.aws/config:3) already has that value; nothing to write\n');
    expect(awsFiles(home)).toEqual(['config']);
  });

  it('the result is what `credchain which` (boto3\'s chain) then resolves', async () => {
    const home = makeHome({});
    await run(home, ['set', 'default', 'aws_access_key_id', 'AKIASETBYCREDCHAIN01']);
    await run(home, ['set', 'default', 'aws_secret_access_key', '-'], { input: 'secret\n' });
    await run(home, ['set', 'default', 'region', 'eu-central-1']);
    const r = await run(home, ['which', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.credentials).toMatchObject({ method: 'shared-credentials-file', accessKeyId: 'AKIASETBYCREDCHAIN01' });
    expect(j.region.name).toBe('eu-central-1');
  });
});

describe('set: keys and values boto3 would not read as meant', () => {
  it('warns about a key boto3 does not read (with the suggestion doctor makes) and an inline comment, and writes', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    const a = await run(home, ['set', 'dev', 'regoin', 'eu-west-2']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('credchain: warning: "regoin" is not a key boto3 reads; it would ignore the line (did you mean "region"?)\nset regoin in [profile dev] (~/.aws/config:7); previous version saved as ~/.aws/config.credchain.bak\n');
    const b = await run(home, ['set', 'ops', 'region', 'eu-west-1 ; Ireland']);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/^credchain: warning: the value of region holds ";" after a space: boto3 has no inline comments and keeps everything from ";" on as part of the value; put a comment on a line of its own\n/);
    expect(b.stderr).not.toContain('Ireland');
    const c = await run(home, ['set', 'ops', 'team_tag', 'x']);
    expect(c.stderr).toMatch(/warning: "team_tag" is not a key boto3 or the AWS CLI reads; boto3 would ignore it \(other tools may read it\)/);
    // doctor finds the same two problems in what was written
    const d = await run(home, ['doctor', '--json']);
    const rules = JSON.stringify(JSON.parse(d.stdout));
    expect(rules).toContain('misspelt-key');
    expect(rules).toContain('inline-comment');
  });

  it('--strict refuses them (252) and writes nothing; a key and value boto3 reads pass', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    for (const [key, value, why] of [
      ['regoin', 'eu-west-2', /"regoin" is not a key boto3 reads.*did you mean "region"/],
      ['region', 'eu-west-1 ; Ireland', /the value of region holds ";" after a space/],
      ['output', 'json # for scripts', /the value of output holds "#" after a space/],
      ['aws_secret_access_key', 'SECRETPART #tail', /the value of aws_secret_access_key holds "#"/],
    ] as const) {
      const secret = key === 'aws_secret_access_key';
      const r = await run(home, ['set', 'dev', key, secret ? '-' : value, '--strict'], secret ? { input: `${value}\n` } : {});
      expect(r.code, key).toBe(252);
      expect(r.stderr).toMatch(/^credchain: refused by --strict: /);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(/SECRETPART|tail|Ireland|scripts/);
    }
    expect(read(home, '.aws/config')).toBe(CONFIG);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(awsFiles(home)).toEqual(['config', 'credentials']);
    const ok = await run(home, ['set', 'dev', 'output', 'json', '--strict']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).not.toMatch(/warning/);
  });
});

describe('rename: source_profile references', () => {
  const ROLES = '[profile base]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n\n[profile audit]\nsource_profile=base\nrole_arn = arn:aws:iam::123456789012:role/audit\n';
  const KEYS = '[base]\naws_access_key_id = AKIABASE000000000001\naws_secret_access_key = BASESECRET\n\n[legacy]\nsource_profile = base\n';

  it('are rewritten in both files and named in the confirmation; --dry-run shows them; which then follows the chain', async () => {
    const home = makeHome({ '.aws/config': ROLES, '.aws/credentials': KEYS });
    const dry = await run(home, ['rename', 'base', 'root-keys', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('-source_profile = base\n+source_profile = root-keys\n');
    expect(dry.stdout).toContain('-source_profile=base\n+source_profile=root-keys\n');
    expect(dry.stderr).toBe(
      'dry run: would have renamed [profile base] to [profile root-keys] (~/.aws/config:1) and [base] to [root-keys] (~/.aws/credentials:1); source_profile base → root-keys in [profile deploy] (~/.aws/config:6) and [profile audit] (~/.aws/config:9) and [legacy] (~/.aws/credentials:6); nothing was written\n',
    );
    expect(read(home, '.aws/config')).toBe(ROLES);
    const r = await run(home, ['rename', 'base', 'root-keys', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.changes.filter((c: { key?: string }) => c.key === 'source_profile').map((c: { section: string; line: number }) => `${c.section}:${c.line}`)).toEqual(['profile deploy:6', 'profile audit:9', 'legacy:6']);
    expect(j.warnings).toEqual([]);
    expect(read(home, '.aws/config')).toBe(ROLES.replace('[profile base]', '[profile root-keys]').replace('source_profile = base', 'source_profile = root-keys').replace('source_profile=base', 'source_profile=root-keys'));
    expect(read(home, '.aws/credentials')).toBe(KEYS.replace('[base]', '[root-keys]').replace('source_profile = base', 'source_profile = root-keys'));
    const w = await run(home, ['which', '--profile', 'deploy', '--json']);
    expect(JSON.parse(w.stdout).credentials.chain.map((c: { profile: string }) => c.profile)).toEqual(['root-keys', 'deploy']);
  });

  it('--no-references leaves them, and says so', async () => {
    const home = makeHome({ '.aws/config': ROLES, '.aws/credentials': KEYS });
    const r = await run(home, ['rename', 'base', 'root-keys', '--no-references']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('warning'))).toEqual([
      'credchain: warning: profile "deploy" has source_profile = base, which is now "root-keys"; it was left as it is',
      'credchain: warning: profile "audit" has source_profile = base, which is now "root-keys"; it was left as it is',
      'credchain: warning: profile "legacy" has source_profile = base, which is now "root-keys"; it was left as it is',
    ]);
    expect(read(home, '.aws/config')).toBe(ROLES.replace('[profile base]', '[profile root-keys]'));
  });
});

describe('unset, remove, rename, copy', () => {
  it('unset removes the key from every file that sets it for the profile', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS + 'region = cred-region\n' });
    const r = await run(home, ['unset', 'default', 'region']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('unset region in [default] (~/.aws/credentials:4) and [default] (~/.aws/config:3); previous version saved as ~/.aws/config.credchain.bak and ~/.aws/credentials.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe(CONFIG.replace('region = us-east-1\n', ''));
    expect(read(home, '.aws/credentials')).toBe(CREDS);
  });

  it('remove takes the profile out of both files, keeping comments that lead the next section', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const r = await run(home, ['remove', 'default']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('removed [default] (~/.aws/credentials:1) and [default] (~/.aws/config:2); previous version saved as ~/.aws/config.credchain.bak and ~/.aws/credentials.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe('# team settings\n[profile dev]\nregion=eu-west-1\n# keep me\n\n[profile ops]\noutput = json\n');
    expect(read(home, '.aws/credentials')).toBe('');
  });

  it('rename rewrites both headers; copy appends a copy in both files', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const r = await run(home, ['rename', 'default', 'main']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('renamed [default] to [profile main] (~/.aws/config:2) and [default] to [main] (~/.aws/credentials:1); previous version saved as ~/.aws/config.credchain.bak and ~/.aws/credentials.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe(CONFIG.replace('[default]', '[profile main]'));
    const c = await run(home, ['copy', 'main', 'main2']);
    expect(c.code).toBe(0);
    expect(read(home, '.aws/credentials')).toBe(CREDS.replace('[default]', '[main]') + '\n' + CREDS.replace('[default]', '[main2]'));
  });

  it('an unknown profile (253, as in which and show), or a target that exists (252): nothing is written', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const cases: [string[], number][] = [
      [['unset', 'nope', 'region'], 253],
      [['remove', 'nope'], 253],
      [['rename', 'nope', 'x'], 253],
      [['copy', 'nope', 'x'], 253],
      [['rename', 'dev', 'ops'], 252],
      [['copy', 'dev', 'default'], 252],
      [['unset', 'dev', 'output'], 252],
    ];
    for (const [args, code] of cases) {
      const r = await run(home, args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(/^credchain: /);
    }
    expect(read(home, '.aws/config')).toBe(CONFIG);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(awsFiles(home)).toEqual(['config', 'credentials']);
  });
});

describe('--dry-run', () => {
  it('prints a unified diff with secrets masked and writes nothing: no file, backup, lock or folder', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const before = fs.statSync(path.join(home, '.aws/credentials')).mtimeMs;
    const r = await run(home, ['rename', 'default', 'main', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`--- ${home}/.aws/credentials\n+++ ${home}/.aws/credentials\n@@ -1,3 +1,3 @@\n-[default]\n+[main]\n aws_access_key_id = ****************OLD1\n aws_secret_access_key = ********\n`);
    expect(r.stdout).toContain('-[default]\n+[profile main]\n');
    expect(r.stdout).not.toMatch(/OLDSECRETVALUE|AKIAOLD/);
    expect(r.stderr).toMatch(/^dry run: would have renamed .*; nothing was written\n$/);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(read(home, '.aws/config')).toBe(CONFIG);
    expect(fs.statSync(path.join(home, '.aws/credentials')).mtimeMs).toBe(before);
    expect(awsFiles(home)).toEqual(['config', 'credentials']);

    const fresh = makeHome({});
    const n = await run(fresh, ['set', 'dev', 'aws_session_token', 'TOKENVALUE', '--dry-run', '--json']);
    const j = JSON.parse(n.stdout);
    expect(j.dryRun).toBe(true);
    expect(j.diff).toBe(`--- /dev/null\n+++ ${fresh}/.aws/credentials\n@@ -0,0 +1,2 @@\n+[dev]\n+aws_session_token = ********\n`);
    expect(n.stdout).not.toContain('TOKENVALUE');
    expect(fs.existsSync(path.join(fresh, '.aws'))).toBe(false);
  });
});

describe('input that is never written', () => {
  it('a file that does not parse: ConfigParseError naming file and line, exit 253, no write, no backup, no lock', async () => {
    const bad = '[default]\nregion = a\nthis line has no delimiter\n';
    const home = makeHome({ '.aws/config': bad, '.aws/credentials': CREDS });
    for (const args of [['set', 'default', 'region', 'b'], ['set', 'default', 'aws_access_key_id', 'A'], ['remove', 'default'], ['rename', 'default', 'x']]) {
      const r = await run(home, args);
      expect(r.code, args.join(' ')).toBe(253);
      expect(r.stderr).toContain(`${home}/.aws/config (line 3:`);
    }
    expect(read(home, '.aws/config')).toBe(bad);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(awsFiles(home)).toEqual(['config', 'credentials']);
  });

  it('a directory, or bytes that are not UTF-8, in place of a file: 253', async () => {
    const home = makeHome({ '.aws/credentials': Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0x0a]) });
    fs.mkdirSync(path.join(home, '.aws/config'));
    const a = await run(home, ['set', 'a', 'region', 'r']);
    expect(a.code).toBe(253);
    expect(a.stderr).toMatch(/config is not a regular file/);
    const b = await run(home, ['set', 'a', 'aws_access_key_id', 'A'], { env: { AWS_CONFIG_FILE: '' } });
    expect(b.code).toBe(253);
    expect(b.stderr).toMatch(/credentials \(line 2: .*bytes that are not valid UTF-8\)/);
  });
});

describe('backups', () => {
  it('hold the version each edit replaced, mode 0600: a secret rotated out twice is in no file', async () => {
    const home = makeHome({ '.aws/credentials': CREDS }, { '.aws/credentials': 0o644 });
    const bak = path.join(home, '.aws/credentials.credchain.bak');
    const a = await run(home, ['set', 'default', 'aws_secret_access_key', '-'], { input: 'ROTATED1\n' });
    expect(a.stderr).toBe('set aws_secret_access_key in [default] (~/.aws/credentials:3); previous version saved as ~/.aws/credentials.credchain.bak\n');
    expect(fs.readFileSync(bak, 'utf8')).toBe(CREDS);
    expect(fs.statSync(bak).mode & 0o777).toBe(0o600);
    expect(modeOf(home, '.aws/credentials')).toBe(0o644);
    await run(home, ['set', 'default', 'aws_secret_access_key', '-'], { input: 'ROTATED2\n' });
    expect(fs.readFileSync(bak, 'utf8')).toBe(CREDS.replace('OLDSECRETVALUE', 'ROTATED1'));
    await run(home, ['set', 'default', 'aws_secret_access_key', '-'], { input: 'ROTATED3\n' });
    const everything = awsFiles(home).map((f) => read(home, `.aws/${f}`)).join('');
    expect(everything).not.toMatch(/OLDSECRETVALUE|ROTATED1/);
    expect(awsFiles(home)).toEqual(['credentials', 'credentials.credchain.bak']);
  });

  it('an existing backup (any mode, even a link) is replaced by a new 0600 file, never written through', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/config.credchain.bak': 'older backup\n', elsewhere: 'not a backup\n' }, { '.aws/config.credchain.bak': 0o644 });
    expect((await run(home, ['set', 'default', 'output', 'json'])).code).toBe(0);
    expect(read(home, '.aws/config.credchain.bak')).toBe(CONFIG);
    expect(modeOf(home, '.aws/config.credchain.bak')).toBe(0o600);
    fs.rmSync(path.join(home, '.aws/config.credchain.bak'));
    fs.symlinkSync(path.join(home, 'elsewhere'), path.join(home, '.aws/config.credchain.bak'));
    expect((await run(home, ['set', 'default', 'output', 'text'])).code).toBe(0);
    expect(read(home, 'elsewhere')).toBe('not a backup\n');
    expect(fs.lstatSync(path.join(home, '.aws/config.credchain.bak')).isFile()).toBe(true);
    expect(read(home, '.aws/config.credchain.bak')).toContain('output = json');
  });
});

describe('a file its owner made read-only', () => {
  it('is refused by every edit, dry run included (253), and left as it was: the rename does not bypass the mode', async () => {
    const every = [['set', 'dev', 'output', 'json'], ['set', 'dev', 'aws_access_key_id', 'AKIAX'], ['unset', 'default', 'region'], ['remove', 'dev'], ['rename', 'default', 'x'], ['copy', 'default', 'y'], ['set', 'dev', 'output', 'json', '--dry-run']];
    for (const [mode, commands] of [[0o400, every], [0o444, every.slice(0, 1)], [0o500, every.slice(4, 5)]] as const) {
      const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS }, { '.aws/config': mode, '.aws/credentials': mode });
      for (const args of commands) {
        const r = await run(home, args);
        expect(r.code, `${mode.toString(8)} ${args.join(' ')}: ${r.stderr}`).toBe(253);
        expect(r.stderr).toMatch(new RegExp(`^credchain: ${home}/\\.aws/(config|credentials) is read-only \\(mode 0${mode.toString(8)}\\); credchain does not edit a file made read-only\\. .*Nothing was written\\n$`));
      }
      expect(read(home, '.aws/config')).toBe(CONFIG);
      expect(read(home, '.aws/credentials')).toBe(CREDS);
      expect(modeOf(home, '.aws/config')).toBe(mode);
      expect(awsFiles(home)).toEqual(['config', 'credentials']);
    }
  });

  it('a file this user may not write (as `aws configure set` meets it: EACCES) is refused the same way', async (t) => {
    // root ignores file modes; setpriv without CAP_DAC_OVERRIDE makes it meet them, as any other user does
    const probe = spawnSync('setpriv', ['--bounding-set', '-dac_override,-dac_read_search', 'true']);
    if (probe.status !== 0 || process.getuid?.() !== 0) {
      if (process.env.CI && process.getuid?.() === 0) throw new Error(`setpriv is needed under CI: ${probe.error?.message ?? probe.stderr}`);
      t.skip('needs root and setpriv (util-linux) to drop CAP_DAC_OVERRIDE');
      return;
    }
    const home = makeHome({ '.aws/config': CONFIG }, { '.aws/config': 0o644 });
    fs.chownSync(path.join(home, '.aws/config'), 65534, 65534);
    const r = spawnSync('setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, BIN, 'set', 'dev', 'output', 'json'], {
      env: jailedEnv({ HOME: home, PATH: process.env.PATH }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status, r.stderr).toBe(253);
    expect(r.stderr).toBe(`credchain: cannot write ${home}/.aws/config (permission denied (EACCES); mode 0644, owner uid 65534); nothing was written\n`);
    expect(read(home, '.aws/config')).toBe(CONFIG);
    expect(awsFiles(home)).toEqual(['config']);
  });
});

describe('concurrent writers', () => {
  it('20 concurrent `set` processes on one file keep all 20 values', async () => {
    const home = makeHome({ '.aws/config': CONFIG });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run(home, ['set', 'dev', `key_${i}`, `value-${i}`])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const text = read(home, '.aws/config');
    const dev = parseIni(text, 'config').sections.find((s) => s.name === 'profile dev')!;
    for (let i = 0; i < 20; i++) expect(dev.entries.get(`key_${i}`)?.value, text).toBe(`value-${i}`);
    expect(text.startsWith(CONFIG.slice(0, CONFIG.indexOf('# keep me')))).toBe(true);
    expect(awsFiles(home)).toEqual(['config', 'config.credchain.bak']);
    // the backup is the version the last writer replaced: 19 of the 20 keys
    const bak = parseIni(read(home, '.aws/config.credchain.bak'), 'bak').sections.find((s) => s.name === 'profile dev')!;
    expect([...bak.entries.keys()].filter((k) => k.startsWith('key_'))).toHaveLength(19);
  });

  it('writers on both files at once (settings, keys, copies) lose nothing and never deadlock', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const jobs = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? ['set', `p${i}`, 'region', `r${i}`] : i % 3 === 1 ? ['set', `p${i}`, 'aws_access_key_id', `AKIA${i}`] : ['copy', 'default', `c${i}`],
    );
    const results = await Promise.all(jobs.map((a) => run(home, a)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const config = parseIni(read(home, '.aws/config'), 'c').sections.map((s) => s.name);
    const creds = parseIni(read(home, '.aws/credentials'), 'k').sections.map((s) => s.name);
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) expect(config).toContain(`profile p${i}`);
      if (i % 3 === 1) expect(creds).toContain(`p${i}`);
      if (i % 3 === 2) expect(config.includes(`profile c${i}`) && creds.includes(`c${i}`)).toBe(true);
    }
  });
});

/** starts a writer that stops at `step` (the test-only CREDCHAIN_TEST_PAUSE_AT hook) and waits until it is there */
async function pausedAt(home: string, args: string[], step: string, env: Record<string, string> = {}) {
  const ready = path.join(home, `pause-${step}-${Math.random().toString(36).slice(2)}`);
  const w = start(home, args, { env: { CREDCHAIN_TEST_PAUSE_AT: step, CREDCHAIN_TEST_PAUSE_READY: ready, ...env } });
  let exited = false;
  void w.done.then(() => (exited = true));
  await waitFor(() => exited || (fs.existsSync(ready) && fs.readFileSync(ready, 'utf8') === `${step}\n`));
  if (exited) throw new Error(`the writer ended before reaching ${step}: ${(await w.done).stderr}`);
  return w;
}

const ago = (file: string, ms: number) => fs.utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));

describe('locks', () => {
  it('record pid, host, the process start time and when the lock was taken', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const w = await pausedAt(home, ['set', 'default', 'aws_session_token', 'T'], 'locked');
    const lock = fs.readFileSync(path.join(home, '.aws/credentials.lock'), 'utf8');
    w.child.kill('SIGKILL');
    await w.done;
    const started = /\nstarted=(\S+)\n/.exec(lock)?.[1];
    expect(lock).toMatch(new RegExp(`^${w.child.pid}\n${os.hostname()}\nstarted=\\S+\nproc-start=[0-9a-f-]+:\\d+\ntaken=\\S+\nid=[0-9a-f]{16}\n$`));
    expect(Math.abs(Date.parse(started!) - Date.now())).toBeLessThan(60_000);
  });

  it('a lock held by a running writer makes the next one wait, then give up (253) naming the lock and its owner', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    const w = await pausedAt(home, ['set', 'default', 'aws_session_token', 'T1'], 'locked');
    // even an old lock stays: its owner is provably the very process that took it
    ago(lock, 10 * 60_000);
    const r = await run(home, ['set', 'default', 'aws_session_token', 'T2'], { env: { CREDCHAIN_LOCK_TIMEOUT_MS: '300' } });
    w.child.kill('SIGKILL');
    await w.done;
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(new RegExp(`\ncredchain: ${home}/\\.aws/credentials is locked \\(${lock}\\): it is held by process ${w.child.pid} since \\S+, which is still running\\. If no credchain is running, delete the lock file\\. Nothing was written\\n$`));
    expect(read(home, '.aws/credentials')).toBe(CREDS);
  });

  it('a lock whose process is gone is broken, with a warning', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    fs.writeFileSync(lock, `${dead.pid}\n${os.hostname()}\nstale\n`);
    const a = await run(home, ['set', 'default', 'aws_session_token', 'T1']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain(`credchain: warning: broke the stale lock ${lock}: process ${dead.pid} that took it is gone\n`);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a half-written lock waits while fresh (its writer may be writing it) and is broken once 2 s old', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    fs.writeFileSync(lock, '');
    const b = await run(home, ['set', 'default', 'aws_session_token', 'T2'], { env: { CREDCHAIN_LOCK_TIMEOUT_MS: '300' } });
    expect(b.code).toBe(253);
    expect(b.stderr).toMatch(/its record is being written/);
    ago(lock, 3000);
    const c = await run(home, ['set', 'default', 'aws_session_token', 'T3']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toMatch(/warning: broke the stale lock .*: its record is incomplete/);
    expect(read(home, '.aws/credentials')).toContain('aws_session_token = T3');
  });

  it('a lock from another host is waited for while young, and is stale after 2 minutes', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    fs.writeFileSync(lock, `${process.pid}\nbuild-box-7\nstarted=2026-01-01T00:00:00.000Z\ntaken=2026-01-01T00:00:01.000Z\nid=0\n`);
    ago(lock, 90_000);
    const a = await run(home, ['set', 'default', 'aws_session_token', 'T1'], { env: { CREDCHAIN_LOCK_TIMEOUT_MS: '300' } });
    expect(a.code).toBe(253);
    expect(a.stderr).toContain(`it is held by process ${process.pid} on host build-box-7 since 2026-01-01T00:00:01.000Z; a lock from another host is treated as stale after 2 minutes`);
    ago(lock, 121_000);
    const b = await run(home, ['set', 'default', 'aws_session_token', 'T2']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain(`warning: broke the stale lock ${lock}: it was taken by process ${process.pid} on host build-box-7 since 2026-01-01T00:00:01.000Z, more than 2 minutes ago`);
  });

  it('a reused pid: a lock whose pid now runs another program is broken at once; one that cannot be checked after 2 minutes', async () => {
    // a real lock, left by a writer killed while holding it, then its pid handed to another live process (this one)
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    const w = await pausedAt(home, ['set', 'default', 'aws_session_token', 'T0'], 'locked');
    w.child.kill('SIGKILL');
    await w.done;
    const real = fs.readFileSync(lock, 'utf8');
    fs.writeFileSync(lock, real.replace(/^\d+\n/, `${process.pid}\n`));
    const a = await run(home, ['set', 'default', 'aws_session_token', 'T1']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain(`broke the stale lock ${lock}: process ${process.pid} that took it is gone (pid ${process.pid} now belongs to another program)`);

    // no start time recorded (an older credchain): a live pid is trusted for 2 minutes only
    fs.writeFileSync(lock, `${process.pid}\n${os.hostname()}\nold-format\n`);
    const b = await run(home, ['set', 'default', 'aws_session_token', 'T2'], { env: { CREDCHAIN_LOCK_TIMEOUT_MS: '300' } });
    expect(b.code).toBe(253);
    ago(lock, 121_000);
    const c = await run(home, ['set', 'default', 'aws_session_token', 'T3']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).toContain(`more than 2 minutes ago; pid ${process.pid} is running but is taken to be another program by now`);
    expect(read(home, '.aws/credentials')).toContain('aws_session_token = T3');
  });
});

describe('a writer killed mid-way', () => {
  it('leaves the old file (not a torn one) when killed before the rename; the next writer recovers', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const dir = path.join(home, '.aws');
    const w = start(home, ['set', 'default', 'aws_session_token', 'NEWTOKEN'], { env: { CREDCHAIN_TEST_PAUSE_BEFORE_RENAME_MS: '20000' } });
    const temps = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    // the new content, complete and flushed, waits in a temp file for the rename (the backup's temp comes and goes before)
    const holds = (f: string) => {
      try {
        return fs.readFileSync(path.join(dir, f), 'utf8') === CREDS + 'aws_session_token = NEWTOKEN\n';
      } catch {
        return false; // the backup's temp file, gone between readdir and open
      }
    };
    await waitFor(() => temps().some(holds));
    w.child.kill('SIGKILL');
    await w.done;
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(temps()).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'credentials.lock'))).toBe(true);
    const r = await run(home, ['set', 'default', 'aws_session_token', 'NEWTOKEN']);
    expect(r.code, r.stderr).toBe(0);
    expect(read(home, '.aws/credentials')).toBe(CREDS + 'aws_session_token = NEWTOKEN\n');
    expect(awsFiles(home)).toEqual(['credentials', 'credentials.credchain.bak']);
  });

  it('killed at each step of the write (paused there, so the kill lands there): every file whole, the next writer recovers', async () => {
    const old = Array.from({ length: 400 }, (_, i) => `[p${i}]\naws_access_key_id = AKIA${String(i).padStart(16, '0')}\naws_secret_access_key = s${i}\n`).join('\n');
    const next = old.replace('aws_secret_access_key = s0\n', 'aws_secret_access_key = s0\naws_session_token = T\n');
    const oldBackup = '[older]\nk = v\n';
    const steps = ['lock-half-written', 'locked', 'backup-half-written', 'backup-written', 'backed-up', 'temp-half-written', 'temp-written', 'replaced'];
    for (const step of steps) {
      const home = makeHome({ '.aws/credentials': old, '.aws/credentials.credchain.bak': oldBackup });
      const dir = path.join(home, '.aws');
      const lock = path.join(dir, 'credentials.lock');
      const w = await pausedAt(home, ['set', 'p0', 'aws_session_token', 'T'], step);
      // the writer is where it says: check the half-written and complete temp files on disk before the kill
      const temps = (of: string) => fs.readdirSync(dir).filter((f) => f.startsWith(`.${of}.credchain-`) && f.endsWith('.tmp'));
      const sizes = (of: string) => temps(of).map((f) => fs.statSync(path.join(dir, f)).size);
      const len = (t: string) => Buffer.byteLength(t);
      const where: Record<string, () => void> = {
        'lock-half-written': () => expect(fs.readFileSync(lock, 'utf8')).not.toMatch(/\nid=[0-9a-f]+\n$/),
        locked: () => expect(fs.readFileSync(lock, 'utf8')).toMatch(/\nid=[0-9a-f]{16}\n$/),
        'backup-half-written': () => expect(sizes('credentials.credchain.bak')).toEqual([len(old) >> 1]),
        'backup-written': () => expect(sizes('credentials.credchain.bak')).toEqual([len(old)]),
        'backed-up': () => expect(temps('credentials.credchain.bak')).toEqual([]),
        'temp-half-written': () => expect(sizes('credentials')).toEqual([len(next) >> 1]),
        'temp-written': () => expect(sizes('credentials')).toEqual([len(next)]),
        replaced: () => expect(temps('credentials')).toEqual([]),
      };
      where[step]();
      w.child.kill('SIGKILL');
      expect((await w.done).code).toBe(null);
      const replaced = step === 'replaced';
      const backedUp = steps.indexOf(step) >= steps.indexOf('backed-up');
      expect(read(home, '.aws/credentials'), step).toBe(replaced ? next : old);
      expect(read(home, '.aws/credentials.credchain.bak'), step).toBe(backedUp ? old : oldBackup);
      expect(fs.existsSync(lock), step).toBe(true);
      // a half-written lock is stale once 2 s old: as if that much time had passed
      if (step === 'lock-half-written') ago(lock, 3000);
      const r = await run(home, ['set', 'p1', 'aws_session_token', '-'], { input: 'U\n' });
      expect(r.code, `${step}: ${r.stderr}`).toBe(0);
      expect(r.stderr, step).toMatch(new RegExp(`warning: broke the stale lock ${lock}: (process ${w.child.pid} that took it is gone|its record is incomplete)`));
      expect(read(home, '.aws/credentials'), step).toBe((replaced ? next : old).replace('aws_secret_access_key = s1\n', 'aws_secret_access_key = s1\naws_session_token = U\n'));
      expect(read(home, '.aws/credentials.credchain.bak'), step).toBe(replaced ? next : old);
      expect(awsFiles(home), step).toEqual(['credentials', 'credentials.credchain.bak']);
    }
  });

  it('interrupted (SIGINT) before the rename: exit 130, the old file, and no lock or temp file left', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const dir = path.join(home, '.aws');
    const w = start(home, ['set', 'default', 'aws_session_token', 'T'], { env: { CREDCHAIN_TEST_PAUSE_BEFORE_RENAME_MS: '20000' } });
    await waitFor(() => fs.existsSync(path.join(dir, 'credentials.credchain.bak')) && fs.readdirSync(dir).some((f) => f.endsWith('.tmp')));
    w.child.kill('SIGINT');
    const r = await w.done;
    expect(r.code).toBe(130);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(awsFiles(home)).toEqual(['credentials', 'credentials.credchain.bak']);
  });

  it('a file changed by another program during the edit is not overwritten (253)', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const w = start(home, ['set', 'default', 'aws_session_token', 'T'], { env: { CREDCHAIN_TEST_PAUSE_BEFORE_RENAME_MS: '1500' } });
    await waitFor(() => fs.existsSync(path.join(home, '.aws/credentials.credchain.bak')) && fs.readdirSync(path.join(home, '.aws')).some((f) => f.endsWith('.tmp')));
    fs.writeFileSync(path.join(home, '.aws/credentials'), '[other]\nk = v\n');
    const r = await w.done;
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/was changed by another program while credchain was editing it; nothing was written/);
    expect(read(home, '.aws/credentials')).toBe('[other]\nk = v\n');
    expect(awsFiles(home)).toEqual(['credentials', 'credentials.credchain.bak']);
  });
});

describe('reading the value', () => {
  /** a terminal that types `keys`, recording raw mode and what is written to stderr */
  function fakeTty(keys: string[]) {
    const tty = new EventEmitter() as PromptInput & { raw: boolean[] };
    tty.isTTY = true;
    tty.raw = [];
    tty.setRawMode = (on: boolean) => tty.raw.push(on);
    tty.setEncoding = () => tty;
    tty.pause = () => tty;
    tty.resume = () => {
      setImmediate(() => keys.forEach((k) => tty.emit('data', k)));
      return tty;
    };
    return tty;
  }

  it('from a terminal: raw mode, nothing echoed, backspace edits, Enter ends; raw mode is switched off again', async () => {
    const tty = fakeTty(['SEC', 'RX\u007f', 'ET\r', 'ignored']);
    let err = '';
    expect(await promptHidden(tty, (s) => (err += s), 'aws_secret_access_key: ')).toBe('SECRET');
    expect(err).toBe('aws_secret_access_key: \n');
    expect(tty.raw).toEqual([true, false]);
  });

  it('Ctrl-C at the prompt interrupts (exit 130)', async () => {
    const e = await promptHidden(fakeTty(['ab\u0003']), () => {}, 'k: ').catch((x) => x);
    expect(e).toBeInstanceOf(CredchainError);
    expect((e as CredchainError).kind).toBe('interrupted');
  });

  it('from a pipe: all of stdin less one trailing newline; VALUE and --stdin together are refused', async () => {
    const { Readable } = await import('node:stream');
    const pipe = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { isTTY: false }) as unknown as PromptInput & AsyncIterable<Buffer>;
    expect(await readValue({ value: '-' }, 'k', () => {}, pipe('v1\n'))).toBe('v1');
    expect(await readValue({ stdin: true }, 'k', () => {}, pipe('v2\n\n'))).toBe('v2\n');
    expect(await readValue({ value: 'argv' }, 'k', () => {}, pipe('unused'))).toBe('argv');
    await expect(readValue({ value: 'x', stdin: true }, 'k', () => {}, pipe(''))).rejects.toBeInstanceOf(UsageError);
    await expect(readValue({}, 'k', () => {}, pipe(''))).rejects.toThrow(/needs a VALUE/);
  });
});
