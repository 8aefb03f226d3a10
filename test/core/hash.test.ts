// The SHA-1 of cache file names, computed without loading node:crypto, against node:crypto's own digest.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexDigest } from '../../src/core/hash';

describe('hexDigest sha1', () => {
  it('is node:crypto SHA-1 on every length around the block boundaries, and on non-ASCII text', () => {
    const texts = ['', 'abc', 's', 'https://d-1234567890.awsapps.com/start', 'é日本🙂', 'x'.repeat(4096), 'y'.repeat(5000)];
    for (let n = 0; n < 200; n++) texts.push(Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7 + n) % 95))).join(''));
    for (const t of texts) expect(hexDigest('sha1', t), JSON.stringify(t.slice(0, 20))).toBe(createHash('sha1').update(t, 'utf8').digest('hex'));
  });

  it('sha256 is node:crypto', () => {
    expect(hexDigest('sha256', 'abc')).toBe(createHash('sha256').update('abc').digest('hex'));
  });
});
