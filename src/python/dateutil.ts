// dateutil.parser.parse (dateutil 2.9, default parserinfo, no tzinfos, not fuzzy) ported rule for rule: botocore
// reads every expiration it is given (AWS_CREDENTIAL_EXPIRATION, a credential_process's Expiration, container and
// instance-metadata answers, SSO token caches) with it, so what it accepts, rejects and how it fills missing parts
// decides what boto3 does. The structure follows dateutil/parser/_parser.py: _timelex splits the text, _parse
// walks the tokens, _ymd resolves year/month/day, _build_naive and _build_tzaware make the datetime. Python's
// exceptions are kept apart: ValueError inside _parse and _build_naive become ParserError, OverflowError escapes.
import { isPySpace } from './pyText';

export interface NaiveFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

/** naive: no zone (boto3 later fails with TypeError); local: tzlocal(); utc; or a fixed offset in seconds */
export type Zone = 'naive' | 'local' | 'utc' | { offsetSeconds: number };

export type DateutilResult =
  { ok: true; fields: NaiveFields; zone: Zone } | { ok: false; type: DateutilError; message: string };

/** the exceptions dateutil.parser.parse lets out */
export type DateutilError = 'ParserError' | 'OverflowError' | 'InvalidOperation';

export interface DateutilOptions {
  /** the clock: dateutil's default is today's local date at midnight */
  now?: number;
  /** Python's time.tzname: names that mean the local zone */
  localZoneNames?: readonly string[];
}

class PyValueError extends Error {}
class PyOverflowError extends Error {}
/** decimal.InvalidOperation: `value % 1` of a Decimal whose integer part needs more than 28 digits */
class PyInvalidOperation extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Python's character classes and numbers

/** str.isdigit() beyond the decimal digits: superscripts, circled and other Numeric_Type=Digit characters */
const EXTRA_DIGITS: [number, number][] = [
  [0xb2, 0xb3],
  [0xb9, 0xb9],
  [0x1369, 0x1371],
  [0x19da, 0x19da],
  [0x2070, 0x2070],
  [0x2074, 0x2079],
  [0x2080, 0x2089],
  [0x2460, 0x2468],
  [0x2474, 0x247c],
  [0x2488, 0x2490],
  [0x24ea, 0x24ea],
  [0x24f5, 0x24fd],
  [0x24ff, 0x24ff],
  [0x2776, 0x277e],
  [0x2780, 0x2788],
  [0x278a, 0x2792],
  [0x10a40, 0x10a43],
  [0x10e60, 0x10e68],
  [0x11052, 0x1105a],
  [0x1f100, 0x1f10a],
];

function isDecimal(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

/** str.isdigit() */
function isDigitChar(ch: string): boolean {
  if (isDecimal(ch)) return true;
  const cp = ch.codePointAt(0)!;
  return EXTRA_DIGITS.some(([a, b]) => cp >= a && cp <= b);
}

function isDigits(s: string): boolean {
  const chars = Array.from(s);
  return chars.length > 0 && chars.every(isDigitChar);
}

/** str.isalpha() */
function isAlpha(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

/** a Unicode decimal digit's value: decimal digits come in runs of ten starting at zero */
function digitValue(ch: string): number {
  const start = ch.codePointAt(0)!;
  let cp = start;
  while (cp > 0 && isDecimal(String.fromCodePoint(cp - 1)) && start - cp < 60) cp--;
  return (start - cp) % 10;
}

function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) out += ch >= '0' && ch <= '9' ? ch : String(digitValue(ch));
  return out;
}

/** int() of a slice of a token (no sign, space or underscore can occur there) */
function pyInt(s: string): bigint {
  if (!/^\p{Nd}+$/u.test(s)) throw new PyValueError(`invalid literal for int() with base 10: '${s}'`);
  return BigInt(asciiDigits(s));
}

/** a Decimal as the parser uses it: an integer part and the fraction's digits */
interface Dec {
  int: bigint;
  frac: string;
}

/** float(token) succeeds: digits with at most one point, or nan/inf/infinity */
function floatable(token: string): boolean {
  return /^\p{Nd}+(\.\p{Nd}+)?$/u.test(token) || /^(nan|inf|infinity)$/i.test(token);
}

/** _to_decimal: Decimal(token) that is finite, else ValueError */
function toDecimal(token: string): Dec {
  const m = /^(\p{Nd}+)(?:\.(\p{Nd}+))?$/u.exec(token);
  if (!m) throw new PyValueError(`Could not convert ${token} to decimal`);
  return { int: BigInt(asciiDigits(m[1])), frac: m[2] === undefined ? '' : asciiDigits(m[2]) };
}

function hasFraction(d: Dec): boolean {
  return /[1-9]/.test(d.frac);
}

/** `value % 1` is truthy; Decimal's remainder cannot make a quotient of more than 28 digits */
function remainderNonZero(d: Dec): boolean {
  if (d.int.toString().length > 28) throw new PyInvalidOperation("[<class 'decimal.DivisionImpossible'>]");
  return hasFraction(d);
}

/** int(60 * (value % 1)) under Decimal's default context (28 significant digits, half-even) */
function sixtiethsOfFraction(d: Dec): bigint {
  if (!hasFraction(d)) return 0n;
  let n = 60n * BigInt(d.frac);
  let scale = d.frac.length;
  const digits = n.toString().length;
  if (digits > 28) {
    const drop = digits - 28;
    const unit = 10n ** BigInt(drop);
    let q = n / unit;
    const r = n % unit;
    const half = unit / 2n;
    if (r > half || (r === half && q % 2n === 1n)) q += 1n;
    n = q;
    scale -= drop;
  }
  return scale <= 0 ? n * 10n ** BigInt(-scale) : n / 10n ** BigInt(scale);
}

/** Decimal comparisons the parser makes */
function decCmp(d: Dec, n: number): number {
  const i = d.int;
  const b = BigInt(n);
  if (i !== b) return i < b ? -1 : 1;
  return hasFraction(d) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// _timelex

function splitTokens(text: string): string[] {
  const chars = Array.from(text).filter((c) => c !== '\x00');
  const tokens: string[] = [];
  let pos = 0;
  const pending: string[] = [];
  const stack: string[] = [];
  const next = (): string | undefined =>
    pending.length ? pending.shift() : pos < chars.length ? chars[pos++] : undefined;
  let eof = false;
  for (;;) {
    if (stack.length) {
      tokens.push(stack.shift()!);
      continue;
    }
    if (eof) break;
    let seenLetters = false;
    let token: string | undefined;
    let state: '' | 'a' | '0' | 'a.' | '0.' = '';
    for (;;) {
      const c = next();
      if (c === undefined) {
        eof = true;
        break;
      }
      if (!state) {
        token = c;
        if (isAlpha(c)) state = 'a';
        else if (isDigitChar(c)) state = '0';
        else {
          if (isPySpace(c)) token = ' ';
          break;
        }
      } else if (state === 'a') {
        seenLetters = true;
        if (isAlpha(c)) token += c;
        else if (c === '.') {
          token += c;
          state = 'a.';
        } else {
          pending.unshift(c);
          break;
        }
      } else if (state === '0') {
        if (isDigitChar(c)) token += c;
        else if (c === '.' || (c === ',' && Array.from(token!).length >= 2)) {
          token += c;
          state = '0.';
        } else {
          pending.unshift(c);
          break;
        }
      } else if (state === 'a.') {
        seenLetters = true;
        if (c === '.' || isAlpha(c)) token += c;
        else if (isDigitChar(c) && token!.endsWith('.')) {
          token += c;
          state = '0.';
        } else {
          pending.unshift(c);
          break;
        }
      } else {
        if (c === '.' || isDigitChar(c)) token += c;
        else if (isAlpha(c) && token!.endsWith('.')) {
          token += c;
          state = 'a.';
        } else {
          pending.unshift(c);
          break;
        }
      }
    }
    if (token === undefined) break;
    if ((state === 'a.' || state === '0.') && (seenLetters || count(token, '.') > 1 || /[.,]$/.test(token))) {
      const parts = token.split(/([.,])/);
      token = parts[0];
      for (const p of parts.slice(1)) if (p) stack.push(p);
    }
    if (state === '0.' && count(token, '.') === 0) token = token.replace(/,/g, '.');
    tokens.push(token);
  }
  return tokens;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

// ---------------------------------------------------------------------------------------------------------------
// parserinfo

const JUMP = new Set([
  ' ',
  '.',
  ',',
  ';',
  '-',
  '/',
  "'",
  'at',
  'on',
  'and',
  'ad',
  'm',
  't',
  'of',
  'st',
  'nd',
  'rd',
  'th',
]);
const WEEKDAYS = [
  ['mon', 'monday'],
  ['tue', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
];
const MONTHS = [
  ['jan', 'january'],
  ['feb', 'february'],
  ['mar', 'march'],
  ['apr', 'april'],
  ['may', 'may'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
];
const HMS = [
  ['h', 'hour', 'hours'],
  ['m', 'minute', 'minutes'],
  ['s', 'second', 'seconds'],
];
const AMPM = [
  ['am', 'a'],
  ['pm', 'p'],
];
const UTCZONE = ['UTC', 'GMT', 'Z', 'z'];

function lookup(table: string[][], name: string): number | undefined {
  const n = name.toLowerCase();
  const i = table.findIndex((names) => names.includes(n));
  return i < 0 ? undefined : i;
}

const jump = (name: string) => JUMP.has(name.toLowerCase());
const weekday = (name: string) => lookup(WEEKDAYS, name);
const month = (name: string) => {
  const i = lookup(MONTHS, name);
  return i === undefined ? undefined : i + 1;
};
const hms = (name: string) => lookup(HMS, name);
const ampm = (name: string) => lookup(AMPM, name);
const pertain = (name: string) => name.toLowerCase() === 'of';
const utczone = (name: string) => ['utc', 'gmt', 'z'].includes(name.toLowerCase());
/** parserinfo.tzoffset looks the name up as given in a lower-cased table: only "z" itself is found */
const tzoffsetOf = (name: string): number | undefined => (['utc', 'gmt', 'z'].includes(name) ? 0 : undefined);

function convertYear(year: bigint, centurySpecified: boolean, thisYear: number): bigint {
  if (year < 100n && !centurySpecified) {
    const now = BigInt(thisYear);
    year += (now / 100n) * 100n;
    if (year >= now + 50n) year -= 100n;
    else if (year < now - 50n) year += 100n;
  }
  return year;
}

function isLeap(y: bigint): boolean {
  return y % 4n === 0n && (y % 100n !== 0n || y % 400n === 0n);
}

/** calendar.monthrange(year, month)[1]; IllegalMonthError (a ValueError) for a month outside 1..12 */
function monthDays(year: bigint, m: bigint): number {
  if (m < 1n || m > 12n) throw new PyValueError(`bad month number ${m}; must be 1-12`);
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Number(m) - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// _ymd

type Label = 'Y' | 'M' | 'D' | undefined;

class Ymd {
  values: bigint[] = [];
  centurySpecified = false;
  dstridx: number | undefined;
  mstridx: number | undefined;
  ystridx: number | undefined;

  get length(): number {
    return this.values.length;
  }

  at(i: number): bigint {
    const v = this.values[i < 0 ? this.values.length + i : i];
    if (v === undefined) throw new PyValueError('index');
    return v;
  }

  couldBeDay(value: Dec): boolean {
    if (this.dstridx !== undefined) return false;
    let max = 31;
    if (this.mstridx !== undefined)
      max = monthDays(this.ystridx === undefined ? 2000n : this.at(this.ystridx), this.at(this.mstridx));
    return decCmp(value, 1) >= 0 && decCmp(value, max) <= 0;
  }

  append(val: string | Dec | bigint, label?: Label): void {
    let n: bigint;
    if (typeof val === 'string') {
      if (isDigits(val) && Array.from(val).length > 2) {
        this.centurySpecified = true;
        label = 'Y';
      }
      n = pyInt(val);
    } else if (typeof val === 'bigint') {
      if (val > 100n) {
        this.centurySpecified = true;
        label = 'Y';
      }
      n = val;
    } else {
      if (decCmp(val, 100) > 0) {
        this.centurySpecified = true;
        label = 'Y';
      }
      n = val.int;
    }
    this.values.push(n);
    const idx = this.values.length - 1;
    if (label === 'M') {
      if (this.mstridx !== undefined) throw new PyValueError('Month is already set');
      this.mstridx = idx;
    } else if (label === 'D') {
      if (this.dstridx !== undefined) throw new PyValueError('Day is already set');
      this.dstridx = idx;
    } else if (label === 'Y') {
      if (this.ystridx !== undefined) throw new PyValueError('Year is already set');
      this.ystridx = idx;
    }
  }

  resolve(): [bigint?, bigint?, bigint?] {
    const strids: Record<string, number> = {};
    if (this.ystridx !== undefined) strids.y = this.ystridx;
    if (this.mstridx !== undefined) strids.m = this.mstridx;
    if (this.dstridx !== undefined) strids.d = this.dstridx;
    const nStrids = Object.keys(strids).length;
    const len = this.length;
    if ((len === nStrids && nStrids > 0) || (len === 3 && nStrids === 2)) {
      if (len === 3 && nStrids === 2) {
        const used = Object.values(strids);
        const missing = [0, 1, 2].find((x) => !used.includes(x))!;
        const key = ['y', 'm', 'd'].find((k) => !(k in strids))!;
        strids[key] = missing;
      }
      const get = (k: string) => (k in strids ? this.at(strids[k]) : undefined);
      return [get('y'), get('m'), get('d')];
    }
    const s = this.values;
    const m = this.mstridx;
    let year: bigint | undefined;
    let mon: bigint | undefined;
    let day: bigint | undefined;
    if (len > 3) throw new PyValueError('More than three YMD values');
    if (len === 1 || (m !== undefined && len === 2)) {
      let other: bigint;
      if (m !== undefined) {
        mon = this.at(m);
        other = this.at(m - 1);
      } else other = s[0];
      if (len > 1 || m === undefined) {
        if (other > 31n) year = other;
        else day = other;
      }
    } else if (len === 2) {
      if (s[0] > 31n) [year, mon] = s;
      else if (s[1] > 31n) [mon, year] = s;
      else [mon, day] = s;
    } else if (len === 3) {
      if (m === 0) {
        if (s[1] > 31n) [mon, year, day] = s;
        else [mon, day, year] = s;
      } else if (m === 1) {
        if (s[0] > 31n) [year, mon, day] = s;
        else [day, mon, year] = s;
      } else if (m === 2) {
        if (s[1] > 31n) [day, year, mon] = s;
        else [year, day, mon] = s;
      } else if (s[0] > 31n || this.ystridx === 0) [year, mon, day] = s;
      else if (s[0] > 12n) [day, mon, year] = s;
      else [mon, day, year] = s;
    }
    return [year, mon, day];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// _parse

interface Res {
  year?: bigint;
  month?: bigint;
  day?: bigint;
  weekday?: number;
  hour?: bigint;
  minute?: bigint;
  second?: bigint;
  microsecond?: bigint;
  tzname?: string;
  tzoffset?: number;
  ampm?: number;
  centurySpecified?: boolean;
}

function adjustAmpm(hour: bigint, ap: number): bigint {
  if (hour < 12n && ap === 1) return hour + 12n;
  if (hour === 12n && ap === 0) return 0n;
  return hour;
}

function couldBeTzname(res: Res, tzoffset: number | undefined, token: string): boolean {
  return (
    res.hour !== undefined &&
    res.tzname === undefined &&
    tzoffset === undefined &&
    Array.from(token).length <= 5 &&
    (/^[A-Z]+$/.test(token) || UTCZONE.includes(token))
  );
}

function parseMinSec(value: Dec): [bigint, bigint | undefined] {
  return [value.int, remainderNonZero(value) ? sixtiethsOfFraction(value) : undefined];
}

/** _parsems: "I[.F]" seconds into (seconds, microseconds) */
function parseMs(value: string): [bigint, bigint] {
  if (!value.includes('.')) return [pyInt(value), 0n];
  const parts = value.split('.');
  if (parts.length !== 2) throw new PyValueError('too many values to unpack');
  const f = Array.from(parts[1]);
  while (f.length < 6) f.push('0');
  return [pyInt(parts[0]), pyInt(f.slice(0, 6).join(''))];
}

function findHmsIdx(idx: number, tokens: string[]): number | undefined {
  const n = tokens.length;
  if (idx + 1 < n && hms(tokens[idx + 1]) !== undefined) return idx + 1;
  if (idx + 2 < n && tokens[idx + 1] === ' ' && hms(tokens[idx + 2]) !== undefined) return idx + 2;
  if (idx > 0 && hms(tokens[idx - 1]) !== undefined) return idx - 1;
  if (1 < idx && idx === n - 1 && tokens[idx - 1] === ' ' && hms(tokens[idx - 2]) !== undefined) return idx - 2;
  return undefined;
}

function assignHms(res: Res, valueRepr: string, which: number): void {
  const value = toDecimal(valueRepr);
  if (which === 0) {
    res.hour = value.int;
    if (remainderNonZero(value)) res.minute = sixtiethsOfFraction(value);
  } else if (which === 1) [res.minute, res.second] = parseMinSec(value);
  else if (which === 2) [res.second, res.microsecond] = parseMs(valueRepr);
}

function parseNumericToken(tokens: string[], idx: number, ymd: Ymd, res: Res): number {
  const valueRepr = tokens[idx];
  let value: Dec;
  try {
    value = toDecimal(valueRepr);
  } catch {
    throw new PyValueError('Unknown numeric token');
  }
  const chars = Array.from(valueRepr);
  const lenLi = chars.length;
  const n = tokens.length;
  const slice = (a: number, b?: number) => chars.slice(a, b).join('');
  if (
    ymd.length === 3 &&
    (lenLi === 2 || lenLi === 4) &&
    res.hour === undefined &&
    (idx + 1 >= n || (tokens[idx + 1] !== ':' && hms(tokens[idx + 1]) === undefined))
  ) {
    res.hour = pyInt(slice(0, 2));
    if (lenLi === 4) res.minute = pyInt(slice(2));
  } else if (lenLi === 6 || (lenLi > 6 && chars.indexOf('.') === 6)) {
    if (!ymd.length && !valueRepr.includes('.')) {
      ymd.append(slice(0, 2));
      ymd.append(slice(2, 4));
      ymd.append(slice(4));
    } else {
      res.hour = pyInt(slice(0, 2));
      res.minute = pyInt(slice(2, 4));
      [res.second, res.microsecond] = parseMs(slice(4));
    }
  } else if (lenLi === 8 || lenLi === 12 || lenLi === 14) {
    ymd.append(slice(0, 4), 'Y');
    ymd.append(slice(4, 6));
    ymd.append(slice(6, 8));
    if (lenLi > 8) {
      res.hour = pyInt(slice(8, 10));
      res.minute = pyInt(slice(10, 12));
      if (lenLi > 12) res.second = pyInt(slice(12));
    }
  } else if (findHmsIdx(idx, tokens) !== undefined) {
    const hmsIdx = findHmsIdx(idx, tokens)!;
    let which: number;
    if (hmsIdx > idx) {
      which = hms(tokens[hmsIdx])!;
      idx = hmsIdx;
    } else which = hms(tokens[hmsIdx])! + 1;
    assignHms(res, valueRepr, which);
  } else if (idx + 2 < n && tokens[idx + 1] === ':') {
    res.hour = value.int;
    [res.minute, res.second] = parseMinSec(toDecimal(tokens[idx + 2]));
    if (idx + 4 < n && tokens[idx + 3] === ':') {
      [res.second, res.microsecond] = parseMs(tokens[idx + 4]);
      idx += 2;
    }
    idx += 2;
  } else if (idx + 1 < n && ['-', '/', '.'].includes(tokens[idx + 1])) {
    const sep = tokens[idx + 1];
    ymd.append(valueRepr);
    if (idx + 2 < n && !jump(tokens[idx + 2])) {
      if (isDigits(tokens[idx + 2])) ymd.append(tokens[idx + 2]);
      else {
        const m = month(tokens[idx + 2]);
        if (m === undefined) throw new PyValueError('');
        ymd.append(BigInt(m), 'M');
      }
      if (idx + 3 < n && tokens[idx + 3] === sep) {
        const after = tokens[idx + 4];
        if (after === undefined) throw new PyValueError('list index out of range');
        const m = month(after);
        if (m !== undefined) ymd.append(BigInt(m), 'M');
        else ymd.append(after);
        idx += 2;
      }
      idx += 1;
    }
    idx += 1;
  } else if (idx + 1 >= n || jump(tokens[idx + 1])) {
    if (idx + 2 < n && ampm(tokens[idx + 2]) !== undefined) {
      res.hour = adjustAmpm(value.int, ampm(tokens[idx + 2])!);
      idx += 1;
    } else ymd.append(value);
    idx += 1;
  } else if (ampm(tokens[idx + 1]) !== undefined && decCmp(value, 0) >= 0 && decCmp(value, 24) < 0) {
    res.hour = adjustAmpm(value.int, ampm(tokens[idx + 1])!);
    idx += 1;
  } else if (ymd.couldBeDay(value)) ymd.append(value);
  else throw new PyValueError('');
  return idx;
}

function parseTokens(text: string, thisYear: number): Res | undefined {
  const res: Res = {};
  const l = splitTokens(text);
  const ymd = new Ymd();
  const n = l.length;
  const tok = (i: number) => {
    if (i >= n) throw new PyValueError('list index out of range');
    return l[i];
  };
  try {
    let i = 0;
    while (i < n) {
      const t = l[i];
      if (floatable(t)) i = parseNumericToken(l, i, ymd, res);
      else if (weekday(t) !== undefined) res.weekday = weekday(t);
      else if (month(t) !== undefined) {
        ymd.append(BigInt(month(t)!), 'M');
        if (i + 1 < n) {
          if (l[i + 1] === '-' || l[i + 1] === '/') {
            const sep = l[i + 1];
            ymd.append(tok(i + 2));
            if (i + 3 < n && l[i + 3] === sep) {
              ymd.append(tok(i + 4));
              i += 2;
            }
            i += 2;
          } else if (i + 4 < n && l[i + 1] === ' ' && l[i + 3] === ' ' && pertain(l[i + 2])) {
            if (isDigits(l[i + 4])) {
              const year = convertYear(pyInt(l[i + 4]), false, thisYear);
              ymd.append(year.toString(), 'Y');
            }
            i += 4;
          }
        }
      } else if (ampm(t) !== undefined) {
        if (res.hour === undefined) throw new PyValueError('No hour specified with AM or PM flag.');
        if (res.hour < 0n || res.hour > 12n) throw new PyValueError('Invalid hour specified for 12-hour clock.');
        res.hour = adjustAmpm(res.hour, ampm(t)!);
        res.ampm = ampm(t);
      } else if (couldBeTzname(res, res.tzoffset, t)) {
        res.tzname = t;
        res.tzoffset = tzoffsetOf(t);
        if (i + 1 < n && (l[i + 1] === '+' || l[i + 1] === '-')) {
          l[i + 1] = l[i + 1] === '+' ? '-' : '+';
          res.tzoffset = undefined;
          if (utczone(t)) res.tzname = undefined;
        }
      } else if (res.hour !== undefined && (t === '+' || t === '-')) {
        const signal = t === '+' ? 1 : -1;
        const next = Array.from(tok(i + 1));
        let hourOffset: bigint;
        let minOffset: bigint;
        if (next.length === 4) {
          hourOffset = pyInt(next.slice(0, 2).join(''));
          minOffset = pyInt(next.slice(2).join(''));
        } else if (i + 2 < n && l[i + 2] === ':') {
          hourOffset = pyInt(l[i + 1]);
          minOffset = pyInt(tok(i + 3));
          i += 2;
        } else if (next.length <= 2) {
          hourOffset = pyInt(next.slice(0, 2).join(''));
          minOffset = 0n;
        } else throw new PyValueError(text);
        res.tzoffset = signal * Number(hourOffset * 3600n + minOffset * 60n);
        if (
          i + 5 < n &&
          jump(l[i + 2]) &&
          l[i + 3] === '(' &&
          l[i + 5] === ')' &&
          Array.from(l[i + 4]).length >= 3 &&
          couldBeTzname(res, undefined, l[i + 4])
        ) {
          res.tzname = l[i + 4];
          i += 4;
        }
        i += 1;
      } else if (!jump(t)) throw new PyValueError(text);
      i += 1;
    }
    const [year, mon, day] = ymd.resolve();
    res.centurySpecified = ymd.centurySpecified;
    res.year = year;
    res.month = mon;
    res.day = day;
  } catch (e) {
    if (e instanceof PyValueError) return undefined;
    throw e;
  }
  // parserinfo.validate
  if (res.year !== undefined) res.year = convertYear(res.year, !!res.centurySpecified, thisYear);
  if ((res.tzoffset === 0 && !res.tzname) || res.tzname === 'Z' || res.tzname === 'z') {
    res.tzname = 'UTC';
    res.tzoffset = 0;
  } else if (res.tzoffset !== 0 && res.tzname && utczone(res.tzname)) res.tzoffset = 0;
  return res;
}

// ---------------------------------------------------------------------------------------------------------------
// _build_naive and _build_tzaware

const C_INT_MAX = 2147483647n;

function buildNaive(res: Res, def: NaiveFields): NaiveFields {
  const repl: Partial<Record<keyof NaiveFields, bigint>> = {};
  for (const k of ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'] as const) {
    if (res[k] !== undefined) repl[k] = res[k];
  }
  if (repl.day === undefined) {
    const y = res.year ?? BigInt(def.year);
    const m = res.month ?? BigInt(def.month);
    const d = res.day ?? BigInt(def.day);
    const last = monthDays(y, m);
    if (d > BigInt(last)) repl.day = BigInt(last);
  }
  // datetime.replace converts every argument to a C int before it checks any range
  for (const v of Object.values(repl))
    if (v! > C_INT_MAX) throw new PyOverflowError('signed integer is greater than maximum');
  const f = {
    year: Number(repl.year ?? def.year),
    month: Number(repl.month ?? def.month),
    day: Number(repl.day ?? def.day),
    hour: Number(repl.hour ?? def.hour),
    minute: Number(repl.minute ?? def.minute),
    second: Number(repl.second ?? def.second),
    microsecond: Number(repl.microsecond ?? def.microsecond),
  };
  if (f.year < 1 || f.year > 9999) throw new PyValueError(`year ${f.year} is out of range`);
  if (f.month < 1 || f.month > 12) throw new PyValueError('month must be in 1..12');
  if (f.day < 1 || f.day > monthDays(BigInt(f.year), BigInt(f.month)))
    throw new PyValueError('day is out of range for month');
  if (f.hour > 23) throw new PyValueError('hour must be in 0..23');
  if (f.minute > 59) throw new PyValueError('minute must be in 0..59');
  if (f.second > 59) throw new PyValueError('second must be in 0..59');
  if (f.microsecond > 999999) throw new PyValueError('microsecond must be in 0..999999');
  if (res.weekday !== undefined && !res.day) {
    // relativedelta(weekday=…): the next such day, today included
    const t = Date.UTC(2000, f.month - 1, f.day);
    const shifted = new Date(t);
    shifted.setUTCFullYear(f.year);
    const current = (shifted.getUTCDay() + 6) % 7;
    const ahead = (res.weekday - current + 7) % 7;
    const moved = new Date(shifted.getTime() + ahead * 86_400_000);
    if (moved.getUTCFullYear() > 9999) throw new PyOverflowError('date value out of range');
    f.year = moved.getUTCFullYear();
    f.month = moved.getUTCMonth() + 1;
    f.day = moved.getUTCDate();
  }
  return f;
}

/** timedelta's range: at most 999,999,999 days either way */
const MAX_TIMEDELTA_DAYS = 999_999_999;

function buildZone(res: Res, localNames: readonly string[]): Zone {
  if (res.tzname && localNames.includes(res.tzname)) return 'local';
  if (res.tzoffset === 0) return 'utc';
  if (res.tzoffset) {
    // tz.tzoffset builds a timedelta of the offset: beyond its range that is an OverflowError
    const days = Math.floor(res.tzoffset / 86_400);
    if (days > MAX_TIMEDELTA_DAYS || days < -MAX_TIMEDELTA_DAYS)
      throw new PyOverflowError(`days=${days}; must have magnitude <= ${MAX_TIMEDELTA_DAYS}`);
    return { offsetSeconds: res.tzoffset };
  }
  // no zone, or a zone name dateutil does not know (it warns UnknownTimezoneWarning): naive either way
  return 'naive';
}

/** Python's time.tzname for this process: ('UTC', 'UTC') unless the local zone says otherwise */
export function localZoneNames(): string[] {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || /^(etc\/)?(utc|uct|universal|zulu|gmt)$/i.test(zone)) return ['UTC', 'UTC'];
  const name = (month: number) =>
    new Intl.DateTimeFormat('en-US', { timeZoneName: 'short', timeZone: zone })
      .formatToParts(new Date(Date.UTC(2021, month, 1)))
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  return [name(0), name(6)];
}

/** dateutil.parser.parse(text) */
export function dateutilParse(text: string, o: DateutilOptions = {}): DateutilResult {
  const now = new Date(o.now ?? Date.now());
  const def: NaiveFields = {
    year: now.getFullYear(),
    month: now.getMonth() + 1,
    day: now.getDate(),
    hour: 0,
    minute: 0,
    second: 0,
    microsecond: 0,
  };
  try {
    const res = parseTokens(text, now.getFullYear());
    if (!res) return { ok: false, type: 'ParserError', message: `Unknown string format: ${text}` };
    const set = (
      [
        'year',
        'month',
        'day',
        'weekday',
        'hour',
        'minute',
        'second',
        'microsecond',
        'tzname',
        'tzoffset',
        'ampm',
      ] as const
    ).filter((k) => res[k] !== undefined);
    if (!set.length) return { ok: false, type: 'ParserError', message: `String does not contain a date: ${text}` };
    let fields: NaiveFields;
    try {
      fields = buildNaive(res, def);
    } catch (e) {
      if (e instanceof PyValueError) return { ok: false, type: 'ParserError', message: `${e.message}: ${text}` };
      throw e;
    }
    return { ok: true, fields, zone: buildZone(res, o.localZoneNames ?? localZoneNames()) };
  } catch (e) {
    if (e instanceof PyOverflowError) return { ok: false, type: 'OverflowError', message: e.message };
    if (e instanceof PyInvalidOperation) return { ok: false, type: 'InvalidOperation', message: e.message };
    throw e;
  }
}

/** the instant a parsed time stands for (a naive time is read as UTC: boto3 never gets that far with it) */
export function epochMs(f: NaiveFields, zone: Zone): number {
  const ms = Math.floor(f.microsecond / 1000);
  if (zone === 'local') {
    const d = new Date(2000, f.month - 1, f.day, f.hour, f.minute, f.second, ms);
    d.setFullYear(f.year, f.month - 1, f.day);
    return d.getTime();
  }
  const d = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second, ms));
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  return d.getTime() - (typeof zone === 'object' ? zone.offsetSeconds * 1000 : 0);
}
