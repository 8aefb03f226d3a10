// Timestamps as botocore reads them: dateutil.parser.parse for env, process and container expirations. A value
// without a timezone is "naive" (botocore then fails with TypeError at first access).

export interface ParsedTime {
  ms: number;
  naive: boolean;
}


// compact (20990101T000000Z) or separated, where dateutil also takes unpadded fields (2099-1-1T0:0:0Z)
const ISO =
  /^(?:(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?|(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?)?)\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const WEEKDAY = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|urday)?$/i;

/**
 * dateutil-compatible for the forms credentials carry; undefined where dateutil would raise (parseErrorType says
 * which exception). `now` fills the parts dateutil takes from today.
 */
export function parseTimestamp(text: string, now: number = Date.now()): ParsedTime | undefined {
  const s = text.trim();
  const digits = /^\d+$/.test(s) ? bareNumber(s, now) : undefined;
  if (digits !== null && digits !== undefined) return digits;
  if (digits === null) return undefined;
  // "UTC+1" / "GMT-3": dateutil reads these POSIX-style, with the sign inverted (UTC+1 is -01:00)
  const posix = /^(.*\d)\s*(?:UTC|GMT)([+-])(\d{1,2})$/i.exec(s);
  if (posix) {
    const base = parseTimestamp(posix[1], now);
    if (!base || !base.naive) return undefined;
    return { ms: base.ms + (posix[2] === '+' ? 1 : -1) * +posix[3] * 3_600_000, naive: false };
  }
  const short = shortDate(s, now);
  if (short !== undefined) return short ?? undefined;
  // a time zone name dateutil does not know (PST, CET…) is ignored with a warning: the time is naive
  const unknownZone = /^(.*\d)\s+([A-Za-z]{3,5})$/.exec(s);
  if (unknownZone && !/^(utc|gmt|z)$/i.test(unknownZone[2])) {
    const base = parseTimestamp(unknownZone[1], now);
    return base && base.naive ? base : undefined;
  }
  // a weekday name alone is that day of this or next week; only "naive" matters to boto3
  if (WEEKDAY.test(s)) return { ms: now, naive: true };
  const m = ISO.exec(s);
  if (m) {
    const f = m[1] !== undefined ? m.slice(1, 8) : m.slice(8, 15);
    const [y, mo, d, h = '0', mi = '0', sec = '0', frac = '0'] = f.map((v) => v ?? undefined) as string[];
    const tz = m[15];
    const base = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Math.round(Number('0.' + frac) * 1000));
    const back = new Date(base);
    // dateutil rejects a day past the month's end and hour 24 ("day is out of range", "hour must be in 0..23")
    if (Number.isNaN(base) || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d || +h > 23 || +mi > 59 || +sec > 59) return undefined;
    if (!tz) return { ms: base, naive: true };
    if (/^(z|utc|gmt)$/i.test(tz)) return { ms: base, naive: false };
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const off = (+digits.slice(0, 2) * 60 + +(digits.slice(2) || '0')) * 60_000;
    return { ms: base - sign * off, naive: false };
  }
  // other human forms dateutil accepts ("Jan 1 2099 10:00 UTC"); JavaScript's parser covers the common ones
  if (/[a-z]{3}/i.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return { ms, naive: !/(utc|gmt|z\b|[+-]\d{2}:?\d{2})/i.test(s) };
  }
  return undefined;
}

/** a string of digits as dateutil reads it: a day, a year, YYMMDD, YYYYMMDD[hhmm[ss]]; null where it raises */
function bareNumber(s: string, now: number): ParsedTime | null {
  const today = new Date(now);
  const at = (y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): ParsedTime | null => {
    const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
    const back = new Date(ms);
    if (y < 1 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
    return { ms: y < 100 ? new Date(ms).setUTCFullYear(y) : ms, naive: true };
  };
  const n = s.length;
  const num = (a: number, b: number) => Number(s.slice(a, b));
  if (n <= 2) return at(today.getUTCFullYear(), today.getUTCMonth() + 1, num(0, n));
  if (n <= 4) return at(num(0, n), today.getUTCMonth() + 1, today.getUTCDate());
  if (n === 6) return at(twoDigitYear(num(0, 2), now), num(2, 4), num(4, 6));
  if (n === 8 || n === 12 || n === 14) return at(num(0, 4), num(4, 6), num(6, 8), n > 8 ? num(8, 10) : 0, n > 8 ? num(10, 12) : 0, n > 12 ? num(12, 14) : 0);
  return null;
}

/** the exception dateutil raises for a text parseTimestamp rejects: OverflowError for a bare number past a C int */
export function parseErrorType(text: string): 'ParserError' | 'OverflowError' {
  const s = text.trim();
  return /^\d+$/.test(s) && ![1, 2, 3, 4, 6, 8, 12, 14].includes(s.length) && BigInt(s) > 2147483647n ? 'OverflowError' : 'ParserError';
}

/** dateutil's two-digit years: this century, unless that is 50 or more years away */
function twoDigitYear(y: number, now: number): number {
  const year = new Date(now).getUTCFullYear();
  let full = y + Math.floor(year / 100) * 100;
  if (full >= year + 50) full -= 100;
  else if (full < year - 50) full += 100;
  return full;
}

/** 99-01-01, 1-1-1, 01/02/2099: three numbers without a time; null where dateutil raises, undefined if not this form */
function shortDate(s: string, now: number): ParsedTime | null | undefined {
  const m = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})$/.exec(s);
  if (!m) return undefined;
  const [a, b, c] = [m[1], m[3], m[4]];
  let y: string, mo: string, d: string;
  if (a.length > 2 || +a > 31) [y, mo, d] = [a, b, c];
  else if (+a <= 12) [mo, d, y] = [a, b, c];
  else [d, mo, y] = [a, b, c];
  const year = y.length <= 2 ? twoDigitYear(+y, now) : +y;
  const ms = Date.UTC(year, +mo - 1, +d);
  const back = new Date(ms);
  if (year < 1 || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d) return null;
  return { ms, naive: true };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** notes on expirations botocore only trips over at first access */
export function expiryNotes(t: ParsedTime, now: number, what: string): string[] {
  if (t.naive) return [`${what} has no timezone: boto3 will raise TypeError (can't subtract offset-naive and offset-aware datetimes) when it first uses these credentials`];
  if (t.ms <= now) return [`${what} (${iso(t.ms)}) has passed: boto3 will raise RuntimeError ("refreshed credentials are still expired") when it first uses these credentials`];
  if (t.ms - now < 15 * 60_000) return [`${what} (${iso(t.ms)}) is less than 15 minutes away: boto3 will try to refresh on first use`];
  return [];
}
