// Timestamps as botocore reads them: dateutil.parser.parse for env, process and container expirations. A value
// without a timezone is "naive" (botocore then fails with TypeError at first access).

export interface ParsedTime {
  ms: number;
  naive: boolean;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** dateutil-compatible for the forms credentials carry; undefined where dateutil would raise ParserError */
export function parseTimestamp(text: string): ParsedTime | undefined {
  const s = text.trim();
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '0', tz] = m;
    const base = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Math.round(Number('0.' + frac) * 1000));
    if (Number.isNaN(base) || +mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 24 || +mi > 59 || +sec > 59) return undefined;
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
