// `credchain profiles` through the built CLI: the text table, --json, --names, --verify's seam, and bad files.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { profilesCommand } from '../../src/cli/profiles';
import type { CliIO } from '../../src/cli/io';
import type { GlobalArgs } from '../../src/cli/options';
import { makeHome, runCli } from '../support/cli';

const FILES = {
  '.aws/config': [
    '[default]',
    'region = us-east-1',
    '[profile dev]',
    'role_arn = arn:aws:iam::1:role/Dev',
    'source_profile = base',
    'region = eu-west-1',
    '[profile corp]',
    'sso_session = corp',
    'sso_account_id = 1',
    'sso_role_name = R',
    '[profile base]',
    'region = eu-central-1',
    '[prod]',
    'region = x',
    '',
  ].join('\n'),
  '.aws/credentials': '[base]\naws_access_key_id = AKIABASE00001234\naws_secret_access_key = SECRETBASE\n[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = SECRETCI\n',
};

describe('credchain profiles', () => {
  it('text: one row per profile, the active one marked, where each is defined; notes for mistakes', async () => {
    const r = await runCli(['profiles'], { files: FILES, env: { AWS_PROFILE: 'dev' } });
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toMatch(/^\s+PROFILE\s+KIND\s+REGION\s+SOURCE\s+DEFINED IN$/);
    expect(rows[1]).toMatch(/^\s+default\s+settings only\s+us-east-1\s+-\s+~\/\.aws\/config:1$/);
    expect(rows[2]).toMatch(/^\*\s+dev\s+assume-role\s+eu-west-1\s+base\s+~\/\.aws\/config:3$/);
    expect(rows[3]).toMatch(/^\s+corp\s+sso\s+-\s+\[sso-session corp\]\s+~\/\.aws\/config:7$/);
    expect(rows[4]).toMatch(/^\s+base\s+static keys\s+eu-central-1\s+-\s+~\/\.aws\/config:11, ~\/\.aws\/credentials:1$/);
    expect(rows[5]).toMatch(/^\s+ci\s+static keys\s+-\s+-\s+~\/\.aws\/credentials:4$/);
    expect(r.stdout).toMatch(/Active\s+dev\s+\(from AWS_PROFILE\)/);
    expect(r.stdout).toMatch(/\[prod\] at ~\/\.aws\/config:13 is not a profile/);
    expect(r.stdout).not.toMatch(/SECRET|AKIABASE/);
  });

  it('--json: the listing with files, active profile and ignored sections', async () => {
    const r = await runCli(['profiles', '--json'], { files: FILES });
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['active', 'profiles', 'ignoredSections', 'files']);
    expect(j.active).toEqual({ name: 'default', source: 'default', exists: true, envKeysWin: false, notes: [] });
    expect(j.profiles.map((p: { name: string }) => p.name)).toEqual(['default', 'dev', 'corp', 'base', 'ci']);
    expect(j.profiles[1]).toEqual({
      name: 'dev',
      kind: 'assume-role',
      method: 'assume-role',
      region: 'eu-west-1',
      sourceProfile: 'base',
      credentialSource: null,
      ssoSession: null,
      mfaSerial: null,
      definedIn: [{ file: `${r.home}/.aws/config`, section: 'profile dev', line: 3 }],
      active: false,
      unused: [],
      notes: [],
    });
    expect(j.files.config).toEqual({ path: `${r.home}/.aws/config`, source: 'default', state: 'ok' });
    expect(JSON.stringify(j)).not.toMatch(/SECRET/);
  });

  it('--names: the names only, one per line; nothing for no files', async () => {
    expect((await runCli(['profiles', '--names'], { files: FILES })).stdout).toBe('default\ndev\ncorp\nbase\nci\n');
    const none = await runCli(['profiles', '--names']);
    expect([none.code, none.stdout]).toEqual([0, '']);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    const home = makeHome({ 'elsewhere/cfg': '[profile moved]\n', 'elsewhere/creds': '[k]\naws_access_key_id = a\naws_secret_access_key = b\n' });
    const r = await runCli(['profiles', '--names'], { home, env: { AWS_CONFIG_FILE: '~/elsewhere/cfg', AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds' } });
    expect(r.stdout).toBe('moved\nk\n');
  });

  it('a malformed file: ConfigParseError with file and line, exit 253', async () => {
    const r = await runCli(['profiles'], { files: { '.aws/credentials': '[a]\nno delimiter here\n' } });
    expect(r.code).toBe(253);
    expect(r.stderr).toMatch(/Unable to parse config file: .*credentials \(line 2/);
    expect(r.stdout).toBe('');
  });

  it('--names with --json is a usage error', async () => {
    expect((await runCli(['profiles', '--names', '--json'])).code).toBe(252);
  });
});

describe('profiles --verify is handed to the verifier given at registration', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { HOME: makeHome(FILES) }, isTTY: false, cwd: '/' };
    return { io, out, err };
  };

  it('with a verifier: it receives the listing and its exit code is the command\'s', async () => {
    const { io } = capture();
    let seen: string[] = [];
    const cmd = profilesCommand({
      verify: async (listing) => {
        seen = listing.profiles.map((p) => p.name);
        return 1;
      },
    });
    expect(await cmd({ verify: true, color: 'off', imds: false } as GlobalArgs, io)).toBe(1);
    expect(seen).toEqual(['default', 'dev', 'corp', 'base', 'ci']);
  });

  it('without one: a clear usage error', async () => {
    const { io } = capture();
    await expect(profilesCommand()({ verify: true, color: 'off', imds: false } as GlobalArgs, io)).rejects.toThrow(/--verify/);
  });

  it('the CLI entry accepts --verify (never a yargs "unknown argument")', async () => {
    const { io, err } = capture();
    const code = await main(['profiles', '--verify'], io);
    expect(err.join('')).not.toMatch(/Unknown argument/);
    expect([0, 1, 252, 253, 254, 255]).toContain(code);
  });
});
