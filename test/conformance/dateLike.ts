// Date-like strings for the random chain test's expirations (AWS_CREDENTIAL_EXPIRATION, credential_process
// "Expiration"), built from the pieces dateutil's lexer and parser react to: ordinals, time-only values, month-year
// pairs, AM/PM, lone month and weekday names, odd zones, huge numbers, and times whose minute is a Decimal past 28
// digits (`7:40243064032735896505346733153257440:02`, decimal.InvalidOperation). Same idea as the generator of
// test/python/dateutil.property.test.ts, which fuzzes the port alone; here the whole chain reads them.
import fc from 'fast-check';

const word = fc.constantFrom(
  'Jan', 'January', 'feb', 'Sept', 'September', 'MAY', 'Dec', 'Mon', 'monday', 'Tues', 'Thu', 'Thurs', 'sun',
  'of', 'at', 'on', 'and', 'st', 'nd', 'rd', 'th', 'T', 'am', 'AM', 'pm', 'PM', 'h', 'min', 's',
  'UTC', 'GMT', 'Z', 'EST', 'CET', 'PST', 'ABCDEF', 'nan', 'inf', 'Infinity', 'noon', 'today',
);
const num = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map(String),
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.integer({ min: 1, max: 31 }).map(String),
  fc.integer({ min: 1900, max: 2200 }).map(String),
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.stringMatching(/^[0-9]{1,4}[.,][0-9]{1,12}$/),
  fc.constantFrom('20990101', '20990101T000000', '209901011230', '990101', '123045.5'),
);
const sep = fc.constantFrom(' ', '-', '/', '.', ',', ':', 'T', ', ', '+', '(', ')', '');
const time = fc
  .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.option(fc.integer({ min: 0, max: 61 })), fc.option(fc.stringMatching(/^[0-9]{1,9}$/)))
  .map(([h, m, s, f]) => `${h}:${String(m).padStart(2, '0')}${s === null ? '' : `:${String(s).padStart(2, '0')}${f === null ? '' : `.${f}`}`}`);
const zone = fc.constantFrom('Z', 'z', ' UTC', ' GMT', '+00:00', '-08:00', '+0530', '+05', ' UTC+3', ' GMT-11', ' EST', ' (CET)', '-2400', '+99:99', '');
const ordinal = fc
  .tuple(fc.integer({ min: 1, max: 32 }), fc.constantFrom('st', 'nd', 'rd', 'th'), fc.constantFrom(' ', ' of '), fc.constantFrom('January', 'Jul', 'feb'), fc.constantFrom(' 2099', ' 2000', ''))
  .map(([d, suffix, of, month, year]) => `${d}${suffix}${of}${month}${year}`);
const ampm = fc.tuple(fc.integer({ min: 0, max: 13 }), fc.constantFrom('am', 'pm', ' AM', ' PM', ':30 pm', ':00:00 AM'), fc.constantFrom('', '2099-01-01 ', 'Jan 1 2099 ')).map(([h, suffix, date]) => `${date}${h}${suffix}`);
const monthYear = fc.tuple(fc.integer({ min: 1, max: 13 }), fc.constantFrom(2099, 2000, 99)).map(([m, y]) => fc.constantFrom(`${y} ${m}`, `${m} ${y}`, `${y}-${m}`));
/** a minute or second of 29-40 digits: dateutil's Decimal % 1 raises InvalidOperation */
const decimalOverflow = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.stringMatching(/^[1-9][0-9]{28,39}$/), fc.constantFrom(':02', '', ':00Z'))
  .map(([h, big, tail]) => `${h}:${big}${tail}`);
const iso = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('T', ' ', 't'), time, zone)
  .map(([y, mo, d, t, tm, z]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}${t}${tm}${z}`);
const piece = fc.oneof({ weight: 4, arbitrary: num }, { weight: 3, arbitrary: word }, { weight: 3, arbitrary: sep }, { weight: 2, arbitrary: time }, { weight: 1, arbitrary: zone });
const soup = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const spaced = fc.array(fc.oneof(num, word, time), { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));

/** a date-like string as a user or a helper might write one; never a NUL (no environment value can hold one) */
export const dateLikeArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: iso },
  { weight: 2, arbitrary: ordinal },
  { weight: 2, arbitrary: ampm },
  { weight: 2, arbitrary: monthYear.chain((a) => a) },
  { weight: 1, arbitrary: time.map((t) => fc.constantFrom(t, `T${t}`)).chain((a) => a) },
  { weight: 1, arbitrary: word },
  { weight: 1, arbitrary: decimalOverflow },
  { weight: 3, arbitrary: soup },
  { weight: 2, arbitrary: spaced },
);
