// The AWS CLI cache: file names computed as botocore's fetchers compute them (checked against botocore itself, under
// CI required), entries written 0600 through a temp file and read back only with 15 minutes left. The same writes
// on a full disk: test/profiles/fullDisk.test.ts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assumeRoleCacheKey, cliCacheTimestamp, jsonFileCache, pyJsonDumps, ssoCacheKey } from '../../src/aws/cliCache';

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';
const ASSUME_CASES: Record<string, string | number>[] = [
  { RoleArn: ROLE },
  { RoleArn: ROLE, RoleSessionName: 'ci-job' },
  { RoleArn: ROLE, ExternalId: 'ext-123', SerialNumber: 'arn:aws:iam::123456789012:mfa/me', DurationSeconds: 3600 },
  { RoleArn: ROLE, RoleSessionName: 'ünïcødé-session', ExternalId: 'quote"back\\slash\ttab\u007f' },
  { RoleArn: ROLE, ExternalId: '' },
];
const SSO_CASES = [
  { roleName: 'Admin', accountId: '123456789012', startUrl: 'https://example.awsapps.com/start' },
  { roleName: 'ReadOnly', accountId: '210987654321', sessionName: 'corp' },
];

const ORACLE = `
import json, sys
from botocore.credentials import AssumeRoleCredentialFetcher, AssumeRoleWithWebIdentityCredentialFetcher, SSOCredentialFetcher
cases = json.load(sys.stdin)
out = {'assume': [], 'web': [], 'sso': []}
for args in cases['assume']:
    extra = {k: v for k, v in args.items() if k != 'RoleArn'}
    out['assume'].append(AssumeRoleCredentialFetcher(None, None, args['RoleArn'], extra_args=extra)._cache_key)
    web = {k: v for k, v in extra.items() if k == 'RoleSessionName'}
    out['web'].append(AssumeRoleWithWebIdentityCredentialFetcher(None, lambda: 't', args['RoleArn'], extra_args=web)._cache_key)
for s in cases['sso']:
    out['sso'].append(SSOCredentialFetcher(s.get('startUrl', 'https://unused'), 'us-east-1', s['roleName'], s['accountId'], None, sso_session_name=s.get('sessionName'))._cache_key)
print(json.dumps(out))
`;

function oracle(): { assume: string[]; web: string[]; sso: string[] } | undefined {
  const r = spawnSync('python3', ['-c', ORACLE], { input: JSON.stringify({ assume: ASSUME_CASES, sso: SSO_CASES }), encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) {
    if (process.env.CI) throw new Error(`botocore oracle failed: ${r.stderr || r.error}`);
    return undefined;
  }
  return JSON.parse(r.stdout);
}

describe('cache keys are botocore\'s', () => {
  const want = oracle();
  it.skipIf(!want).each(ASSUME_CASES.map((c, i) => [JSON.stringify(c), i] as const))('AssumeRole %s', (_n, i) => {
    expect(assumeRoleCacheKey(ASSUME_CASES[i])).toBe(want!.assume[i]);
    const web: Record<string, string | number> = { RoleArn: ASSUME_CASES[i].RoleArn };
    if (ASSUME_CASES[i].RoleSessionName) web.RoleSessionName = ASSUME_CASES[i].RoleSessionName;
    expect(assumeRoleCacheKey(web)).toBe(want!.web[i]);
  });
  it.skipIf(!want).each(SSO_CASES.map((c, i) => [JSON.stringify(c), i] as const))('SSO %s', (_n, i) => {
    expect(ssoCacheKey(SSO_CASES[i])).toBe(want!.sso[i]);
  });
  it('json.dumps: sorted keys, Python separators and ASCII escapes', () => {
    expect(pyJsonDumps({ b: 'é', a: 1 }, ', ', ': ')).toBe('{"a": 1, "b": "\\u00e9"}');
    expect(pyJsonDumps({ k: '😀' }, ',', ':')).toBe('{"k":"\\ud83d\\ude00"}');
  });
});

describe('jsonFileCache', () => {
  const NOW = Date.UTC(2026, 10, 23, 8, 0, 0);
  const entry = (expires: number) => ({
    Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 's', SessionToken: 't', Expiration: cliCacheTimestamp(new Date(expires)), AccountId: '123456789012' },
    AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/r/s' },
  });

  it('writes 0600 through a temp file, reads back what it wrote, keeps no temp files', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-cache-')), 'cli', 'cache');
    const cache = jsonFileCache({ fs, writeFs: fs }, dir);
    const file = cache.put('abc', entry(NOW + 3_600_000));
    expect(file).toBe(path.join(dir, 'abc.json'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['abc.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).Credentials.Expiration).toBe('2026-11-23T09:00:00UTC');
    const got = cache.get('abc', NOW);
    expect('hit' in got && got.hit).toEqual({ accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't', expiresAt: NOW + 3_600_000, accountId: '123456789012', assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/r/s' });
  });

  it('a write that cannot complete throws with its errno, leaves no temp file, and replaces nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-cache-'));
    const cache = jsonFileCache({ fs, writeFs: fs }, dir);
    // a folder where the entry would go: the temp file is written in full, the rename fails
    fs.mkdirSync(path.join(dir, 'blocked.json'));
    expect(() => cache.put('blocked', entry(NOW + 3_600_000))).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(fs.readdirSync(dir)).toEqual(['blocked.json']);
    // an entry already there is replaced whole by a rename, never rewritten in place (its inode changes)
    const file = cache.put('abc', entry(NOW + 3_600_000));
    const ino = fs.statSync(file).ino;
    const held = fs.openSync(file, 'r');
    cache.put('abc', entry(NOW + 7_200_000));
    expect(fs.statSync(file).ino).not.toBe(ino);
    expect(JSON.parse(fs.readFileSync(held, 'utf8')).Credentials.Expiration).toBe('2026-11-23T09:00:00UTC');
    fs.closeSync(held);
  });

  it('needs 15 minutes left; misses say why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-cache-'));
    const cache = jsonFileCache({ fs, writeFs: fs }, dir);
    cache.put('soon', entry(NOW + 14 * 60_000));
    cache.put('ok', entry(NOW + 15 * 60_000));
    expect(cache.get('soon', NOW)).toMatchObject({ miss: expect.stringMatching(/less than 15 minutes/) });
    expect('hit' in cache.get('ok', NOW)).toBe(true);
    expect(cache.get('absent', NOW)).toMatchObject({ miss: 'no cache entry' });
    fs.writeFileSync(path.join(dir, 'junk.json'), '{not json');
    expect(cache.get('junk', NOW)).toMatchObject({ miss: 'cache entry is not a credentials answer' });
  });

  it('reads the formats botocore writes: "UTC" suffix (assume-role), "Z" (SSO), an offset', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-cache-'));
    for (const [k, exp] of [['utc', '2026-11-23T09:00:00UTC'], ['z', '2026-11-23T09:00:00Z'], ['off', '2026-11-23T10:00:00+01:00']]) {
      fs.writeFileSync(path.join(dir, `${k}.json`), JSON.stringify({ Credentials: { AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: exp } }));
      const got = jsonFileCache({ fs, writeFs: fs }, dir).get(k, NOW);
      expect('hit' in got && got.hit.expiresAt).toBe(NOW + 3_600_000);
    }
  });
});
