// The unified diff `--dry-run` prints, with secret values masked on every line shown (changed or context): secret
// keys and session tokens become asterisks, access key ids keep their last four characters as elsewhere in text
// output. Lines are compared as written (ending included); only what is shown is masked.
import { layoutOf, valueSpan } from '../ini/editor';
import { maskKey } from '../core/mask';
import { isSecretKey as isSecretName, looksLikeSecretName, maskSecretShapes } from '../core/secrets';

/** keys whose values never appear in a diff: secret keys (src/core/secrets.ts decides) and access key ids */
export function isSecretKey(key: string): boolean {
  return isSecretName(key) || key === 'aws_access_key_id';
}

interface DiffLine {
  /** compared: the line as written, with its ending */
  raw: string;
  /** shown: masked, without its ending */
  show: string;
  /** the file's last line, without a line ending */
  noEol: boolean;
}

function mask(key: string, value: string): string {
  if (value === '') return value;
  return key === 'aws_access_key_id' ? maskKey(value) : '********';
}

function diffLines(text: string | null): DiffLine[] {
  if (text === null) return [];
  const layout = layoutOf(text);
  const owner = new Map<number, string>();
  for (const s of layout.sections) for (const k of s.keys) for (let i = k.line; i <= k.last; i++) owner.set(i, k.key);
  return layout.lines.map((l, i) => {
    let show = l.text;
    const key = owner.get(i);
    if (key !== undefined && isSecretKey(key) && l.kind !== 'comment' && l.kind !== 'blank') {
      if (l.kind === 'key') {
        const [v, end] = valueSpan(l.text);
        show = l.text.slice(0, v) + mask(key, l.text.slice(v, end)) + l.text.slice(end);
      } else show = l.text.replace(/\S.*$/u, '********');
    } else if (key !== undefined && l.kind === 'key' && looksLikeSecretName(key)) {
      // a wrapped secret read as a key of its own (a continuation line that lost its indent)
      show = l.text.replace(/\S.*$/u, '********');
    }
    // anything else shaped like a secret (a comment, a value under an odd key) is masked too
    show = maskSecretShapes(show);
    return { raw: l.text + l.eol, show, noEol: l.eol === '' };
  });
}

type Op = { t: ' ' | '-' | '+'; a: number; b: number };

/** an edit script: common prefix and suffix, then a longest common subsequence over what is left (small for edits) */
function script(a: DiffLine[], b: DiffLine[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre].raw === b[pre].raw) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf].raw === b[b.length - 1 - suf].raw) suf++;
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ t: ' ', a: i, b: i });
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length <= 4_000_000) {
    const n = am.length;
    const m = bm.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i][j] = am[i].raw === bm[j].raw ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i].raw === bm[j].raw) ops.push({ t: ' ', a: pre + i++, b: pre + j++ });
      else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ t: '-', a: pre + i++, b: pre + j });
      else ops.push({ t: '+', a: pre + i, b: pre + j++ });
    }
  } else {
    for (let i = 0; i < am.length; i++) ops.push({ t: '-', a: pre + i, b: pre });
    for (let j = 0; j < bm.length; j++) ops.push({ t: '+', a: pre + am.length, b: pre + j });
  }
  for (let i = 0; i < suf; i++) ops.push({ t: ' ', a: a.length - suf + i, b: b.length - suf + i });
  return ops;
}

/** `diff -u` of one file, `before` null for a file that does not exist yet; '' when nothing changes */
export function unifiedDiff(file: string, before: string | null, after: string, context = 3): string {
  const a = diffLines(before);
  const b = diffLines(after);
  const ops = script(a, b);
  const changed = ops.map((o, i) => (o.t === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (!changed.length) return '';
  let out = `--- ${before === null ? '/dev/null' : file}\n+++ ${file}\n`;
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    while (k < changed.length && changed[k] <= end + 2 * context) end = changed[k++];
    end = Math.min(ops.length - 1, end + context);
    const hunk = ops.slice(start, end + 1);
    const aLen = hunk.filter((o) => o.t !== '+').length;
    const bLen = hunk.filter((o) => o.t !== '-').length;
    out += `@@ -${aLen ? hunk[0].a + 1 : hunk[0].a},${aLen} +${bLen ? hunk[0].b + 1 : hunk[0].b},${bLen} @@\n`;
    for (const o of hunk) {
      const line = o.t === '+' ? b[o.b] : a[o.a];
      out += `${o.t}${line.show}\n`;
      if (line.noEol) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
