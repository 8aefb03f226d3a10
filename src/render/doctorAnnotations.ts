// `doctor --format github`: one GitHub Actions workflow command per finding, on the file and line it names, so a
// pull request shows each problem where it is. Severity maps to ::error, ::warning and ::notice.
import type { DoctorReport } from '../doctor/doctor';
import type { Severity } from '../doctor/types';
import { lineWriter } from './terminalText';
import { escapeData, escapeProperty } from './verifyText';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** the workflow commands handed to `write` in pieces (a line per finding; nothing at all for no findings) */
export function writeDoctorAnnotations(r: DoctorReport, write: (s: string) => void): void {
  const out = lineWriter(write, undefined);
  for (const f of r.findings) {
    const props = [];
    if (f.location && 'file' in f.location) {
      props.push(`file=${escapeProperty(f.location.file)}`);
      if (f.location.line) props.push(`line=${f.location.line}`);
    }
    props.push(`title=${escapeProperty(`credchain doctor: ${f.rule}`)}`);
    const where = f.location && 'env' in f.location ? `$${f.location.env}: ` : '';
    out.line(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${where}${f.message} Fix: ${f.fix}`)}`);
  }
  out.end();
}
