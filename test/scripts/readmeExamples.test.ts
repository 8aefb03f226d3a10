// The README's example output is real: scripts/readme-examples.mjs reruns every marked example against its fixture
// HOME with the built CLI (the verify example against a moto_server it starts), and --check fails when a block no
// longer matches what the commands print. The checks below also feed it drifted copies of the README, so this test
// is seen to fail on drift: a changed line of output or of the files shown above an example, a block of output
// without a marker. Only the spans an example declares volatile (for verify: moto's port, the expiry STS grants,
// the clock-made session name) may differ.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MOTO_MISSING } from '../support/moto';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/readme-examples.mjs');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-readme-check-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(readme?: string) {
  const args = [SCRIPT, '--check'];
  if (readme !== undefined) {
    const p = path.join(tmp, `README-${Math.random().toString(36).slice(2)}.md`);
    fs.writeFileSync(p, readme);
    args.push('--readme', p);
  }
  return spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
}

/** the body of the block marked `name` */
function block(text: string, name: string): string {
  const m = new RegExp(`<!-- example: ${name} -->\\n\`\`\`\\n([\\s\\S]*?)\\n\`\`\``).exec(text);
  if (!m) throw new Error(`no example ${name}`);
  return m[1];
}

function edit(name: string, change: (body: string) => string): string {
  const body = block(README, name);
  const changed = change(body);
  expect(changed).not.toBe(body);
  return README.replace(body, changed);
}

// under CI a missing moto_server fails here (the script needs it for the verify example), as everywhere else
describe.skipIf(MOTO_MISSING)('README examples', () => {
  it('every marked README example matches a real run', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 70_000);

  it('every block of command output is marked, verify included', () => {
    for (const name of ['which', 'profiles-show-set', 'verify', 'doctor', 'compare', 'which-js'])
      expect(block(README, name)).toMatch(/^\$ /);
    const unmarked = README.replace('<!-- example: verify -->\n', '');
    const r = check(unmarked);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^readme-examples: README\.md:\d+ shows command output without an <!-- example: NAME --> marker\n$/,
    );
  });

  it('a drifted line fails the check, in the verify example as in the others; a volatile span alone does not', () => {
    // only the port and expiry changed in verify: still its real output; a changed doctor line is drift
    let drifted = edit('verify', (b) =>
      b.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:1').replace(/expires \S+/, 'expires 2000-01-01T00:00:00.000Z'),
    );
    drifted = drifted.replace(block(README, 'doctor'), block(README, 'doctor').replace(/\d+ errors/, '99 errors'));
    // the files shown above the doctor example are those it runs on
    const files = /<!-- example-files: doctor -->\n```ini\n[\s\S]*?\n```/.exec(drifted)![0];
    drifted = drifted.replace(
      files,
      files.replace('credential_source = environment', 'credential_source = Environment'),
    );
    let r = check(drifted);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toBe(
      'README.md examples differ from real output (doctor files, doctor): run node scripts/readme-examples.mjs\n',
    );

    r = check(edit('verify', (b) => b.replace('found 123456789012', 'found 210987654321')));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('(verify)');
  }, 70_000);
});
