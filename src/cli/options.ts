// Global options shared by every command, and how they become ResolveOptions.
import type { Argv, MiddlewareFunction, Options } from 'yargs';
import { UsageError } from '../core/errors';
import type { ResolveOptions } from '../config/session';
import type { ColorMode } from '../render/color';
import type { CliIO } from './io';

export interface GlobalArgs {
  profile?: string;
  region?: string;
  output?: 'text' | 'json';
  json?: boolean;
  color: ColorMode;
  debug?: boolean;
  imds: boolean;
  imdsTimeout?: number;
  forceImds?: boolean;
  endpointUrl?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/**
 * One option, typed. Every option is read through coerceOption(): the last occurrence wins (as in the AWS CLI),
 * a string or number option needs a value, a number is checked and a bad one echoed as given.
 */
export interface OptionSpec {
  type: 'string' | 'boolean' | 'number' | 'choice';
  describe: string;
  choices?: readonly string[];
  default?: unknown;
  /** the value `--no-NAME` stands for, for a choice option (`--no-color` is `--color off`) */
  negated?: string;
  /** for numbers: whether a value is acceptable, and how to say what is */
  accept?: (n: number) => boolean;
  expect?: string;
}

export const seconds = (max: number): Pick<OptionSpec, 'accept' | 'expect'> => ({
  accept: (n) => n > 0 && n <= max,
  expect: `a number of seconds between 0 and ${max}`,
});

/** the global options as data: yargs builds its parser from them, and so does the fast path for `which` */
export const GLOBAL_OPTIONS = {
  profile: { type: 'string', describe: 'use this profile, as boto3.Session(profile_name=…) (removes env credentials)' },
  region: { type: 'string', describe: 'region, as boto3.Session(region_name=…)' },
  output: { type: 'choice', choices: ['text', 'json'] as const, describe: 'output format' },
  json: { type: 'boolean', describe: 'short for --output json' },
  color: {
    type: 'choice',
    choices: ['auto', 'on', 'off'] as const,
    default: 'auto' as ColorMode,
    negated: 'off',
    describe: 'colour (honours NO_COLOR and FORCE_COLOR; --no-color is --color off)',
  },
  debug: { type: 'boolean', describe: 'stack traces and a line per decision on stderr' },
  imds: {
    type: 'boolean',
    default: true,
    describe: 'query EC2 instance metadata when the chain reaches it (--no-imds to skip)',
  },
  'force-imds': { type: 'boolean', describe: 'probe instance metadata even where this machine is certainly not EC2' },
  'imds-timeout': {
    type: 'number',
    ...seconds(60),
    describe: "seconds per instance-metadata request (default: botocore's, 1)",
  },
  'endpoint-url': { type: 'string', describe: 'STS endpoint for network steps' },
  'access-key-id': { type: 'string', describe: 'explicit credentials, as boto3.Session(aws_access_key_id=…)' },
  'secret-access-key': {
    type: 'string',
    describe: 'explicit secret (prefer the environment: argv is visible to other users)',
  },
  'session-token': { type: 'string', describe: 'explicit session token' },
} satisfies Record<string, OptionSpec>;

/** global options that only matter when credchain reaches the network or instance metadata */
export const NETWORK_GLOBALS = ['imds', 'force-imds', 'imds-timeout', 'endpoint-url'] as const;

/** a value as the option's type reads it; UsageError for a number that is not one, or out of range */
export function coerceOption(name: string, spec: OptionSpec, raw: unknown): unknown {
  const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (spec.type === 'boolean' || v === undefined) return v;
  if (v === false && spec.negated !== undefined) return spec.negated;
  const text = String(v);
  if (spec.type !== 'number') return text;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (spec.accept && !spec.accept(n))) {
    throw new UsageError(`--${name} must be ${spec.expect ?? 'a number'}, not "${text}"`);
  }
  return n;
}

/** the yargs form of a typed option table */
export function yargsOptions(table: Record<string, OptionSpec>): Record<string, Options> {
  const out: Record<string, Options> = {};
  for (const [name, spec] of Object.entries(table)) {
    const o: Options = { describe: spec.describe, default: spec.default };
    if (spec.type === 'boolean') o.type = 'boolean';
    else {
      // numbers are left untyped for yargs, which would turn "abc" into NaN before we could echo it
      if (spec.type === 'string') o.type = 'string';
      if (spec.choices) o.choices = spec.choices;
      o.requiresArg = true;
      o.coerce = (raw: unknown) => coerceOption(name, spec, raw);
    }
    out[name] = o;
  }
  return out;
}

/**
 * A repeated option keeps its last value, as the AWS CLI does, for every option of every command (yargs would make
 * an array of them); options declared as arrays and the positional lists stay lists.
 */
export function lastOccurrenceWins(argv: Record<string, unknown>, y: { getOptions(): { array: string[] } }): void {
  const lists = new Set(y.getOptions().array.flatMap((k) => [k, camel(k)]));
  for (const [k, v] of Object.entries(argv)) {
    if (k !== '_' && k !== '--' && Array.isArray(v) && !lists.has(k)) argv[k] = v[v.length - 1];
  }
}

export const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export function globalOptions<T>(y: Argv<T>) {
  return y
    .options(yargsOptions(GLOBAL_OPTIONS) as YargsTyped<typeof GLOBAL_OPTIONS>)
    .middleware(lastOccurrenceWins as unknown as MiddlewareFunction, true);
}

/**
 * A typed option table as yargs' typing reads it, so that a builder's Argv carries what coerceOption gives each
 * option: a boolean, a number, one of the choices, or a string; never undefined when the option has a default.
 */
export type YargsTyped<Table> = { [K in keyof Table]: YargsView<Table[K]> };
type YargsView<S> = (S extends { type: 'boolean' }
  ? { type: 'boolean' }
  : S extends { type: 'number' }
    ? { type: 'number' }
    : S extends { choices: infer C }
      ? { choices: C }
      : { type: 'string' }) &
  (S extends { default: infer D } ? { default: D } : unknown);

/** `force-imds` as a handler reads it: `forceImds` */
type CamelName<S extends string> = S extends `${infer H}-${infer R}` ? `${H}${Capitalize<CamelName<R>>}` : S;

/**
 * The arguments a builder `<T>(y: Argv<T>) => …` adds, as its command's handler reads them: camelCase names (yargs
 * also keeps the dashed ones), and optional where the option may be absent, so the fast paths (src/cli/fastPath.ts),
 * which leave an absent option out, build them without yargs.
 */
export type BuiltArgs<B extends (y: Argv<unknown>) => Argv<unknown>> =
  ReturnType<B> extends Argv<infer U> ? Camelized<U> : never;
type Camelized<U> = {
  [K in keyof U as K extends string ? (undefined extends U[K] ? CamelName<K> : never) : never]?: U[K];
} & {
  [K in keyof U as K extends string ? (undefined extends U[K] ? never : CamelName<K>) : never]: U[K];
};

/**
 * The global options as yargs parses them: what main.ts instantiates each builder with (`whichBuilder<Globals>`),
 * so that yargs checks each handler against everything its command line holds. (Given a generic builder, yargs'
 * typing would see only the builder's own options: it cannot instantiate one against its union BuilderCallback.)
 */
export type Globals = ReturnType<typeof globalOptions<{}>> extends Argv<infer U> ? U : never;

/** how main.ts wraps a command's handler for yargs (`--version` answers instead of any command) */
export type CommandRunner = <A extends OutputArgs>(
  fn: (a: A, io: CliIO) => Promise<number>,
) => (a: A & { version?: boolean }) => Promise<void>;

export function resolveOptions(a: GlobalArgs): ResolveOptions {
  const explicit =
    a.accessKeyId !== undefined || a.secretAccessKey !== undefined || a.sessionToken !== undefined
      ? { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey, sessionToken: a.sessionToken }
      : undefined;
  return {
    profile: a.profile,
    region: a.region,
    explicit,
    noImds: a.imds === false,
    forceImds: a.forceImds === true,
    imdsTimeoutSec: a.imdsTimeout,
  };
}

/** what tells a command to print JSON (`sso populate` gives --output a meaning of its own) */
export type OutputArgs = { json?: boolean; output?: string };

export function wantsJson(a: OutputArgs): boolean {
  return a.json === true || a.output === 'json';
}

export const NETWORK_OPTIONS = {
  'mfa-code': {
    type: 'string',
    describe: 'the MFA code for an assume-role profile with mfa_serial (otherwise prompted for on a terminal)',
  },
  cache: {
    type: 'boolean',
    default: true,
    describe: 'reuse and write role credentials in ~/.aws/cli/cache, as the AWS CLI does (--no-cache to skip)',
  },
  timeout: { type: 'number', ...seconds(300), describe: 'seconds per request to AWS (default 10)' },
} satisfies Record<string, OptionSpec>;

export function networkOptions<T>(y: Argv<T>) {
  return y.options(yargsOptions(NETWORK_OPTIONS) as YargsTyped<typeof NETWORK_OPTIONS>);
}

/** options of commands that fetch credentials from AWS (verify, which --resolve, profiles --verify) */
export type NetworkArgs = BuiltArgs<typeof networkOptions>;

/** --timeout in milliseconds (its range is checked where it is read, by coerceOption) */
export function timeoutMs(a: { timeout?: number }, fallbackMs: number): number {
  return a.timeout === undefined ? fallbackMs : Math.round(a.timeout * 1000);
}
