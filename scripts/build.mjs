// Bundles the CLI and library into dist/credchain.cjs. One file keeps start-up close to `node -e 0`; @aws-sdk/* stays
// external and is loaded lazily, only by network steps.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/credchain.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@aws-sdk/*', '@smithy/*'],
  sourcemap: false,
  logLevel: 'warning',
});
