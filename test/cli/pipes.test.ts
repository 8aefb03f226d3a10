// Output through pipes as a Unix filter's: a reader slower than credchain (the pipe fills, writes would block) gets
// every byte in order, and a reader that stops early (`| head`) ends the output quietly with the command's own exit.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeHome } from '../support/cli';

/** 3,000 profiles: a few megabytes of `profiles --json`, far more than a pipe holds */
function bigHome(): string {
  const config: string[] = [];
  for (let i = 0; i < 3000; i++) config.push(`[profile p${i}]`, `region = r${i % 7}`, `role_arn = arn:aws:iam::123456789012:role/r${i}`, `source_profile = p${i + 1}`);
  return makeHome({ '.aws/config': config.join('\n') + '\n' });
}

const env = (home: string) => ({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true' });

describe('output through pipes', () => {
  it('a slow reader gets exactly the bytes a file would', async () => {
    const home = bigHome();
    const file = path.join(home, 'out.json');
    const fd = fs.openSync(file, 'w');
    spawnSync(process.execPath, [BIN, 'profiles', '--json'], { env: env(home), stdio: ['ignore', fd, 'pipe'] });
    fs.closeSync(fd);
    const expected = fs.readFileSync(file);
    expect(expected.length).toBeGreaterThan(1_000_000);
    const got = await new Promise<Buffer>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'profiles', '--json'], { env: env(home), stdio: ['ignore', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      // read a little, then pause: the pipe fills and credchain has to wait for the reader
      child.stdout.on('data', (c: Buffer) => {
        chunks.push(c);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 2);
      });
      child.on('close', () => resolve(Buffer.concat(chunks)));
    });
    expect(got.equals(expected)).toBe(true);
    expect(() => JSON.parse(got.toString('utf8'))).not.toThrow();
  });

  it('a reader that stops early ends the output quietly: the exit code is the command’s, nothing on stderr', () => {
    const home = bigHome();
    for (const args of [['profiles', '--json'], ['profiles'], ['profiles', '--names']]) {
      const r = spawnSync('sh', ['-c', `"$0" "$1" ${args.join(' ')} | head -c 100 >/dev/null; echo "status=\${PIPESTATUS:-x}"`, process.execPath, BIN], {
        env: env(home),
        encoding: 'utf8',
      });
      expect(r.stderr, args.join(' ')).toBe('');
    }
    // bash reports the writer's own status
    const r = spawnSync('bash', ['-c', `"$0" "$1" profiles --json | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`, process.execPath, BIN], { env: env(home), encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('status=0');
    expect(r.stderr).toBe('');
  });
});
