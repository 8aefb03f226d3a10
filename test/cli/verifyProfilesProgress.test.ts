// `profiles --verify` on a terminal (a real pseudo-terminal, 80 columns, through Python's pty): "N/M" progress on
// stderr, each row printed as soon as its profile is done (a quick one while a slow one still waits on STS), and a
// summary that counts every profile once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHome } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { jailedEnv } from '../support/networkJail';
import { runUnderPty } from '../support/pty';

let sts: LoopbackServer;
beforeAll(async () => {
  sts = await startLoopback({ 'POST /': { hang: true } });
});
afterAll(() => sts?.close());

describe('profiles --verify on a terminal', () => {
  it('shows N/M progress, prints each row as it arrives, and a summary that adds up', async () => {
    const home = makeHome({
      '.aws/config': '[profile settings-only]\nregion = eu-west-1\n',
      '.aws/credentials': '[slow]\naws_access_key_id = AKIASLOW000000001234\naws_secret_access_key = s\n',
    });
    const env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', LANG: 'C.UTF-8', AWS_DEFAULT_REGION: 'us-east-1' });
    const r = await runUnderPty(['profiles', '--verify', '--profile-timeout', '1.5', '--endpoint-url', sts.url, '--color', 'off'], env);
    expect(r.code, r.out).toBe(1);
    const out = r.out.replace(/\r\n/g, '\n');
    const quickRow = out.search(/settings-only\s+- skipped/);
    const firstDone = out.indexOf('1/2 profiles checked');
    const slowRow = out.search(/slow\s+✘ timeout/);
    expect(out).toContain('0/2 profiles checked');
    expect(quickRow).toBeGreaterThan(-1);
    // the quick profile's row is out before the slow one is done: printed as it arrived
    expect(quickRow).toBeLessThan(firstDone);
    expect(firstDone).toBeLessThan(slowRow);
    // the summary wraps to fit the 80 columns
    expect(out.replace(/\n/g, ' ')).toMatch(/2 profiles: 0 verified, 1 failed, 0 need login, 0 need MFA, 1 skipped \(no credentials\)/);
  });
});
