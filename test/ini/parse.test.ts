// One test per INI rule of reference/botocore-chain.md §4.2–4.3 (and js-sdk-chain.md §3.3), for parseIni,
// decodeIni and splitLines. Expected values come from the reference tables (ids such as C08, D13, P39) or from
// running botocore 1.43.11's raw_config_parse on the same text under Python 3.11 (marked "python3:").
import { describe, expect, it } from 'vitest';
import { BotoError } from '../../src/core/errors';
import { decodeIni, linesOf, parseIni, splitLines, type IniDocument, type IniValue } from '../../src/ini/parse';

const FILE = '/home/u/.aws/credentials';

/** sections → key → value, the shape of botocore's raw_config_parse */
function raw(text: string): Record<string, Record<string, IniValue>> {
  return rawOf(parseIni(text, FILE));
}

function rawOf(doc: IniDocument): Record<string, Record<string, IniValue>> {
  return Object.fromEntries(doc.sections.map((s) => [s.name, Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]))]));
}

/** section names and keys in order, as cp.sections() and cp.options() list them */
function order(text: string): [string, string[]][] {
  return parseIni(text, FILE).sections.map((s) => [s.name, [...s.entries.keys()]]);
}

function failure(run: () => unknown): BotoError {
  try {
    run();
  } catch (e) {
    if (e instanceof BotoError) return e;
    throw e;
  }
  throw new Error('expected a ConfigParseError, but parsing succeeded');
}

/** the error botocore raises is ConfigParseError; ours must also name the file and the line */
function expectParseError(text: string, line: number): BotoError {
  const e = failure(() => parseIni(text, FILE));
  expect(e.type).toBe('ConfigParseError');
  expect(e.where).toEqual({ file: FILE, line });
  expect(e.message).toContain(FILE);
  expect(e.message).toMatch(new RegExp(`\\bline ${line}\\b`));
  return e;
}

describe('§4.2 delimiters and stripping', () => {
  it('"=" and ":" both separate key from value (C07, P02)', () => {
    expect(raw('[default]\nk : v\nk2: v2\nk3=v3\n')).toEqual({ default: { k: 'v', k2: 'v2', k3: 'v3' } });
  });

  it('the key ends at the first delimiter, whichever it is (§3.3 item 8: "a:b = c")', () => {
    expect(raw('[default]\na:b = c\nx = y:z\n')).toEqual({ default: { a: 'b = c', x: 'y:z' } });
  });

  it('a value may contain more delimiters (P27)', () => {
    expect(raw('[default]\nk = abc==\n')).toEqual({ default: { k: 'abc==' } });
  });

  it('key and value are stripped of spaces and tabs; inner spaces stay (C30, C34, C35, P45)', () => {
    expect(raw('[default]\n\tk \t=\t v \t\nmy key = v\n')).toEqual({ default: { k: 'v', 'my key': 'v' } });
  });

  it('stripping uses Python whitespace: \\xa0 around key and value goes (python3)', () => {
    expect(raw('[default]\nk \u00a0= \u00a0v\u00a0\n')).toEqual({ default: { k: 'v' } });
  });

  it('\\x85 and \\u2028 inside a value do not end the line (python3)', () => {
    expect(raw('[default]\nk2 = a\u0085b\u2028c\n')).toEqual({ default: { k2: 'a\u0085b\u2028c' } });
  });

  it('NUL bytes are ordinary characters (python3)', () => {
    expect(raw('[default]\nk = a\u0000b\n')).toEqual({ default: { k: 'a\u0000b' } });
  });
});

describe('§4.2 case', () => {
  it('keys are lower-cased; the key as written is kept as rawKey (C05, P14)', () => {
    const e = parseIni('[default]\nAWS_Access_Key_ID = v\n', FILE).sections[0].entries.get('aws_access_key_id');
    expect(e).toMatchObject({ key: 'aws_access_key_id', rawKey: 'AWS_Access_Key_ID', value: 'v' });
  });

  it('section names keep their case: [Default] is not default (C06, P42)', () => {
    expect(raw('[Default]\nk = v\n')).toEqual({ Default: { k: 'v' } });
  });
});

describe('§4.2 comments, quotes, interpolation', () => {
  it('whole lines starting with # or ; are comments, also indented ones (C09, P06)', () => {
    expect(raw('# top\n[default]\n; semi\nk = v\n  # indented comment\nk2 = v2\n')).toEqual({ default: { k: 'v', k2: 'v2' } });
  });

  it('there are no inline comments (C08, P03, P04, P05)', () => {
    expect(raw('[default]\nk = v # c\nk2 = v ; c\nk3 = v#c\n')).toEqual({ default: { k: 'v # c', k2: 'v ; c', k3: 'v#c' } });
  });

  it('a URL fragment after a space stays in the value (P52)', () => {
    expect(raw('[default]\nsso_start_url = https://x.awsapps.com/start #/\n')).toEqual({
      default: { sso_start_url: 'https://x.awsapps.com/start #/' },
    });
  });

  it('quotes are kept literally and % is not interpolated (C28, C29, P29)', () => {
    expect(raw('[default]\nk = "v"\nk2 = \'v\'\nk3 = 50%\nk4 = %(k)s\n')).toEqual({
      default: { k: '"v"', k2: "'v'", k3: '50%', k4: '%(k)s' },
    });
  });

  it('values are never converted: true and 12 stay strings (P32)', () => {
    expect(raw('[default]\nb = true\nn = 12\n')).toEqual({ default: { b: 'true', n: '12' } });
  });
});

describe('§4.2 strict mode', () => {
  it('a duplicate section is a ConfigParseError at the second header (C10, D21, P15; python3: DuplicateSectionError line 3)', () => {
    expectParseError('[default]\na = 1\n[default]\nb = 2\n', 3);
  });

  it('a duplicate key is detected after lower-casing (C11, C36, P16; python3: DuplicateOptionError line 3)', () => {
    expectParseError('[default]\nA = 1\na = 2\n', 3);
  });

  it('k[] array syntax is a duplicate key (P34)', () => {
    expectParseError('[default]\nk[] = 1\nk[] = 2\n', 3);
  });

  it('a duplicate section is reported even after a junk line (python3: DuplicateSectionError line 3)', () => {
    expectParseError('[default]\njunk\n[default]\n', 3);
  });

  it('[DEFAULT] may be repeated and its keys accumulate (§3.3 item 7; python3)', () => {
    expect(raw('[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[x]\n')).toEqual({ x: { a: '1', b: '2' } });
  });

  it('a key repeated across two [DEFAULT] headers is a duplicate (python3: DuplicateOptionError line 4)', () => {
    expectParseError('[DEFAULT]\na = 1\n[DEFAULT]\nA = 2\n[x]\n', 4);
  });
});

describe('§4.2 malformed lines', () => {
  it('a line without delimiter is a ConfigParseError naming that line (C13, P26)', () => {
    expectParseError('[default]\nk = v\njunk\n', 3);
  });

  it('with several bad lines the first one is named (python3: ParsingError errors[0] is line 3)', () => {
    expectParseError('[default]\nk = v\njunk\nmore junk\n= v\n', 3);
  });

  it('an empty key is a ConfigParseError (P38; python3: ParsingError line 2)', () => {
    expectParseError('[default]\n= v\nk = v\n', 2);
  });

  it('an empty key opens no value: a deeper line after it is a bad line, not a continuation (python3: errors at 2 and 3)', () => {
    expectParseError('[default]\n= v\n  cont\n', 2);
  });

  it('text before the first header is a ConfigParseError (C16, P35; python3: MissingSectionHeaderError line 1)', () => {
    expectParseError('k = v\n[default]\nk2 = v2\n', 1);
  });

  it('comments and blank lines before the first header are fine; the first key line is named (python3: line 3)', () => {
    expectParseError('# c\n\nk = v\n[d]\n', 3);
  });

  it('a UTF-8 BOM is not stripped, so the first line is no header (C17, P11; python3: MissingSectionHeaderError line 1)', () => {
    expectParseError('\ufeff[default]\nk = v\n', 1);
  });

  it('\\ufeff is not whitespace: inside a section it becomes part of a key (python3)', () => {
    expect(raw('[default]\nk = a\n\ufeffb = c\n')).toEqual({ default: { k: 'a', '\ufeffb': 'c' } });
  });
});

describe('§4.2 empty input and line endings', () => {
  it('an empty value is allowed and gives "" (C12, P12, P13)', () => {
    expect(raw('[default]\nk =\nk2 = v2\n')).toEqual({ default: { k: '', k2: 'v2' } });
    expect(raw('[default]\nk2 = v2\nk =\n')).toEqual({ default: { k2: 'v2', k: '' } });
  });

  it('an empty or blank file has no sections (C41)', () => {
    expect(raw('')).toEqual({});
    expect(raw('  \n\t\n')).toEqual({});
  });

  it('CRLF line endings are fine (C42, P09)', () => {
    expect(raw('[default]\r\nk = v\r\n')).toEqual({ default: { k: 'v' } });
  });

  it('a lone CR ends a line (universal newlines; P10, C33)', () => {
    expect(raw('[default]\rk = v\r')).toEqual({ default: { k: 'v' } });
  });

  it('mixed endings and no final newline (python3)', () => {
    expect(raw('[default]\r\na = 1\rb = 2\nc = 3')).toEqual({ default: { a: '1', b: '2', c: '3' } });
  });

  it('line numbers count CR, LF and CRLF each as one line end', () => {
    expectParseError('[default]\r\na = 1\rjunk\n', 3);
  });
});

describe('§4.2 section headers', () => {
  it('the name runs from the first [ to the last ] (§3.3 item 7; python3)', () => {
    expect(raw('[a]b] # x\nk = v\n')).toEqual({ 'a]b': { k: 'v' } });
  });

  it('text after the last ] is ignored (C37, P31)', () => {
    expect(raw('[default] # x\nk = v\n')).toEqual({ default: { k: 'v' } });
  });

  it('trailing blanks after the header are fine (C43)', () => {
    expect(raw('[default]   \t\nk = v\n')).toEqual({ default: { k: 'v' } });
  });

  it('the name is not stripped inside the brackets (C33, D10, P30)', () => {
    expect(raw('[ default ]\nk = v\n')).toEqual({ ' default ': { k: 'v' } });
  });

  it('[] is not a header: inside a section it is a bad line (python3: ParsingError line 2)', () => {
    expectParseError('[default]\n[]\n', 2);
  });

  it('[] is not a header: at the top it is text before the first header (python3: MissingSectionHeaderError line 1)', () => {
    expectParseError('[]\n', 1);
  });

  it('[x without ] is a bad line (python3: ParsingError line 2)', () => {
    expectParseError('[default]\n[x\n', 2);
  });

  it('an indented header is a header when no value is open (python3)', () => {
    expect(raw('  [x]\nk = v\n')).toEqual({ x: { k: 'v' } });
  });

  it('each section and entry remembers its 1-based line', () => {
    const doc = parseIni('# c\n[a]\nk = 1\n\n[b]\n\nK = 2\n', FILE);
    expect(doc.sections.map((s) => [s.name, s.line])).toEqual([
      ['a', 2],
      ['b', 5],
    ]);
    expect(doc.sections[1].entries.get('k')).toMatchObject({ line: 7, section: 'b', rawKey: 'K' });
  });

  it('sections and keys keep file order (cp.sections(), cp.options())', () => {
    expect(order('[z]\nb = 1\na = 2\n[a]\nz = 1\n')).toEqual([
      ['z', ['b', 'a']],
      ['a', ['z']],
    ]);
  });
});

describe('§4.2 continuation lines', () => {
  it('a line indented deeper than its key continues the value, joined with \\n (C25, P07)', () => {
    expect(raw('[default]\nk = v\n  more\nk2 = v2\n')).toEqual({ default: { k: 'v\nmore', k2: 'v2' } });
  });

  it('blank lines inside a value are kept, trailing ones stripped (§3.3 item 5; python3)', () => {
    expect(raw('[default]\nk = a\n\n  b\n\n\nk2 = c\n')).toEqual({ default: { k: 'a\n\nb', k2: 'c' } });
    expect(raw('[default]\nk = a\n  b\n\n\n')).toEqual({ default: { k: 'a\nb' } });
    expect(raw('[default]\nk = v\n\n\n  \n')).toEqual({ default: { k: 'v' } });
  });

  it('an indented key = value after a key is part of that value (C14)', () => {
    expect(raw('[default]\naws_access_key_id = AK\n  aws_secret_access_key = SK\n')).toEqual({
      default: { aws_access_key_id: 'AK\naws_secret_access_key = SK' },
    });
  });

  it('lines at the same indentation are separate keys (C15, C40)', () => {
    expect(raw('[default]\n  a = 1\n  b = 2\n')).toEqual({ default: { a: '1', b: '2' } });
  });

  it('only the key line sets the indentation: any deeper line continues (python3)', () => {
    expect(raw('[default]\nk = 1\n  l = 2\n    m = 3\n  n = 4\n')).toEqual({ default: { k: '1\nl = 2\nm = 3\nn = 4' } });
  });

  it('an indented [section] line is a continuation, not a header (C45, P53)', () => {
    expect(raw('[default]\nk = v\n  [other]\nk2 = v2\n')).toEqual({ default: { k: 'v\n[other]', k2: 'v2' } });
  });

  it('a tab counts as one column (§3.3 item 6; python3)', () => {
    expect(raw('[default]\nk = v\n\tmore\n')).toEqual({ default: { k: 'v\nmore' } });
    // two spaces then a tab: the tab line is at column 1, not deeper, so it is a bad line
    expectParseError('[default]\n  k = v\n\tmore\n', 3);
  });

  it('a comment inside a value is skipped and adds no blank line (P51; python3)', () => {
    expect(raw('[default]\nk = a\n  # c\n  b\n')).toEqual({ default: { k: 'a\nb' } });
  });

  it('a comment at column 0 does not end the value (python3)', () => {
    expect(raw('[default]\nk = a\n# c\n  b\n')).toEqual({ default: { k: 'a\nb' } });
  });

  it('after a header no value is open: an indented first line is a key (C40)', () => {
    expect(raw('[default]\n    aws_access_key_id = IND_AK\n    aws_secret_access_key = IND_SK\n')).toEqual({
      default: { aws_access_key_id: 'IND_AK', aws_secret_access_key: 'IND_SK' },
    });
  });

  it('Python whitespace (\\u3000, \\x1c, \\f) counts as indentation (python3)', () => {
    expect(raw('[default]\nk = a\n\u3000b\n\u001cc\n\fd\n')).toEqual({ default: { k: 'a\nb\nc\nd' } });
  });

  it('a blank section between two sections does not leak values (python3)', () => {
    expect(raw('[a]\nk = 1\n\n[b]\n\nk = 2\n')).toEqual({ a: { k: '1' }, b: { k: '2' } });
  });
});

describe('§4.2 [DEFAULT]', () => {
  it('[DEFAULT] is not a section; its keys go to every section, section values win (C18, P17)', () => {
    expect(raw('[DEFAULT]\nx = fromDEFAULT\n[default]\nk = v\n[other]\nk = o\n')).toEqual({
      default: { k: 'v', x: 'fromDEFAULT' },
      other: { k: 'o', x: 'fromDEFAULT' },
    });
  });

  it('own keys come first, then inherited ones, as cp.options() lists them (python3)', () => {
    expect(order('[DEFAULT]\nx = d\nk = d\n[default]\nk = v\n[other]\n')).toEqual([
      ['default', ['k', 'x']],
      ['other', ['x', 'k']],
    ]);
  });

  it('an inherited entry says it was written in DEFAULT, with its own line', () => {
    const doc = parseIni('[DEFAULT]\nx = d\n[a]\nk = v\n', FILE);
    expect(doc.sections[0].entries.get('x')).toMatchObject({ value: 'd', section: 'DEFAULT', line: 2 });
    expect(doc.defaults.get('x')).toMatchObject({ value: 'd', line: 2 });
  });

  it('[DEFAULT] alone gives no sections (C19)', () => {
    expect(raw('[DEFAULT]\nx = 1\n')).toEqual({});
  });

  it('[DEFAULT] after a section still applies to it (python3)', () => {
    expect(raw('[a]\nk = 1\n[DEFAULT]\nx = 2\n')).toEqual({ a: { k: '1', x: '2' } });
  });

  it('only the exact spelling DEFAULT is special (P42)', () => {
    expect(raw('[Default]\nx = 1\n[default]\ny = 2\n')).toEqual({ Default: { x: '1' }, default: { y: '2' } });
  });
});

describe('§4.3 nested values', () => {
  it('a value that starts with a newline becomes a dictionary (D13)', () => {
    expect(raw('[default]\ns3 =\n  max_concurrency = 10\n')).toEqual({ default: { s3: { max_concurrency: '10' } } });
  });

  it('nested keys keep their case (C46, P49)', () => {
    expect(raw('[default]\ns3 =\n  Addressing_Style = path\n')).toEqual({ default: { s3: { Addressing_Style: 'path' } } });
  });

  it('nested lines split at the first "=" only; ":" is no delimiter there (§3.3 item 9; python3)', () => {
    expect(raw('[default]\ns3 =\n  a = b = c\n  x: y = z\n')).toEqual({ default: { s3: { a: 'b = c', 'x: y': 'z' } } });
  });

  it('a nested line without "=" is a ConfigParseError naming that line (D14, C39, P41)', () => {
    expectParseError('[default]\ns3 =\n  a = 1\n  novalue\n', 4);
  });

  it('blank lines and comments inside a nested block are skipped (P39, P51)', () => {
    expect(raw('[default]\ns3 =\n  a = 1\n\n  # c\n  b = 2\nk = v\n')).toEqual({ default: { s3: { a: '1', b: '2' }, k: 'v' } });
  });

  it('a blank line right after the key still makes a nested block (python3)', () => {
    expect(raw('[default]\nk =\n\n  a = 1\n')).toEqual({ default: { k: { a: '1' } } });
  });

  it('tab-indented nested lines work (P40)', () => {
    expect(raw('[default]\ns3 =\n\taddressing_style = path\n')).toEqual({ default: { s3: { addressing_style: 'path' } } });
  });

  it('a value that does not start with a newline stays a string (C38, P07)', () => {
    expect(raw('[default]\nk = v\n  a = b\n')).toEqual({ default: { k: 'v\na = b' } });
  });

  it('credential keys are nested too (C40 of §4.3)', () => {
    expect(raw('[default]\naws_access_key_id =\n  a = b\n')).toEqual({ default: { aws_access_key_id: { a: 'b' } } });
  });

  it('nested blocks in [DEFAULT] are inherited as dictionaries (python3)', () => {
    expect(raw('[DEFAULT]\ns3 =\n  a = 1\n[x]\n')).toEqual({ x: { s3: { a: '1' } } });
  });

  it('a repeated nested key keeps the last value; empty keys and values are allowed (python3)', () => {
    expect(raw('[default]\ns3 =\n  a = 1\n  a = 2\n  b =\n  = x\n')).toEqual({ default: { s3: { a: '2', b: '', '': 'x' } } });
  });

  it('nested lines are split with str.splitlines(), so \\x1c and \\x85 end a nested line (python3)', () => {
    expect(raw('[default]\ns3 =\n  a = 1\u001cb = 2\u0085c = 3\n')).toEqual({ default: { s3: { a: '1', b: '2', c: '3' } } });
  });

  // once known divergences, fixed: kept as plain tests so they stay fixed

  it('a nested key named __proto__ is kept (python3: {"s3": {"__proto__": "x", "b": "1"}})', () => {
    const s3 = parseIni('[default]\ns3 =\n  __proto__ = x\n  b = 1\n', FILE).sections[0].entries.get('s3')!.value;
    expect(Object.entries(s3)).toEqual([
      ['__proto__', 'x'],
      ['b', '1'],
    ]);
  });

  it('a bad nested block in [DEFAULT] is no error when there is no section (python3: {})', () => {
    expect(raw('[DEFAULT]\ns3 =\n  novalue\n')).toEqual({});
  });

  it('a bad nested block in [DEFAULT] is no error when every section overrides the key (python3: {"x": {"s3": "ok"}})', () => {
    expect(raw('[DEFAULT]\ns3 =\n  bad\n[x]\ns3 = ok\n')).toEqual({ x: { s3: 'ok' } });
  });

  it('a bad nested block in [DEFAULT] that a section inherits is a ConfigParseError (python3: ValueError)', () => {
    expectParseError('[DEFAULT]\ns3 =\n  bad\n[x]\n', 3);
  });
});

describe('§4.2 key lower-casing follows Python 3.11 str.lower()', () => {
  it('non-ASCII capitals are lower-cased as Python does (python3: É→é, Σ→σ/ς, İ→i̇)', () => {
    expect(Object.keys(raw('[a]\nÉ = 1\nΣΑΣ = 2\nİ = 3\n').a)).toEqual(['é', 'σας', 'i\u0307']);
  });

  it('letters new after Unicode 14 are not lower-cased, as by Python 3.11 (python3: keys "ᲊ" and "Ᲊ", no duplicate)', () => {
    expect(raw('[a]\n\u1c8a = 1\n\u1c89 = 2\n')).toEqual({ a: { '\u1c8a': '1', '\u1c89': '2' } });
  });

  it('a final sigma next to such a letter lowers as in Python 3.11 (python3: "ας\u1c89", "\u1c89σ", "ας\U00010d50β")', () => {
    expect(Object.keys(raw('[a]\nΑΣ\u1c89 = 1\n\u1c89Σ = 2\nΑΣ\u{10d50}Β = 3\n').a)).toEqual(['ας\u1c89', '\u1c89σ', 'ας\u{10d50}β']);
  });
});

describe('splitLines (universal newlines)', () => {
  it('\\n, \\r\\n and a lone \\r end a line; a final line end adds no empty line (python3 io universal newlines)', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n')).toEqual(['a']);
    expect(splitLines('\n\n')).toEqual(['', '']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\r\r\nb')).toEqual(['a', '', 'b']);
  });

  it('linesOf yields the same lines one at a time (the parser reads a file without an array of its lines)', () => {
    const parts = ['a', '', '\r', '\n', '\r\n', ' k = v', '\u2028', '[s]'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: next() % 12 }, () => parts[next() % parts.length]).join('');
      expect([...linesOf(text)]).toEqual(splitLines(text));
    }
  });

  it('\\x85, \\u2028, \\v, \\f and \\x1c do not end a line in a file (python3)', () => {
    expect(splitLines('a\u0085b\u2028c\u000bd\fe\u001cf\n')).toEqual(['a\u0085b\u2028c\u000bd\fe\u001cf']);
  });
});

describe('decodeIni (UTF-8, strict)', () => {
  it('valid UTF-8 decodes; a BOM is kept as \\ufeff (C17, P11)', () => {
    expect(decodeIni(Buffer.from('\ufeff[d]\nk = café\n', 'utf8'), FILE)).toBe('\ufeff[d]\nk = café\n');
  });

  it('an undecodable byte is a ConfigParseError naming file and line (C27, C34, P36)', () => {
    const e = failure(() => decodeIni(Buffer.from('[default]\nk = caf\xe9\n', 'latin1'), FILE));
    expect(e.type).toBe('ConfigParseError');
    expect(e.where).toEqual({ file: FILE, line: 2 });
    expect(e.message).toContain(FILE);
    expect(e.message).toMatch(/\bline 2\b/);
  });

  it('the line of an undecodable byte counts lone CR line ends like the parser does', () => {
    const e = failure(() => decodeIni(Buffer.from('[default]\ra = 1\rk = caf\xe9\r', 'latin1'), FILE));
    expect(e.where).toEqual({ file: FILE, line: 3 });
  });

  it('surrogates, code points above U+10FFFF, overlong forms and a truncated sequence are errors (python3)', () => {
    for (const bad of [[0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82]]) {
      const bytes = Buffer.concat([Buffer.from('[d]\na = 1\r\nk = '), Buffer.from(bad)]);
      expect(failure(() => decodeIni(bytes, FILE)).where).toEqual({ file: FILE, line: 3 });
    }
  });
});

describe('error messages name file, line, section, key and what is wrong, never the text of the line', () => {
  // shaped like real key material: a wrapped secret must not reach the message whichever way it breaks the file
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY9Canary01';
  const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDcanary02==';
  const noSecret = (e: BotoError) => {
    for (const s of [SECRET, TOKEN, SECRET.slice(0, 12), TOKEN.slice(0, 12), TOKEN.slice(-14)]) expect(e.message.toLowerCase()).not.toContain(s.toLowerCase());
  };

  it('a wrapped secret key (indented, no "=") is a nested-block error naming section and key, not the secret (D14)', () => {
    const e = expectParseError(`[default]\naws_access_key_id = AKIAX\naws_secret_access_key =\n    ${SECRET}\n`, 4);
    noSecret(e);
    expect(e.message).toMatch(/in section \[default\], key "aws_secret_access_key": .*has no "="/);
    expect(e.message).toContain(`${SECRET.length} characters, not shown`);
  });

  it('a wrapped secret that is not indented is a bad line named after the key it follows', () => {
    const e = expectParseError(`[prod]\naws_secret_access_key =\n${SECRET}\n`, 3);
    noSecret(e);
    expect(e.message).toMatch(/in section \[prod\], after key "aws_secret_access_key": a line of 39 characters \(not shown\) is neither/);
  });

  it('a long line is not shown even in part', () => {
    const e = expectParseError(`[a]\nk = v\n${SECRET}${SECRET}\n`, 3);
    noSecret(e);
  });

  it('a wrapped token whose continuation holds "=" and repeats is a duplicate key, and the key is not shown: it is shaped like a secret', () => {
    const e = expectParseError(`[default]\naws_session_token =\n${TOKEN}\n${TOKEN}\n`, 4);
    noSecret(e);
    expect(e.message).toMatch(/key "\(a \d+-character name shaped like a secret, not shown\)" appears twice in section \[default\] \(first at line 3\)/);
  });

  it('an invalid UTF-8 byte inside a secret names section and key, not the bytes around it', () => {
    const bytes = Buffer.concat([Buffer.from(`[ci]\nregion = x\naws_secret_access_key = ${SECRET}`), Buffer.from([0xff]), Buffer.from(`${SECRET}\n`)]);
    const e = failure(() => decodeIni(bytes, FILE));
    expect(e.where).toEqual({ file: FILE, line: 3 });
    expect(e.message).toMatch(/line 3: in section \[ci\], key "aws_secret_access_key": bytes that are not valid UTF-8/);
    noSecret(e);
  });

  it('an invalid UTF-8 byte in a continuation line names the key it continues', () => {
    const bytes = Buffer.concat([Buffer.from(`[ci]\naws_session_token = abc\n  ${TOKEN}`), Buffer.from([0xc0]), Buffer.from('\n')]);
    expect(failure(() => decodeIni(bytes, FILE)).message).toMatch(/line 3: in section \[ci\], key "aws_session_token": /);
  });

  it('a key before the first header is named; its value is not', () => {
    const e = expectParseError(`aws_secret_access_key = ${SECRET}\n[default]\n`, 1);
    expect(e.message).toMatch(/key "aws_secret_access_key": text before the first \[section\] header/);
    noSecret(e);
  });

  it('an empty key names the section; the value is not shown', () => {
    const e = expectParseError(`[x]\n= ${SECRET}\n`, 2);
    expect(e.message).toMatch(/in section \[x\]: a line starts with a delimiter/);
    noSecret(e);
  });

  it('a duplicate section and a duplicate key name both lines', () => {
    expect(expectParseError('[a]\nk = 1\n[a]\n', 3).message).toMatch(/section \[a\] appears twice \(first at line 1\)/);
    expect(expectParseError('[a]\nk = 1\nK = 2\n', 3).message).toMatch(/key "k" appears twice in section \[a\] \(first at line 2\)/);
  });

  it('a huge section name is cut in the message', () => {
    const name = 'x'.repeat(100_000);
    const e = expectParseError(`[${name}]\n[${name}]\n`, 2);
    expect(e.message.length).toBeLessThan(400);
  });
});
