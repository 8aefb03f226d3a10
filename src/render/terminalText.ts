// Text that reaches a terminal: values escaped so a name, a path or a message from a file, the environment or an
// endpoint can neither split a row nor drive the terminal (ESC, BEL, CR…), and lines fitted to the terminal's width
// by display width (a CJK character or an emoji takes two columns). string-width, wrap-ansi and cli-truncate are
// required only when a line has to be measured or cut, which happens only on a terminal: piped output keeps full
// values and never loads them, so plain `which` in a pipe stays near `node -e 0`.

import { escapeControl } from '../core/escape';
import { tildifyText } from '../core/mask';

type StringWidth = typeof import('string-width').default;
type WrapAnsi = typeof import('wrap-ansi').default;
type CliTruncate = typeof import('cli-truncate').default;

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** columns a string takes on a terminal (colour codes take none) */
export function displayWidth(s: string): number {
  if (PLAIN_ASCII.test(s)) return s.length;
  return (require('string-width') as { default: StringWidth }).default(s);
}

/** pads to `width` display columns */
export function padDisplay(s: string, width: number): string {
  const n = displayWidth(s);
  return n >= width ? s : s + ' '.repeat(width - n);
}

/** cut to `width` display columns, ending in … when cut */
export function truncateDisplay(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  return (require('cli-truncate') as { default: CliTruncate }).default(s, Math.max(1, width));
}

/**
 * word-wrapped to `width` display columns; a word longer than the width (an ARN, a path, a long profile name) is
 * broken after a - / : , . _ = or @ where it can be, and only where it cannot at the width itself
 */
export function wrapDisplay(s: string, width: number): string[] {
  if (displayWidth(s) <= width) return [s];
  const w = Math.max(1, width);
  return (require('wrap-ansi') as { default: WrapAnsi }).default(breakLongWords(s, w), w, { hard: true }).split('\n');
}

const BREAK_AFTER = /[-/:,._=@]/;

/**
 * Each word wider than `width` split into pieces at its last break opportunity within the width, with a space
 * between them. Each piece but the last fills its line so far that it and the next never fit on one line: the
 * added spaces always fall at a line end, where the wrapper drops them. Words holding colour codes are left whole.
 */
function breakLongWords(s: string, width: number): string {
  return s
    .split(' ')
    .map((word) => {
      if (word.includes('\x1b') || displayWidth(word) <= width) return word;
      const pieces: string[] = [];
      let rest = word;
      while (displayWidth(rest) > width) {
        let used = 0;
        let at = 0;
        let cut = 0;
        for (const ch of rest) {
          used += displayWidth(ch);
          if (used > width) break;
          at += ch.length;
          if (BREAK_AFTER.test(ch)) cut = at;
        }
        if (cut === 0) break;
        pieces.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      pieces.push(rest);
      return pieces.join(' ');
    })
    .join(' ');
}

/** the columns a terminal shows: undefined when output is not a terminal (then nothing is cut or wrapped) */
export function terminalColumns(
  env: NodeJS.ProcessEnv,
  isTTY: boolean,
  ttyColumns: number | undefined,
): number | undefined {
  if (!isTTY) return undefined;
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return ttyColumns && ttyColumns > 0 ? ttyColumns : 80;
}

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;

/**
 * Lines joined into text, each longer than `width` wrapped at word boundaries, its continuation lines indented to
 * where its value starts: after the last gap of two or more spaces that leaves room to read (a status table's
 * reason, a `key   value` line), else under the text after a leading mark (`  ! warning`), else its own indent.
 */
export function fitLines(lines: string[], width: number | undefined): string {
  if (width === undefined) return lines.join('\n') + '\n';
  // an entry may hold several lines (a rendered table); values are escaped, so every newline left is layout
  return fitLine(lines.join('\n'), width) + '\n';
}

/** fitLines for one entry, without its final newline: each line in it fitted to `width` on its own */
function fitLine(entry: string, width: number): string {
  if (PLAIN_ASCII.test(entry) && entry.length <= width) return entry;
  const out: string[] = [];
  for (const line of entry.split('\n')) {
    if ((PLAIN_ASCII.test(line) && line.length <= width) || displayWidth(line) <= width) out.push(line);
    else out.push(...wrapHanging(line, width));
  }
  return out.join('\n');
}

export interface LineWriter {
  line(entry: string): void;
  /** writes what is still held; call once, after the last line */
  end(): void;
}

/**
 * fitLines as a stream: each entry fitted as fitLines fits it and handed to `write` in pieces of about `chunk`
 * characters, so a report of a million lines is never held as one array of lines nor as one string. The pieces
 * joined are exactly fitLines(entries, width) for any entries but none (fitLines writes a lone newline for none).
 */
export function lineWriter(write: (s: string) => void, width: number | undefined, chunk = 64 * 1024): LineWriter {
  // lines kept apart and joined once per piece: a join makes one flat string, where `+=` would hand the writer a
  // tree of every line's parts, which a writer that keeps its input (a test, the hostile driver) would keep whole
  let held: string[] = [];
  let size = 0;
  const flush = () => {
    held.push('');
    write(held.join('\n'));
    held = [];
    size = 0;
  };
  return {
    line(entry) {
      const fitted = width === undefined ? entry : fitLine(entry, width);
      held.push(fitted);
      size += fitted.length + 1;
      if (size >= chunk) flush();
    },
    end() {
      if (held.length) flush();
    },
  };
}

function wrapHanging(line: string, width: number): string[] {
  const plain = line.replace(SGR, '');
  const indent = plain.length - plain.trimStart().length;
  const room = Math.max(20, Math.floor(width / 3));
  let hang = -1;
  for (const m of plain.matchAll(/ {2,}(?=\S)/g)) {
    const at = displayWidth(plain.slice(0, m.index! + m[0].length));
    if (m.index! >= indent && at <= width - room) hang = at;
  }
  if (hang < 0) hang = /^\s*\S /.test(plain) && !/^\s*[\p{L}\p{N}]/u.test(plain) ? indent + 2 : indent;
  // a terminal narrower than the room a value needs (under 20 columns) wraps from the line's start
  if (hang > width - room) hang = Math.max(0, Math.min(indent, width - room));
  const [head, tail] = splitAtColumn(line, hang);
  const body = wrapDisplay(tail, width - hang);
  return body.map((b, i) => (i === 0 ? head : ' '.repeat(hang)) + b);
}

/** `line` cut at display column `col`, colour codes kept on the side they are on */
function splitAtColumn(line: string, col: number): [string, string] {
  let seen = 0;
  let i = 0;
  while (i < line.length && seen < col) {
    if (line[i] === '\x1b') {
      const m = /^\x1b\[[0-9;]*m/.exec(line.slice(i));
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    seen += displayWidth(ch);
    i += ch.length;
  }
  return [line.slice(0, i), line.slice(i)];
}

/**
 * escapeStrings' rule for one string (home paths as ~/…, control characters escaped), for renderers that escape
 * each value as they print it instead of copying a whole report: a text that cannot hold the home path skips the
 * path pattern, which on 100,000 rows is most of the cost.
 */
export function escaper(home: string): (s: string) => string {
  const h = home.replace(/\/+$/, '');
  if (!h) return (s) => escapeControl(s);
  return (s) => escapeControl(s.includes(h) ? tildifyText(s, home) : s);
}

/** mask.ts tildify with the home path prepared once: a path under home as ~/… */
export function tildifier(home: string): (path: string) => string {
  const h = home.replace(/\/+$/, '');
  return (path) => (h && (path === h || path.startsWith(h + '/')) ? '~' + path.slice(h.length) : path);
}
