// `credchain doctor` through the built CLI: exit codes (1 only for errors), the JSON shape, masking, that every
// broken line of a file is reported while the rest is still checked, and that it stays offline — no
// credential_process run, no request to instance metadata or a container endpoint.
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';

const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

interface DoctorJson {
  files: { kind: string; path: string; state: string }[];
  profile: { name: string; source: string };
  findings: { rule: string; severity: string; message: string; location: { file?: string; line?: number; env?: string } | null; fix: string }[];
  summary: { error: number; warning: number; info: number };
}

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopback({ 'PUT *': { status: 200, body: 'x' }, 'GET *': { status: 200, body: '{}' } });
});
afterAll(() => server?.close());

describe('credchain doctor', () => {
  it('exits 1 when a finding is an error, with the contract in --json', async () => {
    const r = await runCli(['doctor', '--json'], { files: { '.aws/config': '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\n' } });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as DoctorJson;
    expect(Object.keys(j)).toEqual(['files', 'profile', 'findings', 'summary']);
    const f = j.findings.find((x) => x.rule === 'role-without-source')!;
    expect(f).toMatchObject({ severity: 'error', location: { file: `${r.home}/.aws/config`, line: 2 } });
    expect(f.fix).toMatch(/source_profile/);
    expect(j.summary.error).toBe(j.findings.filter((x) => x.severity === 'error').length);
  });

  it('exits 0 when there are only warnings and info', async () => {
    const r = await runCli(['doctor'], { files: { '.aws/config': '[default]\nregion = us-west-2 # oregon\n' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning inline-comment\s+~\/\.aws\/config:2 \[default\]/);
    expect(r.stdout).toMatch(/info\s+js-strips-inline-comments/);
    expect(r.stdout).toMatch(/0 errors, 1 warning, \d+ info/);
  });

  it('exits 0 and says so when nothing is wrong', async () => {
    const r = await runCli(['doctor'], {
      files: { '.aws/credentials': `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SK}\n`, '.aws/config': '[default]\nregion = us-east-1\n' },
      modes: { '.aws/credentials': 0o600 },
    });
    expect(r.stdout).toMatch(/no problems found/);
    expect(r.code).toBe(0);
  });

  it('reports every broken line of a file, and still checks the rest of it', async () => {
    const r = await runCli(['doctor', '--json'], {
      files: { '.aws/config': '[default]\nregion = us-east-1\njunk\n[default]\noutput = json\n[profile dev]\nregion = eu-west-1 # ireland\nregion = eu-west-2\n' },
    });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as DoctorJson;
    const at = (rule: string) => j.findings.filter((f) => f.rule === rule).map((f) => f.location?.line);
    expect(at('parse-error')).toEqual([3]);
    expect(at('duplicate-section')).toEqual([4]);
    expect(at('duplicate-key')).toEqual([8]);
    expect(at('inline-comment')).toEqual([7]);
  });

  it('masks access key ids and never prints secrets', async () => {
    const r = await runCli(['doctor'], { files: { '.aws/credentials': `[default]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SK} # old\n` } });
    expect(r.stdout).toContain('temporary-key-without-token');
    expect(r.stdout).toContain('****************MPLE');
    expect(r.stdout).not.toContain('ASIAIOSFODNN7EXAMPLE');
    expect(r.stdout).not.toContain(SK);
    expect(r.stdout).toMatch(/inline-comment/);
  });

  it('--profile selects the profile checked for existence (no environment variable to point at)', async () => {
    const r = await runCli(['doctor', '--json', '--profile', 'nope'], { files: { '.aws/credentials': '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n' } });
    const j = JSON.parse(r.stdout) as DoctorJson;
    expect(j.profile).toEqual({ name: 'nope', source: '--profile' });
    expect(j.findings.find((f) => f.rule === 'profile-not-found')).toMatchObject({ severity: 'error', location: null });
  });

  it('is offline: runs no credential_process and sends no request to instance metadata or a container endpoint', async () => {
    const before = server.requests.length;
    const r = await runCli(['doctor', '--json'], {
      files: {
        'proc.sh': '#!/bin/sh\ntouch ran.marker\necho \'{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B"}\'\n',
        '.aws/config': '[default]\ncredential_process = /bin/sh proc.sh\n[profile imds]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Ec2InstanceMetadata\n[profile ecs]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = EcsContainer\n[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/c\nsource_profile = default\n',
      },
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/creds` },
      imds: true,
    });
    expect(r.code).toBe(0);
    expect(fs.existsSync(`${r.home}/ran.marker`)).toBe(false);
    expect(server.requests.length).toBe(before);
  });
  describe('options', () => {
    // one warning (inline-comment) and info findings, no error
    const warningOnly = { '.aws/config': '[default]\nregion = us-west-2 # oregon\n' };
    const withError = { '.aws/config': '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\n[default]\nregion = us-west-2 # oregon\n' };

    it('--fail-on: error by default, warning and info lower the bar', async () => {
      expect((await runCli(['doctor'], { files: warningOnly })).code).toBe(0);
      expect((await runCli(['doctor', '--fail-on', 'error'], { files: warningOnly })).code).toBe(0);
      expect((await runCli(['doctor', '--fail-on', 'warning'], { files: warningOnly })).code).toBe(1);
      expect((await runCli(['doctor', '--fail-on', 'info', '--ignore', 'inline-comment'], { files: warningOnly })).code).toBe(1);
      const bad = await runCli(['doctor', '--fail-on', 'fatal'], { files: warningOnly });
      expect(bad.code).toBe(252);
      expect(bad.stderr).toMatch(/--fail-on must be one of error, warning, info, not "fatal"/);
    });

    it('--rule keeps only those rules, --ignore drops them; the summary and exit code follow', async () => {
      const only = JSON.parse((await runCli(['doctor', '--json', '--rule', 'inline-comment'], { files: withError })).stdout) as DoctorJson;
      expect(new Set(only.findings.map((f) => f.rule))).toEqual(new Set(['inline-comment']));
      expect(only.summary).toEqual({ error: 0, warning: 1, info: 0 });
      const r = await runCli(['doctor', '--ignore', 'role-without-source,inline-comment', '--json'], { files: withError });
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as DoctorJson;
      expect(j.findings.map((f) => f.rule)).not.toContain('role-without-source');
      expect(j.findings.map((f) => f.rule)).not.toContain('inline-comment');
      expect(j.summary.error).toBe(0);
      expect((await runCli(['doctor', '--ignore', 'inline-comment'], { files: withError })).code).toBe(1);
    });

    it('an unknown rule id is a usage error that names the close id', async () => {
      const r = await runCli(['doctor', '--rule', 'inline-coment'], { files: warningOnly });
      expect(r.code).toBe(252);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--rule: no rule 'inline-coment'; did you mean 'inline-comment'\?/);
      const far = await runCli(['doctor', '--ignore', 'zzzzzzzz'], { files: warningOnly });
      expect(far.code).toBe(252);
      expect(far.stderr).not.toMatch(/did you mean/);
    });

    it('--format github: one workflow command per finding, on its file and line, by severity', async () => {
      const r = await runCli(['doctor', '--format', 'github'], { files: withError });
      expect(r.code).toBe(1);
      const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
      const config = `${r.home}/.aws/config`;
      expect(annotations).toContainEqual(expect.stringMatching(new RegExp(`^::error file=${config},line=2,title=credchain doctor%3A role-without-source::profile "r": .*Fix: add source_profile`)));
      expect(annotations).toContainEqual(expect.stringMatching(new RegExp(`^::warning file=${config},line=4,title=credchain doctor%3A inline-comment::`)));
      expect(annotations.some((l) => l.startsWith('::notice '))).toBe(true);
      // with --json the annotations go to stderr and stdout stays JSON
      const j = await runCli(['doctor', '--format', 'github', '--json'], { files: withError });
      expect(JSON.parse(j.stdout).findings.length).toBe(annotations.length);
      expect(j.stderr.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(annotations.length);
    });

    it('its help lists only options that apply: no network or instance-metadata flags', async () => {
      const r = await runCli(['doctor', '--help']);
      expect(r.code).toBe(0);
      for (const o of ['--fail-on', '--format', '--rule', '--ignore', '--profile', '--json']) expect(r.stdout).toContain(o);
      for (const o of ['--endpoint-url', '--imds', '--force-imds', '--imds-timeout', '--timeout', '--mfa-code']) expect(r.stdout).not.toMatch(new RegExp(`${o}\\b`));
    });
  });
});
