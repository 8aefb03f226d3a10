// `npm install && npx credchain` in a fresh checkout: nothing has built dist/ yet (there is no prepare script, so
// that installing the packed tarball runs none), and the launcher builds it on the first run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');

describe('first run in a checkout', () => {
  it('builds dist/ once, says so on stderr, then answers', { timeout: 120_000 }, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-checkout-'));
    for (const entry of ['bin', 'scripts', 'src', 'package.json', 'tsconfig.json']) fs.cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true });
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    const env = { HOME: root, PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' };
    const first = spawnSync(process.execPath, [path.join(root, 'bin/credchain.js'), '--version'], { env, encoding: 'utf8', timeout: 100_000 });
    expect(first.stderr).toContain('first run in this checkout: building dist/');
    expect(first.stdout).toMatch(/^credchain \d+\.\d+\.\d+ \(reproduces botocore \d+\.\d+\.\d+\)/);
    expect(first.status).toBe(0);
    expect(fs.existsSync(path.join(root, 'dist/which.cjs'))).toBe(true);
    const second = spawnSync(process.execPath, [path.join(root, 'bin/credchain.js'), 'which', '--json'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(second.stderr).not.toContain('building');
    expect(JSON.parse(second.stdout).error.type).toBe('NoCredentialsError');
    fs.rmSync(root, { recursive: true, force: true });
  });
});
