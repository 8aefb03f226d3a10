// Timestamps as dateutil.parser.parse reads them (expected values from python3 with dateutil, now = 2026-11-23).
import { describe, expect, it } from 'vitest';
import { parseErrorType, parseTimestamp } from '../../src/python/timestamps';

const NOW = Date.UTC(2026, 10, 23, 8, 0, 0);
const iso = (t: ReturnType<typeof parseTimestamp>) => (t ? new Date(t.ms).toISOString().replace('.000Z', '') + (t.naive ? '' : 'Z') : undefined);

describe('parseTimestamp follows dateutil', () => {
  it('a weekday name alone is a naive date', () => {
    expect(parseTimestamp('Monday', NOW)?.naive).toBe(true);
  });
  it.each([
    ['2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z'],
    ['2099-01-01T00:00:00+0100', '2098-12-31T23:00:00Z'],
    ['20990101', '2099-01-01T00:00:00'],
    ['990101', '1999-01-01T00:00:00'],
    ['209901011200', '2099-01-01T12:00:00'],
    ['20990101120000', '2099-01-01T12:00:00'],
    ['2099', '2099-11-23T00:00:00'],
    ['12', '2026-11-12T00:00:00'],
    ['99-01-01', '1999-01-01T00:00:00'],
    ['01-02-03', '2003-01-02T00:00:00'],
    ['1-1-1', '2001-01-01T00:00:00'],
    ['2099-1-1', '2099-01-01T00:00:00'],
    ['2099/01/01', '2099-01-01T00:00:00'],
    ['01/02/2099', '2099-01-02T00:00:00'],
    ['2099-01-01T00:00:00 UTC+1', '2099-01-01T01:00:00Z'],
    ['2099-01-01T00:00:00 UTC-2', '2098-12-31T22:00:00Z'],
    ['2099-1-1T0:0:0Z', '2099-01-01T00:00:00Z'],
    ['20990101T000000Z', '2099-01-01T00:00:00Z'],
    ['2099-01-01T00:00:00 PST', '2099-01-01T00:00:00'],
  ])('%s → %s', (text, expected) => {
    expect(iso(parseTimestamp(text, NOW))).toBe(expected);
  });
  it.each([
    ['4102444800', 'OverflowError'],
    ['12345678901', 'OverflowError'],
    ['1234567890', 'ParserError'],
    ['12345', 'ParserError'],
    ['0', 'ParserError'],
    ['2099-13-01', 'ParserError'],
    ['2099-02-30T00:00:00Z', 'ParserError'],
    ['2099-01-01T24:00:00Z', 'ParserError'],
    ['99999999999999999999', 'OverflowError'],
    ['not-a-date', 'ParserError'],
  ])('%s is rejected with %s', (text, type) => {
    expect(parseTimestamp(text, NOW)).toBeUndefined();
    expect(parseErrorType(text)).toBe(type);
  });
});
