// doctor's words over every rule fixture: no doubled parentheses in any message or fix, and no advice to spell
// credential_source "exactly as Environment" when it already is (the missing part is the environment).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/doctor';
import { nodeContext } from '../../src/core/nodeContext';

const FIXTURES = path.join(__dirname, 'fixtures');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-doctor-wording-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** a fixture's HOME laid out in a temporary folder, {HOME} replaced as the rule tests do */
async function findingsOf(name: string) {
  const home = path.join(root, name);
  fs.cpSync(path.join(FIXTURES, name, 'home'), home, { recursive: true });
  for (const rel of fs.readdirSync(home, { recursive: true, encoding: 'utf8' })) {
    const p = path.join(home, rel);
    if (fs.statSync(p).isFile() && fs.readFileSync(p).includes('{HOME}')) fs.writeFileSync(p, fs.readFileSync(p, 'latin1').split('{HOME}').join(home), 'latin1');
  }
  const meta = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'fixture.json'), 'utf8')) as { env?: Record<string, string> };
  const env: Record<string, string> = { HOME: home, PATH: '/usr/bin:/bin' };
  for (const [k, v] of Object.entries(meta.env ?? {})) env[k] = v.split('{HOME}').join(home);
  return (await runDoctor({ ...nodeContext({ env }), cwd: home })).findings;
}

describe('doctor wording', () => {
  it('no message or fix of any rule fixture has doubled parentheses', async () => {
    const doubled: string[] = [];
    let seen = 0;
    for (const name of fs.readdirSync(FIXTURES)) {
      for (const f of await findingsOf(name)) {
        seen++;
        for (const text of [f.message, f.fix]) if (text.includes('((') || text.includes('))')) doubled.push(`${name} ${f.rule}: ${text}`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(doubled).toEqual([]);
  });

  it('credential_source = Environment without env keys: the fix is about the environment, not the spelling', async () => {
    const home = fs.mkdtempSync(path.join(root, 'env-'));
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(path.join(home, '.aws', 'config'), '[profile e]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Environment\n[profile l]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = environment\n');
    const findings = await runDoctor({ ...nodeContext({ env: { HOME: home, PATH: '/usr/bin:/bin' } }), cwd: home }).then((r) => r.findings);
    const exact = findings.filter((f) => f.profile === 'e');
    expect(exact.length).toBeGreaterThan(0);
    for (const f of exact) expect(f.fix).not.toMatch(/exactly as|case-sensitive/);
    expect(exact.map((f) => f.fix).join('\n')).toMatch(/AWS_ACCESS_KEY_ID/);
    // the misspelt one still gets the spelling advice
    expect(findings.filter((f) => f.profile === 'l').map((f) => f.fix).join('\n')).toMatch(/credential_source = Environment/);
  });
});
