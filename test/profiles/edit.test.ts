// Planning profile edits (src/profiles/edit.ts): which file and section each change goes to by botocore's rules
// (reference/botocore-chain.md §4.4–4.6), what is refused and why, the re-parse check, the masked diff; and a sweep
// over every fixture profile whose results are read back by botocore 1.43 itself (python3), which must see exactly
// the intended change and nothing else.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BotoError, CredchainError, UsageError } from '../../src/core/errors';
import { decodeIni, parseIni, type IniValue } from '../../src/ini/parse';
import { planEdit, type EditFiles, type EditOp, type EditPlan } from '../../src/profiles/edit';
import { checkFile, profileValues, rawView } from '../../src/profiles/editCheck';
import { unifiedDiff } from '../../src/profiles/editDiff';
import { configHeaderFor, credentialsHeaderFor } from '../../src/profiles/editSections';
import { buildFullConfig } from '../../src/config/profileMap';
import { SharedFiles } from '../../src/config/sharedFiles';
import { memContext } from '../support/memContext';

const CONFIG = '/home/u/.aws/config';
const CREDS = '/home/u/.aws/credentials';

function files(config: string | null, credentials: string | null, o: { configDisabled?: boolean; credentialsDisabled?: boolean } = {}): EditFiles {
  return {
    config: { path: CONFIG, text: o.configDisabled ? null : config, disabled: o.configDisabled },
    credentials: { path: CREDS, text: o.credentialsDisabled ? null : credentials, disabled: o.credentialsDisabled },
  };
}

/** the text a plan leaves in each file (unchanged files as they were) */
function after(f: EditFiles, plan: EditPlan): { config: string | null; credentials: string | null } {
  const w = (k: 'config' | 'credentials') => plan.writes.find((x) => x.file === k)?.after ?? f[k].text;
  return { config: w('config'), credentials: w('credentials') };
}

/** botocore's merged profiles, read by the real SharedFiles + buildFullConfig on memfs */
function merged(t: { config: string | null; credentials: string | null }): Record<string, Record<string, IniValue>> {
  const ctx = memContext({
    files: { ...(t.config !== null ? { '.aws/config': t.config } : {}), ...(t.credentials !== null ? { '.aws/credentials': t.credentials } : {}) },
  });
  const full = buildFullConfig(new SharedFiles(ctx));
  return Object.fromEntries([...full.profiles].map(([n, p]) => [n, Object.fromEntries([...p.settings].map(([k, s]) => [k, s.value]))]));
}

function fails(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but the edit was planned');
}

describe('set: where a key goes', () => {
  it('key material goes to the credentials file under [name], creating the file', () => {
    const f = files('[profile dev]\nregion = eu-west-1\n', null);
    const plan = planEdit(f, { kind: 'set', profile: 'dev', key: 'aws_access_key_id', value: 'AKIANEW' });
    expect(plan.writes).toEqual([{ file: 'credentials', path: CREDS, before: null, after: '[dev]\naws_access_key_id = AKIANEW\n' }]);
    expect(plan.changes).toEqual([{ file: 'credentials', path: CREDS, section: 'dev', line: 2, action: 'created' }]);
  });

  it('every key-material name, in any case, goes to the credentials file', () => {
    for (const key of ['aws_access_key_id', 'AWS_SECRET_ACCESS_KEY', 'aws_session_token', 'aws_security_token']) {
      const plan = planEdit(files(null, null), { kind: 'set', profile: 'default', key, value: 'x' });
      expect(plan.writes.map((w) => w.file), key).toEqual(['credentials']);
    }
  });

  it('a setting goes to the config file: [profile x] for a new profile, [default] for default', () => {
    expect(planEdit(files(null, null), { kind: 'set', profile: 'dev', key: 'region', value: 'r' }).writes[0]).toMatchObject({ file: 'config', after: '[profile dev]\nregion = r\n' });
    expect(planEdit(files(null, null), { kind: 'set', profile: 'default', key: 'region', value: 'r' }).writes[0]).toMatchObject({ file: 'config', after: '[default]\nregion = r\n' });
  });

  it('edits the section botocore maps to the profile: [profile   x], [profile "x"], [profiles x]', () => {
    for (const header of ['profile   x', 'profile "x"', "profile 'x'", 'profiles x']) {
      const plan = planEdit(files(`[${header}]\nregion = a\n`, null), { kind: 'set', profile: 'x', key: 'region', value: 'b' });
      expect(plan.writes[0].after, header).toBe(`[${header}]\nregion = b\n`);
      expect(plan.changes[0]).toMatchObject({ section: header, action: 'updated', line: 2 });
    }
  });

  it('quotes a new profile name that botocore would otherwise split', () => {
    const plan = planEdit(files(null, null), { kind: 'set', profile: 'my team', key: 'region', value: 'r' });
    expect(plan.writes[0].after).toBe("[profile 'my team']\nregion = r\n");
    expect(merged(after(files(null, null), plan))).toEqual({ 'my team': { region: 'r' } });
    expect(configHeaderFor(`it's "x"`)).toBe(`profile "it's \\"x\\""`);
  });

  it('[default] and [profile default]: the later section is the one botocore reads, so it is the one edited', () => {
    const a = '[default]\nregion = a\n\n[profile default]\nregion = b\n';
    expect(planEdit(files(a, null), { kind: 'set', profile: 'default', key: 'region', value: 'c' }).writes[0].after).toBe(
      '[default]\nregion = a\n\n[profile default]\nregion = c\n',
    );
    const b = '[profile default]\nregion = a\n\n[default]\nregion = b\n';
    expect(planEdit(files(b, null), { kind: 'set', profile: 'default', key: 'output', value: 'json' }).writes[0].after).toBe(
      '[profile default]\nregion = a\n\n[default]\nregion = b\noutput = json\n',
    );
  });

  it('a setting already in the credentials file is changed there, because it overrides the config file', () => {
    const f = files('[profile dev]\nregion = a\n', '[dev]\nregion = b\n');
    const plan = planEdit(f, { kind: 'set', profile: 'dev', key: 'Region', value: 'c' });
    expect(plan.writes.map((w) => [w.file, w.after])).toEqual([['credentials', '[dev]\nregion = c\n']]);
    expect(plan.warnings.join()).toMatch(/overrides the config file/);
    expect(merged(after(f, plan)).dev.region).toBe('c');
  });

  it('warns when the config file also holds the key material it now shadows', () => {
    const plan = planEdit(files('[profile dev]\naws_access_key_id = AKIAOLD\n', null), { kind: 'set', profile: 'dev', key: 'aws_access_key_id', value: 'AKIANEW' });
    expect(plan.warnings).toEqual([`[profile dev] in ${CONFIG} also sets aws_access_key_id (line 2); the credentials file wins for boto3`]);
  });

  it('matches keys case-insensitively and keeps their spelling', () => {
    const plan = planEdit(files(null, '[dev]\nAWS_Access_Key_ID = A\n'), { kind: 'set', profile: 'dev', key: 'aws_access_key_id', value: 'B' });
    expect(plan.writes[0].after).toBe('[dev]\nAWS_Access_Key_ID = B\n');
  });

  it('a value equal to the current one is unchanged: no write', () => {
    const plan = planEdit(files('[default]\nregion = a\n', null), { kind: 'set', profile: 'default', key: 'region', value: 'a' });
    expect(plan.writes).toEqual([]);
    expect(plan.changes[0].action).toBe('unchanged');
  });

  it('keeps CRLF', () => {
    const plan = planEdit(files(null, '[a]\r\nk = 1\r\n'), { kind: 'set', profile: 'b', key: 'aws_session_token', value: 't' });
    expect(plan.writes[0].after).toBe('[a]\r\nk = 1\r\n\r\n[b]\r\naws_session_token = t\r\n');
  });
});

describe('set: what is refused', () => {
  const f = files('[default]\nregion = a\n', '[default]\naws_access_key_id = A\n');

  it('a value with a line break, NUL, or whitespace botocore would strip (exit 252, value not repeated)', () => {
    for (const value of ['CANARY1\nb', 'CANARY2\r', 'CANARY3\0', ' CANARY4', 'CANARY5\t', '\u00a0CANARY6']) {
      const e = fails(() => planEdit(f, { kind: 'set', profile: 'default', key: 'region', value }));
      expect(e, JSON.stringify(value)).toBeInstanceOf(UsageError);
      expect(e.message).not.toContain('CANARY');
    }
  });

  it('keys botocore would read differently', () => {
    for (const key of ['', 'a=b', 'a:b', ' k', 'k ', '[k', '#k', ';k', 'a\nb']) {
      expect(fails(() => planEdit(f, { kind: 'set', profile: 'default', key, value: 'v' })), JSON.stringify(key)).toBeInstanceOf(UsageError);
    }
  });

  it('profile names that are empty or span lines; [DEFAULT] in the credentials file', () => {
    expect(fails(() => planEdit(f, { kind: 'set', profile: '', key: 'region', value: 'v' }))).toBeInstanceOf(UsageError);
    expect(fails(() => planEdit(f, { kind: 'set', profile: 'a\nb', key: 'region', value: 'v' }))).toBeInstanceOf(UsageError);
    expect(fails(() => planEdit(f, { kind: 'set', profile: 'DEFAULT', key: 'aws_access_key_id', value: 'v' })).message).toMatch(/inherited by every profile/);
    expect(() => credentialsHeaderFor('DEFAULT')).toThrow(UsageError);
  });

  it('a disabled file (its variable set but empty) is not written: exit 253', () => {
    const e = fails(() => planEdit(files(null, null, { credentialsDisabled: true }), { kind: 'set', profile: 'x', key: 'aws_secret_access_key', value: 's' }));
    expect(e).toBeInstanceOf(CredchainError);
    expect((e as CredchainError).kind).toBe('config');
    expect(e.message).toMatch(/AWS_SHARED_CREDENTIALS_FILE is set but empty/);
  });

  it('a file that does not parse is a ConfigParseError naming file and line, whichever file the edit writes', () => {
    for (const [config, creds, file, line] of [
      ['[default]\nregion = a\njunk\n', null, CONFIG, 3],
      ['[default]\n', '[x]\nk = 1\n[x]\n', CREDS, 3],
    ] as const) {
      const e = fails(() => planEdit(files(config, creds), { kind: 'set', profile: 'default', key: 'region', value: 'b' })) as BotoError;
      expect(e).toBeInstanceOf(BotoError);
      expect(e.type).toBe('ConfigParseError');
      expect(e.where).toEqual({ file, line });
    }
  });

  it('refuses an edit that would change another profile: a new credentials section inheriting [DEFAULT]', () => {
    // [DEFAULT] region in the credentials file would override dev's config region once [dev] exists there
    const e = fails(() => planEdit(files('[profile dev]\nregion = a\n', '[DEFAULT]\nregion = z\n'), { kind: 'set', profile: 'dev', key: 'aws_access_key_id', value: 'A' }));
    expect(e).toBeInstanceOf(CredchainError);
    expect(e.message).toMatch(/^refusing to write: the edit would change region in profile "dev".*nothing was written$/);
  });
});

describe('unset', () => {
  it('removes the key from both files where the profile has it, with continuation lines', () => {
    const f = files('[profile dev]\nregion = a\noutput = json\n', '[dev]\nREGION = b\n  more\nk = 1\n');
    const plan = planEdit(f, { kind: 'unset', profile: 'dev', key: 'region' });
    expect(plan.writes.map((w) => [w.file, w.after])).toEqual([
      ['config', '[profile dev]\noutput = json\n'],
      ['credentials', '[dev]\nk = 1\n'],
    ]);
    expect(plan.changes.map((c) => [c.file, c.section, c.line, c.action])).toEqual([
      ['credentials', 'dev', 2, 'removed'],
      ['config', 'profile dev', 2, 'removed'],
    ]);
  });

  it('an unknown profile or key is a usage error (252)', () => {
    const f = files('[profile dev]\nregion = a\n', null);
    expect(fails(() => planEdit(f, { kind: 'unset', profile: 'nope', key: 'region' })).message).toBe(`no profile "nope" in ${CONFIG} or ${CREDS}`);
    const e = fails(() => planEdit(f, { kind: 'unset', profile: 'dev', key: 'output' }));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe('profile "dev" has no key output');
  });

  it('a key inherited from [DEFAULT] is not removed for one profile: it would need editing [DEFAULT]', () => {
    const e = fails(() => planEdit(files(null, '[DEFAULT]\nregion = a\n[dev]\nk = 1\n'), { kind: 'unset', profile: 'dev', key: 'region' }));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(new RegExp(`comes from \\[DEFAULT\\] \\(${CREDS}:2\\)`));
  });

  it('says when [DEFAULT] shows through after the profile\'s own value is gone', () => {
    const plan = planEdit(files('[DEFAULT]\nregion = d\n[profile dev]\nregion = a\n', null), { kind: 'unset', profile: 'dev', key: 'region' });
    expect(plan.warnings).toEqual(['profile "dev" now inherits region from [DEFAULT]']);
  });
});

describe('remove', () => {
  it('removes the profile from both files, and every config section that defines it', () => {
    const f = files('[default]\nregion = a\n\n[profile x]\nregion = b\n\n[profile default]\nregion = c\n', '[default]\naws_access_key_id = A\n\n[x]\nk = 1\n');
    const plan = planEdit(f, { kind: 'remove', profile: 'default' });
    const t = after(f, plan);
    expect(t).toEqual({ config: '[profile x]\nregion = b\n', credentials: '[x]\nk = 1\n' });
    expect(merged(t)).toEqual({ x: { region: 'b', k: '1' } });
    expect(plan.changes.map((c) => `${c.file}:${c.line} [${c.section}]`)).toEqual(['credentials:1 [default]', 'config:1 [default]', 'config:7 [profile default]']);
  });

  it('an unknown profile is a configuration error (253, as in which and show)', () => {
    const unknown = (e: unknown) => e instanceof CredchainError && e.kind === 'config' && /^no profile /.test(e.message);
    expect(unknown(fails(() => planEdit(files('[profile a]\n', null), { kind: 'remove', profile: 'b' })))).toBe(true);
    // [profile a] in the credentials file is the profile "profile a", not "a" (C20)
    expect(unknown(fails(() => planEdit(files(null, '[profile a]\nk = 1\n'), { kind: 'remove', profile: 'a' })))).toBe(true);
  });

  it('warns about profiles whose source_profile named it', () => {
    const plan = planEdit(files('[profile base]\nregion = a\n[profile role]\nsource_profile = base\nrole_arn = arn:aws:iam::1:role/r\n', null), { kind: 'remove', profile: 'base' });
    expect(plan.warnings).toEqual(['profile "role" has source_profile = base, which was removed; it was left as it is']);
  });

  it('refuses when removing would turn an indented header that follows into a continuation line', () => {
    // [c] is a header only because the key before it is indented as much; without [b] it would continue a's key
    const config = '[profile a]\nk = 1\n[profile b]\n    x = 2\n    [profile c]\n    y = 3\n';
    expect(parseIni(config, CONFIG).sections.map((s) => s.name)).toEqual(['profile a', 'profile b', 'profile c']);
    const e = fails(() => planEdit(files(config, null), { kind: 'remove', profile: 'b' }));
    expect(e).toBeInstanceOf(CredchainError);
    expect(e.message).toMatch(/^refusing to write: the edit would change .*config beyond what was asked.*nothing was written$/);
  });
});

describe('rename and copy', () => {
  const f = files('# team\n[profile dev] # main\nregion = a\n\n[profile other]\nregion = b\n', '[dev]\naws_access_key_id = A\n');

  it('rename rewrites the header in both files and nothing else', () => {
    const plan = planEdit(f, { kind: 'rename', profile: 'dev', to: 'prod' });
    expect(after(f, plan)).toEqual({ config: '# team\n[profile prod] # main\nregion = a\n\n[profile other]\nregion = b\n', credentials: '[prod]\naws_access_key_id = A\n' });
    expect(plan.changes.map((c) => [c.section, c.to, c.line])).toEqual([
      ['profile dev', 'profile prod', 2],
      ['dev', 'prod', 1],
    ]);
  });

  it('rename to and from default', () => {
    const g = files('[default]\nregion = a\n', '[default]\nk = 1\n');
    expect(after(g, planEdit(g, { kind: 'rename', profile: 'default', to: 'old' }))).toEqual({ config: '[profile old]\nregion = a\n', credentials: '[old]\nk = 1\n' });
    expect(after(f, planEdit(f, { kind: 'rename', profile: 'other', to: 'default' })).config).toContain('\n[default]\nregion = b\n');
  });

  it('rename refuses an existing target, the same name, and a profile defined twice in the config file', () => {
    expect(fails(() => planEdit(f, { kind: 'rename', profile: 'dev', to: 'other' })).message).toBe('profile "other" already exists; remove it first');
    expect(fails(() => planEdit(f, { kind: 'rename', profile: 'dev', to: 'dev' }))).toBeInstanceOf(UsageError);
    const twice = files('[default]\nregion = a\n[profile default]\nregion = b\n', null);
    expect(fails(() => planEdit(twice, { kind: 'rename', profile: 'default', to: 'x' })).message).toMatch(/defined by \[default\] \(line 1\) and \[profile default\] \(line 3\)/);
  });

  it('rename rewrites source_profile references in both files (its own too), each a change of its own', () => {
    const g = files(
      '[profile base]\nsource_profile = base\naws_access_key_id = A\n[profile r]\nSource_Profile = base\nrole_arn = arn:aws:iam::1:role/r\n[profile other]\nsource_profile = basement\n',
      '[r2]\nsource_profile = base\n',
    );
    const plan = planEdit(g, { kind: 'rename', profile: 'base', to: 'b2' });
    const t = after(g, plan);
    expect(t).toEqual({
      config: '[profile b2]\nsource_profile = b2\naws_access_key_id = A\n[profile r]\nSource_Profile = b2\nrole_arn = arn:aws:iam::1:role/r\n[profile other]\nsource_profile = basement\n',
      credentials: '[r2]\nsource_profile = b2\n',
    });
    expect(plan.changes.map((c) => [c.file, c.section, c.line, c.action, c.key ?? c.to])).toEqual([
      ['config', 'profile base', 2, 'updated', 'source_profile'],
      ['config', 'profile r', 5, 'updated', 'source_profile'],
      ['credentials', 'r2', 2, 'updated', 'source_profile'],
      ['config', 'profile base', 1, 'renamed', 'profile b2'],
    ]);
    expect(plan.warnings).toEqual([]);
    expect(merged(t)).toMatchObject({ b2: { source_profile: 'b2' }, r: { source_profile: 'b2' }, r2: { source_profile: 'b2' }, other: { source_profile: 'basement' } });
  });

  it('rename leaves references with references: false, and one inherited from [DEFAULT], and says so', () => {
    const g = files('[profile base]\n[profile r]\nsource_profile = base\n', null);
    const plan = planEdit(g, { kind: 'rename', profile: 'base', to: 'b2' }, { references: false });
    expect(after(g, plan).config).toBe('[profile b2]\n[profile r]\nsource_profile = base\n');
    expect(plan.warnings).toEqual(['profile "r" has source_profile = base, which is now "b2"; it was left as it is']);
    const d = files('[DEFAULT]\nsource_profile = base\n[profile base]\nk = 1\n[profile r]\nrole_arn = x\n', null);
    const pd = planEdit(d, { kind: 'rename', profile: 'base', to: 'b2' });
    expect(after(d, pd).config).toBe('[DEFAULT]\nsource_profile = base\n[profile b2]\nk = 1\n[profile r]\nrole_arn = x\n');
    expect(pd.warnings).toEqual(['profile "r" has source_profile = base, which is now "b2"; it was left as it is']);
  });

  it('copy never rewrites references', () => {
    const g = files('[profile base]\n[profile r]\nsource_profile = base\n', null);
    expect(after(g, planEdit(g, { kind: 'copy', profile: 'base', to: 'b2' })).config).toBe('[profile base]\n[profile r]\nsource_profile = base\n\n[profile b2]\n');
  });

  it('copy appends the section body under the new name in each file, the source unchanged', () => {
    const plan = planEdit(f, { kind: 'copy', profile: 'dev', to: 'dev copy' });
    const t = after(f, plan);
    expect(t).toEqual({
      config: "# team\n[profile dev] # main\nregion = a\n\n[profile other]\nregion = b\n\n[profile 'dev copy']\nregion = a\n",
      credentials: '[dev]\naws_access_key_id = A\n\n[dev copy]\naws_access_key_id = A\n',
    });
    const m = merged(t);
    expect(m['dev copy']).toEqual(m.dev);
  });

  it('copy refuses an existing target', () => {
    expect(fails(() => planEdit(f, { kind: 'copy', profile: 'dev', to: 'other' }))).toBeInstanceOf(UsageError);
  });
});

describe('the re-parse check', () => {
  it('refuses text that does not parse, or that differs from the intended view anywhere', () => {
    const before = parseIni('[a]\nk = 1\n[b]\nx = 2\n', CONFIG);
    expect(() => checkFile(CONFIG, '[a]\nk = 1\n[a]\n', rawView(before))).toThrow(/unparsable/);
    expect(() => checkFile(CONFIG, '[a]\nk = 1\n[b]\nx = 3\n', rawView(before))).toThrow(/beyond what was asked \(sections: \[b\]\)/);
    expect(checkFile(CONFIG, '[a]\nk = 1\n\n# c\n[b]\nx = 2\n', rawView(before)).sections).toHaveLength(2);
  });
});

describe('the dry-run diff', () => {
  it('is a unified diff with context, and masks secrets on every line it shows', () => {
    const before = '[default]\naws_access_key_id = AKIAEXAMPLE1234\naws_secret_access_key = SECRET1\naws_session_token = TOKEN1\n  TOKENCONT\nregion = a\n';
    const afterText = before.replace('region = a', 'region = b').replace('SECRET1', 'SECRET2');
    const d = unifiedDiff('/h/creds', before, afterText);
    expect(d).toBe(
      [
        '--- /h/creds',
        '+++ /h/creds',
        '@@ -1,6 +1,6 @@',
        ' [default]',
        ' aws_access_key_id = ****************1234',
        '-aws_secret_access_key = ********',
        '+aws_secret_access_key = ********',
        ' aws_session_token = ********',
        '   ********',
        '-region = a',
        '+region = b',
        '',
      ].join('\n'),
    );
    for (const s of ['SECRET1', 'SECRET2', 'TOKEN1', 'TOKENCONT', 'AKIAEXAMPLE1234']) expect(d).not.toContain(s);
  });

  it('shows a new file against /dev/null and a missing final newline', () => {
    expect(unifiedDiff('/h/c', null, '[a]\nk = 1\n')).toBe('--- /dev/null\n+++ /h/c\n@@ -0,0 +1,2 @@\n+[a]\n+k = 1\n');
    expect(unifiedDiff('/h/c', '[a]\nk = 1', '[a]\nk = 1\nj = 2\n')).toBe('--- /h/c\n+++ /h/c\n@@ -1,2 +1,3 @@\n [a]\n-k = 1\n\\ No newline at end of file\n+k = 1\n+j = 2\n');
  });

  it('splits far-apart changes into hunks with three lines of context', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `k${i} = ${i}`);
    const before = `[a]\n${lines.join('\n')}\n`;
    const afterText = before.replace('k1 = 1', 'k1 = x').replace('k18 = 18', 'k18 = y');
    const d = unifiedDiff('/f', before, afterText);
    expect(d.match(/^@@.*$/gm)).toEqual(['@@ -1,6 +1,6 @@', '@@ -17,5 +17,5 @@']);
    expect(unifiedDiff('/f', before, before)).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Every fixture profile under every operation, read back by botocore

const PYTHON = process.env.CREDCHAIN_PYTHON ?? 'python3';
const ORACLE = String.raw`
import json, os, sys
try:
    from botocore import configloader
except ImportError as e:
    print(json.dumps({'unavailable': str(e)})); sys.exit(0)
cases = json.load(open(sys.argv[1], encoding='utf-8'))
work = sys.argv[2]
def value(v):
    return v if isinstance(v, str) else {'nested': sorted([k, x] for k, x in v.items())}
def full(cfg, cred):
    # Session.full_config: the config profile map, then credentials sections merged over it key by key
    profiles = {}
    if cfg is not None:
        p = os.path.join(work, 'config')
        with open(p, 'w', encoding='utf-8', newline='') as f: f.write(cfg)
        profiles = configloader.build_profile_map(configloader.raw_config_parse(p))['profiles']
    if cred is not None:
        p = os.path.join(work, 'credentials')
        with open(p, 'w', encoding='utf-8', newline='') as f: f.write(cred)
        for name, vals in configloader.raw_config_parse(p).items():
            profiles.setdefault(name, {}).update(vals)
    return {n: {k: value(v) for k, v in s.items()} for n, s in profiles.items()}
print(json.dumps({'results': [full(c['config'], c['credentials']) for c in cases]}))
`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-edit-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Profiles = Record<string, Record<string, string | { nested: [string, string][] }>>;

function botocore(cases: { config: string | null; credentials: string | null }[]): Profiles[] | string {
  const input = path.join(work, 'cases.json');
  const script = path.join(work, 'oracle.py');
  fs.writeFileSync(input, JSON.stringify(cases));
  fs.writeFileSync(script, ORACLE);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: work, PYTHONUTF8: '1', PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync(PYTHON, [script, input, work], { env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 300_000 });
  if (r.error) return `cannot run ${PYTHON}: ${r.error.message}`;
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  return out.unavailable ? `botocore unavailable: ${out.unavailable}` : out.results;
}

function fixturePairs(): [string, EditFiles][] {
  const root = path.resolve(__dirname, '../../fixtures');
  const out: [string, EditFiles][] = [];
  for (const id of fs.readdirSync(root).sort()) {
    const read = (name: string) => {
      const p = path.join(root, id, 'home/.aws', name);
      return fs.existsSync(p) && fs.statSync(p).isFile() ? decodeIni(fs.readFileSync(p), p) : null;
    };
    try {
      const f = files(read('config'), read('credentials'));
      if (f.config.text === null && f.credentials.text === null) continue;
      merged({ config: f.config.text, credentials: f.credentials.text });
      out.push([id, f]);
    } catch (e) {
      if (!(e instanceof BotoError)) throw e;
    }
  }
  return out;
}

// no fixture shadows a [DEFAULT] key, so these do (in each file, a nested value too): unsetting the profile's own
// value lets [DEFAULT]'s show through
const SHADOWING: [string, EditFiles][] = [
  [
    'shadowing-config',
    files(
      '[DEFAULT]\nregion = d-west-1\ns3 =\n  addressing_style = path\n[profile dev]\nregion = a-east-1\ns3 =\n  addressing_style = virtual\n[profile other]\noutput = json\n',
      '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = own\n',
    ),
  ],
  ['shadowing-credentials', files('[profile ci]\nregion = x-1\n', '[DEFAULT]\naws_secret_access_key = from-default\n[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = own\n')],
];

describe('every fixture profile, every operation, read back by botocore', () => {
  it('each edit is planned (or refused with a usage error), and botocore sees exactly the intended change', { timeout: 120_000 }, (t) => {
    const cases: { id: string; op: EditOp; warnings: string[]; text: { config: string | null; credentials: string | null }; inherited?: Set<string>; probe?: number }[] = [];
    // for an unset that makes a key "now inherit" from [DEFAULT]: the edited files with an empty profile appended to the
    // one edited, so botocore itself says what [DEFAULT] gives a profile without its own value
    const probes: { config: string | null; credentials: string | null }[] = [];
    const refusals: string[] = [];
    for (const [id, f] of [...fixturePairs(), ...SHADOWING]) {
      const every = Object.keys(merged({ config: f.config.text, credentials: f.credentials.text }));
      // a fixture of hundreds of profiles (the deep chains) is edited at its first and last three: each case carries
      // both files, and a thousand copies of a thousand-line file would only repeat the same checks
      const names = every.length > 40 ? [...every.slice(0, 3), ...every.slice(-3)] : every;
      cases.push({ id, op: { kind: 'remove', profile: '' }, warnings: [], text: { config: f.config.text, credentials: f.credentials.text } });
      // profiles whose winning source_profile comes from a [DEFAULT] section: rename leaves those lines alone
      const parse = (e: EditFiles['config']) => (e.text === null ? null : parseIni(e.text, e.path));
      const sources = profileValues(parse(f.config), parse(f.credentials));
      const inherited = new Set([...sources].filter(([, v]) => v.get('source_profile')?.section === 'DEFAULT').map(([n]) => n));
      for (const name of names) {
        const keys = Object.keys(merged({ config: f.config.text, credentials: f.credentials.text })[name]);
        const ops: EditOp[] = [
          { kind: 'set', profile: name, key: 'region', value: 'xx-test-1' },
          { kind: 'set', profile: name, key: 'aws_secret_access_key', value: 'NEWSECRET' },
          { kind: 'set', profile: name, key: 'credchain_new', value: 'v' },
          { kind: 'remove', profile: name },
          { kind: 'rename', profile: name, to: 'renamed' },
          { kind: 'copy', profile: name, to: 'copied one' },
          ...keys.map((key) => ({ kind: 'unset' as const, profile: name, key })),
        ];
        for (const op of ops) {
          try {
            const plan = planEdit(f, op);
            const text = after(f, plan);
            let probe: number | undefined;
            if (op.kind === 'unset' && plan.warnings.some((w) => w.includes('now inherits'))) {
              const edited = text.config !== f.config.text ? 'config' : 'credentials';
              const header = edited === 'config' ? '[profile credchain-probe]' : '[credchain-probe]';
              probe = probes.push({ ...text, [edited]: `${text[edited]}\n${header}\n` }) - 1;
            }
            cases.push({ id, op, warnings: plan.warnings, text, inherited, probe });
          } catch (e) {
            // only usage errors (a [DEFAULT]-inherited key, a profile defined twice) or a profile the edit cannot
            // find by that name: never a failed re-parse check
            const refused = e instanceof UsageError || (e instanceof CredchainError && e.kind === 'config' && /^no profile /.test((e as Error).message));
            expect(refused, `${id} ${JSON.stringify(op)}: ${(e as Error).message}`).toBe(true);
            refusals.push(`${id} ${op.kind}`);
          }
        }
      }
    }
    expect(cases.length).toBeGreaterThan(2000);
    expect(refusals.length).toBeLessThan(20);
    expect(probes.length, 'unsets that make a key inherit from [DEFAULT]').toBeGreaterThanOrEqual(3);
    const answers = botocore([...cases.map((c) => c.text), ...probes]);
    const results = typeof answers === 'string' ? answers : answers.slice(0, cases.length);
    const probed = typeof answers === 'string' ? [] : answers.slice(cases.length);
    if (typeof results === 'string') {
      if (process.env.CI) throw new Error(results);
      t.skip(results);
      return;
    }
    let before: Profiles = {};
    cases.forEach((c, i) => {
      const got = results[i];
      const where = `${c.id} ${JSON.stringify(c.op)}`;
      if (c.op.profile === '') {
        before = got;
        return;
      }
      const { op } = c;
      const want: Profiles = structuredClone(before);
      if (op.kind === 'set') want[op.profile] = { ...(want[op.profile] ?? {}), [op.key]: op.value };
      else if (op.kind === 'unset') {
        delete want[op.profile][op.key];
        // the profile's own value is gone and [DEFAULT]'s shows through, as the plan said: botocore's value for the
        // key is the one it gives the probe profile, a profile of its own with no value for the key
        if (c.probe !== undefined) {
          const inherited = probed[c.probe]['credchain-probe']?.[op.key];
          expect(inherited, `${where}: the plan says [DEFAULT] gives ${op.key}`).toBeDefined();
          want[op.profile][op.key] = inherited!;
        }
      }
      else if (op.kind === 'remove') delete want[op.profile];
      else {
        want[op.to] = want[op.profile];
        if (op.kind === 'rename') {
          delete want[op.profile];
          // every source_profile that named the old profile names the new one, unless it came from [DEFAULT]
          for (const [name, p] of Object.entries(want)) {
            if (p.source_profile === op.profile && !c.inherited!.has(name === op.to ? op.profile : name)) want[name] = { ...p, source_profile: op.to };
          }
        }
      }
      expect(got, where).toEqual(want);
    });
  });
});
