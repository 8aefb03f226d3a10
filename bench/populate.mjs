// sso populate at organisation scale: 500 accounts × 3 roles served by a loopback IAM Identity Center portal
// (pages of 20, as the real portal pages), first run (1,500 profiles written) and second run (nothing changes).
// Budget: each run under 5 s on this machine. Run after `npm run build`: node bench/populate.mjs
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';

const ACCOUNTS = 500;
const ROLES = ['AdministratorAccess', 'ReadOnly', 'Developer'];
const PAGE = 20;
const BUDGET_MS = 5000;
const TOKEN = 'bench-token';

const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ accountId: String(100000000000 + i), accountName: `account-${i}` }));
let requests = 0;
const server = createServer((req, res) => {
  requests++;
  const url = new URL(req.url, 'http://x');
  const start = Number(url.searchParams.get('next_token') ?? 0);
  const page = (items) => ({ items: items.slice(start, start + PAGE), next: start + PAGE < items.length ? String(start + PAGE) : undefined });
  res.setHeader('content-type', 'application/json');
  if (req.headers['x-amz-sso_bearer_token'] !== TOKEN) {
    res.statusCode = 401;
    return res.end('{}');
  }
  if (url.pathname === '/assignment/accounts') {
    const p = page(accounts);
    return res.end(JSON.stringify({ accountList: p.items, nextToken: p.next }));
  }
  const p = page(ROLES);
  res.end(JSON.stringify({ roleList: p.items.map((roleName) => ({ roleName })), nextToken: p.next }));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const endpoint = `http://127.0.0.1:${server.address().port}`;
// the bench stops by itself even if a run hangs
const stop = setTimeout(() => process.exit(2), 120_000);

const home = mkdtempSync(join(tmpdir(), 'credchain-bench-populate-'));
mkdirSync(join(home, '.aws/sso/cache'), { recursive: true });
writeFileSync(join(home, '.aws/config'), '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n');
const key = createHash('sha1').update('corp').digest('hex');
writeFileSync(join(home, `.aws/sso/cache/${key}.json`), JSON.stringify({ accessToken: TOKEN, expiresAt: new Date(Date.now() + 3600_000).toISOString() }));

const env = { HOME: home, PATH: process.env.PATH, AWS_ENDPOINT_URL_SSO: endpoint, AWS_EC2_METADATA_DISABLED: 'true' };
const bin = join(import.meta.dirname, '..', 'bin', 'credchain.js');
// asynchronously: the portal answers from this same process
const run = async () => {
  const t = process.hrtime.bigint();
  await promisify(execFile)(process.execPath, [bin, 'sso', 'populate', '--sso-session', 'corp'], { env, timeout: 60_000 });
  return Number(process.hrtime.bigint() - t) / 1e6;
};
try {
  const rows = [];
  for (const label of ['first run (writes 1,500 profiles)', 'second run (no change)']) {
    requests = 0;
    const ms = await run();
    rows.push({ label, ms, requests });
  }
  const profiles = (readFileSync(join(home, '.aws/config'), 'utf8').match(/^\[profile /gm) ?? []).length;
  console.log(`sso populate, ${ACCOUNTS} accounts × ${ROLES.length} roles (${profiles} profiles), loopback portal, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}`);
  for (const r of rows) console.log(`  ${r.label.padEnd(36)} ${(r.ms / 1000).toFixed(2)} s  ${String(r.requests).padStart(5)} requests  ${r.ms <= BUDGET_MS ? 'PASS' : 'FAIL'} (budget ${BUDGET_MS / 1000} s)`);
  if (profiles !== ACCOUNTS * ROLES.length) throw new Error(`expected ${ACCOUNTS * ROLES.length} profiles, found ${profiles}`);
} finally {
  clearTimeout(stop);
  server.close();
  rmSync(home, { recursive: true, force: true });
}
