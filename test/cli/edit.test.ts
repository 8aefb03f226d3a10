// `credchain set / unset / remove / rename / copy` through the built CLI, on real temporary HOMEs: messages and exit
// codes, values from stdin, --dry-run, --json, file modes, backups, locks (20 concurrent writers, stale and live
// locks), writers killed mid-way (never a torn file), symlinks, CRLF, and input that must never be written.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptHidden, readValue, type PromptInput } from '../../src/cli/editInput';
import { CredchainError, UsageError } from '../../src/errors';
import { parseIni } from '../../src/ini/parse';
import { BIN, makeHome, type CliResult } from '../support/cli';

interface RunOptions {
  env?: Record<string, string>;
  input?: string;
}

/** like runCli, on an existing HOME, with stdin and a handle on the child */
function start(home: string, args: string[], o: RunOptions = {}) {
  const env: Record<string, string> = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true', ...(o.env ?? {}) };
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
    expect(r.stderr).toBe('set output in [profile dev] (~/.aws/config:7); original saved as ~/.aws/config.credchain.bak\n');
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
    for (const mode of [0o644, 0o640, 0o600, 0o400]) {
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

  it('writes through a symlink: the link stays a link, the backup sits next to the real file', async () => {
    const home = makeHome({ 'dotfiles/aws-config': CONFIG });
    fs.mkdirSync(path.join(home, '.aws'));
    fs.symlinkSync(path.join(home, 'dotfiles/aws-config'), path.join(home, '.aws/config'));
    const r = await run(home, ['set', 'ops', 'region', 'ap-south-1']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(home, '.aws/config')).isSymbolicLink()).toBe(true);
    expect(read(home, 'dotfiles/aws-config')).toBe(CONFIG + 'region = ap-south-1\n');
    expect(fs.readdirSync(path.join(home, 'dotfiles')).sort()).toEqual(['aws-config', 'aws-config.credchain.bak']);
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

describe('unset, remove, rename, copy', () => {
  it('unset removes the key from every file that sets it for the profile', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS + 'region = cred-region\n' });
    const r = await run(home, ['unset', 'default', 'region']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('unset region in [default] (~/.aws/credentials:4) and [default] (~/.aws/config:3); original saved as ~/.aws/config.credchain.bak and ~/.aws/credentials.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe(CONFIG.replace('region = us-east-1\n', ''));
    expect(read(home, '.aws/credentials')).toBe(CREDS);
  });

  it('remove takes the profile out of both files, keeping comments that lead the next section', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const r = await run(home, ['remove', 'default']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('removed [default] (~/.aws/credentials:1) and [default] (~/.aws/config:2); original saved as ~/.aws/config.credchain.bak and ~/.aws/credentials.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe('# team settings\n[profile dev]\nregion=eu-west-1\n# keep me\n\n[profile ops]\noutput = json\n');
    expect(read(home, '.aws/credentials')).toBe('');
  });

  it('rename rewrites both headers; copy appends a copy in both files', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    const r = await run(home, ['rename', 'default', 'main']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('renamed [default] to [profile main] (~/.aws/config:2) and [default] to [main] (~/.aws/credentials:1); original saved as ~/.aws/config.credchain.bak and ~/.aws/credentials.credchain.bak\n');
    expect(read(home, '.aws/config')).toBe(CONFIG.replace('[default]', '[profile main]'));
    const c = await run(home, ['copy', 'main', 'main2']);
    expect(c.code).toBe(0);
    expect(read(home, '.aws/credentials')).toBe(CREDS.replace('[default]', '[main]') + '\n' + CREDS.replace('[default]', '[main2]'));
  });

  it('an unknown profile, or a target that exists, is a usage error (252) and nothing is written', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
    for (const args of [['unset', 'nope', 'region'], ['remove', 'nope'], ['rename', 'nope', 'x'], ['copy', 'nope', 'x'], ['rename', 'dev', 'ops'], ['copy', 'dev', 'default'], ['unset', 'dev', 'output']]) {
      const r = await run(home, args);
      expect(r.code, args.join(' ')).toBe(252);
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
    expect(b.stderr).toMatch(/credentials \(line 2: bytes that are not valid UTF-8\)/);
  });
});

describe('backups', () => {
  it('are taken once, before the first change, mode 0600, and never overwritten', async () => {
    const home = makeHome({ '.aws/credentials': CREDS }, { '.aws/credentials': 0o644 });
    await run(home, ['set', 'default', 'aws_session_token', 'T1']);
    const bak = path.join(home, '.aws/credentials.credchain.bak');
    expect(fs.readFileSync(bak, 'utf8')).toBe(CREDS);
    expect(fs.statSync(bak).mode & 0o777).toBe(0o600);
    const r = await run(home, ['set', 'default', 'aws_session_token', 'T2']);
    expect(r.stderr).not.toMatch(/original saved/);
    expect(fs.readFileSync(bak, 'utf8')).toBe(CREDS);
    expect(read(home, '.aws/credentials')).toContain('aws_session_token = T2');
  });

  it('an existing backup is left as it is', async () => {
    const home = makeHome({ '.aws/config': CONFIG, '.aws/config.credchain.bak': 'older backup\n' });
    expect((await run(home, ['set', 'default', 'output', 'json'])).code).toBe(0);
    expect(read(home, '.aws/config.credchain.bak')).toBe('older backup\n');
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
    expect(read(home, '.aws/config.credchain.bak')).toBe(CONFIG);
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

describe('locks', () => {
  it('a live lock makes a writer wait, then give up with 253 naming the lock file', async () => {
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    fs.writeFileSync(lock, `${process.pid}\n${os.hostname()}\nheld-by-the-test\n`);
    const r = await run(home, ['set', 'default', 'aws_session_token', 'T'], { env: { CREDCHAIN_LOCK_TIMEOUT_MS: '300' } });
    expect(r.code).toBe(253);
    expect(r.stderr).toContain(`is locked by process ${process.pid} (${lock})`);
    expect(read(home, '.aws/credentials')).toBe(CREDS);
    expect(fs.readFileSync(lock, 'utf8')).toContain('held-by-the-test');
  });

  it('a lock whose process is gone is broken; a half-written old one too, a fresh empty one is not', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    const home = makeHome({ '.aws/credentials': CREDS });
    const lock = path.join(home, '.aws/credentials.lock');
    fs.writeFileSync(lock, `${dead.pid}\n${os.hostname()}\nstale\n`);
    const a = await run(home, ['set', 'default', 'aws_session_token', 'T1', '--debug']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toMatch(new RegExp(`breaking the stale lock .*process ${dead.pid} is gone`));
    expect(fs.existsSync(lock)).toBe(false);

    fs.writeFileSync(lock, '');
    const b = await run(home, ['set', 'default', 'aws_session_token', 'T2'], { env: { CREDCHAIN_LOCK_TIMEOUT_MS: '300' } });
    expect(b.code).toBe(253);
    fs.utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const c = await run(home, ['set', 'default', 'aws_session_token', 'T3']);
    expect(c.code, c.stderr).toBe(0);
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

  it('killed at random moments, the file is always exactly the old or the new one', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `[p${i}]\naws_access_key_id = AKIA${String(i).padStart(16, '0')}\naws_secret_access_key = s${i}\n`).join('\n');
    const expectedNew = big.replace('aws_secret_access_key = s0\n', 'aws_secret_access_key = s0\naws_session_token = T\n');
    // how long one uninterrupted run takes here; the kills are spread from start-up to past the rename
    const t0 = Date.now();
    const full = await run(makeHome({ '.aws/credentials': big }), ['set', 'p0', 'aws_session_token', 'T']);
    expect(full.code).toBe(0);
    const span = Date.now() - t0;
    for (let i = 0; i < 12; i++) {
      const home = makeHome({ '.aws/credentials': big });
      const w = start(home, ['set', 'p0', 'aws_session_token', 'T']);
      const at = Math.round((span * (i + 1)) / 11);
      await new Promise((r) => setTimeout(r, at));
      w.child.kill('SIGKILL');
      await w.done;
      const now = read(home, '.aws/credentials');
      expect(now === big || now === expectedNew, `kill after ${at} of ${span} ms left a torn file`).toBe(true);
      const r = await run(home, ['set', 'p1', 'region', 'r']);
      expect(r.code, r.stderr).toBe(0);
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
