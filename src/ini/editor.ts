// A comment-preserving INI editor. The file is kept as physical lines, each with its own line ending, classified
// exactly as configparser reads them (the same state machine as parse.ts). Every edit rewrites only the lines it
// must; comments, blank lines, spacing, key spelling, unknown keys and line endings (CRLF stays CRLF) pass through
// byte for byte. Callers validate with parseIni before and after; these functions assume a file that parses.
import { indentOf, isPySpace, pyLower, pyRstrip, pyStrip } from '../python/pyText';

export type LineKind = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'invalid';

export interface IniLine {
  text: string;
  /** '\n', '\r\n', '\r', or '' for a last line without one */
  eol: string;
  kind: LineKind;
}

export interface KeySpan {
  /** lower-cased, as configparser's optionxform gives it */
  key: string;
  rawKey: string;
  /** 0-based index of the `key = value` line */
  line: number;
  /** index of its last continuation line (== line when there is none) */
  last: number;
}

export interface SectionSpan {
  name: string;
  /** 0-based index of the header line */
  header: number;
  keys: KeySpan[];
  /** index of the section's last key or continuation line (the header when it has no keys); lines after it belong
   * to whatever follows */
  last: number;
}

export interface IniLayout {
  lines: IniLine[];
  sections: SectionSpan[];
  /** the ending new lines get: the file's most common one, '\n' when it has none */
  eol: string;
}

export interface EditResult {
  text: string;
  /** 1-based line of what the edit points at in the result (the key, or the header) */
  line: number;
}

/** Splits as parse.ts's splitLines does (\r\n, \r, \n), keeping each line's ending. */
export function layoutOf(text: string): IniLayout {
  const lines: IniLine[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), eol: m[0], kind: 'blank' });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '', kind: 'blank' });
  return { lines, sections: classify(lines), eol: dominantEol(lines) };
}

export function renderLayout(layout: IniLayout): string {
  return layout.lines.map((l) => l.text + l.eol).join('');
}

/** configparser's _read loop, recording what each line is instead of building values */
function classify(lines: IniLine[]): SectionSpan[] {
  const sections: SectionSpan[] = [];
  let cur: SectionSpan | null = null;
  let opt: KeySpan | null = null;
  let indentLevel = 0;
  lines.forEach((l, i) => {
    const stripped = pyStrip(l.text);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    if (isComment || !stripped) {
      l.kind = isComment ? 'comment' : 'blank';
      return;
    }
    const indent = indentOf(l.text);
    if (cur && opt && opt.rawKey !== '' && indent > indentLevel) {
      l.kind = 'continuation';
      opt.last = i;
      cur.last = i;
      return;
    }
    indentLevel = indent;
    const close = stripped.startsWith('[') ? stripped.lastIndexOf(']') : -1;
    if (close > 1) {
      l.kind = 'header';
      cur = { name: stripped.slice(1, close), header: i, keys: [], last: i };
      sections.push(cur);
      opt = null;
      return;
    }
    const d = firstDelimiter(stripped);
    if (!cur || d < 0) {
      l.kind = 'invalid';
      return;
    }
    l.kind = 'key';
    const rawKey = pyRstrip(stripped.slice(0, d));
    opt = { key: pyLower(rawKey), rawKey, line: i, last: i };
    cur.keys.push(opt);
    cur.last = i;
  });
  return sections;
}

export function firstDelimiter(s: string): number {
  const a = s.indexOf('=');
  const b = s.indexOf(':');
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

function dominantEol(lines: IniLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.eol) counts.set(l.eol, (counts.get(l.eol) ?? 0) + 1);
  let best = '\n';
  let n = 0;
  for (const [eol, c] of counts) if (c > n) [best, n] = [eol, c];
  return best;
}

/** the one section of that name ([DEFAULT] may appear several times and is never edited here) */
export function findSection(layout: IniLayout, name: string): SectionSpan | undefined {
  if (name === 'DEFAULT') throw new Error('the [DEFAULT] section is not edited by name');
  return layout.sections.find((s) => s.name === name);
}

function mustFind(layout: IniLayout, name: string): SectionSpan {
  const s = findSection(layout, name);
  if (!s) throw new Error(`no section [${name}]`);
  return s;
}

export function findKey(section: SectionSpan, key: string): KeySpan | undefined {
  const k = pyLower(key);
  return section.keys.find((s) => s.key === k);
}

/** leading whitespace of a line, as written (spaces or tabs) */
function leadOf(text: string): string {
  return text.slice(0, indentOf(text));
}

/** `=` alone when the section (or else the file) writes `key=value`, otherwise ` = ` */
function delimiterStyle(layout: IniLayout, section: SectionSpan): string {
  const sample = section.keys[section.keys.length - 1] ?? layout.sections.flatMap((s) => s.keys)[0];
  if (!sample) return ' = ';
  const text = pyStrip(layout.lines[sample.line].text);
  const d = firstDelimiter(text);
  const before = text.slice(0, d);
  const after = text.slice(d + 1);
  return before === pyRstrip(before) && (after === '' || !isPySpace(after[0])) ? '=' : ' = ';
}

/** `key = value`, or `key =` for an empty value (no trailing blank) */
export function keyLine(key: string, value: string, delimiter = ' = '): string {
  return value === '' ? key + pyRstrip(delimiter) : key + delimiter + value;
}

/** the key line with only its value replaced: indentation, key spelling and spacing stay */
export function replaceValue(text: string, value: string): string {
  const d = firstDelimiter(text);
  // an empty value: `key =`, no trailing blanks
  if (value === '') return text.slice(0, d + 1);
  const [v, end] = valueSpan(text);
  let head = text.slice(0, v);
  const tail = text.slice(end);
  // `key =` with nothing after: write `key = value`, not `key =value`
  if (v === d + 1 && d > 0 && isPySpace(text[d - 1])) head += ' ';
  return head + value + tail;
}

/** where the value sits on a key line: after the delimiter and the blanks that follow it, before trailing blanks */
export function valueSpan(text: string): [number, number] {
  let v = firstDelimiter(text) + 1;
  while (v < text.length && isPySpace(text[v])) v++;
  let end = text.length;
  while (end > v && isPySpace(text[end - 1])) end--;
  return [v, end];
}

/** gives a line without an ending (the file's last) one, before something is put after it */
function terminate(layout: IniLayout, index: number): void {
  const l = layout.lines[index];
  if (l && l.eol === '') l.eol = layout.eol;
}

/** Sets key in the section: the value is replaced in place (its continuation lines go), or a new key line goes
 * after the section's last key, indented like it so nothing after changes meaning. */
export function setKey(
  text: string,
  sectionName: string,
  key: string,
  value: string,
): EditResult & { action: 'updated' | 'added' | 'unchanged' } {
  const layout = layoutOf(text);
  const section = mustFind(layout, sectionName);
  const existing = findKey(section, key);
  if (existing) {
    const line = layout.lines[existing.line];
    const replaced = replaceValue(line.text, value);
    const drops = valueLines(layout, existing);
    if (replaced === line.text && drops.length === 0) return { text, line: existing.line + 1, action: 'unchanged' };
    line.text = replaced;
    dropLines(layout, drops);
    return { text: renderLayout(layout), line: existing.line + 1, action: 'updated' };
  }
  const anchor = section.keys.length ? section.keys[section.keys.length - 1].line : section.header;
  const at = section.last + 1;
  terminate(layout, at - 1);
  const newLine: IniLine = {
    text: leadOf(layout.lines[anchor].text) + keyLine(key, value, delimiterStyle(layout, section)),
    eol: layout.eol,
    kind: 'key',
  };
  layout.lines.splice(at, 0, newLine);
  return { text: renderLayout(layout), line: at + 1, action: 'added' };
}

/** continuation lines and the blank lines between them: the part of a value after its key line (comments stay) */
function valueLines(layout: IniLayout, k: KeySpan): number[] {
  const out: number[] = [];
  for (let i = k.line + 1; i <= k.last; i++) if (layout.lines[i].kind !== 'comment') out.push(i);
  return out;
}

function dropLines(layout: IniLayout, indexes: number[]): void {
  const drop = new Set(indexes);
  layout.lines = layout.lines.filter((_, i) => !drop.has(i));
}

/** Removes a key with its continuation lines; comments between them stay. undefined when the key is not there. */
export function unsetKey(text: string, sectionName: string, key: string): EditResult | undefined {
  const layout = layoutOf(text);
  const k = findKey(mustFind(layout, sectionName), key);
  if (!k) return undefined;
  dropLines(layout, [k.line, ...valueLines(layout, k)]);
  return { text: renderLayout(layout), line: k.line + 1 };
}

/** The lines from just after the header to the last key line: what a copy of the section carries. */
export function sectionBody(text: string, sectionName: string): string[] {
  const layout = layoutOf(text);
  const s = mustFind(layout, sectionName);
  return layout.lines.slice(s.header + 1, s.last + 1).map((l) => l.text);
}

/** Appends `[name]` and its body at the end of the file: one blank line before it unless the file already ends
 * with blank lines (or is empty), never glued to an unterminated last line, and a final newline. */
export function appendSection(text: string, name: string, body: string[]): EditResult {
  const layout = layoutOf(text);
  const n = layout.lines.length;
  terminate(layout, n - 1);
  const add: IniLine[] = [];
  if (n > 0 && layout.lines[n - 1].kind !== 'blank') add.push({ text: '', eol: layout.eol, kind: 'blank' });
  add.push({ text: `[${name}]`, eol: layout.eol, kind: 'header' });
  for (const b of body) add.push({ text: b, eol: layout.eol, kind: 'key' });
  for (const l of add) layout.lines.push(l); // `copy` of a profile with a million keys: no spread
  return { text: renderLayout(layout), line: n + add.length - body.length };
}

/** Removes a section from its header to its last key line, with the blank lines that separated it from the next
 * section (or, for the last section, from the previous one). Comments after its last key belong to what follows
 * and stay. */
export function removeSection(text: string, sectionName: string): EditResult {
  const layout = layoutOf(text);
  const s = mustFind(layout, sectionName);
  const isBlank = (i: number) => layout.lines[i]?.kind === 'blank';
  let from = s.header;
  let to = s.last;
  while (isBlank(to + 1)) to++;
  if (to === layout.lines.length - 1) while (isBlank(from - 1)) from--;
  // every line left before the cut was followed by another, so each keeps its ending
  layout.lines.splice(from, to - from + 1);
  return { text: renderLayout(layout), line: s.header + 1 };
}

/** Renames a section by rewriting its header only: indentation and anything after the closing ']' stay. */
export function renameSection(text: string, sectionName: string, newName: string): EditResult {
  const layout = layoutOf(text);
  const s = mustFind(layout, sectionName);
  const line = layout.lines[s.header];
  const start = indentOf(line.text);
  const close = line.text.lastIndexOf(']');
  line.text = `${line.text.slice(0, start)}[${newName}]${line.text.slice(close + 1)}`;
  return { text: renderLayout(layout), line: s.header + 1 };
}
