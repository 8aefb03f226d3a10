// Bundles the CLI and library into dist/credchain.cjs and plain `which` into dist/which.cjs, then writes V8's code
// cache for both (<bundle>.cache) by running a typical command through each in a scratch HOME. A small bundle and a
// warm cache keep start-up close to `node -e 0`; @aws-sdk/* stays external and is loaded lazily, by network steps.
// `--types` also writes the library's type declarations to dist/types (tsc, seconds: done by prepack, not by every
// development build).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // heavy and rarely needed: the SDK for network steps, the prompt library for the `use` picker
  external: ['@aws-sdk/*', '@smithy/*', '@inquirer/*'],
  // import() becomes a lazy require(): the bundle runs from V8's code cache (bin/credchain.js), where import()
  // has no loader to call
  supported: { 'dynamic-import': false },
  sourcemap: false,
  logLevel: 'warning',
};
// the full CLI and library, and the small bundle that serves plain `which` (bin/credchain.js tries it first)
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/credchain.cjs' });
await build({ ...common, entryPoints: ['src/cli/fastEntry.ts'], outfile: 'dist/which.cjs' });
// profiles, show and doctor with plain options: no yargs either (bin/credchain.js tries it second)
await build({ ...common, entryPoints: ['src/cli/localEntry.ts'], outfile: 'dist/local.cjs' });
// `current` runs on every shell prompt: a bundle of its own, without the chain's walk or `which`'s rendering
await build({ ...common, entryPoints: ['src/cli/currentEntry.ts'], outfile: 'dist/current.cjs' });

const home = mkdtempSync(join(tmpdir(), 'credchain-build-'));
try {
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = default\n');
  writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n');
  execFileSync(process.execPath, ['bin/credchain.js'], {
    env: { HOME: home, PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true', CREDCHAIN_WRITE_CODE_CACHE: 'dist' },
    stdio: 'inherit',
  });
} catch (e) {
  // the cache only speeds start-up; a build without it still works
  rmSync('dist/credchain.cjs.cache', { force: true });
  rmSync('dist/which.cjs.cache', { force: true });
  rmSync('dist/local.cjs.cache', { force: true });
  console.warn(`credchain build: no code cache (${e.message})`);
} finally {
  rmSync(home, { recursive: true, force: true });
}

if (process.argv.includes('--types')) {
  rmSync('dist/types', { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
}
