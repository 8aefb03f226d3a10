// `credchain sso status`: each sso-session and legacy start URL, the state of its cached token (valid, refreshable,
// expired, missing, invalid) and the profiles that depend on it. Offline; the token itself never appears.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().replace(/\.\d+Z$/, 'Z');
const cacheFile = (key: string) => `.aws/sso/cache/${createHash('sha1').update(key).digest('hex')}.json`;
const SECRET = 'tok-should-never-print-91c2';

const CONFIG = `[sso-session good]
sso_start_url = https://good.awsapps.com/start
sso_region = us-east-1
[sso-session old]
sso_start_url = https://old.awsapps.com/start
sso_region = eu-west-1
[sso-session renew]
sso_start_url = https://renew.awsapps.com/start
sso_region = eu-west-1
[sso-session none]
sso_start_url = https://none.awsapps.com/start
sso_region = eu-west-1
[profile a]
sso_session = good
sso_account_id = 1
sso_role_name = R
[profile b]
sso_session = good
sso_account_id = 2
sso_role_name = R
[profile c]
sso_session = old
sso_account_id = 3
sso_role_name = R
[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 4
sso_role_name = R
`;

const FILES = {
  '.aws/config': CONFIG,
  [cacheFile('good')]: JSON.stringify({ accessToken: SECRET, expiresAt: iso(5 * 3600_000) }),
  [cacheFile('old')]: JSON.stringify({ accessToken: SECRET, expiresAt: iso(-3600_000) }),
  [cacheFile('renew')]: JSON.stringify({
    accessToken: SECRET,
    expiresAt: iso(-60_000),
    refreshToken: SECRET,
    clientId: 'c',
    clientSecret: SECRET,
    registrationExpiresAt: iso(30 * 86400_000),
  }),
  [cacheFile('https://legacy.awsapps.com/start')]: '{not json',
};

describe('sso status', () => {
  it('reports every source, its token state and its dependants, as JSON', async () => {
    const r = await runCli(['sso', 'status', '--json'], { files: FILES });
    expect(r.code).toBe(0);
    const byName = Object.fromEntries((JSON.parse(r.stdout).sources as { name: string; state: string; profiles: string[]; loginCommand: string }[]).map((s) => [s.name, s]));
    expect(byName.good).toMatchObject({ state: 'valid', profiles: ['a', 'b'] });
    expect(byName.old).toMatchObject({ state: 'expired', profiles: ['c'], loginCommand: 'aws sso login --sso-session old' });
    expect(byName.renew).toMatchObject({ state: 'refreshable', profiles: [] });
    expect(byName.none).toMatchObject({ state: 'missing' });
    expect(byName['https://legacy.awsapps.com/start']).toMatchObject({ state: 'invalid', profiles: ['legacy'], loginCommand: 'aws sso login --profile legacy' });
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('in text: one block per source, the fix for each broken one, no token', async () => {
    const r = await runCli(['sso', 'status'], { files: FILES });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ sso-session good {2}valid for 4 h 5\d min/);
    expect(r.stdout).toMatch(/✘ sso-session old {2}expired 1 h 0 min ago/);
    expect(r.stdout).toContain('fix        aws sso login --sso-session old');
    expect(r.stdout).toContain('profiles   a, b');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('says so when nothing uses IAM Identity Center', async () => {
    const r = await runCli(['sso', 'status'], { files: { '.aws/config': '[default]\nregion = eu-west-1\n' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No IAM Identity Center configuration');
  });
});
