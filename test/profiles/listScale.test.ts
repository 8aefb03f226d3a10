// 10,000 profiles through the built CLI: every one listed, in file order, with the right kind, region, source and
// lines, and `--names` complete. Correctness only; the time it takes is measured by bench/profiles.mjs.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const N = 10_000;

/** profile i: a role chained to the previous static profile, static keys, sso, process, or settings, in turn */
function generate() {
  const config: string[] = [];
  const creds: string[] = [];
  const expected: { name: string; kind: string; region: string | null; source: string | null; lines: number[] }[] = [];
  let line = 1;
  let credLine = 1;
  for (let i = 0; i < N; i++) {
    const name = `p${i}`;
    const kind = ['assume-role', 'static', 'sso', 'process', 'settings-only'][i % 5];
    const start = line;
    config.push(`[profile ${name}]`);
    const body: string[] = [`region = r${i % 7}`];
    if (kind === 'assume-role') body.push(`role_arn = arn:aws:iam::1:role/r${i}`, `source_profile = p${i + 1}`);
    if (kind === 'sso') body.push('sso_account_id = 111111111111', 'sso_role_name = R', 'sso_start_url = https://x', 'sso_region = us-east-1');
    if (kind === 'process') body.push(`credential_process = /bin/proc ${i}`);
    config.push(...body);
    line += 1 + body.length;
    const lines = [start];
    if (kind === 'static') {
      creds.push(`[${name}]`, `aws_access_key_id = AKIA${i}`, 'aws_secret_access_key = s');
      lines.push(credLine);
      credLine += 3;
    }
    expected.push({ name, kind, region: `r${i % 7}`, source: kind === 'assume-role' ? `p${i + 1}` : null, lines });
  }
  return { files: { '.aws/config': config.join('\n') + '\n', '.aws/credentials': creds.join('\n') + '\n' }, expected };
}

describe(`${N} profiles`, () => {
  const { files, expected } = generate();

  it('profiles --json lists every one correctly, the active one included', async () => {
    const r = await runCli(['profiles', '--json'], { files, env: { AWS_PROFILE: 'p4242' } });
    expect(r.code, r.stderr).toBe(0);
    const l = JSON.parse(r.stdout);
    expect(l.profiles).toHaveLength(N);
    const got = l.profiles.map((p: { name: string; kind: string; region: string | null; sourceProfile: string | null; definedIn: { line: number }[] }) => ({
      name: p.name,
      kind: p.kind,
      region: p.region,
      source: p.sourceProfile,
      lines: p.definedIn.map((d) => d.line),
    }));
    expect(got).toEqual(expected);
    expect(l.profiles.filter((p: { active: boolean }) => p.active).map((p: { name: string }) => p.name)).toEqual(['p4242']);
    expect(l.active).toMatchObject({ name: 'p4242', source: 'AWS_PROFILE', exists: true });
  });

  it('profiles --names prints all names in order; the text table has one row each', async () => {
    const names = await runCli(['profiles', '--names'], { files });
    expect(names.stdout.split('\n').filter(Boolean)).toEqual(expected.map((e) => e.name));
    const text = await runCli(['profiles'], { files });
    expect(text.stdout.split('\n').filter((l) => /^\s*\*?\s+p\d+\s/.test(l))).toHaveLength(N);
  });
});
