// The common invocations — `credchain` and `credchain which` with global options only — are parsed straight from
// the option table, without building the full yargs parser (its cost would be most of credchain's start-up).
// Values are read by the same coerceOption() yargs uses, so both read a command line alike (the last occurrence of
// an option wins). Anything else, or anything unusual (help, unknown options, values that look like options or
// that coerceOption rejects), goes to yargs, which then gives its usual answers and errors.
import type { CurrentArgs } from './current';
import type { DoctorArgs } from './doctor';
import { camel, coerceOption, GLOBAL_OPTIONS, type GlobalArgs, type OptionSpec } from './options';
import type { ProfilesArgs } from './profiles';
import type { ShowArgs } from './show';

export function fastWhichArgs(argv: string[]): GlobalArgs | undefined {
  return fastArgs(argv, 'which', GLOBAL_OPTIONS, false);
}

/** `current`'s own option, beside the global ones */
export const CURRENT_OPTIONS: Record<string, OptionSpec> = {
  always: {
    type: 'boolean',
    describe: 'print what boto3 falls back to ("default" or "(env)") when no profile is active',
  },
};

/** `credchain current [options]`, which runs on every shell prompt and so takes the fast path too */
export function fastCurrentArgs(argv: string[]): CurrentArgs | undefined {
  return fastArgs(argv, 'current', { ...GLOBAL_OPTIONS, ...CURRENT_OPTIONS }, true);
}

/** `profiles`, `show [name]` and `doctor` with plain options: read here, run from the small local bundle */
export function fastLocalArgs(
  argv: string[],
):
  | { command: 'profiles'; args: ProfilesArgs }
  | { command: 'show'; args: ShowArgs }
  | { command: 'doctor'; args: DoctorArgs }
  | undefined {
  const command = argv[0];
  if (command === 'profiles') {
    const args = fastArgs(argv, command, { ...GLOBAL_OPTIONS, names: { type: 'boolean', describe: '' } }, true);
    return args && { command, args };
  }
  if (command === 'show') {
    const args = fastArgs(argv, command, GLOBAL_OPTIONS, true, 'name');
    return args && { command, args };
  }
  if (command === 'doctor') {
    const args = fastArgs(argv, command, GLOBAL_OPTIONS, true);
    // doctor's own options keep the defaults its yargs builder gives them
    return args && { command, args: { ...args, failOn: 'error', format: 'text' } };
  }
  return undefined;
}

/**
 * the command line `command [--options]` (the command optional unless `required`; one positional argument when
 * `positionalName` names it), or undefined for yargs
 */
function fastArgs(
  argv: string[],
  command: string,
  specs: Record<string, OptionSpec>,
  required: boolean,
  positionalName?: string,
): GlobalArgs | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) if (spec.default !== undefined) out[camel(name)] = spec.default;
  if (required && argv[0] !== command) return undefined;
  let positional = 0;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (!tok.startsWith('--')) {
      if (i > 0 && positionalName && tok !== '' && !tok.startsWith('-') && out[positionalName] === undefined) {
        out[positionalName] = tok;
        continue;
      }
      if (tok !== command || positional++ > 0 || i > 0) return undefined;
      continue;
    }
    const eq = tok.indexOf('=');
    let name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
    let inline = eq < 0 ? undefined : tok.slice(eq + 1);
    let negated = false;
    const negatable = specs[name.slice(3)];
    if (name.startsWith('no-') && (negatable?.type === 'boolean' || negatable?.negated !== undefined)) {
      name = name.slice(3);
      negated = true;
    }
    const spec = specs[name];
    if (!spec) return undefined;
    let value: unknown;
    if (negated && spec.negated !== undefined) {
      // --no-color is --color off
      if (inline !== undefined) return undefined;
      value = spec.negated;
    } else if (spec.type === 'boolean') {
      if (inline !== undefined || argv[i + 1] === 'true' || argv[i + 1] === 'false') return undefined;
      value = !negated;
    } else {
      if (inline === undefined) {
        inline = argv[++i];
        if (inline === undefined || inline.startsWith('-')) return undefined;
      }
      if (spec.choices && !spec.choices.includes(inline)) return undefined;
      try {
        value = coerceOption(name, spec, inline);
      } catch {
        return undefined;
      }
    }
    out[camel(name)] = value;
  }
  // built key by key from the option table above, each value read by coerceOption: the table is the type's source
  return out as unknown as GlobalArgs;
}
