// `credchain exec`: the child's environment (keys, region, marker; profile variables and stale tokens gone), exit
// codes and signals passed through both ways, nesting refused, $SHELL as the default command.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeHome, runCli } from '../support/cli';
import { CLOSED_ENDPOINT, jailedEnv } from '../support/networkJail';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXECSECRET';
const FILES = {
  '.aws/config': '[profile base]\nregion = eu-west-1\n',
  '.aws/credentials': `[base]\naws_access_key_id = AKIAEXECBASE\naws_secret_access_key = ${SECRET}\n`,
};
const DUMP = `const o={};for(const k of Object.keys(process.env).sort()) if (/^(AWS_|CREDCHAIN_)/.test(k)) o[k]=process.env[k]; process.stdout.write(JSON.stringify(o))`;

describe('credchain exec', () => {
  it('runs the command with the keys, region and marker, the profile variables and stale tokens removed', async () => {
    const r = await runCli(['exec', 'base', '--', process.execPath, '-e', DUMP], {
      files: FILES,
      env: { AWS_PROFILE: 'other', AWS_DEFAULT_PROFILE: 'other', AWS_SESSION_TOKEN: 'stale', AWS_SECURITY_TOKEN: 'stale2', AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z', AWS_ACCESS_KEY_ID: 'AKIAOLD', AWS_SECRET_ACCESS_KEY: 'old' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIAEXECBASE',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // the network jail's default (test/support/networkJail.ts), passed through like any setting that is not a credential
      AWS_ENDPOINT_URL: CLOSED_ENDPOINT,
      AWS_REGION: 'eu-west-1',
      AWS_SECRET_ACCESS_KEY: SECRET,
      CREDCHAIN_PROFILE: 'base',
    });
    expect(r.stderr).not.toContain(SECRET);
  });

  it('the child resolves exactly those keys with boto3', async () => {
    const py = 'import boto3; c = boto3.Session().get_credentials(); print(c.method, c.access_key, boto3.Session().region_name)';
    const r = await runCli(['exec', 'base', '--', 'python3', '-c', py], { files: FILES, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('env AKIAEXECBASE eu-west-1');
  });

  it('the exit code passes through; a child killed by a signal gives 128+n', async () => {
    expect((await runCli(['exec', 'base', '--', 'sh', '-c', 'exit 7'], { files: FILES })).code).toBe(7);
    expect((await runCli(['exec', 'base', '--', 'sh', '-c', 'kill -TERM $$'], { files: FILES })).code).toBe(143);
    expect((await runCli(['exec', 'base', '--', 'sh', '-c', 'kill -KILL $$'], { files: FILES })).code).toBe(137);
  });

  it('a command that does not exist: 127 and a message', async () => {
    const r = await runCli(['exec', 'base', '--', 'no-such-command-anywhere'], { files: FILES });
    expect(r.code).toBe(127);
    expect(r.stderr).toBe('credchain: command not found: no-such-command-anywhere\n');
  });

  it('the command can follow the profile without --; both at once is a usage error', async () => {
    expect((await runCli(['exec', 'base', 'sh'], { files: FILES })).code).toBe(0);
    const r = await runCli(['exec', 'base', 'sh', '--', 'true'], { files: FILES });
    expect(r.code).toBe(252);
  });

  it('the default command is $SHELL', async () => {
    const home = makeHome(FILES);
    const fake = path.join(home, 'fake-shell');
    fs.writeFileSync(fake, `#!/bin/sh\necho "shell ran for $CREDCHAIN_PROFILE"\nexit 3\n`, { mode: 0o755 });
    const r = await runCli(['exec', 'base'], { home, env: { SHELL: fake } });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('shell ran for base\n');
  });

  it('refuses to nest (252, the command never runs) unless --force', async () => {
    const home = makeHome(FILES);
    const marker = path.join(home, 'ran');
    const r = await runCli(['exec', 'base', '--', 'touch', marker], { home, env: { CREDCHAIN_PROFILE: 'outer' } });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/already inside `credchain exec` for profile "outer"/);
    expect(fs.existsSync(marker)).toBe(false);
    const forced = await runCli(['exec', 'base', '--force', '--', 'touch', marker], { home, env: { CREDCHAIN_PROFILE: 'outer' } });
    expect(forced.code).toBe(0);
    expect(fs.existsSync(marker)).toBe(true);
  });

  it('without a profile it hands over what boto3 would use (here AWS_PROFILE)', async () => {
    const r = await runCli(['exec', '--', process.execPath, '-e', DUMP], { files: FILES, env: { AWS_PROFILE: 'base' } });
    expect(JSON.parse(r.stdout)).toMatchObject({ AWS_ACCESS_KEY_ID: 'AKIAEXECBASE', CREDCHAIN_PROFILE: 'base' });
    expect(JSON.parse(r.stdout).AWS_PROFILE).toBeUndefined();
  });

  it('no credentials: 253 and the command never runs', async () => {
    const home = makeHome({});
    const r = await runCli(['exec', '--', 'touch', path.join(home, 'ran')], { home });
    expect(r.code).toBe(253);
    expect(fs.existsSync(path.join(home, 'ran'))).toBe(false);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s sent to credchain reaches the child, and the child decides the exit', async (sig) => {
    const home = makeHome(FILES);
    const got = path.join(home, 'got');
    const child = `process.on(${JSON.stringify(sig)}, () => { require('fs').writeFileSync(${JSON.stringify(got)}, ${JSON.stringify(sig)}); process.exit(42); }); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
    const p = spawn(process.execPath, [BIN, 'exec', 'base', '--', process.execPath, '-e', child], {
      env: jailedEnv({ HOME: home, PATH: process.env.PATH ?? '' }),
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (c) => (stderr += c));
    await new Promise<void>((resolve) => p.stdout.on('data', (c) => String(c).includes('ready') && resolve()));
    p.kill(sig);
    const code = await new Promise<number | null>((resolve) => p.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(42);
    expect(fs.readFileSync(got, 'utf8')).toBe(sig);
  });
});
