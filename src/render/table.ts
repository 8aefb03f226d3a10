// Plain column-aligned tables for text output: widths from the cells as written, styles (colour) applied after
// padding so escape codes never shift a column. Two passes over the rows, whatever their number. A cell longer than
// MAX_PAD overflows its column instead of widening it, so one huge name cannot make every row (and the output) huge.

const MAX_PAD = 80;

export interface Column {
  header: string;
  /** colour or emphasis for a cell, applied after padding */
  style?: (text: string, row: number) => string;
}

export function renderTable(columns: Column[], rows: string[][], opts: { indent?: string; headerStyle?: (s: string) => string } = {}): string {
  const widths = columns.map((c) => c.header.length);
  for (const r of rows) {
    for (let i = 0; i < columns.length; i++) {
      const n = (r[i] ?? '').length;
      if (n <= MAX_PAD) widths[i] = Math.max(widths[i], n);
    }
  }
  const indent = opts.indent ?? '';
  const last = columns.length - 1;
  const line = (cells: string[], style: (i: number, padded: string) => string) =>
    indent +
    cells
      .map((c, i) => style(i, i === last ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd(); // linear: /\s+$/ backtracks quadratically over a long run of inner spaces
  const out: string[] = [line(columns.map((c) => c.header), (_i, p) => (opts.headerStyle ? opts.headerStyle(p) : p))];
  rows.forEach((r, n) => {
    out.push(line(columns.map((_c, i) => r[i] ?? ''), (i, p) => (columns[i].style ? columns[i].style!(p, n) : p)));
  });
  return out.join('\n') + '\n';
}
