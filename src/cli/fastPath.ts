// The common invocations — `credchain` and `credchain which` with global options only — are parsed straight from
// the option table, without building the full yargs parser (its cost would be most of credchain's start-up).
// Anything else, or anything unusual (help, repeated or unknown options, values that look like options), goes to
// yargs, which then gives its usual answers and errors.
import { GLOBAL_OPTIONS, type GlobalArgs } from './options';

type Spec = { type?: 'string' | 'boolean' | 'number'; choices?: readonly string[]; default?: unknown };

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export function fastWhichArgs(argv: string[]): GlobalArgs | undefined {
  const specs = GLOBAL_OPTIONS as Record<string, Spec>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) if (spec.default !== undefined) out[camel(name)] = spec.default;
  const seen = new Set<string>();
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (!tok.startsWith('--')) {
      if (tok !== 'which' || positional++ > 0 || i > 0) return undefined;
      continue;
    }
    const eq = tok.indexOf('=');
    let name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
    let inline = eq < 0 ? undefined : tok.slice(eq + 1);
    let negated = false;
    if (name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean') {
      name = name.slice(3);
      negated = true;
    }
    const spec = specs[name];
    if (!spec || seen.has(name)) return undefined;
    seen.add(name);
    let value: unknown;
    if (spec.type === 'boolean') {
      if (inline !== undefined || (argv[i + 1] === 'true' || argv[i + 1] === 'false')) return undefined;
      value = !negated;
    } else {
      if (negated) return undefined;
      if (inline === undefined) {
        inline = argv[++i];
        if (inline === undefined || inline.startsWith('-')) return undefined;
      }
      if (spec.choices && !spec.choices.includes(inline)) return undefined;
      if (spec.type === 'number') {
        value = Number(inline);
        if (inline.trim() === '' || !Number.isFinite(value)) return undefined;
      } else value = inline;
    }
    out[camel(name)] = value;
  }
  return out as unknown as GlobalArgs;
}
