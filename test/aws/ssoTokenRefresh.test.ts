// When botocore's SSOTokenProvider would refresh a cached sso-session token (refreshCheck), one rule shared by the
// token loader (which --resolve, verify, export) and `sso status`; the zone-less registrationExpiresAt case checked
// against Python itself.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseTokenCache, refreshCheck } from '../../src/aws/ssoToken';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const full = { refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: '2031-01-01T00:00:00Z' };

describe('refreshCheck', () => {
  it('needs the four keys and a registration that has not expired', () => {
    expect(refreshCheck(full, NOW)).toEqual({ refreshable: true });
    for (const k of Object.keys(full)) {
      const { [k as keyof typeof full]: _gone, ...rest } = full;
      expect(refreshCheck(rest, NOW).refreshable, k).toBe(false);
    }
    expect(refreshCheck({ ...full, registrationExpiresAt: '2029-12-31T23:59:59Z' }, NOW)).toMatchObject({
      refreshable: false,
      why: /expired/,
    });
  });

  it('a registrationExpiresAt without a zone is the TypeError Python raises comparing it with an aware time', () => {
    const r = refreshCheck({ ...full, registrationExpiresAt: '2031-01-01T00:00:00' }, NOW);
    expect(r.refreshable).toBe(false);
    const py = spawnSync(
      'python3',
      [
        '-c',
        'import datetime\nfrom dateutil.tz import tzutc\ntry:\n  datetime.datetime(2031,1,1) - datetime.datetime.now(tzutc())\nexcept TypeError as e:\n  print(e)',
      ],
      { encoding: 'utf8' },
    );
    if (py.status !== 0 && !process.env.CI) return;
    expect(r.error).toBe(py.stdout.trim());
  });

  it('the cache is read as Python reads JSON (NaN allowed), and must be an object', () => {
    expect(parseTokenCache(Buffer.from('{"accessToken": "t", "x": NaN}')).accessToken).toBe('t');
    expect(() => parseTokenCache(Buffer.from('[1]'))).toThrow();
    expect(() => parseTokenCache(Buffer.from([0x7b, 0xff, 0x7d]))).toThrow();
  });
});
