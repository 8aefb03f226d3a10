// `credchain profiles` as text: one row per profile (the active one marked *), then the active profile and why,
// then sections botocore does not treat as profiles. Reads the listing; computes nothing.
import type { ChalkInstance } from 'chalk';
import { KIND_LABEL } from '../profiles/kinds';
import type { ProfileEntry, ProfileListing } from '../profiles/list';
import { renderTable } from './table';
import { escaper, fitLines, tildifier } from './terminalText';

export function describeSource(p: ProfileEntry): string {
  if (p.sourceProfile !== null) return p.sourceProfile;
  if (p.credentialSource !== null) return `(${p.credentialSource})`;
  if (p.ssoAccountId !== null || p.ssoRoleName !== null) {
    // account and role first: that is what tells dozens of generated sso profiles apart
    const who = `${p.ssoAccountId ?? '?'} ${p.ssoRoleName ?? '?'}`;
    return p.ssoSession !== null ? `${who} [sso-session ${p.ssoSession}]` : who;
  }
  if (p.ssoSession !== null) return `[sso-session ${p.ssoSession}]`;
  return '';
}

/**
 * `width`: the terminal's columns (names and sources cut with …, places wrap); undefined keeps values whole. Every
 * string printed is escaped and its home paths shown as ~/… (escapeStrings' rule), each as it is printed: a copy of
 * the whole listing first cost most of the time and memory on 100,000 profiles.
 */
export function renderProfilesText(listing: ProfileListing, c: ChalkInstance, home: string, width?: number): string {
  const esc = escaper(home);
  const tildify = tildifier(home);
  const l = listing;
  // every row names one of two files: each shown once
  const shownFiles = new Map<string, string>();
  const fileShown = (f: string) => shownFiles.get(f) ?? shownFiles.set(f, tildify(esc(f))).get(f)!;
  const where = (p: ProfileEntry) =>
    p.definedIn.length === 1
      ? `${fileShown(p.definedIn[0].file)}:${p.definedIn[0].line}`
      : p.definedIn.map((d) => `${fileShown(d.file)}:${d.line}`).join(', ');
  const rows = l.profiles.map((p) => [
    p.active ? '*' : '',
    esc(p.name),
    esc(KIND_LABEL[p.kind]),
    p.region === null ? '-' : esc(p.region),
    esc(describeSource(p)) || '-',
    where(p),
  ]);
  const out: string[] = [];
  if (rows.length) {
    out.push(
      renderTable(
        [
          { header: '', style: (t) => c.green.bold(t) },
          // on a narrow terminal the other columns give up room before the name, down to these minimums; a place
          // (~/.aws/config:12) wraps whole under its column
          {
            header: 'PROFILE',
            style: (t, n) => (l.profiles[n].active ? c.bold(t) : t),
            fit: 'truncate',
            min: 12,
            keep: 1,
          },
          {
            header: 'KIND',
            style: (t, n) => (l.profiles[n].kind === 'settings-only' ? c.dim(t) : t),
            fit: 'truncate',
            min: 11,
          },
          { header: 'REGION', fit: 'truncate', min: 9 },
          { header: 'SOURCE', fit: 'truncate', min: 10 },
          { header: 'DEFINED IN', style: (t) => c.dim(t), fit: 'wrap', min: 20 },
        ],
        rows,
        { headerStyle: (h) => c.bold(h), width },
      ).trimEnd(),
    );
  } else {
    out.push(
      c.dim(
        `no profiles in ${tildify(esc(l.files.config.path) || '(config disabled)')} or ` +
          `${tildify(esc(l.files.credentials.path) || '(credentials disabled)')}`,
      ),
    );
  }
  out.push('');
  const a = l.active;
  const why = a.source === 'default' ? 'no profile selected: boto3 uses "default"' : `from ${esc(a.source)}`;
  const shown = a.name === '' ? "''" : esc(a.name);
  out.push(`${c.bold('Active')}  ${a.exists ? shown : c.red(shown)}  ${c.dim(`(${why})`)}`);
  for (const n of a.notes) out.push(`  ${c.yellow('!')} ${esc(n)}`);
  const notes: string[] = [];
  for (const p of l.profiles) {
    for (const u of p.unused)
      notes.push(`profile "${esc(p.name)}" is ${esc(KIND_LABEL[p.kind])}: boto3 never uses its ${esc(u)}`);
    for (const n of p.notes) notes.push(esc(n));
  }
  for (const s of l.ignoredSections)
    if (s.likelyMistake) notes.push(`[${esc(s.section)}] at ${tildify(esc(s.file))}:${s.line} is ${esc(s.reason)}`);
  if (notes.length) {
    out.push('');
    out.push(c.bold('Notes'));
    for (const n of notes) out.push(`  ${c.yellow('!')} ${n}`);
  }
  return fitLines(out, width);
}
