// The guarded reader every side file goes through: a FIFO is refused without waiting for a writer, a device without
// reading it, a directory as EISDIR, a file over the cap before and while reading; on test contexts (memfs) the
// same verdicts come through `fs`.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError } from '../../src/core/context';
import { readFileGuarded } from '../../src/core/nodeContext';
import { boundedReadFailure, readGuarded } from '../../src/core/readFile';
import { memContext } from '../support/memContext';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'read';
  } catch (e) {
    return e instanceof FileReadError ? e.code : `other: ${(e as Error).message}`;
  }
};

describe('readFileGuarded (the real context)', () => {
  it('reads a regular file whole', () => {
    fs.writeFileSync(path.join(dir, 'ok'), 'token');
    expect(readFileGuarded(path.join(dir, 'ok'), 100).toString()).toBe('token');
  });
  it('refuses a FIFO at once, a device, a directory, a missing file and a file over the cap', () => {
    const fifo = path.join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
    fs.mkdirSync(path.join(dir, 'd'));
    fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(101));
    const started = Date.now();
    expect(codeOf(() => readFileGuarded(fifo, 100))).toBe('not-regular');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(codeOf(() => readFileGuarded(path.join(dir, 'zero'), 100))).toBe('not-regular');
    expect(codeOf(() => readFileGuarded(path.join(dir, 'd'), 100))).toBe('EISDIR');
    expect(codeOf(() => readFileGuarded(path.join(dir, 'none'), 100))).toBe('ENOENT');
    expect(codeOf(() => readFileGuarded(path.join(dir, 'big'), 100))).toBe('too-large');
  });
  it('stops reading past the cap even when the size said less (a /proc file reports 0)', () => {
    const status = '/proc/self/status';
    expect(fs.statSync(status).size).toBe(0);
    expect(codeOf(() => readFileGuarded(status, 10))).toBe('too-large');
    expect(readFileGuarded(status, 1024 * 1024).toString()).toMatch(/^Name:/);
  });
  it('says what boto3 would do instead: wait (FIFO), MemoryError (device)', () => {
    const fifo = boundedReadFailure(new FileReadError('not-regular', 'x is a FIFO (named pipe), not a regular file'), 'OSError');
    expect(fifo).toMatchObject({ type: 'OSError', message: expect.stringContaining('wait for a writer forever') });
    expect(boundedReadFailure(new FileReadError('not-regular', 'x is a character device, not a regular file'), 'OSError')?.type).toBe('MemoryError');
    expect(boundedReadFailure(new FileReadError('ENOENT', 'missing'), 'OSError')).toBeUndefined();
  });
});

describe('readGuarded on a test context', () => {
  it('gives the same verdicts through fs', () => {
    const ctx = memContext({ files: { token: 'abc', big: 'x'.repeat(50), 'sub/file': '' } });
    expect(readGuarded(ctx, '/home/u/token', 10).toString()).toBe('abc');
    expect(codeOf(() => readGuarded(ctx, '/home/u/big', 10))).toBe('too-large');
    expect(codeOf(() => readGuarded(ctx, '/home/u/sub', 10))).toBe('EISDIR');
    expect(codeOf(() => readGuarded(ctx, '/home/u/none', 10))).toBe('ENOENT');
  });
});
