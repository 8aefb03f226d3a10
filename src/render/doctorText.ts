// `credchain doctor` as text: one block per finding — severity, rule id, location, message, fix — most severe
// first, then a one-line summary. Key ids in messages are already masked; nothing is computed here.
import type { ChalkInstance } from 'chalk';
import type { DoctorReport } from '../doctor/doctor';
import type { FindingLocation, Severity } from '../doctor/types';
import { tildify } from '../core/mask';
import { escaper, lineWriter } from './terminalText';

export function describeFindingLocation(l: FindingLocation | null, home: string): string {
  if (!l) return '';
  if ('env' in l) return `$${l.env}`;
  const section = l.section !== undefined && l.section !== '' ? ` [${l.section}]` : '';
  return `${tildify(l.file, home)}${l.line ? `:${l.line}` : ''}${section}`;
}

/** the location with its strings escaped, as escapeStrings would give it */
function escapedLocation(l: FindingLocation | null, esc: (s: string) => string): FindingLocation | null {
  if (!l) return l;
  if ('env' in l) return { env: esc(l.env) };
  return { ...l, file: esc(l.file), ...(l.section !== undefined ? { section: esc(l.section) } : {}) };
}

/**
 * The text handed to `write` in pieces of about 64 KB. `width`: the terminal's columns (long lines wrap under their
 * value); undefined keeps lines whole. Every string printed is escaped and its home paths shown as ~/… (escapeStrings'
 * rule), each as it is printed, not by a copy of the whole report first; and neither the lines nor the whole text
 * is held at once (130,000 findings are some 400,000 lines, 28 MB of text).
 */
export function writeDoctorText(
  report: DoctorReport,
  c: ChalkInstance,
  home: string,
  width: number | undefined,
  write: (s: string) => void,
): void {
  const esc = escaper(home);
  const r = report;
  const out = lineWriter(write, width);
  const col: Record<Severity, (s: string) => string> = { error: c.red.bold, warning: c.yellow, info: c.cyan };
  const files = r.files
    .map(
      (f) =>
        `${esc(f.kind)} ` +
        `${f.path ? tildify(esc(f.path), home) : '(disabled)'}${f.state === 'ok' ? '' : ` (${esc(f.state)})`}`,
    )
    .join(', ');
  out.line(
    c.dim(
      `checked ${files}; profile ${esc(r.profile.name)} ` +
        `(${r.profile.source === 'default' ? 'no profile selected' : `from ${esc(r.profile.source)}`})`,
    ),
  );
  out.line('');
  for (const f of r.findings) {
    const where = describeFindingLocation(escapedLocation(f.location, esc), home);
    out.line(`${col[f.severity](f.severity.padEnd(7))} ${c.bold(esc(f.rule))}${where ? `  ${c.dim(where)}` : ''}`);
    out.line(`        ${esc(f.message)}`);
    out.line(`        ${c.green('fix:')} ${esc(f.fix)}`);
  }
  if (r.findings.length) out.line('');
  const { error, warning, info } = r.summary;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.line(
    r.findings.length
      ? `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info`
      : c.green('no problems found'),
  );
  out.end();
}
