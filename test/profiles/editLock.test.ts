// When a lock can be broken (src/profiles/editLock.ts judgeLock), case by case with a fake view of the processes:
// gone, alive and the same process, pid reused, unverifiable, another host, half written. The same cases through the
// real CLI, with real processes: test/cli/edit.test.ts "locks".
import { describe, expect, it } from 'vitest';
import { judgeLock, parseLock, STALE_AFTER_MS, type ProcessProbe } from '../../src/profiles/editLock';

const probe = (procs: Record<number, string | undefined>): ProcessProbe => ({
  host: 'here',
  alive: (pid) => pid in procs,
  procStart: (pid) => procs[pid],
});

const record = (pid: number, host: string, procStart?: string) =>
  `${pid}\n${host}\nstarted=2026-12-01T00:00:00.000Z\n${procStart ? `proc-start=${procStart}\n` : ''}taken=2026-12-01T00:00:05.000Z\nid=00\n`;

describe('judgeLock', () => {
  it('parses what the writer records; an incomplete record is no record', () => {
    expect(parseLock(record(7, 'here', 'boot:99'))).toEqual({ pid: 7, host: 'here', started: '2026-12-01T00:00:00.000Z', procStart: 'boot:99', taken: '2026-12-01T00:00:05.000Z' });
    for (const half of ['', '7', '7\nhere', '7\nhere\nstarted=2026', 'x\nhere\n\n']) expect(parseLock(half), JSON.stringify(half)).toBeUndefined();
  });

  it('same host: a gone process is stale at once; the very same process never; a reused pid at once', () => {
    expect(judgeLock(record(7, 'here', 'boot:99'), 0, probe({}))).toMatchObject({ stale: true, why: 'process 7 that took it is gone' });
    expect(judgeLock(record(7, 'here', 'boot:99'), 10 * STALE_AFTER_MS, probe({ 7: 'boot:99' })).stale).toBe(false);
    expect(judgeLock(record(7, 'here', 'boot:99'), 0, probe({ 7: 'boot:123' }))).toMatchObject({ stale: true, why: expect.stringMatching(/pid 7 now belongs to another program/) });
    // after a reboot the boot id differs: whatever runs as pid 7 now is not the writer
    expect(judgeLock(record(7, 'here', 'boot:99'), 0, probe({ 7: 'otherboot:99' })).stale).toBe(true);
  });

  it('a live pid that cannot be checked (no start time on either side) is trusted for STALE_AFTER_MS only', () => {
    expect(judgeLock(record(7, 'here'), STALE_AFTER_MS - 1000, probe({ 7: 'boot:1' })).stale).toBe(false);
    expect(judgeLock(record(7, 'here'), STALE_AFTER_MS + 1000, probe({ 7: 'boot:1' })).stale).toBe(true);
    expect(judgeLock(record(7, 'here', 'boot:1'), STALE_AFTER_MS + 1000, probe({ 7: undefined })).stale).toBe(true);
  });

  it('another host: its processes cannot be seen from here, so only age counts, whatever pid runs here', () => {
    expect(judgeLock(record(7, 'there', 'b:1'), STALE_AFTER_MS - 1000, probe({}))).toMatchObject({ stale: false, why: expect.stringMatching(/on host there .*treated as stale after 2 minutes/) });
    expect(judgeLock(record(7, 'there', 'b:1'), STALE_AFTER_MS + 1000, probe({ 7: 'b:1' }))).toMatchObject({ stale: true, why: expect.stringMatching(/more than 2 minutes ago/) });
  });

  it('a half-written record: waited for 2 s (its writer may be writing it), then stale', () => {
    expect(judgeLock('7\nhe', 1000, probe({ 7: 'b:1' })).stale).toBe(false);
    expect(judgeLock('7\nhe', 2500, probe({ 7: 'b:1' }))).toMatchObject({ stale: true, why: expect.stringMatching(/incomplete/) });
  });
});
