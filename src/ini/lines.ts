// The lines of a shared file without an array of them: where each line starts in the text, four bytes a line, as
// botocore's parser counts lines. The parser reads a file through it one line at a time (parse.ts linesOf), and
// doctor's rules read single lines back: a config of a million keys held as a million line strings cost 40 MB.

/** a file's text and where its lines start (the shape SharedFileView and doctor's scan share) */
export interface LinedText {
  text: string;
  /**
   * the offset in `text` where each line starts, as botocore's parser counts lines (\r\n, \r and \n end a line),
   * then the text's length: line n (1-based) starts at lineStarts[n - 1]
   */
  lineStarts: Uint32Array;
}

const LF = 0x0a;
const CR = 0x0d;

/** where each line starts, then the text's length; a final line break does not start another line (splitLines) */
export function lineStartsOf(text: string): Uint32Array {
  let starts: Uint32Array = new Uint32Array(Math.max(16, text.length >>> 5));
  let n = 0;
  // the next \n and \r at or after `at`, found by indexOf (a scan of native speed) rather than char by char; -1 once
  // there are no more, so a file without \r is searched for one only once
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (let at = 0; at < text.length;) {
    if (n + 2 > starts.length) starts = grown(starts);
    starts[n++] = at;
    if (lf !== -1 && lf < at) lf = text.indexOf('\n', at);
    if (cr !== -1 && cr < at) cr = text.indexOf('\r', at);
    if (cr !== -1 && (lf === -1 || cr < lf)) at = cr + (text.charCodeAt(cr + 1) === LF ? 2 : 1);
    else if (lf !== -1) at = lf + 1;
    else break;
  }
  starts[n] = text.length;
  return starts.slice(0, n + 1);
}

function grown(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

export function lineCount(f: LinedText): number {
  return f.lineStarts.length - 1;
}

/** the offset where a 1-based line starts */
export function lineStart(f: LinedText, n: number): number {
  return f.lineStarts[n - 1];
}

/** the offset where a 1-based line's text ends, before its line break */
export function lineEnd(f: LinedText, n: number): number {
  const start = f.lineStarts[n - 1];
  let end = f.lineStarts[n];
  // a line's text never ends in \r (that would have ended the line), so \r\n, \n and \r are the only endings
  if (end > start && f.text.charCodeAt(end - 1) === LF) end--;
  if (end > start && f.text.charCodeAt(end - 1) === CR) end--;
  return end;
}

/** the text of a 1-based line, without its line break; '' for a line the file does not have */
export function lineText(f: LinedText, n: number): string {
  if (n < 1 || n > lineCount(f)) return '';
  return f.text.slice(lineStart(f, n), lineEnd(f, n));
}

/** the 1-based line holding an offset of the text */
export function lineAtOffset(f: LinedText, offset: number): number {
  let lo = 0;
  let hi = lineCount(f) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (f.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * the first line that starts with a [DEFAULT] header (after whitespace, as /^\s*\[DEFAULT\]/ reads a line), or 0:
 * found with indexOf over the text instead of a regular expression per line
 */
export function defaultHeaderLine(f: LinedText): number {
  const HEADER = '[DEFAULT]';
  for (let i = f.text.indexOf(HEADER); i >= 0;) {
    const n = lineAtOffset(f, i);
    if (/^\s*$/.test(f.text.slice(lineStart(f, n), i))) return n;
    i = f.text.indexOf(HEADER, lineEnd(f, n));
  }
  return 0;
}
