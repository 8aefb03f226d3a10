// Bundles the CLI and library into dist/credchain.cjs, then writes V8's code cache for it (dist/credchain.cjs.cache)
// by running one typical `which` in a scratch HOME. One file and a warm cache keep start-up close to `node -e 0`;
// @aws-sdk/* stays external and is loaded lazily, only by network steps.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/credchain.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@aws-sdk/*', '@smithy/*'],
  // import() becomes a lazy require(): the bundle runs from V8's code cache (bin/credchain.js), where import()
  // has no loader to call
  supported: { 'dynamic-import': false },
  sourcemap: false,
  logLevel: 'warning',
});

const home = mkdtempSync(join(tmpdir(), 'credchain-build-'));
try {
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = default\n');
  writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n');
  execFileSync(process.execPath, ['bin/credchain.js'], {
    env: { HOME: home, PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true', CREDCHAIN_WRITE_CODE_CACHE: 'dist/credchain.cjs.cache' },
    stdio: 'inherit',
  });
} catch (e) {
  // the cache only speeds start-up; a build without it still works
  rmSync('dist/credchain.cjs.cache', { force: true });
  console.warn(`credchain build: no code cache (${e.message})`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
