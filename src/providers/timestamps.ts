// Timestamps as botocore reads them: dateutil.parser.parse for env, process and container expirations. A value
// without a timezone is "naive" (botocore then fails with TypeError at first access).
import { type DateutilError, dateutilParse, epochMs } from '../python/dateutil';

export interface ParsedTime {
  ms: number;
  naive: boolean;
}


/**
 * dateutil.parser.parse as botocore calls it (src/python/dateutil.ts); undefined where dateutil raises
 * (parseErrorType says which exception). `now` fills the parts dateutil takes from today.
 */
export function parseTimestamp(text: string, now: number = Date.now()): ParsedTime | undefined {
  const r = dateutilParse(text, { now });
  if (!r.ok) return undefined;
  return { ms: epochMs(r.fields, r.zone), naive: r.zone === 'naive' };
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
  if (t.naive) return [`${what} has no timezone: boto3 will raise TypeError (can't subtract offset-naive and offset-aware datetimes) when it first uses these credentials`];
  if (t.ms <= now) return [`${what} (${iso(t.ms)}) has passed: boto3 will raise RuntimeError ("refreshed credentials are still expired") when it first uses these credentials`];
  if (t.ms - now < 15 * 60_000) return [`${what} (${iso(t.ms)}) is less than 15 minutes away: boto3 will try to refresh on first use`];
  return [];
}
