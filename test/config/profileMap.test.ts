// botocore's profile map (reference/botocore-chain.md §4.4, §4.5) and Session.full_config (§4.6). Expected values
// are reference rows (D03…D32, C18…C21, P17…P55) or what botocore 1.43.11 returned for the same files (marked
// "python3:", from build_profile_map and Session.full_config).
import { describe, expect, it } from 'vitest';
import { BotoError } from '../../src/core/errors';
import { parseIni, type IniValue } from '../../src/ini/parse';
import { spawnSync } from 'node:child_process';
import { buildFullConfig, buildProfileMap, MergedSettings, str, twoTokenName, type Settings } from '../../src/config/profileMap';
import { SharedFiles } from '../../src/config/sharedFiles';
import { memContext } from '../support/memContext';

const CONFIG = '/home/u/.aws/config';
const CREDS = '/home/u/.aws/credentials';

function values(settings: Settings): Record<string, IniValue> {
  return Object.fromEntries([...settings].map(([k, s]) => [k, s.value]));
}

function configMap(text: string) {
  return buildProfileMap(parseIni(text, CONFIG));
}

/** profiles in map order with their values, as botocore's build_profile_map()['profiles'] */
function profilesOf(text: string): [string, Record<string, IniValue>][] {
  return [...configMap(text).profiles].map(([name, p]) => [name, values(p.settings)]);
}

function fullConfig(files: { config?: string; credentials?: string }) {
  const ctx = memContext({
    files: {
      ...(files.config !== undefined ? { '.aws/config': files.config } : {}),
      ...(files.credentials !== undefined ? { '.aws/credentials': files.credentials } : {}),
    },
  });
  return buildFullConfig(new SharedFiles(ctx));
}

function fullProfiles(files: { config?: string; credentials?: string }): [string, Record<string, IniValue>][] {
  return [...fullConfig(files).profiles].map(([name, p]) => [name, values(p.settings)]);
}

describe('§4.4 which config sections are profiles', () => {
  it('[profile foo] and [profile   foo] are profile foo (D09)', () => {
    expect(profilesOf('[profile foo]\nk = 1\n[profile   bar]\nk = 2\n')).toEqual([
      ['foo', { k: '1' }],
      ['bar', { k: '2' }],
    ]);
  });

  it('the name is split shell-style: quotes and backslashes (D06, D31, P23, P24)', () => {
    expect(profilesOf('[profile "foo bar"]\n[profile \'a b\']\n[profile a\\ c]\n[profile \'x\']\n').map(([n]) => n)).toEqual([
      'foo bar',
      'a b',
      'a c',
      'x',
    ]);
  });

  it('a tab or trailing blank inside the brackets still gives two tokens (P47, P48)', () => {
    expect(profilesOf('[profile\tx]\nk = 1\n[profile y ]\nk = 2\n').map(([n]) => n)).toEqual(['x', 'y']);
  });

  it('any name with two tokens that starts with "profile" counts: [profiles foo], [profile-x foo] (D30, D31)', () => {
    expect(profilesOf('[profiles foo]\nk = 1\n[profile-x bar]\nk = 2\n').map(([n]) => n)).toEqual(['foo', 'bar']);
  });

  it('odd characters in the name are kept (P33, P54, P55)', () => {
    expect(profilesOf('[profile a.b]\n[profile me@corp+dev]\n[profile x=y]\n').map(([n]) => n)).toEqual(['a.b', 'me@corp+dev', 'x=y']);
  });

  it('one token, three tokens or a shlex error drop the section: neither profile nor top-level (D07, D08, D20, P43, P50)', () => {
    const m = configMap('[profile]\n[profilefoo]\n[profile foo bar]\n[profile "unbalanced]\n[profile a\\]\n[other]\n');
    expect([...m.profiles.keys()]).toEqual([]);
    expect([...m.other.keys()]).toEqual(['other']);
    expect(m.dropped.map((d) => [d.section, d.line])).toEqual([
      ['profile', 1],
      ['profilefoo', 2],
      ['profile foo bar', 3],
      ['profile "unbalanced', 4],
      ['profile a\\', 5],
    ]);
  });

  it('[default] is the profile default (P01)', () => {
    expect(profilesOf('[default]\nk = v\n')).toEqual([['default', { k: 'v' }]]);
  });

  it('every other section is a top-level key, not a profile: [foo], [Default], [ default ] (D05, P21, P30, P42, P44)', () => {
    const m = configMap('[foo]\nk = 1\n[Default]\n[ default ]\n[foo bar]\n[preview]\n');
    expect([...m.profiles.keys()]).toEqual([]);
    expect([...m.other.keys()]).toEqual(['foo', 'Default', ' default ', 'foo bar', 'preview']);
    expect(m.other.get('foo')).toEqual({ file: CONFIG, section: 'foo', line: 1 });
  });

  it('[sso-session s] goes to sso_sessions, split the same way (P25)', () => {
    const m = configMap('[sso-session s]\nsso_region = us-east-1\n[sso-session "a b"]\n[sso-session]\n[sso-session x y]\n');
    expect([...m.ssoSessions].map(([n, s]) => [n, values(s.settings)])).toEqual([
      ['s', { sso_region: 'us-east-1' }],
      ['a b', {}],
    ]);
    expect([...m.profiles.keys()]).toEqual([]);
    expect(m.dropped.map((d) => d.section)).toEqual(['sso-session', 'sso-session x y']);
  });

  it('[services svc] goes to services in 1.43 (§4.4, §9; python3: build_profile_map services)', () => {
    const m = configMap('[services svc]\ns3 =\n  endpoint_url = http://x\n[services]\n');
    expect([...m.services].map(([n, s]) => [n, values(s.settings)])).toEqual([['svc', { s3: { endpoint_url: 'http://x' } }]]);
    expect([...m.other.keys()]).toEqual([]);
    expect(m.dropped.map((d) => d.section)).toEqual(['services']);
  });

  it('[default] then [profile default]: the later one wins whole, no key merging (D03, D22, P18)', () => {
    expect(profilesOf('[default]\na = plain\n[profile default]\nb = prefixed\n')).toEqual([['default', { b: 'prefixed' }]]);
  });

  it('[profile default] then [default]: the later one wins whole (D04, P19)', () => {
    expect(profilesOf('[profile default]\nb = prefixed\n[default]\na = plain\n')).toEqual([['default', { a: 'plain' }]]);
  });

  it('a replaced profile keeps its first place in the map, as a Python dict does (python3: ["default", "a"])', () => {
    expect(profilesOf('[profile default]\nb = prefixed\n[profile a]\nk = 1\n[default]\na = plain\n')).toEqual([
      ['default', { a: 'plain' }],
      ['a', { k: '1' }],
    ]);
  });

  it('[DEFAULT] keys reach every profile and top-level section; [DEFAULT] alone makes no profile (P17, C19)', () => {
    expect(profilesOf('[DEFAULT]\nx = d\n[default]\nk = v\n')).toEqual([['default', { k: 'v', x: 'd' }]]);
    expect(profilesOf('[DEFAULT]\nx = d\n')).toEqual([]);
  });

  it('each profile knows its section and line; each setting its file, line and the section it was written in', () => {
    const m = configMap('[DEFAULT]\nregion = d\n\n[profile dev]\noutput = json\n');
    const dev = m.profiles.get('dev')!;
    expect(dev.source).toEqual({ file: CONFIG, section: 'profile dev', line: 4 });
    expect(dev.settings.get('output')).toEqual({ key: 'output', rawKey: 'output', value: 'json', file: CONFIG, line: 5, section: 'profile dev' });
    expect(dev.settings.get('region')).toEqual({ key: 'region', rawKey: 'region', value: 'd', file: CONFIG, line: 2, section: 'DEFAULT' });
  });

  it('no config document gives an empty map', () => {
    const m = buildProfileMap(null);
    expect([m.profiles.size, m.ssoSessions.size, m.services.size, m.other.size, m.dropped.length]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('§4.5 credentials file: section names are profile names as written', () => {
  it('[profile foo] in the credentials file is the profile "profile foo" (C20, C21; python3)', () => {
    expect(fullProfiles({ config: '[profile foo]\nregion = r\n', credentials: '[profile foo]\naws_access_key_id = AK\n' })).toEqual([
      ['foo', { region: 'r' }],
      ['profile foo', { aws_access_key_id: 'AK' }],
    ]);
  });

  it('[sso-session s] in the credentials file is a profile, not an sso-session (python3)', () => {
    const full = fullConfig({ config: '[sso-session s]\nsso_region = r\n', credentials: '[sso-session s]\nk = v\n' });
    expect([...full.profiles.keys()]).toEqual(['sso-session s']);
    expect([...full.config.ssoSessions].map(([n, s]) => [n, values(s.settings)])).toEqual([['s', { sso_region: 'r' }]]);
  });

  it('[DEFAULT] in the credentials file gives every credentials profile its keys (C18; python3)', () => {
    expect(fullProfiles({ credentials: '[DEFAULT]\naws_secret_access_key = D_SK\n[p]\naws_access_key_id = AK\n' })).toEqual([
      ['p', { aws_access_key_id: 'AK', aws_secret_access_key: 'D_SK' }],
    ]);
  });
});

describe('§4.6 full_config: config profiles, credentials merged over them key by key', () => {
  it('credentials-file values override config values per key; the rest is kept (D18, L04; python3)', () => {
    const full = fullConfig({
      config: '[profile dev]\nregion = eu-west-1\noutput = json\n',
      credentials: '[dev]\nregion = us-east-1\naws_access_key_id = AK\n',
    });
    const dev = full.profiles.get('dev')!;
    expect(values(dev.settings)).toEqual({ region: 'us-east-1', output: 'json', aws_access_key_id: 'AK' });
    expect(dev.settings.get('region')).toMatchObject({ file: CREDS, line: 2, section: 'dev' });
    expect(dev.settings.get('output')).toMatchObject({ file: CONFIG, line: 3, section: 'profile dev' });
    expect(dev.sources).toEqual([
      { file: CONFIG, section: 'profile dev', line: 1 },
      { file: CREDS, section: 'dev', line: 1 },
    ]);
    expect(str(dev.settings, 'region')).toBe('us-east-1');
  });

  it('credentials-only profiles are added after the config profiles (D32; python3: ["b", "default", "a"])', () => {
    expect(fullProfiles({ config: '[profile b]\nx = 1\n[default]\ny = 2\n', credentials: '[a]\nk = 1\n[default]\nz = 3\n' })).toEqual([
      ['b', { x: '1' }],
      ['default', { y: '2', z: '3' }],
      ['a', { k: '1' }],
    ]);
  });

  it('the credentials file merges into whichever of [default] / [profile default] won (python3)', () => {
    expect(fullProfiles({ config: '[default]\na = plain\n[profile default]\nb = prefixed\n', credentials: '[default]\nc = creds\n' })).toEqual([
      ['default', { b: 'prefixed', c: 'creds' }],
    ]);
  });

  it('a missing config file starts from no profiles; a missing credentials file adds none (python3)', () => {
    expect(fullProfiles({ credentials: '[a]\nk = 1\n' })).toEqual([['a', { k: '1' }]]);
    expect(fullProfiles({ config: '[profile a]\nk = 1\n' })).toEqual([['a', { k: '1' }]]);
    expect(fullProfiles({})).toEqual([]);
  });

  it('sso_sessions and services come from the config file only (python3)', () => {
    const full = fullConfig({ config: '[profile a]\nk = 1\n[sso-session s]\nsso_region = r\n' });
    expect([...full.config.ssoSessions.keys()]).toEqual(['s']);
    expect([...full.profiles.keys()]).toEqual(['a']);
  });

  it('[DEFAULT] of each file applies only to that file\'s sections (python3)', () => {
    expect(fullProfiles({ config: '[DEFAULT]\nregion = d\n[profile a]\n[other]\n', credentials: '[DEFAULT]\nx = 1\n' })).toEqual([
      ['a', { region: 'd' }],
    ]);
  });

  it('the profile map keeps the config map it was built from', () => {
    const full = fullConfig({ config: '[profile a]\n[other]\n', credentials: '[a]\nk = 1\n' });
    expect([...full.config.profiles.keys()]).toEqual(['a']);
    expect(values(full.config.profiles.get('a')!.settings)).toEqual({});
    expect([...full.config.other.keys()]).toEqual(['other']);
  });

  it('a malformed config file is a ConfigParseError naming file and line, even with a good credentials file (D15, C32)', () => {
    const e = (() => {
      try {
        fullConfig({ config: '[default]\nk = v\njunk\n', credentials: '[default]\nk = v\n' });
      } catch (err) {
        return err as BotoError;
      }
      throw new Error('expected a ConfigParseError');
    })();
    expect(e).toBeInstanceOf(BotoError);
    expect(e.type).toBe('ConfigParseError');
    expect(e.where).toEqual({ file: CONFIG, line: 3 });
  });

  it('a malformed credentials file is a ConfigParseError naming file and line (D16, C19)', () => {
    expect(() => fullConfig({ config: '[default]\nk = v\n', credentials: '[default]\nk = v\n[default]\n' })).toThrow(
      expect.objectContaining({ type: 'ConfigParseError', where: { file: CREDS, line: 3 } }),
    );
  });
});

describe('section names read as botocore reads them, at any size', () => {
  it('twoTokenName agrees with shlex.split on plain and quoted names (python3: botocore _parse_section)', () => {
    const names = ['profile dev', 'profile  dev ', ' profile\tdev', 'profile\r\ndev', 'profile', 'profile a b', 'profile a\u00a0b', 'profile a\u000bb', 'profile "a b"', "profile 'x'y", 'profile a\\ b', 'profile "open', 'profile #x', 'profile ü', 'profiledev', '  ', 'profile a\u3000b'];
    const py = spawnSync(process.env.CREDCHAIN_PYTHON ?? 'python3', ['-c', 'import json,shlex,sys\ndef f(s):\n  try:\n    p=shlex.split(s)\n  except ValueError:\n    return None\n  return p[1] if len(p)==2 else None\nprint(json.dumps([f(s) for s in json.load(sys.stdin)]))'], { input: JSON.stringify(names), encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const expected = JSON.parse(py.stdout) as (string | null)[];
    expect(names.map((n) => twoTokenName(n) ?? null)).toEqual(expected);
  });

  it('the profile map of a document is built once, and shared with an equal filtered copy of its sections', () => {
    const doc = parseIni('[profile a]\nregion = x\n[default]\n', CONFIG);
    const map = buildProfileMap(doc);
    expect(buildProfileMap(doc)).toBe(map);
    expect(buildProfileMap({ ...doc, sections: doc.sections.filter(() => true) })).toBe(map);
    expect(buildProfileMap({ ...doc, sections: doc.sections.slice(1) })).not.toBe(map);
    expect([...buildProfileMap({ ...doc, sections: doc.sections.slice(1) }).profiles.keys()]).toEqual(['default']);
  });
});

describe('MergedSettings', () => {
  const setting = (key: string, v: string) => ({ key, value: v, file: 'f', line: 1, section: 's' });
  const mapOf = (pairs: [string, string][]) => new Map(pairs.map(([k, v]) => [k, setting(k, v)]));

  it('reads exactly as a copy of the config map updated with the credentials map, in the same order', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 300; run++) {
      const base = mapOf(Array.from({ length: rnd(8) }, (_, i) => [`k${rnd(10)}`, `b${i}`]));
      const over = mapOf(Array.from({ length: rnd(5) }, (_, i) => [`k${rnd(10)}`, `o${i}`]));
      const copy = new Map(base);
      for (const [k, v] of over) copy.set(k, v);
      const merged = new MergedSettings(base, over);
      expect([...merged]).toEqual([...copy]);
      expect([...merged.keys()]).toEqual([...copy.keys()]);
      expect([...merged.values()]).toEqual([...copy.values()]);
      expect(merged.size).toBe(copy.size);
      for (let i = 0; i < 10; i++) {
        expect(merged.get(`k${i}`)).toBe(copy.get(`k${i}`));
        expect(merged.has(`k${i}`)).toBe(copy.has(`k${i}`));
      }
      const seen: string[] = [];
      merged.forEach((v, k) => seen.push(`${k}=${v.value}`));
      expect(seen).toEqual([...copy].map(([k, v]) => `${k}=${v.value}`));
      expect(new Map(merged)).toEqual(copy);
    }
  });

  it('is read-only, as every parsed settings map is', () => {
    const m = new MergedSettings(mapOf([['a', '1']]), mapOf([['b', '2']]));
    expect(() => m.set()).toThrow(/read-only/);
    expect(() => m.delete()).toThrow(/read-only/);
  });
});
