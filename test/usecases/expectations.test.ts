// The CI expectations: flag parsing (usage errors), durations, ARN globs, and messages that say what was expected
// and what was found.
import { describe, expect, it } from 'vitest';
import { evaluateExpectations, formatDuration, globMatch, parseDuration, parseExpectations } from '../../src/usecases/expectations';
import { describeIdentity } from '../../src/usecases/identity';
import type { Credentials } from '../../src/core/types';
import { UsageError } from '../../src/core/errors';

const NOW = Date.UTC(2026, 10, 23, 8, 0, 0);
const user = describeIdentity({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci', userId: 'AIDA' }, 'x');
const role = describeIdentity({ account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/s', userId: 'AROA:s' }, 'x');
const creds = (o: Partial<Credentials>): Credentials => ({ method: 'env', accessKeyId: 'AKIAEXAMPLE00001234', secretAccessKey: 's', sessionToken: null, expiration: null, location: { env: ['AWS_ACCESS_KEY_ID'] }, ...o });

describe('parsing', () => {
  it('durations', () => {
    expect(parseDuration('90', 'x')).toBe(90_000);
    expect(parseDuration('15m', 'x')).toBe(900_000);
    expect(parseDuration('1h30m', 'x')).toBe(5_400_000);
    expect(parseDuration('2d', 'x')).toBe(172_800_000);
    for (const bad of ['', 'soon', '15 m', '1h-', 'm15']) expect(() => parseDuration(bad, '--min-ttl')).toThrow(UsageError);
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(59_000)).toBe('59s');
  });
  it('accounts: repeated or comma-separated, 12 digits', () => {
    expect(parseExpectations({ expectAccount: ['111111111111,222222222222', '333333333333'] }).accounts).toEqual(['111111111111', '222222222222', '333333333333']);
    expect(() => parseExpectations({ expectAccount: ['1234'] })).toThrow(/12-digit/);
    expect(() => parseExpectations({ expectMethod: 'keys' })).toThrow(/--expect-method must be one of/);
  });
  it('globs match whole ARNs; * crosses : and /', () => {
    expect(globMatch('arn:aws:sts::*:assumed-role/Deploy/*', 'arn:aws:sts::123456789012:assumed-role/Deploy/s')).toBe(true);
    expect(globMatch('arn:aws:iam::*:user/ci', 'arn:aws:iam::123456789012:user/ci2')).toBe(false);
    expect(globMatch('arn:aws:iam::12345678901?:user/c.', 'arn:aws:iam::123456789012:user/ci')).toBe(false);
    expect(globMatch('*', 'anything')).toBe(true);
  });
});

describe('evaluateExpectations', () => {
  it('says what was expected and what was found', () => {
    const checks = evaluateExpectations(
      { accounts: ['111111111111'], arnGlobs: ['*:role/*'], method: 'sso', forbidLongTermKeys: true, minTtl: { ms: 900_000, text: '15m' } },
      user,
      creds({}),
      NOW,
    );
    expect(checks.map((c) => [c.check, c.ok, c.message])).toEqual([
      ['expect-account', false, 'expected account 111111111111, found 123456789012'],
      ['expect-arn', false, 'expected an ARN matching *:role/*, found arn:aws:iam::123456789012:user/ci'],
      ['expect-method', false, 'expected credentials from sso, found env'],
      ['forbid-long-term-keys', false, 'expected temporary credentials, found the long-term access key ****************1234 (AKIA…, no session token) of arn:aws:iam::123456789012:user/ci'],
      ['min-ttl', true, 'long-term credentials do not expire (at least 15m left)'],
    ]);
    expect(JSON.stringify(checks)).not.toContain('"s"');
  });
  it('min-ttl against an expiry, and temporary credentials without one', () => {
    const soon = creds({ accessKeyId: 'ASIA0001', sessionToken: 't', expiration: new Date(NOW + 10 * 60_000).toISOString() });
    const [c] = evaluateExpectations({ minTtl: { ms: 900_000, text: '15m' } }, role, soon, NOW);
    expect(c).toMatchObject({ ok: false, found: '10m', message: 'expected at least 15m left, found 10m (expiry 2026-11-23T08:10:00Z)' });
    const past = creds({ sessionToken: 't', expiration: new Date(NOW - 60_000).toISOString() });
    expect(evaluateExpectations({ minTtl: { ms: 1, text: '1s' } }, role, past, NOW)[0].message).toContain('credentials that expired 1m ago');
    const unknown = creds({ accessKeyId: 'ASIA0001', sessionToken: 't' });
    expect(evaluateExpectations({ minTtl: { ms: 1, text: '1s' } }, role, unknown, NOW)[0]).toMatchObject({ ok: false, message: expect.stringContaining('lifetime is unknown') });
    expect(evaluateExpectations({ forbidLongTermKeys: true, method: 'env' }, role, unknown, NOW).every((k) => k.ok)).toBe(true);
  });
});
