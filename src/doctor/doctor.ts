// `credchain doctor`: runs every rule family on the offline view of the files and environment and returns the
// findings, most severe first, without duplicates. Nothing is run and nothing is fetched.
import type { Context } from '../core/context';
import type { ResolveOptions } from '../config/session';
import { prepareDoctorInput } from './input';
import { RULE_FAMILIES, RULES } from './registry';
import type { Finding, Severity } from './types';
import { bothFiles } from '../divergences/types';

export interface DoctorReport {
  files: { kind: 'config' | 'credentials'; path: string; source: string; state: string }[];
  profile: { name: string; source: string };
  findings: Finding[];
  summary: Record<Severity, number>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export async function runDoctor(ctx: Context, opts: ResolveOptions = {}): Promise<DoctorReport> {
  const input = prepareDoctorInput(ctx, opts);
  const found: Finding[] = [];
  // a loop, not push(...spread): a spread of ~130k findings overflows V8's argument stack
  for (const family of RULE_FAMILIES) for (const f of await family.check(input)) found.push(f);
  const findings = dedupe(found).sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || ruleOrder(a.rule) - ruleOrder(b.rule),
  );
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return {
    files: bothFiles(input).map((f) => ({
      kind: f.kind,
      path: f.path,
      source: f.source,
      state: f.state,
    })),
    profile: { name: input.session.profileName, source: input.session.profileSource },
    findings,
    summary,
  };
}

const ORDER = new Map(RULES.map((r, i) => [r.id, i]));
function ruleOrder(id: string): number {
  return ORDER.get(id) ?? RULES.length;
}

function locKey(f: Finding): string {
  const l = f.location;
  if (!l) return '';
  return 'env' in l ? `env:${l.env}` : `${l.file}:${l.line ?? ''}`;
}

/** the same finding twice (two profiles sharing a source) once; a catch-all error only where no rule said more */
function dedupe(found: Finding[]): Finding[] {
  const seen = new Set<string>();
  // the places other rules claimed matter only to a catch-all error: listed only when there is one (130,000
  // findings would otherwise make 130,000 strings for nothing)
  const claimed = found.some((f) => f.rule === 'profile-resolution-error') ? claimedPlaces(found) : new Set<string>();
  const out: Finding[] = [];
  for (const f of found) {
    if (f.rule === 'profile-resolution-error' && claimed.has(locKey(f))) continue;
    const key = `${f.rule}\u0000${locKey(f) || f.message}\u0000${f.severity === 'info' ? f.message : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** the places (file:line, env:NAME) where a rule other than the catch-all reported a problem */
function claimedPlaces(found: Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of found) {
    if (f.rule === 'profile-resolution-error' || f.severity === 'info') continue;
    const k = locKey(f);
    if (k) out.add(k);
  }
  return out;
}
