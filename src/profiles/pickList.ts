// The rows of the `credchain use` picker and how a typed filter ranks them: every profile with its kind, account,
// role (or where its credentials come from) and region; the filter matches as a substring first, then as a fuzzy
// subsequence, on the name, account id, role name and sso session; with no filter, recently used profiles come first.
import type { ProfileEntry } from './list';

export interface PickRow {
  name: string;
  kind: string;
  account: string;
  /** the role name, or where the credentials come from (source profile, credential source, process, …) */
  role: string;
  region: string;
  ssoSession: string;
  active: boolean;
}

const ARN = /^arn:[^:]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function pickRows(entries: ProfileEntry[]): PickRow[] {
  return entries.map((e) => {
    const arn = e.roleArn ? ARN.exec(e.roleArn) : null;
    const role =
      e.ssoRoleName ??
      (arn ? arn[2] : null) ??
      (e.sourceProfile ? `from ${e.sourceProfile}` : null) ??
      (e.credentialSource ? `from ${e.credentialSource}` : null) ??
      (e.credentialProcess ? 'process' : '');
    return {
      name: e.name,
      kind: e.kind,
      account: e.ssoAccountId ?? (arn ? arn[1] : ''),
      role,
      region: e.region ?? '',
      ssoSession: e.ssoSession ?? '',
      active: e.active,
    };
  });
}

/** a fuzzy subsequence score: higher for contiguous runs and matches at word starts; -1 when not a subsequence */
export function fuzzyScore(text: string, query: string): number {
  const t = text.toLowerCase();
  const q = query.toLowerCase();
  if (!q) return 0;
  const at = t.indexOf(q);
  if (at >= 0) return 1000 - at - (t.length - q.length) / 100;
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return -1;
    score += found === prev + 1 ? 5 : 1;
    if (found === 0 || /[^a-z0-9]/.test(t[found - 1])) score += 3;
    prev = found;
    ti = found + 1;
  }
  return score - t.length / 100;
}

/** the rows that match the filter, best first; with no filter, recent ones first (in recency order), then by name */
export function rankRows(rows: PickRow[], query: string, recent: string[]): PickRow[] {
  const recency = new Map(recent.map((n, i) => [n, i]));
  const byRecent = (a: PickRow, b: PickRow) => {
    const ra = recency.get(a.name) ?? Infinity;
    const rb = recency.get(b.name) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
  const q = query.trim();
  if (!q) return [...rows].sort(byRecent);
  const scored: { row: PickRow; score: number }[] = [];
  for (const row of rows) {
    const score = Math.max(
      fuzzyScore(row.name, q),
      fuzzyScore(row.account, q) - 1,
      fuzzyScore(row.role, q) - 1,
      fuzzyScore(row.ssoSession, q) - 2,
    );
    if (score >= 0) scored.push({ row, score });
  }
  return scored.sort((a, b) => b.score - a.score || byRecent(a.row, b.row)).map((s) => s.row);
}
