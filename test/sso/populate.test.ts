// `credchain sso populate` end to end against a loopback IAM Identity Center portal (test/support/ssoPortal.ts):
// the real SSO client lists every account and role (pages, throttling, a 401), the config is written through the
// editor, a second run changes no byte, --prune removes a revoked role, a hand-written profile is never touched, and
// the generated profiles resolve to `sso` and list with their account and role.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHome, runCli } from '../support/cli';
import { startPortal, type Portal, type PortalAccount } from '../support/ssoPortal';

const TOKEN = 'portal-bearer-token-not-a-secret-to-print-7f3a';
const FUTURE = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const CONFIG = `# my own notes stay
[default]
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;
const ACCOUNTS: PortalAccount[] = [
  { accountId: '111111111111', accountName: 'Prod', emailAddress: 'prod@example.com', roles: ['AdministratorAccess', 'ReadOnly'] },
  { accountId: '222222222222', accountName: 'Dev Sandbox', roles: ['Developer'] },
  { accountId: '333333333333', accountName: 'Audit', roles: ['ReadOnly', 'SecurityAudit', 'Billing'] },
];

function tokenFile(key: string, accessToken = TOKEN, expiresAt = FUTURE): Record<string, string> {
  const name = createHash('sha1').update(key).digest('hex');
  return { [`.aws/sso/cache/${name}.json`]: JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken, expiresAt }) };
}

const portals: Portal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((p) => p.close()));
});

async function portal(o: Partial<Parameters<typeof startPortal>[0]> = {}): Promise<Portal> {
  const p = await startPortal({ token: TOKEN, accounts: ACCOUNTS, ...o });
  portals.push(p);
  return p;
}

function populate(home: string, p: Portal, args: string[] = [], env: Record<string, string> = {}) {
  return runCli(['sso', 'populate', '--sso-session', 'corp', ...args], { home, env: { AWS_ENDPOINT_URL_SSO: p.url, ...env }, timeoutMs: 30_000 });
}

const config = (home: string) => fs.readFileSync(path.join(home, '.aws/config'), 'utf8');

describe('sso populate', () => {
  it('writes one marked profile per account and role, through every page, keeping what was there', async () => {
    const p = await portal();
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    const r = await populate(home, p, ['--region', 'eu-central-1', '--output', 'json']);
    expect(r.stderr).toContain('6 roles in 3 accounts from sso-session corp: 6 added');
    expect(r.code).toBe(0);
    const text = config(home);
    expect(text.startsWith(CONFIG)).toBe(true);
    expect(text).toContain(
      '# credchain sso populate: sso-session=corp account=111111111111 role=AdministratorAccess\n[profile Prod.AdministratorAccess]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = eu-central-1\noutput = json\n',
    );
    // "Dev Sandbox" becomes a name no shell splits
    expect(text).toContain('[profile Dev-Sandbox.Developer]');
    expect(text.match(/^\[profile /gm)).toHaveLength(6);
    // pages of two: ListAccounts twice, ListAccountRoles once or twice per account
    const paths = p.requests.map((q) => q.path.split('?')[0]);
    expect(paths.filter((x) => x === '/assignment/accounts')).toHaveLength(2);
    expect(paths.filter((x) => x === '/assignment/roles')).toHaveLength(4);
    expect(p.requests.every((q) => q.headers['x-amz-sso_bearer_token'] === TOKEN)).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('a second run changes no byte; a renamed account renames its profile; --prune removes a revoked role', async () => {
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    expect((await populate(home, await portal())).code).toBe(0);
    const first = config(home);
    const again = await populate(home, await portal());
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('6 unchanged');
    expect(again.stderr).toContain('nothing was written');
    expect(config(home)).toBe(first);

    const changed: PortalAccount[] = [
      { ...ACCOUNTS[0], accountName: 'Production' },
      ACCOUNTS[1],
      { ...ACCOUNTS[2], roles: ['ReadOnly', 'SecurityAudit'] },
    ];
    const kept = await populate(home, await portal({ accounts: changed }));
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('renamed Prod.AdministratorAccess → Production.AdministratorAccess');
    expect(kept.stderr).toMatch(/stale .*Audit\.Billing/);
    expect(config(home)).toContain('[profile Audit.Billing]');

    const pruned = await populate(home, await portal({ accounts: changed }), ['--prune']);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toContain('removed Audit.Billing');
    const text = config(home);
    expect(text).not.toContain('Audit.Billing');
    expect(text).not.toContain('role=Billing');
    expect(text).toContain('[profile Production.ReadOnly]');
    expect(text.startsWith(CONFIG)).toBe(true);
  });

  it('never modifies or removes a hand-written profile: the clash is reported and that entry skipped', async () => {
    const mine = `${CONFIG}\n[profile Prod.ReadOnly]\nregion = us-west-2 ; hand-written\n`;
    const home = makeHome({ '.aws/config': mine, ...tokenFile('corp') });
    const r = await populate(home, await portal(), ['--prune']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('skipped Prod.ReadOnly  (account 111111111111, role ReadOnly): the name is taken by a hand-written profile');
    const text = config(home);
    expect(text.startsWith(mine)).toBe(true);
    expect(text.match(/\[profile Prod\.ReadOnly\]/g)).toHaveLength(1);
  });

  it('knows a hand-written profile however botocore reads its header: [profile "Prod.ReadOnly"] holds the name', async () => {
    const mine = `${CONFIG}\n[profile "Prod.ReadOnly"]\nregion = us-west-2\n`;
    const home = makeHome({ '.aws/config': mine, ...tokenFile('corp') });
    const r = await populate(home, await portal());
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('skipped Prod.ReadOnly  (account 111111111111, role ReadOnly): the name is taken by a hand-written profile');
    expect(config(home)).not.toContain('[profile Prod.ReadOnly]');
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    const r = await populate(home, await portal(), ['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+[profile Audit.SecurityAudit]');
    expect(r.stderr).toContain('dry run: nothing was written');
    expect(config(home)).toBe(CONFIG);
  });

  it('names come from the template, made safe for every shell; an unknown field is a usage error', async () => {
    const hostile: PortalAccount[] = [{ accountId: '444444444444', accountName: '$(touch pwned) `x` "q" *', roles: ['Admin'] }];
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    const r = await populate(home, await portal({ accounts: hostile }), ['--name', '{account_id}-{account_name}/{role_name}']);
    expect(r.code).toBe(0);
    expect(config(home)).toContain('[profile 444444444444-touch-pwned-x-q-Admin]');
    const bad = await populate(home, await portal(), ['--name', '{acount_name}']);
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain('unknown field {acount_name}');
  });

  it('retries throttling; throttling beyond the retries is exit 255 and nothing is written', async () => {
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    const ok = await populate(home, await portal({ throttle: 2 }));
    expect(ok.code).toBe(0);
    const home2 = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    const p = await portal({ throttle: Infinity });
    const r = await populate(home2, p);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/still throttled after 5 attempts/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.requests).toHaveLength(5);
    expect(config(home2)).toBe(CONFIG);
  });

  it('no token, an expired token or a 401: one line naming `aws sso login --sso-session corp`, exit 253, nothing written', async () => {
    const cases: [string, Record<string, string>, Partial<Parameters<typeof startPortal>[0]>][] = [
      ['no token', {}, {}],
      ['expired', tokenFile('corp', TOKEN, '2020-01-01T00:00:00Z'), {}],
      ['401', tokenFile('corp'), { revoked: true }],
    ];
    for (const [what, files, o] of cases) {
      const home = makeHome({ '.aws/config': CONFIG, ...files });
      const r = await populate(home, await portal(o));
      expect(r.code, what).toBe(253);
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).toContain('aws sso login --sso-session corp');
      expect(config(home), what).toBe(CONFIG);
    }
    const home = makeHome({ '.aws/config': CONFIG });
    const missing = await runCli(['sso', 'populate', '--sso-session', 'crop'], { home });
    expect(missing.code).toBe(253);
    expect(missing.stderr).toContain('did you mean corp');
  });

  it('finds the portal where the SDKs look: --endpoint-url, AWS_ENDPOINT_URL, the endpoint_url of the profile', async () => {
    const ways: [string, (url: string) => { args?: string[]; env?: Record<string, string>; config?: string }][] = [
      ['--endpoint-url', (url) => ({ args: ['--endpoint-url', url] })],
      ['AWS_ENDPOINT_URL', (url) => ({ env: { AWS_ENDPOINT_URL: url } })],
      ['endpoint_url in [default]', (url) => ({ config: CONFIG.replace('region = eu-west-1', `region = eu-west-1\nendpoint_url = ${url}`) })],
    ];
    for (const [what, how] of ways) {
      const p = await portal();
      const w = how(p.url);
      const home = makeHome({ '.aws/config': w.config ?? CONFIG, ...tokenFile('corp') });
      // the test default AWS_ENDPOINT_URL (a closed port) is removed where the way under test needs it gone
      const env: Record<string, string | undefined> = { AWS_ENDPOINT_URL: undefined, ...w.env };
      const r = await runCli(['sso', 'populate', '--sso-session', 'corp', ...(w.args ?? [])], { home, env });
      expect(r.code, `${what}: ${r.stderr}`).toBe(0);
      expect(p.requests.length, what).toBeGreaterThan(0);
    }
  });

  it('the legacy form: --start-url with --sso-region writes sso_start_url and sso_region', async () => {
    const home = makeHome({ '.aws/config': '', ...tokenFile('https://corp.awsapps.com/start') });
    const r = await runCli(['sso', 'populate', '--start-url', 'https://corp.awsapps.com/start', '--sso-region', 'us-east-1'], {
      home,
      env: { AWS_ENDPOINT_URL_SSO: (await portal()).url },
    });
    expect(r.code).toBe(0);
    expect(config(home)).toContain('[profile Dev-Sandbox.Developer]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 222222222222\n');
  });

  it('writes exactly the config that fixture G80 has real botocore read as an sso profile', async () => {
    const fixture = path.resolve(__dirname, '../../fixtures/G80-sso-populate-generated-profile/home/.aws/config');
    const accounts = [
      { accountId: '111111111111', accountName: 'Prod', roles: ['AdministratorAccess'] },
      { accountId: '222222222222', accountName: 'Dev Sandbox', roles: ['Developer'] },
    ];
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    expect((await populate(home, await portal({ accounts }), ['--region', 'eu-central-1', '--output', 'json'])).code).toBe(0);
    expect(config(home)).toBe(fs.readFileSync(fixture, 'utf8'));
  });

  it('generated profiles resolve to sso and list with their account and role', async () => {
    const home = makeHome({ '.aws/config': CONFIG, ...tokenFile('corp') });
    expect((await populate(home, await portal())).code).toBe(0);
    const which = await runCli(['which', '--json', '--profile', 'Audit.SecurityAudit'], { home });
    expect(which.code).toBe(0);
    expect(JSON.parse(which.stdout).credentials.method).toBe('sso');
    const list = await runCli(['profiles', '--json'], { home });
    const rows = JSON.parse(list.stdout) as { profiles?: { name: string; sso_account_id?: string; sso_role_name?: string }[] } | { name: string }[];
    const flat = (Array.isArray(rows) ? rows : rows.profiles ?? []) as { name: string; sso_account_id?: string; sso_role_name?: string; kind?: string }[];
    const audit = flat.find((x) => x.name === 'Audit.SecurityAudit');
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit)).toContain('333333333333');
    expect(JSON.stringify(audit)).toContain('SecurityAudit');
  });
});
