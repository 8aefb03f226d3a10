// The Context's write door and the CLI's terminal door, injected as a test would inject a failing world: every
// write of a profile edit, the AWS CLI cache and the recent-profiles list goes through ctx.writeFs (a disk that
// fills up or a rename that fails leaves every file as it was), and prompts and progress go through io.terminal
// (no terminal: nothing is asked, nothing is drawn; a scripted one answers the MFA prompt).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFileCache } from '../../src/aws/cliCache';
import type { CliIO, Terminal } from '../../src/cli/io';
import { materializeOptionsFor } from '../../src/cli/materializeOptions';
import { canPrompt, canShowProgress } from '../../src/cli/terminal';
import type { WriteFileSystem } from '../../src/core/context';
import { nodeContext } from '../../src/core/nodeContext';
import { runEdit } from '../../src/profiles/editRun';
import { recordRecent } from '../../src/shell/recent';
import { makeHome } from '../support/cli';

const CONFIG = '# my settings\n[profile dev]\nregion = eu-west-1\n';
const CREDS = '[dev]\naws_access_key_id = AKIAEXAMPLEDOOR00001\naws_secret_access_key = doorsecret\n';

/** node:fs, except that the disk is full after `room` more bytes: writes stop short, then fail with ENOSPC */
function fullDisk(room: number): WriteFileSystem & { written: () => number } {
  let left = room;
  let total = 0;
  const door = Object.create(fs) as WriteFileSystem & { written: () => number };
  door.writeSync = ((fd: number, buf: Buffer, offset?: number | null, length?: number | null) => {
    if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const off = offset ?? 0;
    const n = Math.min(length ?? buf.length - off, left);
    left -= n;
    total += n;
    return fs.writeSync(fd, buf, off, n);
  }) as WriteFileSystem['writeSync'];
  door.written = () => total;
  return door;
}

function home(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = makeHome({ '.aws/config': CONFIG, '.aws/credentials': CREDS });
  return { dir, env: { HOME: dir, PATH: process.env.PATH } };
}

/** every file under `dir`, with its bytes */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

describe('the write door: a profile edit through a disk that fills up', () => {
  it('for every amount of room, the edit either completes or fails with "nothing was written" and every file as it was', async () => {
    const outcomes = new Set<string>();
    for (const room of [0, 10, 40, 60, 100, 200, 400, 100_000]) {
      const { dir, env } = home();
      const before = snapshot(dir);
      const disk = fullDisk(room);
      const ctx = { ...nodeContext({ env }), writeFs: disk };
      let failed: Error | undefined;
      try {
        await runEdit(ctx, { kind: 'set', profile: 'dev', key: 'region', value: 'us-west-2' });
      } catch (e) {
        failed = e as Error;
      }
      const after = snapshot(dir);
      if (failed) {
        outcomes.add('failed');
        expect(failed.message, `room ${room}`).toMatch(/nothing was written/);
        expect(failed.message).not.toContain('doorsecret');
        // no temp file, no lock left; the shared files untouched; a backup, if it got that far, is whole
        const { '.aws/config.credchain.bak': bak, ...rest } = after;
        expect(rest, `room ${room}`).toEqual(before);
        if (bak !== undefined) expect(bak).toBe(CONFIG);
      } else {
        outcomes.add('written');
        expect(after['.aws/config']).toBe('# my settings\n[profile dev]\nregion = us-west-2\n');
        expect(after['.aws/config.credchain.bak']).toBe(CONFIG);
        expect(after['.aws/credentials']).toBe(CREDS);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // the sweep crosses from failing to succeeding: the door is really used for every byte
    expect([...outcomes].sort()).toEqual(['failed', 'written']);
  });

  it('a rename the file system refuses leaves the original and reports it', async () => {
    const { dir, env } = home();
    const before = snapshot(dir);
    const door = Object.create(fs) as WriteFileSystem;
    door.renameSync = () => {
      throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
    };
    await expect(runEdit({ ...nodeContext({ env }), writeFs: door }, { kind: 'remove', profile: 'dev' })).rejects.toThrow(/EROFS|read-only/);
    expect(snapshot(dir)).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the AWS CLI cache and the recent-profiles list write through the same door', () => {
    const { dir, env } = home();
    const cacheDir = path.join(dir, '.aws/cli/cache');
    const ok = jsonFileCache({ fs, writeFs: fs }, cacheDir);
    ok.put('k', { Credentials: { AccessKeyId: 'ASIAOLD', Expiration: '2099-01-01T00:00:00Z' } });
    const old = fs.readFileSync(path.join(cacheDir, 'k.json'), 'utf8');
    const full = jsonFileCache({ fs, writeFs: fullDisk(5) }, cacheDir);
    expect(() => full.put('k', { Credentials: { AccessKeyId: 'ASIANEW', Expiration: '2099-01-01T00:00:00Z' } })).toThrow();
    expect(fs.readFileSync(path.join(cacheDir, 'k.json'), 'utf8')).toBe(old);
    const ctx = { ...nodeContext({ env }), writeFs: fullDisk(0) };
    expect(recordRecent(ctx, 'dev')).toMatch(/could not save the recent-profiles list .*ENOSPC/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the terminal door', () => {
  const io = (terminal?: Terminal, env: NodeJS.ProcessEnv = {}): CliIO => ({ stdout: () => {}, stderr: () => {}, env, isTTY: false, cwd: '/', terminal });

  it('without a terminal nothing is asked and nothing is drawn', () => {
    const o = materializeOptionsFor({} as never, io(undefined));
    expect(o.interactive).toBe(false);
    expect(o.io?.prompt).toBeUndefined();
    expect(o.io?.progress).toBeUndefined();
    expect(canShowProgress(io(undefined))).toBe(false);
  });

  it('a closed stdin (not a terminal) is not asked, even with stderr on a terminal', () => {
    const half: Terminal = { stdinIsTTY: false, stderrIsTTY: true, readHidden: () => Promise.reject(new Error('must not be asked')) };
    expect(canPrompt(io(half))).toBe(false);
    expect(materializeOptionsFor({} as never, io(half)).io?.prompt).toBeUndefined();
    expect(canShowProgress(io(half))).toBe(true);
  });

  it('a scripted terminal answers the MFA prompt; under CI it is never asked', async () => {
    const asked: string[] = [];
    const t: Terminal = { stdinIsTTY: true, stderrIsTTY: true, readHidden: async (m) => (asked.push(m), '123456') };
    const o = materializeOptionsFor({} as never, io(t));
    expect(o.interactive).toBe(true);
    await expect(o.io!.prompt!('Enter MFA code: ')).resolves.toBe('123456');
    expect(asked).toEqual(['Enter MFA code: ']);
    expect(canPrompt(io(t, { CI: 'true' }))).toBe(false);
  });
});
