// The command line around every command, through the built CLI: --version in its three spellings, repeated options
// (the last one wins, never a crash or an array in the JSON), options that need a value, --no-color, numbers echoed
// as given, unknown commands and options with "did you mean" only for close names, invalid choices in one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeOracle } from '../conformance/harness';
import { runCli } from '../support/cli';

const KEYS = '[default]\naws_access_key_id = AKIAEXAMPLE00001234\naws_secret_access_key = secret\n[a]\naws_access_key_id = AKIAAAAAAAAAAAAA0001\naws_secret_access_key = s\n[b]\naws_access_key_id = AKIABBBBBBBBBBBB0002\naws_secret_access_key = s\n';
const files = { '.aws/credentials': KEYS };
const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

/** a usage error: exit 252 and exactly one line on stderr */
function oneLineUsage(r: { code: number | null; stderr: string; stdout: string }): string {
  expect(r.code, r.stderr).toBe(252);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0];
}

describe('version', () => {
  it.each([[['--version']], [['-V']], [['version']], [['show', '--version']]])('%j prints the package version and the botocore version', async (argv) => {
    const r = await runCli(argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`credchain ${pkg.version} (reproduces botocore 1.43.11)\n`);
  });

  it('the botocore version is the one the conformance oracle runs; --json gives both', async () => {
    const oracle = probeOracle();
    const r = await runCli(['version', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j).toEqual({ credchain: pkg.version, botocore: expect.any(String) });
    if ('version' in oracle) expect(j.botocore).toBe(oracle.version);
    else if (process.env.CI) throw new Error(oracle.problem);
  });
});

describe('repeated options: the last occurrence wins', () => {
  it('--profile a --profile b resolves b, in the fast path and through yargs', async () => {
    for (const argv of [['--profile', 'a', '--profile', 'b', '--json'], ['which', '--resolve', '--profile', 'a', '--profile', 'b', '--json']]) {
      const r = await runCli(argv, { files });
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.profile).toEqual({ name: 'b', source: '--profile' });
      expect(j.credentials.accessKeyId).toBe('AKIABBBBBBBBBBBB0002');
    }
  });

  it('--region a --region b --json keeps the contract: region.name is a string', async () => {
    const r = await runCli(['--region', 'a', '--region', 'b', '--json'], { files });
    expect(JSON.parse(r.stdout).region).toEqual({ name: 'b', source: '--region' });
  });

  it('export --format env --format json prints JSON', async () => {
    const r = await runCli(['export', '--format', 'env', '--format', 'json'], { files });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accessKeyId: 'AKIAEXAMPLE00001234' });
  });

  it('list options stay lists: verify --expect-account twice keeps both', async () => {
    const r = await runCli(['verify', '--expect-account', '111111111111', '--expect-account', '22222222222x', '--json'], { files: {} });
    // the second value is still seen (and refused): the list was not cut to its last element
    expect(oneLineUsage(r)).toMatch(/--expect-account takes 12-digit account ids, not "22222222222x"/);
    const both = await runCli(['verify', '--expect-account', '22222222222x', '--expect-account', '111111111111', '--json'], { files: {} });
    expect(oneLineUsage(both)).toMatch(/not "22222222222x"/);
  });
});

describe('values', () => {
  it.each([[['--profile']], [['--profile', '--json']], [['show', '--region']], [['doctor', '--fail-on']]])('%j without a value is a usage error naming the option', async (argv) => {
    const line = oneLineUsage(await runCli(argv, { files }));
    expect(line).toMatch(/^credchain: --(profile|region|fail-on) needs a value/);
  });

  it('--no-color is --color off, even where FORCE_COLOR asks for colour', async () => {
    const r = await runCli(['--no-color'], { files, env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect((await runCli(['profiles', '--no-color'], { files, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
  });

  it.each([
    [['--imds-timeout', 'abc'], /--imds-timeout must be a number of seconds between 0 and 60, not "abc"/],
    [['--imds-timeout', '61'], /--imds-timeout must be .* not "61"/],
    [['verify', '--timeout', 'soon'], /--timeout must be a number of seconds between 0 and 300, not "soon"/],
    [['profiles', '--verify', '--concurrency', '2.5'], /--concurrency must be a whole number between 1 and 64, not "2.5"/],
  ])('%j echoes the value as given', async (argv, message) => {
    expect(oneLineUsage(await runCli(argv, { files }))).toMatch(message);
  });
});

describe('unknown commands and options, invalid choices', () => {
  it('a misspelt command: "unknown command" with the close name', async () => {
    expect(oneLineUsage(await runCli(['whihc']))).toMatch(/^credchain: unknown command 'whihc'; did you mean 'which'\?/);
    expect(oneLineUsage(await runCli(['--json', 'profils']))).toMatch(/unknown command 'profils'; did you mean 'profiles'\?/);
    expect(oneLineUsage(await runCli(['prof']))).toMatch(/unknown command 'prof'; did you mean 'profiles'\?/);
  });

  it('sso without its subcommand, or with a misspelt one, says which there are', async () => {
    expect(oneLineUsage(await runCli(['sso']))).toMatch(/^credchain: sso needs a subcommand: populate or status/);
    expect(oneLineUsage(await runCli(['sso', 'popluate']))).toMatch(/^credchain: unknown sso command 'popluate'; did you mean 'populate'\?/);
    expect(oneLineUsage(await runCli(['--json', 'sso', 'stats']))).toMatch(/unknown sso command 'stats'; did you mean 'status'\?/);
    const far = oneLineUsage(await runCli(['sso', 'xyzzy']));
    expect(far).toMatch(/^credchain: unknown sso command 'xyzzy'/);
    expect(far).not.toMatch(/did you mean/);
  });

  it('"did you mean" only for names that are close', async () => {
    const line = oneLineUsage(await runCli(['xyzzy']));
    expect(line).toMatch(/^credchain: unknown command 'xyzzy'/);
    expect(line).not.toMatch(/did you mean/);
    expect(oneLineUsage(await runCli(['--zzzzzz']))).not.toMatch(/did you mean/);
    // a one-letter profile name is not close to every short name
    const missing = await runCli(['--profile', 'x'], { files: { '.aws/config': '[profile qa]\n[profile ci]\n[profile dev]\n' } });
    expect(missing.code).toBe(253);
    expect(missing.stdout).toMatch(/The config profile \(x\) could not be found/);
    expect(missing.stdout).not.toMatch(/did you mean/);
    const near = await runCli(['--profile', 'qe'], { files: { '.aws/config': '[profile qa]\n[profile ci]\n' } });
    expect(near.stdout).toMatch(/did you mean "qa"\?/);
    expect(near.stdout).not.toMatch(/"ci"/);
  });

  it('a misspelt option: "unknown option" with the close option of that command', async () => {
    expect(oneLineUsage(await runCli(['--jsn']))).toMatch(/unknown option --jsn; did you mean --json\?/);
    expect(oneLineUsage(await runCli(['doctor', '--fial-on', 'info']))).toMatch(/unknown option --fial-on; did you mean --fail-on\?/);
    expect(oneLineUsage(await runCli(['show', 'a', 'b']))).toMatch(/unexpected argument 'b'/);
  });

  it('an invalid choice is one line listing the choices', async () => {
    expect(oneLineUsage(await runCli(['--color', 'purple']))).toMatch(/^credchain: --color must be one of auto, on, off, not "purple"/);
    expect(oneLineUsage(await runCli(['export', '--format', 'yaml']))).toMatch(/--format must be one of env, .*json, not "yaml"/);
    expect(oneLineUsage(await runCli(['init', 'tcsh']))).toMatch(/^credchain: shell must be one of bash, zsh, fish, not "tcsh"/);
  });
});
