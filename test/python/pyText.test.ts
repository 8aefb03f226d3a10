// Python string semantics the parser and the profile map depend on: str.isspace()/strip(), str.lower(),
// str.splitlines(), shlex.split() (POSIX) and int(). Every expected value was produced by Python 3.11.7 (marked "python3:"), or is
// named in reference/botocore-chain.md §4.4 (D06, D09, D31, …). configparser.property.test.ts checks the same
// functions against a live Python on random input.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { indentOf, isPySpace, pyInt, pyLower, pyLstrip, pyRstrip, pySplitlines, pyStrip, shlexSplit } from '../../src/python/pyText';

const PYTHON = process.env.CREDCHAIN_PYTHON ?? 'python3';
/** python3 over every code point: {hex: lower} where str.lower() changes it (Python 3.11's Unicode 14 database) */
const pyLowerTable = (() => {
  const r = spawnSync(PYTHON, ['-c', 'import json,sys; json.dump({"%x" % c: chr(c).lower() for c in range(0x110000) if not 0xd800 <= c <= 0xdfff and chr(c).lower() != chr(c)}, sys.stdout)'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return r.status === 0 ? (JSON.parse(r.stdout) as Record<string, string>) : undefined;
})();

/** python3: ''.join(c for c in map(chr, range(0x110000)) if c.isspace()) */
const PY_ISSPACE =
  '\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

describe('isPySpace / pyStrip: str.isspace() and str.strip()', () => {
  it('isPySpace is true for exactly the characters Python calls whitespace, over all of Unicode', () => {
    const expected = new Set(PY_ISSPACE);
    const wrong: string[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (isPySpace(ch) !== expected.has(ch)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('\\ufeff, \\u200b and \\u180e are not whitespace (python3)', () => {
    expect(pyStrip('\ufeff\u200b\u180ex\u180e')).toBe('\ufeff\u200b\u180ex\u180e');
  });

  it('strip, lstrip and rstrip remove Python whitespace on their side only', () => {
    const s = `${PY_ISSPACE}a b${PY_ISSPACE}`;
    expect(pyStrip(s)).toBe('a b');
    expect(pyLstrip(s)).toBe(`a b${PY_ISSPACE}`);
    expect(pyRstrip(s)).toBe(`${PY_ISSPACE}a b`);
    expect(pyStrip(PY_ISSPACE)).toBe('');
  });
});

// without python3 the live check is skipped on a developer machine; under CI it must run
describe.skipIf(!pyLowerTable && !process.env.CI)('pyLower: str.lower() of Python 3.11', () => {
  it('agrees with python3 on every code point, alone', () => {
    if (!pyLowerTable) throw new Error(`${PYTHON} could not list str.lower() over Unicode`);
    const wrong: string[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      const want = pyLowerTable[c.toString(16)] ?? ch;
      if (pyLower(ch) !== want) wrong.push(`U+${c.toString(16).toUpperCase()} node ${JSON.stringify(pyLower(ch))} python ${JSON.stringify(want)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the letters Python 3.11 keeps stay as they are inside a key; the rest lowers (python3: "aᲉbꟋ𐵐c")', () => {
    expect(pyLower('A\u1c89B\ua7cb\u{10d50}C')).toBe('a\u1c89b\ua7cb\u{10d50}c');
  });

  it('final sigma as Python decides it, next to a kept letter (python3: "ας\u1c89", "\u1c89σ", "σ", "ας")', () => {
    expect([pyLower('ΑΣ\u1c89'), pyLower('\u1c89Σ'), pyLower('Σ'), pyLower('ΑΣ')]).toEqual(['ας\u1c89', '\u1c89σ', 'σ', 'ας']);
  });
});

describe('indentOf: configparser NONSPACECRE.search(line).start()', () => {
  it('is the index of the first non-whitespace character, a tab counting as one column', () => {
    expect(indentOf('k = v')).toBe(0);
    expect(indentOf('  k')).toBe(2);
    expect(indentOf('\tk')).toBe(1);
    expect(indentOf('\u3000\u001c\fk')).toBe(3);
  });

  it('is 0 for a line of whitespace only', () => {
    expect(indentOf('   ')).toBe(0);
    expect(indentOf('')).toBe(0);
  });
});

describe('pySplitlines: str.splitlines()', () => {
  it('breaks at \\n \\r \\r\\n \\v \\f \\x1c \\x1d \\x1e \\x85 \\u2028 \\u2029 but not \\x1f (python3)', () => {
    expect(pySplitlines('a\u000bb\fc\u001cd\u001de\u001ef\u001fg\u0085h\u2028i\u2029j')).toEqual([
      'a', 'b', 'c', 'd', 'e', 'f\u001fg', 'h', 'i', 'j',
    ]);
  });

  it('\\r\\n is one break, \\r\\r\\n two (python3)', () => {
    expect(pySplitlines('a\r\nb')).toEqual(['a', 'b']);
    expect(pySplitlines('a\r\r\nb')).toEqual(['a', '', 'b']);
    expect(pySplitlines('a\n\r')).toEqual(['a', '']);
  });

  it('a final break adds no empty element; "" gives [] and "\\n" gives [""] (python3)', () => {
    expect(pySplitlines('a\n')).toEqual(['a']);
    expect(pySplitlines('')).toEqual([]);
    expect(pySplitlines('\n')).toEqual(['']);
    expect(pySplitlines('a\n\nb')).toEqual(['a', '', 'b']);
  });
});

describe('shlexSplit: shlex.split() in POSIX mode, as _parse_section uses it', () => {
  const cases: [string, string[]][] = [
    ['profile foo', ['profile', 'foo']], // D09
    ['profile   foo', ['profile', 'foo']], // D09
    ['profile "foo bar"', ['profile', 'foo bar']], // D06
    ["profile 'a b'", ['profile', 'a b']], // D31
    ['profile a\\ c', ['profile', 'a c']], // D31
    ['profile\tx', ['profile', 'x']], // P48
    ['profile x ', ['profile', 'x']], // P47
    [' profile x', ['profile', 'x']],
    ['profile x y', ['profile', 'x', 'y']], // P50
    ['profile', ['profile']], // P43
    ['', []],
    ['   ', []],
  ];
  it.each(cases)('splits %j into %j (reference §4.4 and python3)', (input, tokens) => {
    expect(shlexSplit(input)).toEqual(tokens);
  });

  it('inside double quotes only \\" and \\\\ are escapes; other backslashes stay (python3)', () => {
    expect(shlexSplit('profile "a\\"b"')).toEqual(['profile', 'a"b']);
    expect(shlexSplit('profile "a\\\\b"')).toEqual(['profile', 'a\\b']);
    expect(shlexSplit('profile "a\\x"')).toEqual(['profile', 'a\\x']);
  });

  it('inside single quotes a backslash is literal (python3)', () => {
    expect(shlexSplit("profile 'a\\b'")).toEqual(['profile', 'a\\b']);
  });

  it('empty quotes give an empty token (python3)', () => {
    expect(shlexSplit("profile ''")).toEqual(['profile', '']);
    expect(shlexSplit('profile ""')).toEqual(['profile', '']);
  });

  it('quoted parts join the word around them (python3)', () => {
    expect(shlexSplit('a"b c"d')).toEqual(['ab cd']);
    expect(shlexSplit("profile 'it''s'")).toEqual(['profile', 'its']);
  });

  it('# starts no comment and $ is not expanded (python3)', () => {
    expect(shlexSplit('profile #x')).toEqual(['profile', '#x']);
    expect(shlexSplit('profile "$HOME"')).toEqual(['profile', '$HOME']);
    expect(shlexSplit('profile x=y')).toEqual(['profile', 'x=y']); // P55
  });

  it('only space, tab, \\r and \\n separate words; \\v and \\xa0 do not (python3)', () => {
    expect(shlexSplit('profile\r\nx')).toEqual(['profile', 'x']);
    expect(shlexSplit('profile\u000bx')).toEqual(['profile\u000bx']);
    expect(shlexSplit('profile\u00a0x')).toEqual(['profile\u00a0x']);
  });

  it('an unbalanced quote or a trailing backslash raises, as Python raises ValueError (D20)', () => {
    for (const bad of ['profile "unbalanced', "profile 'unbalanced", 'profile a\\', 'profile "a\\']) {
      expect(() => shlexSplit(bad), bad).toThrow();
    }
  });
});

describe('pyInt: int(str)', () => {
  it('accepts surrounding whitespace, a sign and single underscores between digits (python3)', () => {
    expect(pyInt(' 12 ')).toBe(12);
    expect(pyInt('1_000')).toBe(1000);
    expect(pyInt('+5')).toBe(5);
    expect(pyInt('-3')).toBe(-3);
    expect(pyInt('007')).toBe(7);
    expect(pyInt('\u30001\u3000')).toBe(1);
  });

  it('-0 is zero (python3: 0)', () => {
    expect(pyInt('-0') === 0).toBe(true);
  });

  it('rejects what int() rejects (python3: ValueError)', () => {
    for (const bad of ['', ' ', '_1', '1_', '1__0', '0x10', '1 2', '+ 1', '1.0', '12\ufeff', 'one']) {
      expect(pyInt(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('int() accepts Unicode decimal digits (python3: int("１２") == 12, int("١٢") == 12)', () => {
    expect([pyInt('１２'), pyInt('١٢')]).toEqual([12, 12]);
  });

  it('int() does not strip \\x1c-\\x1f although str.strip() does (python3: int("\\x1c12") raises ValueError)', () => {
    expect([pyInt('\u001c12'), pyInt('12\u001f')]).toEqual([undefined, undefined]);
  });
});
