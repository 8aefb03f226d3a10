// Timestamps as botocore reads them: dateutil.parser.parse for env, process and container expirations. A value
// without a timezone is "naive" (botocore then fails with TypeError at first access).
import { type DateutilError, dateutilParse, epochMs, type NaiveFields, type Zone } from './dateutil';

export interface ParsedTime {
  ms: number;
  naive: boolean;
  /** the expiry as botocore holds it, for the report: ISO 8601, naive when dateutil found no zone, else UTC with Z */
  text: string;
}

/**
 * dateutil.parser.parse as botocore calls it (src/python/dateutil.ts); undefined where dateutil raises
 * (parseErrorType says which exception). `now` fills the parts dateutil takes from today.
 */
export function parseTimestamp(text: string, now: number = Date.now()): ParsedTime | undefined {
  const r = dateutilParse(text, { now });
  if (!r.ok) return undefined;
  const ms = epochMs(r.fields, r.zone);
  return { ms, naive: r.zone === 'naive', text: expiryText(r.fields, r.zone, ms) };
}

/** naive: the fields as Python's isoformat() writes them; aware: the UTC instant; microseconds kept (ms when exact) */
function expiryText(f: NaiveFields, zone: Zone, ms: number): string {
  const us = f.microsecond;
  const frac =
    us === 0 ? '' : us % 1000 === 0 ? `.${String(us / 1000).padStart(3, '0')}` : `.${String(us).padStart(6, '0')}`;
  if (zone !== 'naive') return `${new Date(ms).toISOString().slice(0, 19)}${frac}Z`;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(f.year, 4)}-${p(f.month)}-${p(f.day)}T${p(f.hour)}:${p(f.minute)}:${p(f.second)}${frac}`;
}

/** the exception dateutil raises for a text parseTimestamp rejects */
export function parseErrorType(text: string, now: number = Date.now()): DateutilError {
  const r = dateutilParse(text, { now });
  return r.ok ? 'ParserError' : r.type;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** notes on expirations botocore only trips over at first access */
export function expiryNotes(t: ParsedTime, now: number, what: string): string[] {
  if (t.naive) return [expiryHasNoTimezone(what)];
  if (t.ms <= now) return [expiryHasPassed(what, t)];
  if (t.ms - now < 15 * 60_000)
    return [`${what} (${iso(t.ms)}) is less than 15 minutes away: boto3 will try to refresh on first use`];
  return [];
}

// Messages

function expiryHasNoTimezone(what: string): string {
  return (
    `${what} has no timezone: boto3 will raise TypeError (can't subtract offset-naive and offset-aware ` +
    `datetimes) when it first uses these credentials`
  );
}

function expiryHasPassed(what: string, t: ParsedTime): string {
  return (
    `${what} (${iso(t.ms)}) has passed: boto3 will raise RuntimeError ("refreshed credentials are still ` +
    `expired") when it first uses these credentials`
  );
}
