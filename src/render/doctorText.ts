// `credchain doctor` as text: one block per finding — severity, rule id, location, message, fix — most severe
// first, then a one-line summary. Key ids in messages are already masked; nothing is computed here.
import type { ChalkInstance } from 'chalk';
import type { DoctorReport } from '../doctor/doctor';
import type { FindingLocation, Severity } from '../doctor/types';
import { tildify } from '../core/mask';
import { fitLines } from './terminalText';
import { escapeStrings } from '../core/escape';

export function describeFindingLocation(l: FindingLocation | null, home: string): string {
  if (!l) return '';
  if ('env' in l) return `$${l.env}`;
  return `${tildify(l.file, home)}${l.line ? `:${l.line}` : ''}${l.section !== undefined && l.section !== '' ? ` [${l.section}]` : ''}`;
}

/** `width`: the terminal's columns (long lines wrap under their value); undefined keeps lines whole */
export function renderDoctorText(report: DoctorReport, c: ChalkInstance, home: string, width?: number): string {
  const r = escapeStrings(report, home);
  const out: string[] = [];
  const col: Record<Severity, (s: string) => string> = { error: c.red.bold, warning: c.yellow, info: c.cyan };
  const files = r.files.map((f) => `${f.kind} ${f.path ? tildify(f.path, home) : '(disabled)'}${f.state === 'ok' ? '' : ` (${f.state})`}`).join(', ');
  out.push(c.dim(`checked ${files}; profile ${r.profile.name} (${r.profile.source === 'default' ? 'no profile selected' : `from ${r.profile.source}`})`));
  out.push('');
  for (const f of r.findings) {
    const where = describeFindingLocation(f.location, home);
    out.push(`${col[f.severity](f.severity.padEnd(7))} ${c.bold(f.rule)}${where ? `  ${c.dim(where)}` : ''}`);
    out.push(`        ${f.message}`);
    out.push(`        ${c.green('fix:')} ${f.fix}`);
  }
  if (r.findings.length) out.push('');
  const { error, warning, info } = r.summary;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(r.findings.length ? `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info` : c.green('no problems found'));
  return fitLines(out, width);
}
