// `credchain profiles` logic on memfs: each profile's kind by botocore's order (and checked against the resolver
// itself), provenance from both files, the active profile and why, sections that are not profiles, and the
// "did you mean" names.
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../src/chain/boto3Chain';
import { Session } from '../../src/config/session';
import { closestNames, editDistance } from '../../src/core/closest';
import { listProfiles } from '../../src/profiles/list';
import { memContext } from '../support/memContext';

const CONFIG = '/home/u/.aws/config';
const CREDS = '/home/u/.aws/credentials';
const PROC_JSON = JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROC', SecretAccessKey: 'sk' });

function ctxOf(files: { config?: string; credentials?: string }, env: Record<string, string> = {}) {
  return memContext({
    files: {
      ...(files.config !== undefined ? { '.aws/config': files.config } : {}),
      ...(files.credentials !== undefined ? { '.aws/credentials': files.credentials } : {}),
      'tok': 'token',
    },
    env: { AWS_EC2_METADATA_DISABLED: 'true', ...env },
    spawn: async () => ({ code: 0, stdout: Buffer.from(PROC_JSON), stderr: Buffer.alloc(0) }),
  });
}

function listing(files: { config?: string; credentials?: string }, env: Record<string, string> = {}, profile?: string) {
  return listProfiles(new Session(ctxOf(files, env), { profile }));
}

function kinds(files: { config?: string; credentials?: string }) {
  return Object.fromEntries(listing(files).profiles.map((p) => [p.name, [p.kind, p.method]]));
}

// one profile of every kind, and the overlaps where botocore's order decides
const MIXED = {
  config: [
    '[profile static-cfg]',
    'aws_access_key_id = AKIACFG',
    'aws_secret_access_key = s',
    '[profile role]',
    'role_arn = arn:aws:iam::1:role/R',
    'source_profile = static-creds',
    '[profile role-with-keys]',
    'role_arn = arn:aws:iam::1:role/R',
    'source_profile = static-creds',
    'aws_access_key_id = AKIAUNUSED',
    'aws_secret_access_key = s',
    '[profile webid]',
    'role_arn = arn:aws:iam::1:role/W',
    'web_identity_token_file = /home/u/tok',
    '[profile webid-empty]',
    'web_identity_token_file =',
    'credential_process = /bin/proc',
    '[profile sso]',
    'sso_account_id = 111111111111',
    'sso_role_name = Admin',
    'sso_start_url = https://x.awsapps.com/start',
    'sso_region = us-east-1',
    'credential_process = /bin/proc',
    '[profile login]',
    'login_session = arn:aws:iam::1:user/me',
    '[profile proc]',
    'credential_process = /bin/proc',
    '[profile proc-over-cfg-keys]',
    'credential_process = /bin/proc',
    'aws_access_key_id = AKIACFG2',
    'aws_secret_access_key = s',
    '[profile settings]',
    'region = eu-west-1',
    '',
  ].join('\n'),
  credentials: [
    '[static-creds]',
    'aws_access_key_id = AKIACREDS',
    'aws_secret_access_key = s',
    '[keys-over-proc]',
    'aws_access_key_id = AKIAKEYS',
    'aws_secret_access_key = s',
    'credential_process = /bin/proc',
    '[only-secret]',
    'aws_secret_access_key = s',
    '',
  ].join('\n'),
};

describe('profile kinds follow botocore\'s order for one profile', () => {
  it('each kind, and the method boto3 reports for it', () => {
    expect(kinds(MIXED)).toEqual({
      'static-cfg': ['static', 'config-file'],
      role: ['assume-role', 'assume-role'],
      'role-with-keys': ['assume-role', 'assume-role'],
      webid: ['web-identity', 'assume-role-with-web-identity'],
      'webid-empty': ['process', 'custom-process'],
      sso: ['sso', 'sso'],
      login: ['login', 'login'],
      proc: ['process', 'custom-process'],
      'proc-over-cfg-keys': ['process', 'custom-process'],
      settings: ['settings-only', null],
      'static-creds': ['static', 'shared-credentials-file'],
      'keys-over-proc': ['static', 'shared-credentials-file'],
      'only-secret': ['settings-only', null],
    });
  });

  it('what a profile configures but boto3 never reaches is listed with its file and line', () => {
    const byName = Object.fromEntries(listing(MIXED).profiles.map((p) => [p.name, p.unused]));
    expect(byName['role-with-keys']).toEqual([`static keys in the config file (${CONFIG}:10)`]);
    expect(byName.sso).toEqual([`credential_process (${CONFIG}:23)`]);
    expect(byName['keys-over-proc']).toEqual([`credential_process (${CREDS}:7)`]);
    expect(byName['proc-over-cfg-keys']).toEqual([`static keys in the config file (${CONFIG}:30)`]);
    expect(byName.proc).toEqual([]);
  });

  it('the kind names the method the resolver itself picks for that profile (src/chain, --profile NAME)', async () => {
    const l = listing(MIXED);
    for (const p of l.profiles) {
      const r = await resolveChain(ctxOf(MIXED), { profile: p.name, noImds: true });
      const got = r.report.credentials?.method ?? (r.report.error ? `error:${r.report.error.type}` : null);
      if (p.kind === 'login') expect(got, p.name).toBe('error:MissingDependencyException');
      else expect(got, p.name).toBe(p.method);
    }
  });
});

describe('where each profile is defined', () => {
  it('a profile in both files lists both sections, config first, with header lines', () => {
    const l = listing({ config: '[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n', credentials: '[dev]\naws_access_key_id = A\naws_secret_access_key = s\nregion = ap-south-1\n' });
    const dev = l.profiles.find((p) => p.name === 'dev')!;
    expect(dev.definedIn).toEqual([
      { file: CONFIG, section: 'profile dev', line: 4 },
      { file: CREDS, section: 'dev', line: 1 },
    ]);
    // credentials-file values override config values key by key
    expect(dev.region).toBe('ap-south-1');
    expect(l.profiles.map((p) => p.name)).toEqual(['default', 'dev']);
  });

  it('[default] and [profile default]: the later section replaces the earlier whole', () => {
    const l = listing({ config: '[default]\nregion = a\n[profile default]\noutput = json\n' });
    expect(l.profiles).toHaveLength(1);
    expect(l.profiles[0]).toMatchObject({ name: 'default', region: null, definedIn: [{ section: 'profile default', line: 3 }] });
  });

  it('[profile x] in the credentials file is the profile "profile x", and says so', () => {
    const l = listing({ credentials: '[profile x]\naws_access_key_id = A\naws_secret_access_key = s\n' });
    expect(l.profiles.map((p) => p.name)).toEqual(['profile x']);
    expect(l.profiles[0].notes.join()).toMatch(/takes names as written/);
  });

  it('config sections that are not profiles are reported; [plugins] is not called a mistake', () => {
    const l = listing({ config: '[prod]\nregion = x\n[plugins]\ncli_legacy_plugin_path = /x\n[profile a b]\n[sso-session s]\nsso_region = x\n' });
    expect(l.profiles).toEqual([]);
    expect(l.ignoredSections.map((s) => [s.section, s.line, s.likelyMistake])).toEqual([
      ['prod', 1, true],
      ['plugins', 3, false],
      ['profile a b', 5, true],
    ]);
    expect(l.ignoredSections[0].reason).toContain('[profile prod]');
  });

  it('source profile, credential source, sso-session, mfa', () => {
    const l = listing({
      config:
        '[profile a]\nrole_arn = r\nsource_profile = b\nmfa_serial = arn:mfa\n[profile b]\nrole_arn = r\ncredential_source = Environment\n[profile c]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n',
    });
    expect(l.profiles.map((p) => [p.name, p.sourceProfile, p.credentialSource, p.ssoSession, p.mfaSerial])).toEqual([
      ['a', 'b', null, null, 'arn:mfa'],
      ['b', null, 'Environment', null, null],
      ['c', null, null, 'corp', null],
    ]);
  });
});

describe('the active profile and why', () => {
  const files = { config: '[default]\n[profile dev]\n[profile prod]\n' };

  it('nothing selected: default, when it exists', () => {
    const l = listing(files);
    expect(l.active).toMatchObject({ name: 'default', source: 'default', exists: true, notes: [] });
    expect(l.profiles.filter((p) => p.active).map((p) => p.name)).toEqual(['default']);
  });

  it('--profile beats AWS_DEFAULT_PROFILE, which beats AWS_PROFILE (and hides it, said so)', () => {
    expect(listing(files, { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'prod' }, 'default').active.source).toBe('--profile');
    const l = listing(files, { AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'prod' });
    expect(l.active).toMatchObject({ name: 'prod', source: 'AWS_DEFAULT_PROFILE' });
    expect(l.active.notes.join()).toMatch(/AWS_DEFAULT_PROFILE=prod hides AWS_PROFILE=dev/);
    expect(listing(files, { AWS_PROFILE: 'dev' }).active).toMatchObject({ name: 'dev', source: 'AWS_PROFILE', exists: true });
  });

  it('a selected profile that exists nowhere: ProfileNotFound, with the closest names, and nothing marked active', () => {
    const l = listing(files, { AWS_PROFILE: 'prdo' });
    expect(l.active).toMatchObject({ name: 'prdo', exists: false });
    expect(l.active.notes[0]).toMatch(/AWS_PROFILE=prdo names a profile that is in neither file: boto3 raises ProfileNotFound \(did you mean "prod"/);
    expect(l.profiles.some((p) => p.active)).toBe(false);
  });

  it('an empty AWS_PROFILE is a name too: boto3 raises ProfileNotFound even though default exists', () => {
    const l = listing(files, { AWS_PROFILE: '' });
    expect(l.active).toMatchObject({ name: '', source: 'AWS_PROFILE', exists: false });
    expect(l.profiles.some((p) => p.active)).toBe(false);
  });

  it('env keys with AWS_PROFILE: boto3 uses the keys (only --profile removes them)', () => {
    expect(listing(files, { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIA' }).active.envKeysWin).toBe(true);
    expect(listing(files, { AWS_ACCESS_KEY_ID: 'AKIA' }, 'dev').active.envKeysWin).toBe(false);
  });
});

describe('closest names', () => {
  it('edit distance counts a swapped pair as one edit', () => {
    expect(editDistance('prod', 'prdo')).toBe(1);
    expect(editDistance('dev', 'develop')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('closest first; a case difference ranks before real edits; prefixes and substrings after', () => {
    const names = ['Dev', 'dev-admin', 'deb', 'prod', 'staging', 'my-dev-box'];
    expect(closestNames('dev', names)).toEqual(['Dev', 'deb', 'dev-admin', 'my-dev-box']);
    expect(closestNames('stagign', names)).toEqual(['staging']);
    expect(closestNames('zzzzzz', names)).toEqual([]);
  });

  it('at most five, and never the name itself', () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a'];
    expect(closestNames('a', names)).toHaveLength(5);
    expect(closestNames('a', names)).not.toContain('a');
  });
});
