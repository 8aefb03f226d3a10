// The divergence table as data: ids unique and prefixed, rows of js-sdk-chain.md §4 (1–75) each cited once, every
// class that doctor can see registered as a doctor rule, and each rule says what both SDKs do and how to agree.
import { describe, expect, it } from 'vitest';
import { DIVERGENCES } from '../../src/divergences/index';
import { RULES } from '../../src/doctor/registry';

describe('DIVERGENCES', () => {
  it('has unique js-* ids, each with both sides and a fix', () => {
    const ids = DIVERGENCES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of DIVERGENCES) {
      expect(d.id).toMatch(/^js-[a-z0-9-]+$/);
      for (const s of [d.title, d.boto3, d.js, d.fix]) expect(s.length).toBeGreaterThan(5);
      expect(d.affects.length).toBeGreaterThan(0);
    }
  });

  it('cites rows of js-sdk-chain.md §4, each row at most once', () => {
    const rows = DIVERGENCES.flatMap((d) => d.rows);
    expect(new Set(rows).size).toBe(rows.length);
    for (const r of rows) expect(r >= 1 && r <= 75).toBe(true);
  });

  it('every class doctor can see is a doctor rule with severity info', () => {
    const doctor = new Map(RULES.map((r) => [r.id, r]));
    for (const d of DIVERGENCES) {
      if (d.compareOnly) expect(doctor.has(d.id)).toBe(false);
      else expect(doctor.get(d.id)?.severity).toBe('info');
    }
  });
});
