// Inputs whose depth or width would overflow a stack, an argument list or a quadratic loop: a role chain 5000 deep,
// one profile with 150,000 keys (more than V8 takes as spread arguments), a section name of 1 MB, a file of 150,000
// broken lines. Every read command ends within its timeout, with its documented exit code and no V8 error.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { makeHome, runCli, type CliResult } from '../support/cli';

const homes: string[] = [];
afterAll(() => {
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

function home(files: Record<string, string>): string {
  const h = makeHome(files);
  homes.push(h);
  return h;
}

async function run(h: string, args: string[]): Promise<CliResult> {
  const r = await runCli(args, { home: h, timeoutMs: 60_000 });
  expect(r.code, `${args.join(' ')} was killed or crashed: ${r.stderr.slice(0, 300)}`).not.toBeNull();
  expect(r.stderr).not.toMatch(/Maximum call stack|RangeError|Invalid array length|heap out of memory|\n\s+at /);
  return r;
}

const WIDE = 150_000;

describe('deep and wide inputs', () => {
  it('a source_profile chain 5000 deep: RecursionError where boto3 raises it, never our own stack overflow', { timeout: 120_000 }, async () => {
    const parts = ['[profile p0]\naws_access_key_id = AKIAEXAMPLEBASE00001\naws_secret_access_key = s\n'];
    for (let i = 1; i <= 5000; i++) parts.push(`[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = p${i - 1}\n`);
    const h = home({ '.aws/config': parts.join('') });
    const which = await run(h, ['which', '--json', '--profile', 'p5000']);
    expect(which.code).toBe(253);
    expect(JSON.parse(which.stdout).error.type).toBe('RecursionError');
    const show = await run(h, ['show', 'p5000']);
    expect(show.code).toBe(253);
    expect(show.stdout).toContain('RecursionError');
    const doctor = await run(h, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    const findings = JSON.parse(doctor.stdout).findings as { rule: string; message: string }[];
    expect(findings.some((f) => f.rule === 'profile-resolution-error' && /RecursionError/.test(f.message))).toBe(true);
    const profiles = await run(h, ['profiles', '--json']);
    expect(profiles.code).toBe(0);
    expect(JSON.parse(profiles.stdout).profiles).toHaveLength(5001);
  });

  it(`one profile with ${WIDE.toLocaleString('en')} keys: show lists every one, doctor reports a finding for each`, { timeout: 120_000 }, async () => {
    // "v #c": boto3 keeps "#c" in the value, an inline-comment finding per key, all from one rule family
    const h = home({ '.aws/config': `[default]\nregion = eu-west-1\n${Array.from({ length: WIDE }, (_, i) => `k${i} = v #c\n`).join('')}` });
    // the text renderer is where Math.max(...widths) and push(...lines) overflowed
    const text = await run(h, ['show']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter((l) => /^ {2}k\d+ +v #c /.test(l))).toHaveLength(WIDE);
    const doctor = await run(h, ['doctor', '--json']);
    const report = JSON.parse(doctor.stdout) as { findings: { rule: string }[] };
    expect(report.findings.filter((f) => f.rule === 'inline-comment')).toHaveLength(WIDE);
  });

  it('a 1 MB section name: profiles and doctor end promptly, and the long name does not pad every row', { timeout: 120_000 }, async () => {
    const long = 'a'.repeat(1_000_000);
    const others = Array.from({ length: 200 }, (_, i) => `[profile q${i}]\nregion = us-east-1\n`).join('');
    const h = home({ '.aws/config': `[profile ${long}]\nregion = eu-west-1\n${others}` });
    const profiles = await run(h, ['profiles']);
    expect(profiles.code).toBe(0);
    expect(profiles.stdout).toContain(long);
    // the long cell overflows its column instead of widening it: the other rows stay short
    const q0 = profiles.stdout.split('\n').find((l) => /\bq0\b/.test(l))!;
    expect(q0.length).toBeLessThan(200);
    expect(profiles.stdout.length).toBeLessThan(1_100_000);
    // (a 1 MB name cannot be selected: no argument or variable that long reaches a process)
    const doctor = await run(h, ['doctor', '--json']);
    expect(doctor.code).toBe(0);
  });

  it('150,000 broken lines: doctor reports the first ones and stops repairing, instead of re-parsing the file per line', { timeout: 120_000 }, async () => {
    const h = home({ '.aws/config': `[default]\n${Array.from({ length: 150_000 }, (_, i) => `line${i}\n`).join('')}` });
    const doctor = await run(h, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    const parseErrors = (JSON.parse(doctor.stdout).findings as { rule: string; location?: { line?: number } }[]).filter((f) => f.rule === 'parse-error');
    expect(parseErrors.length).toBeGreaterThanOrEqual(5);
    expect(parseErrors[0].location?.line).toBe(2);
    const which = await run(h, ['which', '--json']);
    expect(which.code).toBe(253);
    expect(JSON.parse(which.stdout).error.type).toBe('ConfigParseError');
  });
});
