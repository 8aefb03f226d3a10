// writeJsonChunked writes the very bytes of JSON.stringify(value, null, 2) + "\n", in pieces, and writes a collection
// of rows made as they are read (an iterable with toJSON) a chunk at a time, without making them all first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonChunked } from '../../src/render/jsonChunks';

function chunked(value: Record<string, unknown>, chunk?: number): { text: string; writes: number } {
  const parts: string[] = [];
  writeJsonChunked(value, (s) => parts.push(s), chunk);
  return { text: parts.join(''), writes: parts.length };
}

describe('writeJsonChunked', () => {
  it('equals JSON.stringify(value, null, 2) on listings around the chunk boundary', () => {
    const profile = (i: number) => ({ name: `p${i}`, kind: 'static', region: i % 2 ? null : 'eu-west-1', definedIn: [{ file: '/h/.aws/config', line: i }], unused: [], notes: i % 3 ? [] : ['a "quoted"\nnote'] });
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9]) {
      const listing = { active: { name: 'p1', notes: [] }, profiles: Array.from({ length: n }, (_, i) => profile(i)), ignoredSections: [], files: { config: { path: '/h' } } };
      expect(chunked(listing, 4).text).toBe(JSON.stringify(listing, null, 2) + '\n');
    }
  });

  it('writes a long array in pieces', () => {
    const listing = { profiles: Array.from({ length: 10_000 }, (_, i) => ({ name: `p${i}` })) };
    const out = chunked(listing);
    expect(out.text).toBe(JSON.stringify(listing, null, 2) + '\n');
    expect(out.writes).toBeGreaterThanOrEqual(10);
  });

  it('equals JSON.stringify for any JSON object, undefined members and array holes included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined))), fc.constant(undefined))), fc.integer({ min: 1, max: 4 }), (value, chunk) => {
        expect(chunked(value, chunk).text).toBe(JSON.stringify(value, null, 2) + '\n');
      }),
      { numRuns: 300 },
    );
  });

  it('writes rows made as they are read, top-level or one object down, as JSON.stringify would', () => {
    for (const n of [0, 1, 3, 4, 5, 9]) {
      const value = {
        a: 1,
        rows: new Rows(n),
        nested: { name: 'x', rows: new Rows(n), deeper: { rows: new Rows(n) } },
        list: [new Rows(2)],
        z: [],
      };
      expect(chunked(value, 4).text, `${n} rows`).toBe(JSON.stringify(value, null, 2) + '\n');
    }
  });

  it('holds at most a chunk of rows: each chunk is written before the next is made', () => {
    const rows = new Rows(10);
    const madeAtWrite: number[] = [];
    writeJsonChunked({ rows }, () => madeAtWrite.push(rows.made), 4);
    expect(madeAtWrite).toEqual([4, 8, 10, 10]);
  });
});

/** rows made as they are read, counted; toJSON makes them all, as JSON.stringify would have them */
class Rows {
  made = 0;
  constructor(readonly n: number) {}
  *[Symbol.iterator](): Iterator<{ i: number; s: string }> {
    for (let i = 0; i < this.n; i++) {
      this.made++;
      yield { i, s: `row "${i}"\n` };
    }
  }
  toJSON(): { i: number; s: string }[] {
    return [...this];
  }
}
