// How the rules walk a shared file: the lines read back from doctor's line index are the parser's lines, and a walk
// of the key lines lists every line once, in the order the findings come out, as fresh objects (a list kept for the
// whole run held one object per key line: 83 MB for a config of a million keys).
import { describe, expect, it } from 'vitest';
import { prepareDoctorInput } from '../../src/doctor/input';
import { entriesOf } from '../../src/divergences/entries';
import { defaultHeaderLine, lineCount, lineStartsOf, lineText } from '../../src/ini/lines';
import { splitLines } from '../../src/ini/parse';
import { memContext } from '../support/memContext';

const CONFIG = [
  '[DEFAULT]',
  'region = eu-west-1',
  '[sso-session corp]',
  'sso_start_url = https://d-1.awsapps.com/start',
  'sso_region = us-east-1',
  '[default]',
  'output : json',
  '[services svc]',
  's3 =',
  '  endpoint_url = http://localhost',
  '[profile dev]',
  'Region = us-west-2',
  'sso_session = corp',
  '[odd section]',
  'k = v',
  '',
].join('\n');

const CREDENTIALS = '[DEFAULT]\r\naws_session_token = t\r\n[dev]\r\naws_access_key_id = AKIAEXAMPLE\r\n';

function walk(files: Record<string, string>, kind: 'config' | 'credentials') {
  const input = prepareDoctorInput(memContext({ files }));
  return { file: input.files[kind], refs: [...entriesOf(input.files[kind])] };
}

describe('line index', () => {
  it.each([
    '',
    '\n',
    'a',
    'a\n',
    'a\r\nb',
    'a\rb\r',
    '\n\r\n',
    '\r\r\n\n',
    'x = 1\r\n  y\r\n\r\n',
    'é = ü\u2028z\nlast',
  ])('reads the lines splitLines makes of %j', (text) => {
    const f = { text, lineStarts: lineStartsOf(text) };
    const lines = Array.from({ length: lineCount(f) }, (_, i) => lineText(f, i + 1));
    expect(lines).toEqual(splitLines(text));
    expect(lineText(f, 0)).toBe('');
    expect(lineText(f, lineCount(f) + 1)).toBe('');
  });

  it.each(['[DEFAULT]', 'a\n  [DEFAULT] x', 'a [DEFAULT]\n#[DEFAULT]\n\t[DEFAULT]', 'a\r[default]\r\n', ''])(
    'finds the first [DEFAULT] header line of %j as /^\\s*\\[DEFAULT\\]/ does',
    (text) => {
      const f = { text, lineStarts: lineStartsOf(text) };
      expect(defaultHeaderLine(f)).toBe(splitLines(text).findIndex((l) => /^\s*\[DEFAULT\]/.test(l)) + 1);
    },
  );
});

describe('key line walk', () => {
  it('lists each section key line, then [DEFAULT]’s own, with the section and profile botocore gives it', () => {
    const { refs } = walk({ '.aws/config': CONFIG, '.aws/credentials': CREDENTIALS }, 'config');
    expect(refs.map((r) => [r.sectionName, r.entry.rawKey, r.entry.line, r.profile ?? null])).toEqual([
      ['sso-session corp', 'sso_start_url', 4, null],
      ['sso-session corp', 'sso_region', 5, null],
      ['default', 'output', 7, 'default'],
      ['services svc', 's3', 9, null],
      ['profile dev', 'Region', 12, 'dev'],
      ['profile dev', 'sso_session', 13, 'dev'],
      ['odd section', 'k', 15, null],
      ['DEFAULT', 'region', 2, null],
    ]);
    expect(refs.at(-1)!.section).toBeNull();
  });

  it('names credentials-file profiles as written, across \\r\\n line breaks', () => {
    const { file, refs } = walk({ '.aws/credentials': CREDENTIALS }, 'credentials');
    expect(refs.map((r) => [r.sectionName, r.entry.key, r.entry.line, r.profile ?? null])).toEqual([
      ['dev', 'aws_access_key_id', 4, 'dev'],
      ['DEFAULT', 'aws_session_token', 2, null],
    ]);
    expect(refs.map((r) => lineText(r.file, r.entry.line))).toEqual([
      'aws_access_key_id = AKIAEXAMPLE',
      'aws_session_token = t',
    ]);
    expect(defaultHeaderLine(file)).toBe(1);
  });

  it('walks afresh each time: the same lines in the same order, no list kept between walks', () => {
    const { file, refs } = walk({ '.aws/config': CONFIG }, 'config');
    const again = [...entriesOf(file)];
    expect(again).toEqual(refs);
    expect(again.every((r, i) => r !== refs[i])).toBe(true);
  });
});
