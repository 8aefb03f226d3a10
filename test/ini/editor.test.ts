// The comment-preserving editor (src/ini/editor.ts): its line model agrees with parseIni on every fixture file; each
// edit changes only the lines it must, checked against expected bytes computed here independently (from parseIni's
// line numbers and a plain line split, never from the editor's own layout); and random documents under random
// edits keep every other section's values and stay parseable (fast-check).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BotoError } from '../../src/core/errors';
import {
  appendSection,
  layoutOf,
  removeSection,
  renameSection,
  renderLayout,
  sectionBody,
  setKey,
  unsetKey,
} from '../../src/ini/editor';
import { decodeIni, parseIni, type IniDocument, type IniValue } from '../../src/ini/parse';
import { pyStrip } from '../../src/python/pyText';

// ---------------------------------------------------------------------------------------------------------------
// Independent helpers

/** physical lines, each with its own ending */
function physical(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function eolOf(line: string): string {
  return /\r\n$|\r$|\n$/.exec(line)?.[0] ?? '';
}

function body(line: string): string {
  return line.slice(0, line.length - eolOf(line).length);
}

/** section → own key → value, in order, plus [DEFAULT] */
type View = { defaults: [string, IniValue][]; sections: [string, [string, IniValue][]][] };
function view(doc: IniDocument): View {
  return {
    defaults: [...doc.defaults].map(([k, e]) => [k, e.value]),
    sections: doc.sections.map((s) => [s.name, [...s.entries.values()].filter((e) => e.section === s.name).map((e) => [e.key, e.value])]),
  };
}

function parse(text: string): IniDocument {
  return parseIni(text, '/t/config');
}

const isBlankOrComment = (line: string) => {
  const t = pyStrip(body(line));
  return t === '' || t.startsWith('#') || t.startsWith(';');
};

/** every header line (1-based), [DEFAULT] ones included, from the parser's own view of the text */
function headerLines(text: string): number[] {
  // parseIni names no [DEFAULT] header line (there may be several): those are found in the text
  const doc = parse(text);
  const lines = physical(text);
  const headers = new Set(doc.sections.map((s) => s.line));
  lines.forEach((l, i) => {
    if (/^\[DEFAULT\][^\]]*$/.test(pyStrip(body(l)))) headers.add(i + 1);
  });
  return [...headers].sort((a, b) => a - b);
}

/** fixture INI files that parse: [path, text] */
function fixtureFiles(): [string, string][] {
  const root = path.resolve(__dirname, '../../fixtures');
  const out: [string, string][] = [];
  for (const id of fs.readdirSync(root).sort()) {
    for (const name of ['config', 'credentials']) {
      const p = path.join(root, id, 'home/.aws', name);
      if (!fs.existsSync(p) || !fs.statSync(p).isFile()) continue;
      try {
        const text = decodeIni(fs.readFileSync(p), p);
        parse(text);
        out.push([`${id}/${name}`, text]);
      } catch (e) {
        if (!(e instanceof BotoError)) throw e;
      }
    }
  }
  return out;
}

const FIXTURES = fixtureFiles();

// ---------------------------------------------------------------------------------------------------------------

describe('line model', () => {
  it('covers a good number of fixture files', () => {
    expect(FIXTURES.length).toBeGreaterThan(200);
  });

  it('renders every fixture file back byte for byte', () => {
    for (const [id, text] of FIXTURES) expect(renderLayout(layoutOf(text)), id).toBe(text);
  });

  it('finds the same sections, keys and lines as parseIni on every fixture file', () => {
    for (const [id, text] of FIXTURES) {
      const doc = parse(text);
      const layout = layoutOf(text);
      const named = layout.sections.filter((s) => s.name !== 'DEFAULT');
      expect(named.map((s) => [s.name, s.header + 1]), id).toEqual(doc.sections.map((s) => [s.name, s.line]));
      for (const s of doc.sections) {
        const own = [...s.entries.values()].filter((e) => e.section === s.name);
        const span = named.find((x) => x.name === s.name)!;
        expect(span.keys.map((k) => [k.key, k.line + 1]), `${id} [${s.name}]`).toEqual(own.map((e) => [e.key, e.line]));
      }
      const defaults = layout.sections.filter((s) => s.name === 'DEFAULT').flatMap((s) => s.keys);
      expect(defaults.map((k) => [k.key, k.line + 1]), id).toEqual([...doc.defaults.values()].map((e) => [e.key, e.line]));
    }
  });

  it('classifies continuation lines, comments inside values and indented headers as configparser does', () => {
    const text = '[a]\nk = 1\n  more\n# note\n\n  still k\nj=2\n  [not a header]\n[b]\n';
    const kinds = layoutOf(text).lines.map((l) => l.kind);
    expect(kinds).toEqual(['header', 'key', 'continuation', 'comment', 'blank', 'continuation', 'key', 'continuation', 'header']);
    expect(parse(text).sections[0].entries.get('k')!.value).toBe('1\nmore\n\nstill k');
  });

  it('uses the most common line ending for new lines', () => {
    expect(layoutOf('[a]\r\nk=1\r\nj=2\n').eol).toBe('\r\n');
    expect(layoutOf('[a]').eol).toBe('\n');
    expect(layoutOf('[a]\rk=1\r').eol).toBe('\r');
  });
});

describe('setKey', () => {
  it('replaces only the value: indentation, key spelling, spacing and trailing blanks stay', () => {
    expect(setKey('[p]\n  Region :\t old  \nx=1\n', 'p', 'region', 'new').text).toBe('[p]\n  Region :\t new  \nx=1\n');
    expect(setKey('[p]\nregion=old\n', 'p', 'REGION', 'new').text).toBe('[p]\nregion=new\n');
  });

  it('gives an empty `key =` a space before the new value', () => {
    expect(setKey('[p]\nk =\n', 'p', 'k', 'v').text).toBe('[p]\nk = v\n');
    expect(setKey('[p]\nk=\n', 'p', 'k', 'v').text).toBe('[p]\nk=v\n');
  });

  it('drops the continuation lines of the old value, and the blank lines inside it, but keeps comments', () => {
    const text = '[p]\ns3 =\n  a = 1\n\n# why\n  b = 2\n\nnext = x\n';
    const r = setKey(text, 'p', 's3', 'flat');
    expect(r.text).toBe('[p]\ns3 = flat\n# why\n\nnext = x\n');
    expect(parse(r.text).sections[0].entries.get('s3')!.value).toBe('flat');
    expect(r.action).toBe('updated');
  });

  it('reports an unchanged value without touching the text', () => {
    const text = '[p]\nk = v\n';
    expect(setKey(text, 'p', 'k', 'v')).toEqual({ text, line: 2, action: 'unchanged' });
  });

  it('adds a new key after the last key of its section, before the comments and blank lines that lead the next', () => {
    const text = '[a]\nk = 1\n  cont\n\n# about b\n[b]\nx = 2\n';
    const r = setKey(text, 'a', 'new', 'v');
    expect(r.text).toBe('[a]\nk = 1\n  cont\nnew = v\n\n# about b\n[b]\nx = 2\n');
    expect(r).toMatchObject({ line: 4, action: 'added' });
  });

  it('indents a new key like the key before it, so an indented next header stays a header', () => {
    const text = '[a]\n    k = 1\n    [b]\n    x = 2\n';
    const r = setKey(text, 'a', 'j', '2');
    expect(r.text).toBe('[a]\n    k = 1\n    j = 2\n    [b]\n    x = 2\n');
    expect(parse(r.text).sections.map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('follows the section\'s `key=value` style and writes `key =` for an empty value', () => {
    expect(setKey('[a]\nk=1\n', 'a', 'j', '2').text).toBe('[a]\nk=1\nj=2\n');
    expect(setKey('[a]\nk = 1\n', 'a', 'j', '').text).toBe('[a]\nk = 1\nj =\n');
  });

  it('adds to a section without keys right after its header', () => {
    expect(setKey('[a]\n\n[b]\n', 'a', 'k', 'v').text).toBe('[a]\nk = v\n\n[b]\n');
  });

  it('keeps CRLF files CRLF and terminates an unterminated last line', () => {
    expect(setKey('[a]\r\nk = 1', 'a', 'j', '2').text).toBe('[a]\r\nk = 1\r\nj = 2\r\n');
    expect(setKey('[a]\r\nk = 1\r\n', 'a', 'k', '2').text).toBe('[a]\r\nk = 2\r\n');
  });

  it('edits only the named section, matched exactly', () => {
    const text = '[profile a]\nk = 1\n[a]\nk = 1\n';
    expect(setKey(text, 'a', 'k', '2').text).toBe('[profile a]\nk = 1\n[a]\nk = 2\n');
  });
});

describe('unsetKey', () => {
  it('removes the key line and its continuation lines, case-insensitively, keeping comments', () => {
    const text = '[a]\nK = 1\n  more\n# keep\n  more2\nj = 2\n';
    expect(unsetKey(text, 'a', 'k')!.text).toBe('[a]\n# keep\nj = 2\n');
  });

  it('returns undefined for a key that is not there', () => {
    expect(unsetKey('[a]\nk = 1\n', 'a', 'j')).toBeUndefined();
  });

  it('a section value that hid a bad [DEFAULT] block goes; the file then fails to parse on [DEFAULT], as in botocore', () => {
    const text = '[DEFAULT]\nregion = \n  aws_access_key_id : \n[a]\nregion = \n';
    const out = unsetKey(text, 'a', 'region')!.text;
    expect(out).toBe('[DEFAULT]\nregion = \n  aws_access_key_id : \n[a]\n');
    expect(() => parse(text)).not.toThrow();
    expect(() => parse(out)).toThrow('line 3: in section [DEFAULT], key "region"');
  });
});

describe('appendSection', () => {
  it('puts exactly one blank line before the new section and ends with a newline (aws/aws-cli#6874)', () => {
    expect(appendSection('[a]\nk = 1', 'b', ['x = 1']).text).toBe('[a]\nk = 1\n\n[b]\nx = 1\n');
    expect(appendSection('[a]\nk = 1\n', 'b', []).text).toBe('[a]\nk = 1\n\n[b]\n');
  });

  it('adds no blank line to a file that already ends with one, or to an empty file', () => {
    expect(appendSection('[a]\n\n', 'b', []).text).toBe('[a]\n\n[b]\n');
    expect(appendSection('', 'b', ['x = 1'])).toEqual({ text: '[b]\nx = 1\n', line: 1 });
  });

  it('writes new lines with the file\'s line ending', () => {
    expect(appendSection('[a]\r\nk = 1\r\n', 'b', ['x = 1']).text).toBe('[a]\r\nk = 1\r\n\r\n[b]\r\nx = 1\r\n');
  });

  it('returns the header line', () => {
    expect(appendSection('[a]\nk = 1\n', 'b', ['x']).line).toBe(4);
  });
});

describe('removeSection', () => {
  const text = '# top\n[a]\nk = 1\n\n[b]\n# inside b\nx = 1\n  cont\n# about c\n\n[c]\ny = 1\n';

  it('removes a middle section with the blank lines after it; comments that lead the next section stay', () => {
    expect(removeSection(text, 'a').text).toBe('# top\n[b]\n# inside b\nx = 1\n  cont\n# about c\n\n[c]\ny = 1\n');
    expect(removeSection(text, 'b').text).toBe('# top\n[a]\nk = 1\n\n# about c\n\n[c]\ny = 1\n');
  });

  it('removes the last section with the blank lines before it', () => {
    expect(removeSection(text, 'c').text).toBe('# top\n[a]\nk = 1\n\n[b]\n# inside b\nx = 1\n  cont\n# about c\n');
    expect(removeSection('[a]\nk = 1\n\n[b]\nx = 1', 'b').text).toBe('[a]\nk = 1\n');
  });
});

describe('renameSection', () => {
  it('rewrites the header only, keeping indentation and what follows the closing bracket', () => {
    expect(renameSection('  [profile a] # dev\r\nk = 1\r\n', 'profile a', 'profile b').text).toBe('  [profile b] # dev\r\nk = 1\r\n');
  });
});

describe('sectionBody', () => {
  it('is the lines from after the header to the last key line', () => {
    expect(sectionBody('[a]\n# c\nk = 1\n  more\n\n# next\n[b]\n', 'a')).toEqual(['# c', 'k = 1', '  more']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Fixture round trips: expected bytes built from the original lines and parseIni's line numbers

/** the (0-based) line where the section after `header` starts, or the line count */
function nextHeader(text: string, headerLine: number): number {
  const after = headerLines(text).filter((l) => l > headerLine);
  return after.length ? after[0] - 1 : physical(text).length;
}

function terminated(lines: string[], eol: string): string[] {
  const out = [...lines];
  if (out.length && eolOf(out[out.length - 1]) === '') out[out.length - 1] += eol;
  return out;
}

function dominantEol(text: string): string {
  const n = (re: RegExp) => (text.match(re) ?? []).length;
  const crlf = n(/\r\n/g);
  const lf = n(/\n/g) - crlf;
  const cr = n(/\r/g) - crlf;
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}

function ownEntries(doc: IniDocument, name: string) {
  const s = doc.sections.find((x) => x.name === name)!;
  return [...s.entries.values()].filter((e) => e.section === s.name);
}

/** the last line (0-based) of a key's value: the last non-blank, non-comment line before the next key or header */
function valueEnd(text: string, doc: IniDocument, section: string, keyLine: number): number {
  const s = doc.sections.find((x) => x.name === section)!;
  const lines = physical(text);
  const nextKey = ownEntries(doc, section).find((e) => e.line > keyLine)?.line ?? Infinity;
  const bound = Math.min(nextKey, nextHeader(text, s.line) + 1) - 1;
  let last = keyLine - 1;
  for (let i = keyLine; i < bound; i++) if (!isBlankOrComment(lines[i])) last = i;
  return last;
}

/** the comment lines between a key line and the end of its value: they stay when the value goes */
function keptComments(lines: string[], from: number, last: number): string[] {
  return lines.slice(from, last + 1).filter((l) => isBlankOrComment(l) && pyStrip(body(l)) !== '');
}

/** setKey on an existing key: the key line keeps everything up to its delimiter, continuation lines go */
function expectSetExisting(text: string, doc: IniDocument, section: string, key: string, value: string, out: string) {
  const e = ownEntries(doc, section).find((x) => x.key === key.toLowerCase())!;
  const lines = physical(text);
  const last = valueEnd(text, doc, section, e.line);
  const newLine = physical(out)[e.line - 1];
  const expected = [...lines.slice(0, e.line - 1), newLine, ...keptComments(lines, e.line, last), ...lines.slice(last + 1)];
  expect(out).toBe(expected.join(''));
  const keyLine = lines[e.line - 1];
  const d = Math.min(...['=', ':'].map((c) => (keyLine.indexOf(c) < 0 ? Infinity : keyLine.indexOf(c))));
  expect(newLine.startsWith(keyLine.slice(0, d + 1))).toBe(true);
  expect(eolOf(newLine)).toBe(eolOf(keyLine));
  const want = view(doc);
  want.sections.find(([name]) => name === section)![1].find(([k]) => k === e.key)![1] = value;
  expect(view(parse(out))).toEqual(want);
}

/** setKey on a new key: one line inserted after the section's last key, before trailing blank and comment lines */
function expectSetNew(text: string, doc: IniDocument, section: string, key: string, value: string, out: string) {
  const s = doc.sections.find((x) => x.name === section)!;
  const lines = physical(text);
  let at = nextHeader(text, s.line);
  while (at > s.line && isBlankOrComment(lines[at - 1])) at--;
  const got = physical(out);
  const before = at === lines.length ? terminated(lines, dominantEol(text)) : lines;
  expect([...got.slice(0, at), ...got.slice(at + 1)].join('')).toBe(before.join(''));
  expect(pyStrip(body(got[at])).replace(/ ?= ?/, '=')).toBe(`${key}=${value}`);
  const want = view(doc);
  want.sections.find(([name]) => name === section)![1].push([key.toLowerCase(), value]);
  expect(view(parse(out))).toEqual(want);
}

/** unsetKey: the key line and its continuation lines go, nothing else */
function expectUnset(text: string, doc: IniDocument, section: string, key: string, out: string) {
  const e = ownEntries(doc, section).find((x) => x.key === key.toLowerCase())!;
  const lines = physical(text);
  const last = valueEnd(text, doc, section, e.line);
  expect(out).toBe([...lines.slice(0, e.line - 1), ...keptComments(lines, e.line, last), ...lines.slice(last + 1)].join(''));
  const want = view(doc);
  const sec = want.sections.find(([name]) => name === section)!;
  sec[1] = sec[1].filter(([k]) => k !== e.key);
  const after = tryParse(out);
  if (!after) {
    // the section's own value hid a [DEFAULT] nested block botocore rejects: without it the section inherits that
    // block and botocore raises ConfigParseError naming [DEFAULT] (checked against raw_config_parse); the CLI
    // refuses such an edit (editCheck), the line edit itself is still exact
    expect(doc.defaults.has(e.key)).toBe(true);
    expect(() => parse(out)).toThrow(`in section [DEFAULT], key "${e.key}"`);
    return;
  }
  expect(view(after)).toEqual(want);
}

/** removeSection: one contiguous block goes, holding the header and keys, with only blank lines besides */
function expectRemove(text: string, doc: IniDocument, section: string, out: string) {
  const s = doc.sections.find((x) => x.name === section)!;
  const lines = physical(text);
  const got = physical(out);
  let p = 0;
  while (p < got.length && got[p] === lines[p]) p++;
  const cut = lines.length - got.length;
  expect(got.slice(p).join('')).toBe(lines.slice(p + cut).join(''));
  expect(p).toBeLessThanOrEqual(s.line - 1);
  expect(p + cut).toBeGreaterThanOrEqual(s.line);
  expect(lines.slice(p, s.line - 1).every((l) => pyStrip(body(l)) === '')).toBe(true);
  const end = nextHeader(text, s.line);
  expect(p + cut).toBeLessThanOrEqual(end);
  // after the section's last key only blank lines may go: comments there lead what follows
  let lastKey = s.line - 1;
  for (let i = s.line; i < end; i++) if (!isBlankOrComment(lines[i])) lastKey = i;
  expect(lines.slice(lastKey + 1, p + cut).every((l) => pyStrip(body(l)) === '')).toBe(true);
  const want = view(doc);
  want.sections = want.sections.filter(([name]) => name !== section);
  // headers at column 0 (every fixture, every generated document) cannot turn into continuation lines
  expect(view(parse(out))).toEqual(want);
}

/** renameSection: only the header line changes */
function expectRename(text: string, doc: IniDocument, section: string, to: string, out: string) {
  const s = doc.sections.find((x) => x.name === section)!;
  const lines = physical(text);
  const got = physical(out);
  expect(got.length).toBe(lines.length);
  expect(got.map((l, i) => (l === lines[i] ? -1 : i)).filter((i) => i >= 0)).toEqual([s.line - 1]);
  expect(eolOf(got[s.line - 1])).toBe(eolOf(lines[s.line - 1]));
  const want = view(doc);
  want.sections.find(([name]) => name === section)![0] = to;
  expect(view(parse(out))).toEqual(want);
}

/** appendSection(sectionBody): the original bytes stay a prefix; one blank line, the header, the body */
function expectCopy(text: string, doc: IniDocument, section: string, to: string, out: string) {
  const eol = dominantEol(text);
  const base = terminated(physical(text), eol).join('');
  expect(out.startsWith(base)).toBe(true);
  const rest = physical(out.slice(base.length));
  const last = physical(text).at(-1);
  const blank = last !== undefined && pyStrip(body(last)) !== '' ? 1 : 0;
  if (blank) expect(rest[0]).toBe(eol);
  expect(rest[blank]).toBe(`[${to}]${eol}`);
  for (const l of rest) expect(eolOf(l)).toBe(eol);
  const want = view(doc);
  want.sections.push([to, structuredClone(want.sections.find(([n]) => n === section)![1])]);
  expect(view(parse(out))).toEqual(want);
}

describe('fixture round trips: an edit changes only its own lines', () => {
  const each = (fn: (id: string, text: string, doc: IniDocument, section: string) => void) => {
    let n = 0;
    for (const [id, text] of FIXTURES) {
      const doc = parse(text);
      // a long file (the deep-chain fixtures hold hundreds of profiles) is edited at its first and last twenty
      // sections: the same machinery, the file's start and end included, without re-reading it a thousand times
      const sections = doc.sections.length > 40 ? [...doc.sections.slice(0, 20), ...doc.sections.slice(-20)] : doc.sections;
      for (const s of sections) {
        try {
          fn(id, text, doc, s.name);
        } catch (e) {
          (e as Error).message = `${id} [${s.name}]: ${(e as Error).message}`;
          throw e;
        }
        n++;
      }
    }
    expect(n).toBeGreaterThan(300);
  };

  it('set an existing key', () => {
    each((_id, text, doc, section) => {
      for (const e of ownEntries(doc, section)) expectSetExisting(text, doc, section, e.key.toUpperCase(), 'EDITED-VALUE', setKey(text, section, e.key.toUpperCase(), 'EDITED-VALUE').text);
    });
  });

  it('set a new key', () => {
    each((_id, text, doc, section) => expectSetNew(text, doc, section, 'credchain_new', 'v1', setKey(text, section, 'credchain_new', 'v1').text));
  });

  it('unset a key', () => {
    each((_id, text, doc, section) => {
      for (const e of ownEntries(doc, section)) expectUnset(text, doc, section, e.key, unsetKey(text, section, e.key)!.text);
    });
  });

  it('remove a section', () => {
    each((_id, text, doc, section) => expectRemove(text, doc, section, removeSection(text, section).text));
  });

  it('rename a section', () => {
    each((_id, text, doc, section) => expectRename(text, doc, section, `${section} renamed`, renameSection(text, section, `${section} renamed`).text));
  });

  it('copy a section', () => {
    each((_id, text, doc, section) => expectCopy(text, doc, section, `${section} copy`, appendSection(text, `${section} copy`, sectionBody(text, section)).text));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests

const EOLS = ['\n', '\r\n'];
const NAMES = ['a', 'b', 'dev', 'profile x', 'default', 'Prod'];
const KEYS = ['region', 'Region', 'output', 'aws_access_key_id', 's3', 'k', 'x_y'];

type GenLine = { key?: string; text: string };

const lineArb: fc.Arbitrary<GenLine> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom(...KEYS), fc.constantFrom(' = ', '=', ' : ', ' ='), fc.stringMatching(/^[a-z0-9 #;=\[\]-]{0,8}$/))
      .map(([i, k, d, v]) => ({ key: k, text: `${i}${k}${d}${v}` })),
  },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '; note', '  # indented comment', '', '   ').map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('    ', '      '), fc.stringMatching(/^[a-z]+ = [a-z0-9]*$/)).map(([i, v]) => ({ text: i + v })) },
);

/** random documents; section names and keys are made unique (strict configparser refuses duplicates) */
const docArb = fc
  .tuple(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES, 'DEFAULT'), fc.array(lineArb, { maxLength: 6 })), { maxLength: 5, selector: ([name]) => name }),
    fc.constantFrom(...EOLS),
    fc.boolean(),
    fc.array(fc.constantFrom('# lead', ''), { maxLength: 2 }),
  )
  .map(([sections, eol, finalNewline, lead]) => {
    const out: string[] = [...lead];
    for (const [name, body] of sections) {
      out.push(`[${name}]`);
      const seen = new Set<string>();
      for (const l of body) {
        if (l.key === undefined) out.push(l.text);
        else if (!seen.has(l.key.toLowerCase())) {
          seen.add(l.key.toLowerCase());
          out.push(l.text);
        }
      }
    }
    const text = out.join(eol);
    return finalNewline && text ? text + eol : text;
  });

function tryParse(text: string): IniDocument | undefined {
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof BotoError) return undefined;
    throw e;
  }
}

type Edit =
  | { kind: 'set'; key: string; value: string }
  | { kind: 'unset'; key: string }
  | { kind: 'remove' }
  | { kind: 'rename'; to: string }
  | { kind: 'copy'; to: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...KEYS, 'brand_new'), value: fc.stringMatching(/^[A-Za-z0-9/+=:#;\[\] -]{0,12}$/).map((v) => v.trim()) }),
  fc.record({ kind: fc.constant('unset' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('remove' as const) }),
  fc.record({ kind: fc.constant('rename' as const), to: fc.constantFrom('renamed', 'profile "q r"', 'z') }),
  fc.record({ kind: fc.constant('copy' as const), to: fc.constantFrom('copied', 'profile c') }),
);

describe('properties', () => {
  it('a random edit changes exactly its own lines, keeps every other section and [DEFAULT], and the file parses', () => {
    let checked = 0;
    fc.assert(
      fc.property(docArb, fc.nat(), editArb, (text, pick, edit) => {
        const doc = tryParse(text);
        fc.pre(!!doc && doc.sections.length > 0);
        const target = doc!.sections[pick % doc!.sections.length].name;
        const has = (key: string) => ownEntries(doc!, target).some((e) => e.key === key.toLowerCase());
        if (edit.kind === 'set') {
          const out = setKey(text, target, edit.key, edit.value).text;
          if (has(edit.key)) expectSetExisting(text, doc!, target, edit.key, edit.value, out);
          else expectSetNew(text, doc!, target, edit.key, edit.value, out);
        } else if (edit.kind === 'unset') {
          const r = unsetKey(text, target, edit.key);
          if (has(edit.key)) expectUnset(text, doc!, target, edit.key, r!.text);
          else expect(r).toBeUndefined();
        } else if (edit.kind === 'remove') {
          expectRemove(text, doc!, target, removeSection(text, target).text);
        } else if (doc!.sections.some((s) => s.name === edit.to)) {
          return;
        } else if (edit.kind === 'rename') {
          expectRename(text, doc!, target, edit.to, renameSection(text, target, edit.to).text);
        } else {
          expectCopy(text, doc!, target, edit.to, appendSection(text, edit.to, sectionBody(text, target)).text);
        }
        checked++;
      }),
      { numRuns: 1000 },
    );
    // most generated documents parse: the property is not vacuous
    expect(checked).toBeGreaterThan(500);
  });

  it('line endings survive any edit: a CRLF file gains no bare LF and an LF file no CR', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), editArb, (text, pick, edit) => {
        const doc = tryParse(text);
        fc.pre(!!doc && doc.sections.length > 0 && text.includes('\n'));
        const target = doc!.sections[pick % doc!.sections.length].name;
        const crlf = text.includes('\r\n');
        let out = text;
        if (edit.kind === 'set') out = setKey(text, target, edit.key, edit.value).text;
        else if (edit.kind === 'remove') out = removeSection(text, target).text;
        else if (edit.kind === 'copy' && !doc!.sections.some((s) => s.name === edit.to)) out = appendSection(text, edit.to, sectionBody(text, target)).text;
        if (crlf) expect(/(^|[^\r])\n/.test(out)).toBe(false);
        else expect(out.includes('\r')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
