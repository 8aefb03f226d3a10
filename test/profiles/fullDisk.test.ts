// Edits and cache writes on a real, nearly full file system: a small tmpfs mounted for this file (CI runs as root;
// elsewhere the tests skip with the reason, never under CI). For every amount of free space from none to enough,
// each command either succeeds completely or fails with "nothing was written", exit 253, and every byte of the
// original (and of the backup) as it was; never a short file reported as success. The sweep must cross every stage:
// the lock, the backup, the new file, success.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { cliCacheTimestamp, jsonFileCache } from '../../src/aws/cliCache';
import { main } from '../../src/cli/main';
import { makeHome, runCli } from '../support/cli';

const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-full-'));
let unavailable: string | undefined;
let page = 4096;

beforeAll(() => {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', mnt], { encoding: 'utf8' });
  if (r.error || r.status !== 0) unavailable = `cannot mount a tmpfs (${r.error?.message ?? r.stderr.trim()}); needs root`;
  else page = fs.statfsSync(mnt).bsize;
});

afterAll(() => {
  if (!unavailable && spawnSync('umount', [mnt]).status !== 0) spawnSync('umount', ['-l', mnt]);
  fs.rmSync(mnt, { recursive: true, force: true });
});

function needMount(t: TestContext): boolean {
  if (!unavailable) return true;
  if (process.env.CI) throw new Error(`under CI the full-disk tests must run: ${unavailable}`);
  t.skip(unavailable);
  return false;
}

/** fills the file system, then frees exactly `pages` pages; checks that statfs agrees */
function fillLeaving(pages: number): void {
  const filler = path.join(mnt, 'filler');
  fs.rmSync(filler, { force: true });
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(16 * page, 0x41);
  try {
    for (let i = 0; i < 10_000; i++) fs.writeSync(fd, chunk);
    throw new Error('the tmpfs never filled up');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  const size = fs.fstatSync(fd).size;
  fs.ftruncateSync(fd, Math.max(0, Math.floor(size / page) * page - pages * page));
  fs.closeSync(fd);
  expect(fs.statfsSync(mnt).bavail).toBe(pages);
}

/** a file of about `pages` pages, so its writes can end short */
function profiles(kind: 'config' | 'credentials', pages: number): string {
  const out: string[] = [];
  for (let i = 0; out.join('').length < pages * page - 200; i++) {
    out.push(
      kind === 'config'
        ? `[profile p${i}]\nregion = eu-west-1\nsource_profile = default\n\n`
        : `[p${i}]\naws_access_key_id = AKIA${String(i).padStart(16, '0')}\naws_secret_access_key = secret${i}\n\n`,
    );
  }
  return (kind === 'config' ? '[default]\nregion = us-east-1\n\n' : '[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = s\n\n') + out.join('');
}

const CONFIG = () => profiles('config', 2);
const CREDS = () => profiles('credentials', 2);

interface Sweep {
  args: string[];
  /** files (relative to HOME) before the command */
  files: () => Record<string, string>;
}

/** which stage a failure message names */
function stageOf(stderr: string): string {
  if (/cannot (write|create) the lock file/.test(stderr)) return 'lock';
  if (/cannot write the backup/.test(stderr)) return 'backup';
  if (/cannot write .*\.aws\/(config|credentials) \(/.test(stderr)) return 'file';
  return `unknown: ${stderr}`;
}

function awsFiles(home: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(path.join(home, '.aws')).map((f) => [`.aws/${f}`, fs.readFileSync(path.join(home, '.aws', f), 'utf8')]));
}

/** the CLI in this process (the sweep runs it dozens of times); the first run of each sweep is a real process */
async function inProcess(args: string[], home: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const env = { HOME: home, PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true' };
  const code = await main(args, { stdout: () => {}, stderr: (x) => (stderr += x), env, isTTY: false, cwd: home });
  return { code, stderr };
}

async function sweep(s: Sweep): Promise<Set<string>> {
  // what the command leaves on a disk with room: the only acceptable success
  const roomyHome = makeHome(s.files());
  const roomy = await inProcess(s.args, roomyHome);
  expect(roomy.code, roomy.stderr).toBe(0);
  const want = awsFiles(roomyHome);
  const stages = new Set<string>();
  const home = path.join(mnt, 'home');
  let done = false;
  for (let free = 0; free <= 40 && !done; free++) {
    fs.rmSync(path.join(mnt, 'filler'), { force: true });
    fs.rmSync(home, { recursive: true, force: true });
    const before = s.files();
    for (const [rel, text] of Object.entries(before)) {
      fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
      fs.writeFileSync(path.join(home, rel), text);
    }
    fillLeaving(free);
    const r = free === 0 ? await runCli(s.args, { home }) : await inProcess(s.args, home);
    fs.rmSync(path.join(mnt, 'filler'), { force: true });
    const now = awsFiles(home);
    const what = `${s.args.join(' ')} with ${free} pages free`;
    if (r.code === 0) {
      // complete: every file (backups included) exactly as on a disk with room, nothing else left behind
      expect(now, what).toEqual(want);
      expect(r.stderr, what).toBe(roomy.stderr.replaceAll(roomyHome, home));
      stages.add('success');
      done = true;
      continue;
    }
    expect(r.code, `${what}: ${r.stderr}`).toBe(253);
    expect(r.stderr, what).toMatch(/^credchain: [^\n]*\((no space left on device \(ENOSPC\)|the disk took only part of the data \(ESHORTWRITE\))\)[^\n]*nothing was written[^\n]*\n$/);
    stages.add(stageOf(r.stderr));
    // the originals byte for byte; a backup is either the one there before or a complete copy of the original
    for (const [rel, text] of Object.entries(before)) {
      if (rel.endsWith('.credchain.bak')) continue;
      expect(now[rel], `${what}: ${rel}`).toBe(text);
      const bak = now[`${rel}.credchain.bak`];
      if (bak !== undefined) expect([before[`${rel}.credchain.bak`], text], `${what}: ${rel} backup`).toContain(bak);
    }
    expect(Object.keys(now).filter((f) => !/^\.aws\/(config|credentials)(\.credchain\.bak)?$/.test(f)), `${what}: temp or lock files left`).toEqual([]);
  }
  expect(done, `${s.args.join(' ')} never succeeded`).toBe(true);
  return stages;
}

describe('a nearly full disk', () => {
  const both = () => ({ '.aws/config': CONFIG(), '.aws/credentials': CREDS() });

  it('set: complete or "nothing was written", the original and the backup whole, at every amount of free space', async (t) => {
    if (!needMount(t)) return;
    // with a backup already there: the new one is written beside it and renamed over it
    const stages = await sweep({ args: ['set', 'p3', 'output', 'json'], files: () => ({ '.aws/config': CONFIG(), '.aws/config.credchain.bak': CONFIG().slice(0, 3000) }) });
    expect([...stages].sort()).toEqual(['backup', 'file', 'lock', 'success']);
    const keys = await sweep({ args: ['set', 'p3', 'aws_access_key_id', 'AKIANEWKEY0000000001'], files: both });
    expect([...keys].sort()).toEqual(['backup', 'file', 'lock', 'success']);
  });

  it('rename, copy and remove (both files at once): complete or nothing', async (t) => {
    if (!needMount(t)) return;
    for (const args of [['rename', 'default', 'main'], ['copy', 'p1', 'p1-copy'], ['remove', 'p2']]) {
      const stages = await sweep({ args, files: both });
      expect([...stages].sort(), args.join(' ')).toEqual(['backup', 'file', 'lock', 'success']);
    }
  });
});

describe('the AWS CLI cache on a nearly full disk', () => {
  const entry = (token: string) => ({
    Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 's', SessionToken: token, Expiration: cliCacheTimestamp(new Date(Date.UTC(2030, 0, 1))) },
  });

  it('an entry is written complete or not at all; the one already there stays whole', (t) => {
    if (!needMount(t)) return;
    const dir = path.join(mnt, 'cli', 'cache');
    const cache = jsonFileCache({ fs, writeFs: fs }, dir);
    const big = 'T'.repeat(2 * page + 100);
    let failures = 0;
    let written = false;
    for (let free = 0; free <= 6 && !written; free++) {
      fs.rmSync(path.join(mnt, 'filler'), { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
      const old = JSON.stringify(entry('OLD'));
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'role.json'), old);
      fillLeaving(free);
      try {
        cache.put('role', entry(big));
        written = true;
        expect(JSON.parse(fs.readFileSync(path.join(dir, 'role.json'), 'utf8')).Credentials.SessionToken).toBe(big);
      } catch (e) {
        failures++;
        expect(['ENOSPC', 'ESHORTWRITE']).toContain((e as NodeJS.ErrnoException).code);
        expect(fs.readFileSync(path.join(dir, 'role.json'), 'utf8')).toBe(old);
        expect(fs.readdirSync(dir)).toEqual(['role.json']);
      }
      fs.rmSync(path.join(mnt, 'filler'), { force: true });
    }
    expect(written).toBe(true);
    // none free, one page, two pages: each too little for three pages
    expect(failures).toBe(3);
  });
});
