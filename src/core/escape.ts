// Escaping for text that reaches a terminal or a log: a name, a path or a message from a file, the environment or an
// endpoint can neither split a row nor drive the terminal (ESC, BEL, CR…). The one escaping rule for text output,
// error lines and the free text masked in src/core/secretShapes.ts.
import { tildifyText } from './mask';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0, DEL and C1 characters as escapes (`\n`, `\x1b`): the one escaping rule for text output and error lines */
export function escapeControl(s: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROL, (ch) => NAMED[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A report with every string in it escaped, and paths under `home` as ~/… (when given): text renderers call this
 * first, so every value they print — however deep in the report — is shown escaped and every path reads the same,
 * and their own layout (newlines between lines, colour codes) is untouched. A loop over an explicit stack: a
 * report's depth follows the input (a role chain).
 */
export function escapeStrings<T>(report: T, home?: string): T {
  const root = { v: report as unknown };
  const stack: [Record<string | number, unknown>, string | number][] = [[root as Record<string, unknown>, 'v']];
  while (stack.length) {
    const [holder, key] = stack.pop()!;
    const v = holder[key];
    if (typeof v === 'string') holder[key] = escapeControl(home ? tildifyText(v, home) : v);
    else if (Array.isArray(v)) {
      const copy = v.slice();
      holder[key] = copy;
      for (let i = 0; i < copy.length; i++) stack.push([copy as unknown as Record<number, unknown>, i]);
    } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const copy = { ...(v as Record<string, unknown>) };
      holder[key] = copy;
      for (const k of Object.keys(copy)) stack.push([copy, k]);
    }
  }
  return root.v as T;
}
