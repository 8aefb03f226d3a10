// Python's string semantics where they differ from JavaScript's: str.strip() and str.isspace() (no BOM, but
// \x1c-\x1f and \x85), str.lower(), str.splitlines(), shlex.split() in POSIX mode, and int(). botocore's behaviour
// depends on them.

const PY_SPACE =
  '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ' +
  '\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const SPACE_SET = new Set(PY_SPACE);

export function isPySpace(ch: string): boolean {
  return SPACE_SET.has(ch);
}

export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}

export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && SPACE_SET.has(s[i])) i++;
  return s.slice(i);
}

export function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && SPACE_SET.has(s[j - 1])) j--;
  return s.slice(0, j);
}

/**
 * The letters Node's ICU (Unicode 17 here) lower-cases and Python 3.11's str.lower() leaves as they are: capitals added
 * after Unicode 14 (Python 3.11's database), unassigned, so uncased, for Python. Derived by running both over every
 * code point (test/python/pyText.test.ts does it again against python3): U+1C89, U+A7CB-A7DC (some), U+10D50-10D65
 * (Garay), U+16EA0-16EB8 (Beria Erfe).
 */
const PY_LOWER_KEEPS = /[\u1C89\uA7CB\uA7CC\uA7CE\uA7D2\uA7D4\uA7DA\uA7DC\u{10D50}-\u{10D65}\u{16EA0}-\u{16EB8}]/u;
const PY_LOWER_KEEPS_ALL = new RegExp(PY_LOWER_KEEPS.source, 'gu');

/**
 * str.lower() of Python 3.11 (configparser's optionxform). The kept letters are uncased for Python, so lower-casing
 * the runs between them separately keeps the final-sigma rule's context exactly as Python sees it.
 */
export function pyLower(s: string): string {
  if (!PY_LOWER_KEEPS.test(s)) return s.toLowerCase();
  let out = '';
  let at = 0;
  for (const m of s.matchAll(PY_LOWER_KEEPS_ALL)) {
    out += s.slice(at, m.index).toLowerCase() + m[0];
    at = m.index + m[0].length;
  }
  return out + s.slice(at).toLowerCase();
}

/** index of the first non-space character (Python's `re.search(r"\S", line)`), or 0 when there is none */
export function indentOf(line: string): number {
  for (let i = 0; i < line.length; i++) if (!SPACE_SET.has(line[i])) return i;
  return 0;
}

/** str.splitlines(): \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029 */
export function pySplitlines(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\r' && s[i + 1] === '\n') {
      out.push(cur);
      cur = '';
      i++;
    } else if ('\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'.includes(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** shlex.split(s) in POSIX mode; throws an Error where Python raises ValueError */
export function shlexSplit(s: string): string[] {
  const tokens: string[] = [];
  let tok = '';
  let inToken = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inToken) {
        tokens.push(tok);
        tok = '';
        inToken = false;
      }
      i++;
    } else if (c === "'") {
      inToken = true;
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new Error('No closing quotation');
      tok += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      inToken = true;
      i++;
      let closed = false;
      while (i < s.length) {
        const d = s[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\') {
          if (i + 1 >= s.length) throw new Error('No closing quotation');
          const n = s[i + 1];
          tok += n === '"' || n === '\\' ? n : '\\' + n;
          i += 2;
          continue;
        }
        tok += d;
        i++;
      }
      if (!closed) throw new Error('No closing quotation');
    } else if (c === '\\') {
      inToken = true;
      if (i + 1 >= s.length) throw new Error('No escaped character');
      tok += s[i + 1];
      i += 2;
    } else {
      inToken = true;
      tok += c;
      i++;
    }
  }
  if (inToken) tokens.push(tok);
  return tokens;
}

/**
 * Python int() of a str: surrounding whitespace (str.isspace() except \x1c-\x1f), a sign, decimal digits of any
 * script with single underscores between them.
 */
export function pyInt(s: string): number | undefined {
  let i = 0;
  let j = s.length;
  const intSpace = (c: string) => SPACE_SET.has(c) && !(c >= '\x1c' && c <= '\x1f');
  while (i < j && intSpace(s[i])) i++;
  while (j > i && intSpace(s[j - 1])) j--;
  const t = s.slice(i, j);
  if (!/^[+-]?\p{Nd}+(_\p{Nd}+)*$/u.test(t)) return undefined;
  let digits = '';
  for (const ch of t.replace(/_/g, '')) digits += ch === '+' || ch === '-' ? ch : String(digitValue(ch));
  const n = parseInt(digits, 10);
  return n === 0 ? 0 : n;
}

/** the value of a Unicode decimal digit: digits come in runs of ten starting at zero */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  let steps = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1)) && steps < 60) {
    cp--;
    steps++;
  }
  return (ch.codePointAt(0)! - cp) % 10;
}
