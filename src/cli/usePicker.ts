// The fuzzy finder `credchain use` opens when it is given no name on a terminal: a search prompt (@inquirer/search,
// loaded only here) drawn on stderr and read from stdin, so stdout stays the code the shell function evaluates.
// Typing filters (src/profiles/pickList.ts), arrows move, Enter picks, Esc or Ctrl-C cancels (undefined: nothing
// changes). Rows are cut to the terminal's width; the active profile is marked.
import { emitKeypressEvents } from 'node:readline';
import type { PickRow } from '../profiles/pickList';
import { rankRows } from '../profiles/pickList';

export interface PickerTerminal {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/** one line per profile: marker, name, kind, account, role or source, region; cut to `width` columns */
export function rowLabel(
  r: PickRow,
  widths: { name: number; kind: number; account: number; role: number },
  width: number,
): string {
  const cell = (s: string, w: number) => (s.length > w ? `${s.slice(0, Math.max(0, w - 1))}…` : s.padEnd(w));
  const line =
    `${r.active ? '●' : ' '} ${cell(r.name, widths.name)}  ${cell(r.kind, widths.kind)}  ` +
    `${cell(r.account, widths.account)}  ${cell(r.role, widths.role)}  ${r.region}`;
  return [...line].length > width ? `${[...line].slice(0, Math.max(1, width - 1)).join('')}…` : line.trimEnd();
}

function columnWidths(rows: PickRow[], width: number) {
  const max = (f: (r: PickRow) => string, cap: number) =>
    Math.min(cap, Math.max(4, ...rows.slice(0, 2000).map((r) => f(r).length)));
  const budget = Math.max(20, width - 8);
  return {
    name: max((r) => r.name, Math.floor(budget * 0.4)),
    kind: max((r) => r.kind, 12),
    account: max((r) => r.account, 12),
    role: max((r) => r.role, Math.floor(budget * 0.25)),
  };
}

/** the chosen profile, or undefined when the person cancelled */
export async function pickProfile(
  rows: PickRow[],
  recent: string[],
  term: PickerTerminal,
): Promise<string | undefined> {
  const { default: search } = await import('@inquirer/search');
  const width = Math.max(30, term.output.columns || 80);
  const height = Math.max(5, (term.output.rows || 24) - 4);
  const widths = columnWidths(rows, width - 2);
  const controller = new AbortController();
  emitKeypressEvents(term.input);
  const onKey = (_: unknown, key: { name?: string } | undefined) => {
    if (key?.name === 'escape') controller.abort();
  };
  term.input.on('keypress', onKey);
  try {
    return await search<string>(
      {
        message: 'Switch to profile (type to filter, Enter to switch, Esc to cancel)',
        pageSize: height,
        source: (query) =>
          rankRows(rows, query ?? '', recent).map((r) => ({
            value: r.name,
            name: rowLabel(r, widths, width - 2),
            short: r.name,
          })),
      },
      { input: term.input, output: term.output, signal: controller.signal, clearPromptOnDone: true },
    );
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === 'AbortPromptError' || name === 'ExitPromptError' || name === 'CancelPromptError') return undefined;
    throw e;
  } finally {
    term.input.off('keypress', onKey);
    term.input.pause();
  }
}
