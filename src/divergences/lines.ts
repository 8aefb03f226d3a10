// The lines of a shared file without an array of them: where each line starts in the text, four bytes a line. A
// config of a million keys held as a million line strings cost 40 MB for rules that read a few of them, or read
// only a character or two of each.

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
  let count = 0;
  walkBreaks(text, () => count++);
  const lastEnded = count > 0 && endsWithBreak(text);
  const lines = text.length === 0 ? 0 : lastEnded ? count : count + 1;
  const starts = new Uint32Array(lines + 1);
  let n = 1;
  walkBreaks(text, (next) => {
    if (n < lines) starts[n++] = next;
  });
  starts[lines] = text.length;
  return starts;
}

/** calls `found` with the offset after each line break */
function walkBreaks(text: string, found: (next: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      found(i + 1);
    } else if (c === LF) found(i + 1);
  }
}

function endsWithBreak(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === LF || c === CR;
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
