// writeJsonChunked writes the very bytes of JSON.stringify(value, null, 2) + "\n", in pieces.
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
});
