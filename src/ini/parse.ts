// An INI parser that reproduces Python's configparser.RawConfigParser() (strict, '=' and ':' delimiters, whole-line
// '#'/';' comments, continuation lines, [DEFAULT] inheritance) followed by botocore's raw_config_parse (nested
// sub-sections for values that start with a newline). Every entry keeps its line numbers for provenance.
import { BotoError } from '../core/errors';
import { looksLikeSecretName } from '../core/secrets';
import { lineCount, lineStartsOf, lineText } from './lines';
import { indentOf, isPySpace, pyLower, pyRstrip, pySplitlines, pyStrip } from '../python/pyText';

export type IniValue = string | Record<string, string>;

export interface IniEntry {
  /** the key as botocore sees it: lower-cased */
  key: string;
  /** the key as written */
  rawKey: string;
  value: IniValue;
  /** 1-based line of `key = value` */
  line: number;
  /** the section the entry was written in ("DEFAULT" when inherited) */
  section: string;
  /** the file's path: with it an entry is also the profile map's Setting, so no copy is made per key */
  file: string;
}

export interface IniSection {
  name: string;
  /** 1-based line of the header */
  line: number;
  /** own entries first, then those inherited from [DEFAULT], as configparser's options() lists them */
  entries: Map<string, IniEntry>;
}

export interface IniDocument {
  path: string;
  sections: IniSection[];
  /** the [DEFAULT] section's own entries */
  defaults: Map<string, IniEntry>;
}

/** a value that spans lines: its parts, joined (and parsed as a nested block) once the whole file is read */
interface MultiLine {
  entry: IniEntry;
  section: IniSection | null;
  parts: string[];
  partLines: number[];
}

/**
 * A ConfigParseError naming the file, the line, and in `why` the section, key and what is wrong. Never the line's
 * text: a broken line is often a wrapped secret (`aws_secret_access_key =` and the key on the next line).
 */
export function parseError(path: string, line: number, why: string): BotoError {
  return new BotoError(
    'ConfigParseError',
    `Unable to parse config file: ${path} (line ${line}: ${why})`,
    'get_credentials',
    {
      file: path,
      line,
    },
  );
}

/** Splits as Python's universal-newline text mode does: \r\n, \r and \n end a line (src/ini/lines.ts). */
export function splitLines(text: string): string[] {
  return [...linesOf(text)];
}

/** Decodes bytes as botocore's open() does (UTF-8, strict); undecodable bytes are a ConfigParseError. */
export function decodeIni(bytes: Uint8Array, path: string): string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch {
    // name the first line that does not decode, counting \r\n, \r and \n as the parser does
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a || bytes[i] === 0x0d) {
        try {
          strict.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i++;
        line++;
        start = i + 1;
      }
    }
    throw parseError(
      path,
      line,
      `${placeOf(new TextDecoder('utf-8').decode(bytes), line)}bytes that are not valid UTF-8`,
    );
  }
}

/**
 * A section or key name as an error message shows it: quoted, cut when long, and replaced by its length when it is
 * shaped like a secret (an unindented continuation of a wrapped token reads as a key, or as a bad line).
 */
export function nameInMessage(name: string): string {
  if (looksLikeSecretName(name)) return `(a ${name.length}-character name shaped like a secret, not shown)`;
  return name.length > 64 ? `${name.slice(0, 64)}… (${name.length} characters)` : name;
}

/** "in section [s], key "k": " for the line of a file that did not decode, found by reading back from it */
function placeOf(text: string, line: number): string {
  const lines = splitLines(text);
  let key: string | undefined;
  const own = lines[line - 1] ?? '';
  if (indentOf(own) === 0) {
    const d = firstDelimiter(own);
    if (d > 0 && !own.trimStart().startsWith('[')) key = pyRstrip(own.slice(0, d));
  }
  for (let n = line - 2; n >= 0; n--) {
    const t = pyStrip(lines[n]);
    if (t.startsWith('[') && t.lastIndexOf(']') > 1)
      return (
        `in section ` +
        `[${nameInMessage(t.slice(1, t.lastIndexOf(']')))}]${key ? `, key "${nameInMessage(key)}"` : ''}: `
      );
    // a continuation line belongs to the last key above it that starts a line
    if (key === undefined && indentOf(own) > 0 && t && indentOf(lines[n]) === 0 && firstDelimiter(t) > 0)
      key = pyRstrip(t.slice(0, firstDelimiter(t)));
  }
  return key ? `key "${nameInMessage(key)}": ` : '';
}

export function parseIni(text: string, path: string): IniDocument {
  return parseIniLines(linesOf(text), path);
}

/**
 * splitLines' lines one at a time: a file of a million lines is parsed without an array of a million strings
 * beside the text (each line is garbage as soon as the parser has cut its key and value from it)
 */
export function* linesOf(text: string): Generator<string> {
  const file = { text, lineStarts: lineStartsOf(text) };
  for (let n = 1, count = lineCount(file); n <= count; n++) yield lineText(file, n);
}

/**
 * The parse of a file already split into lines (doctor parses its repaired lines without joining them again).
 * Lean on purpose, since a config may hold 100,000 profiles: a key line becomes its entry at once (the entry is
 * the profile map's Setting too), and only a value that continues on further lines keeps its parts until the end.
 */
export function parseIniLines(lines: Iterable<string>, path: string): IniDocument {
  const sections: IniSection[] = [];
  const byName = new Map<string, IniSection>();
  const defaults = new Map<string, IniEntry>();
  let defaultsSeen = false;
  /** continued values in the order they were written; [DEFAULT]'s apart, since every section may inherit them */
  const multi: MultiLine[] = [];
  const defaultMulti: MultiLine[] = [];
  let cur: Map<string, IniEntry> | null = null;
  let curSection: IniSection | null = null;
  let sectName = '';
  let opt: IniEntry | null = null;
  let optMulti: MultiLine | null = null;
  /** empty lines since the last part of `opt`: they belong to its value only if another part follows */
  let blanks = 0;
  let indentLevel = 0;
  let firstError: BotoError | null = null;
  const fail = (line: number, why: string) => {
    if (!firstError) firstError = parseError(path, line, why);
  };

  let lineNo = 0;
  for (const line of lines) {
    lineNo++;
    const stripped = pyStrip(line);
    const c0 = stripped.charCodeAt(0);
    const isComment = c0 === 0x23 || c0 === 0x3b; // # ;
    if (!stripped || isComment) {
      // an empty line may belong to a multi-line value; a comment line never does
      if (!isComment && cur && opt) blanks++;
      continue;
    }
    const value = stripped;
    const indent = indentOf(line);
    if (cur && opt && opt.rawKey !== '' && indent > indentLevel) {
      if (!optMulti) {
        optMulti = { entry: opt, section: curSection, parts: [opt.value as string], partLines: [opt.line] };
        (curSection ? multi : defaultMulti).push(optMulti);
      }
      for (; blanks > 0; blanks--) {
        optMulti.parts.push('');
        optMulti.partLines.push(0);
      }
      optMulti.parts.push(value);
      optMulti.partLines.push(lineNo);
      continue;
    }
    indentLevel = indent;
    const header = c0 === 0x5b ? value.lastIndexOf(']') : -1; // [
    if (header > 1) {
      sectName = value.slice(1, header);
      if (sectName === 'DEFAULT') {
        cur = defaults;
        curSection = null;
        defaultsSeen = true;
      } else if (byName.has(sectName)) {
        throw parseError(
          path,
          lineNo,
          `section [${nameInMessage(sectName)}] appears twice (first at line ${byName.get(sectName)!.line})`,
        );
      } else {
        curSection = { name: sectName, line: lineNo, entries: new Map() };
        cur = curSection.entries;
        byName.set(sectName, curSection);
        sections.push(curSection);
      }
      opt = null;
      optMulti = null;
      blanks = 0;
      continue;
    }
    const d = firstDelimiter(value);
    if (!cur)
      throw parseError(
        path,
        lineNo,
        `${d > 0 ? `key "${nameInMessage(pyRstrip(value.slice(0, d)))}": ` : ''}text before the first [section] header`,
      );
    if (d < 0) {
      // the text is not shown: a line without a delimiter is most often the rest of a wrapped value
      const after = opt ? `, after key "${nameInMessage(opt.rawKey)}"` : '';
      fail(lineNo, neitherHeaderNorKey(sectName, after, value.length, opt?.rawKey));
      continue;
    }
    // the key rstripped and the value stripped (the line is stripped already), each cut once from the line
    let keyEnd = d;
    while (keyEnd > 0 && isPySpace(value[keyEnd - 1])) keyEnd--;
    let valueStart = d + 1;
    while (valueStart < value.length && isPySpace(value[valueStart])) valueStart++;
    const rawKey = value.slice(0, keyEnd);
    if (!rawKey)
      fail(lineNo, `in section [${nameInMessage(sectName)}]: a line starts with a delimiter: the key is missing`);
    const key = pyLower(rawKey);
    // each section (and [DEFAULT], however often it appears) has one option map: a key seen there is a duplicate
    const seen = cur.get(key);
    if (seen) throw parseError(path, lineNo, keyAppearsTwice(key, sectName, seen.line));
    opt = {
      key,
      rawKey,
      value: value.slice(valueStart),
      line: lineNo,
      section: curSection ? sectName : 'DEFAULT',
      file: path,
    };
    optMulti = null;
    blanks = 0;
    cur.set(key, opt);
  }
  if (firstError) throw firstError;

  // botocore parses a [DEFAULT] value only where a section inherits it, so a bad nested block there is an error
  // only when some section reads it; [DEFAULT]'s own map keeps the text then
  const defaultErrors = new Map<string, unknown>();
  for (const m of defaultMulti) {
    try {
      m.entry.value = joinValue(m.parts, m.partLines, m.entry.rawKey, path, 'DEFAULT');
    } catch (e) {
      defaultErrors.set(m.entry.key, e);
      m.entry.value = pyRstrip(m.parts.join('\n'));
    }
  }
  let next = 0;
  for (const s of sections) {
    // own values first, then the inherited ones, as configparser lists a section's options
    for (; next < multi.length && multi[next].section === s; next++) {
      const m = multi[next];
      m.entry.value = joinValue(m.parts, m.partLines, m.entry.rawKey, path, s.name);
    }
    if (!defaultsSeen) continue;
    for (const [k, e] of defaults) {
      if (s.entries.has(k)) continue;
      // the error names [DEFAULT], where the block is written
      if (defaultErrors.has(k)) throw defaultErrors.get(k);
      // an inherited entry is [DEFAULT]'s own (nothing writes to entries)
      s.entries.set(k, e);
    }
  }
  const doc = { path, sections, defaults };
  SECTION_INDEX.set(doc, byName);
  return doc;
}

function firstDelimiter(s: string): number {
  const a = s.indexOf('=');
  const b = s.indexOf(':');
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

/** configparser joins the parts with \n and rstrips; botocore then parses values that start with \n as a block */
function joinValue(parts: string[], partLines: number[], rawKey: string, path: string, section: string): IniValue {
  const joined = pyRstrip(parts.join('\n'));
  if (!joined.startsWith('\n')) return joined;
  // no prototype: a nested key may be called "__proto__"
  const nested: Record<string, string> = Object.create(null);
  // map each physical part to its line so a bad nested line can be named
  for (let i = 1; i < parts.length; i++) {
    for (const sub of pySplitlines(parts[i])) {
      const t = pyStrip(sub);
      if (!t) continue;
      const eq = t.indexOf('=');
      if (eq < 0) {
        // never the line itself: `aws_secret_access_key =` with the key wrapped onto the next line lands here
        const key = nameInMessage(rawKey);
        throw parseError(path, partLines[i], nestedLineWithoutEquals(section, key, t.length));
      }
      nested[pyStrip(t.slice(0, eq))] = pyStrip(t.slice(eq + 1));
    }
  }
  return nested;
}

const SECTION_INDEX = new WeakMap<IniDocument, Map<string, IniSection>>();

/** the section of that name, found through an index built once per document (a lookup per profile stays linear) */
export function sectionNamed(doc: IniDocument, name: string): IniSection | undefined {
  let index = SECTION_INDEX.get(doc);
  if (!index) SECTION_INDEX.set(doc, (index = new Map(doc.sections.map((s) => [s.name, s]))));
  return index.get(name);
}

/** the value as text, for places botocore would treat it as a string */
export function valueText(v: IniValue | undefined): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  return JSON.stringify(v);
}

// Messages

function neitherHeaderNorKey(section: string, after: string, length: number, key: string | undefined): string {
  return (
    `in section [${nameInMessage(section)}]${after}: a line of ${length} characters (not shown) is neither a ` +
    `[section] header nor key = ` +
    `value${key !== undefined ? `; if it continues the value of "${nameInMessage(key)}", join it to that line` : ''}`
  );
}

function keyAppearsTwice(key: string, section: string, firstLine: number): string {
  return (
    `key "${nameInMessage(key)}" appears twice in section [${nameInMessage(section)}] (first at line ` + `${firstLine})`
  );
}

function nestedLineWithoutEquals(section: string, key: string, length: number): string {
  return (
    `in section [${nameInMessage(section)}], key "${key}": "${key} =" is followed by indented lines, so boto3 ` +
    `reads a nested block of "name = value" lines, and this one (${length} characters, not shown) has no "="; to ` +
    `give "${key}" a value, put it on the key's line`
  );
}
