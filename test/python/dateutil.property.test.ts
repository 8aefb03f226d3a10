// The dateutil port against dateutil itself: 10,000 generated date-like strings (a new seed each run unless
// FC_SEED is given; the seed is printed so a failure reproduces), every one parsed by both, and the same
// exception class or the same fields and zone expected.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateutilParse } from '../../src/python/dateutil';

const RUNS = Number(process.env.CREDCHAIN_DATEUTIL_RUNS ?? 10_000);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);

const word = fc.constantFrom(
  'Jan', 'January', 'feb', 'Sept', 'September', 'MAY', 'Dec', 'Mon', 'monday', 'Tues', 'Thu', 'Thurs', 'sun',
  'of', 'at', 'on', 'and', 'ad', 'st', 'nd', 'rd', 'th', 'T', 't', 'm', 'a', 'am', 'AM', 'p', 'pm', 'PM',
  'h', 'hour', 'hours', 'min', 'minute', 's', 'sec', 'second', 'seconds', 'UTC', 'GMT', 'Z', 'z', 'EST', 'CET',
  'PST', 'ABCDEF', 'nan', 'inf', 'Infinity', 'garbage', 'x', 'noon', 'today',
);
const num = fc.oneof(
  fc.integer({ min: 0, max: 99 }).map(String),
  fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.integer({ min: 1, max: 31 }).map(String),
  fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  fc.integer({ min: 1900, max: 2200 }).map(String),
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.stringMatching(/^[0-9]{1,4}[.,][0-9]{1,12}$/),
  fc.constantFrom('20990101', '20990101T000000', '209901011230', '20990101123045', '990101', '123045.5', '٢٠٩٩', '²'),
);
const sep = fc.constantFrom(' ', '-', '/', '.', ',', ':', 'T', '  ', ', ', '+', '-', '(', ')', ';', "'", '\t', '_', '');
const time = fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.option(fc.integer({ min: 0, max: 61 })), fc.option(fc.stringMatching(/^[0-9]{1,9}$/))).map(
  ([h, m, s, f]) => `${h}:${String(m).padStart(2, '0')}${s === null ? '' : `:${String(s).padStart(2, '0')}${f === null ? '' : `.${f}`}`}`,
);
const zone = fc.constantFrom('Z', 'z', ' UTC', ' GMT', '+00:00', '-08:00', '+0530', '+05', ' UTC+3', ' GMT-11', ' EST', ' (CET)', ' +01:00 (CET)', '-2400', '+99:99', '');
const iso = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('T', ' ', 't', '  '), time, zone).map(
  ([y, mo, d, t, tm, z]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}${t}${tm}${z}`,
);
const piece = fc.oneof({ weight: 4, arbitrary: num }, { weight: 3, arbitrary: word }, { weight: 3, arbitrary: sep }, { weight: 2, arbitrary: time }, { weight: 1, arbitrary: zone });
const soup = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const spaced = fc.array(fc.oneof(num, word, time), { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));
const dateLike = fc.oneof({ weight: 2, arbitrary: iso }, { weight: 4, arbitrary: soup }, { weight: 3, arbitrary: spaced }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

function ours(s: string): unknown {
  const r = dateutilParse(s);
  if (!r.ok) return { t: r.type };
  const f = r.fields;
  const z = typeof r.zone === 'object' ? r.zone.offsetSeconds : r.zone;
  return { t: 'ok', f: [f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond], z };
}

function dateutil(inputs: string[]): unknown[] {
  const run = spawnSync('python3', [path.join(__dirname, 'dateutil.oracle.py')], { input: JSON.stringify(inputs), maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (run.status !== 0) throw new Error(`dateutil oracle failed: ${run.stderr}`);
  return JSON.parse(run.stdout.toString());
}

describe('the dateutil port agrees with dateutil', () => {
  it('on the forms credentials carry and the ones users write', () => {
    const cases = [
      '2099-01-01T00:00:00Z', '2099-01-01 00:00:00 UTC', '1st January 2099', '4th of July 2099', 'Tues', '2099 12', '12 2099',
      '10am', '10 pm', 'Jan', '12:00', 'T12:00', '2099-01-01 10:00 PM', '2099-02-29', 'Feb 29 2100', 'Mon, 01 Jan 2099 00:00:00 GMT',
      'Sat Jan  1 00:00:00 UTC 2099', '2099-01-01T00:00:00+05', '12:00 GMT+3', '99999999999999999999', '2099-01-01T24:00:00Z',
      '', ' ', '2099-13-01', '10:00 (CET)', '2099-01-01T00:00:00.123456789Z', '2099-01-01T00:00:00-24:00', '0000-01-01',
    ];
    expect(cases.map(ours)).toEqual(dateutil(cases));
  });

  it(`on ${RUNS} generated date-like strings (seed ${SEED})`, () => {
    console.log(`dateutil property test: seed ${SEED} (FC_SEED=${SEED} reproduces)`);
    const inputs = fc.sample(dateLike, { numRuns: RUNS, seed: SEED });
    expect(inputs).toHaveLength(RUNS);
    const theirs = dateutil(inputs);
    const mismatches = inputs.map((s, i) => ({ s, ours: ours(s), theirs: theirs[i] })).filter((m) => JSON.stringify(m.ours) !== JSON.stringify(m.theirs));
    expect(mismatches.slice(0, 10), `${mismatches.length} of ${RUNS} disagree (seed ${SEED})`).toEqual([]);
  });
});
