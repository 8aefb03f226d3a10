// The README's example output is real: scripts/readme-examples.mjs reruns every marked example against its fixture
// HOME with the built CLI, and --check fails when a block no longer matches what the commands print.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

it('every marked README example matches a real run', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/readme-examples.mjs'), '--check'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 70_000);
