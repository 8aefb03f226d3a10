// `credchain --version`: credchain's own version, read from the package.json it ships in, and the botocore release
// whose behaviour it reproduces (the conformance tests run exactly this botocore).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const BOTOCORE_VERSION = '1.43.11';

/** the version in the nearest package.json named credchain above this file (dist/ when built, src/cli/ in tests) */
export function credchainVersion(from: string = __dirname): string {
  let dir = from;
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'credchain' && pkg.version) return pkg.version;
    } catch {
      /* not here: look one folder up */
    }
  }
  return 'unknown';
}
