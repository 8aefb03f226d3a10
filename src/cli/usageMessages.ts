// yargs' validation messages rewritten as one line that says what to type instead: an unknown command or option
// with the close names only ("did you mean", by the rule profile names use), a missing value, an invalid choice.
import { closestNames } from '../core/closest';
import { camel } from './options';

/** what the message is about: the command names, the options the command accepts, and the raw command line */
export interface UsageScope {
  commands: string[];
  options: string[];
  /** options that take a value (so the next token is not a command) */
  valued: Set<string>;
  argv: string[];
  /** commands that take a subcommand (`sso populate`), with theirs */
  subcommands?: Record<string, string[]>;
}

const suggest = (near: string[], quote: (s: string) => string) =>
  near.length ? `; did you mean ${near.map(quote).join(' or ')}?` : '';

export function rewriteUsage(msg: string, scope: UsageScope): string {
  const sub = subcommandProblem(scope);
  if (sub) return sub;
  const unknown = /^Unknown arguments?: (.*)$/s.exec(msg);
  if (unknown) {
    // yargs names an unknown --some-option twice, also as someOption
    const names = unknown[1].split(', ');
    const camelForms = new Set(names.filter((n) => camel(n) !== n).map(camel));
    return names
      .filter((n) => !camelForms.has(n))
      .map((name) => unknownArgument(name, scope))
      .join('; ');
  }
  const missing = /^Not enough arguments following: (.*)$/.exec(msg);
  if (missing) return `--${missing[1]} needs a value`;
  if (msg.startsWith('Invalid values:')) {
    return [...msg.matchAll(/Argument: ([^,]+), Given: (.*?), Choices: (.*)/g)]
      .map(
        ([, name, given, choices]) =>
          `${asTyped(name, scope.argv)} must be one of ${choices.replace(/"/g, '')}, not ${given}`,
      )
      .join('; ');
  }
  return msg
    .split('\n')
    .map((l) => l.trim())
    .join(' ');
}

function unknownArgument(name: string, scope: UsageScope): string {
  const first = firstPositional(scope);
  if (name === first && !scope.commands.includes(name)) {
    return `unknown command '${name}'${suggest(closestNames(name, scope.commands), (c) => `'${c}'`)}`;
  }
  // yargs reads --no-x as x=false and then names x
  const given = scope.argv
    .map((t) => /^-+([^=]+)/.exec(t)?.[1])
    .find((t) => t !== undefined && [name, camel(name), `no-${name}`].includes(t));
  if (given !== undefined) {
    return (
      `unknown option ` +
      `${given.length === 1 ? '-' : '--'}${given}${suggest(closestNames(given, scope.options), (o) => `--${o}`)}`
    );
  }
  return `unexpected argument '${name}'`;
}

/** a command that needs a subcommand given none, or one it does not have */
function subcommandProblem(scope: UsageScope): string | undefined {
  const [command, given] = positionals(scope);
  const known = command !== undefined ? scope.subcommands?.[command] : undefined;
  if (!known || (given !== undefined && known.includes(given))) return undefined;
  if (given === undefined) return `${command} needs a subcommand: ${known.join(' or ')}`;
  return `unknown ${command} command '${given}'${suggest(closestNames(given, known), (c) => `'${c}'`)}`;
}

/** the token in command position: the first one that is neither an option nor an option's value */
function firstPositional(scope: UsageScope): string | undefined {
  return positionals(scope)[0];
}

/** the tokens that are neither options nor options' values, up to `--` */
function positionals({ argv, valued }: UsageScope): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    if (t === '--') break;
    if (!t.startsWith('-')) out.push(t);
    else if (t.startsWith('--') && !t.includes('=') && valued.has(t.slice(2))) i++;
  }
  return out;
}

/** `--name` for an option given on the command line, the bare name for a positional (`init <shell>`) */
function asTyped(name: string, argv: string[]): string {
  return argv.some((t) => t === `--${name}` || t.startsWith(`--${name}=`)) ? `--${name}` : name;
}
