// Column-aligned tables for text output: widths by display width (CJK and emoji take two columns), styles (colour)
// applied after padding so escape codes never shift a column. Two passes over the rows, whatever their number. A
// cell longer than MAX_PAD overflows its column instead of widening it, so one huge name cannot make every row huge.
// On a terminal (`width` given) the table fits it: columns marked `fit` give up room, down to their `min`, widest
// first; a `truncate` cell is cut with …, a `wrap` cell continues on the next lines under its own column.
import { displayWidth, padDisplay, truncateDisplay, wrapDisplay } from './terminalText';

const MAX_PAD = 80;
const GAP = '  ';

export interface Column {
  header: string;
  /** colour or emphasis for a cell, applied after padding */
  style?: (text: string, row: number) => string;
  /** how the column gives up room on a narrow terminal; columns without it keep their width */
  fit?: 'truncate' | 'wrap';
  /** the narrowest the column gets (default 8) */
  min?: number;
  /** columns with a higher `keep` give up room only after the others reached their minimum (default 0) */
  keep?: number;
}

export interface TableOptions {
  indent?: string;
  headerStyle?: (s: string) => string;
  /** the terminal's width; undefined (piped output) keeps every value whole */
  width?: number;
}

export function renderTable(columns: Column[], rows: string[][], opts: TableOptions = {}): string {
  const natural = columns.map((c) => displayWidth(c.header));
  for (const r of rows) {
    for (let i = 0; i < columns.length; i++) {
      const n = displayWidth(r[i] ?? '');
      if (n <= MAX_PAD || opts.width !== undefined) natural[i] = Math.max(natural[i], n);
    }
  }
  const widths = fitColumns(columns, natural, opts.width, (opts.indent ?? '').length);
  const row = tableRow(columns, widths, opts);
  const out: string[] = row(
    columns.map((c) => c.header),
    (_i, p) => (opts.headerStyle ? opts.headerStyle(p) : p),
  );
  rows.forEach((r, n) => {
    out.push(
      ...row(
        columns.map((_c, i) => r[i] ?? ''),
        (i, p) => (columns[i].style ? columns[i].style!(p, n) : p),
      ),
    );
  });
  return out.join('\n') + '\n';
}

/**
 * Column widths that fit `width` (when given): the columns that may give up room shrink, those with the lowest
 * `keep` first and among them the widest above its minimum, until the row fits or none can shrink further.
 */
export function fitColumns(columns: Column[], natural: number[], width: number | undefined, indent = 0): number[] {
  const widths = natural.slice();
  if (width === undefined) return widths;
  let excess = indent + widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1) - width;
  while (excess > 0) {
    let pick = -1;
    for (let i = 0; i < columns.length; i++) {
      if (!columns[i].fit || widths[i] <= (columns[i].min ?? 8)) continue;
      const keep = columns[i].keep ?? 0;
      const best = pick < 0 ? Infinity : (columns[pick].keep ?? 0);
      if (keep < best || (keep === best && widths[i] > widths[pick])) pick = i;
    }
    if (pick < 0) break;
    const give = Math.min(
      excess,
      widths[pick] - (columns[pick].min ?? 8),
      Math.max(1, widths[pick] - nextWidest(columns, widths, pick)),
    );
    widths[pick] -= give;
    excess -= give;
  }
  return widths;
}

/** the widest other column that gives up room at the same time as `pick` */
function nextWidest(columns: Column[], widths: number[], pick: number): number {
  let w = 0;
  for (let i = 0; i < columns.length; i++)
    if (i !== pick && columns[i].fit && (columns[i].keep ?? 0) === (columns[pick].keep ?? 0))
      w = Math.max(w, widths[i]);
  return w;
}

/**
 * A function from one row's cells to its lines: cells padded to the widths, cut or wrapped when a width is given
 * and they do not fit. The last column is not padded.
 */
export function tableRow(columns: Column[], widths: number[], opts: TableOptions = {}) {
  const indent = opts.indent ?? '';
  const last = columns.length - 1;
  return (cells: string[], style: (i: number, padded: string) => string): string[] => {
    const parts = cells.map((c, i) => {
      if (opts.width === undefined || displayWidth(c) <= widths[i]) return [c];
      return columns[i].fit === 'wrap' ? wrapDisplay(c, widths[i]) : [truncateDisplay(c, widths[i])];
    });
    const height = Math.max(...parts.map((p) => p.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) {
      const text = parts
        .map((p, i) => {
          const cell = p[k] ?? '';
          return style(i, i === last ? cell : padDisplay(cell, widths[i]));
        })
        .join(GAP);
      // linear: /\s+$/ backtracks quadratically over a long run of inner spaces
      lines.push((indent + text).trimEnd());
    }
    return lines;
  };
}
