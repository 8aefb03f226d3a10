// "Did you mean …?" for profile names: names within a small edit distance (optimal string alignment, so a swapped
// pair of letters costs one), then names that contain the input or start with it, ordered by distance.

/** Damerau–Levenshtein distance (optimal string alignment), giving up once it exceeds `limit` */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** up to `max` names close to `input`, closest first */
export function closestNames(input: string, names: Iterable<string>, max = 5): string[] {
  // one edit per three letters, at least one: a short name is not "close" to every other short name
  const limit = Math.max(1, Math.floor(input.length / 3));
  const lower = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    if (name === input) continue;
    const l = name.toLowerCase();
    let score = editDistance(lower, l, limit);
    // a name that differs only in case ranks before any real edit (profile names are case-sensitive)
    if (score <= limit) score = l === lower ? 0.5 : score;
    else if (lower.length >= 2 && (l.startsWith(lower) || l.includes(lower)))
      score = limit + 1 + (l.length - lower.length) / 1000;
    else continue;
    scored.push({ name, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** ` (did you mean "a", "b"?)`, or '' */
export function didYouMean(input: string, names: Iterable<string>): string {
  const near = closestNames(input, names);
  return near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : '';
}
