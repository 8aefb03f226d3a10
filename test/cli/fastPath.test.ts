// The fast path for plain `which` must read a command line exactly as yargs does, and decline anything else.
import { describe, expect, it } from 'vitest';
import yargs from 'yargs/yargs';
import { CURRENT_OPTIONS, fastCurrentArgs, fastLocalArgs, fastWhichArgs } from '../../src/cli/fastPath';
import { GLOBAL_OPTIONS, globalOptions } from '../../src/cli/options';

const camel = (n: string) => n.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function viaYargs(argv: string[]): Record<string, unknown> {
  const parsed = globalOptions(yargs(argv)).command(['which', '$0'], 'which', (y) => y).strict().parseSync() as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(GLOBAL_OPTIONS)) if (parsed[camel(name)] !== undefined) out[camel(name)] = parsed[camel(name)];
  return out;
}

describe('fast path for `which`', () => {
  it.each([
    [[]],
    [['which']],
    [['--json']],
    [['which', '--json', '--profile', 'dev']],
    [['--profile=dev', '--region', 'eu-west-1', '--color', 'off']],
    [['--no-imds', '--debug', '--imds-timeout', '2.5']],
    [['--output', 'json', '--force-imds']],
    [['--access-key-id', 'AKIA', '--secret-access-key', 'x', '--session-token', 't']],
    [['--profile=', '--endpoint-url', 'http://127.0.0.1:1']],
    // the last occurrence wins, as in the AWS CLI
    [['--profile', 'a', '--profile', 'b']],
    [['--region', 'a', '--region=b', '--json', '--json']],
    [['--imds-timeout', '1', '--imds-timeout', '0.5', '--color', 'on', '--color', 'off']],
    [['--no-color']],
    [['--color', 'on', '--no-color', '--json']],
  ])('%j is read as yargs reads it', (argv) => {
    expect(fastWhichArgs(argv)).toEqual(viaYargs(argv));
  });

  it.each([
    [['--help']],
    [['-h']],
    [['verify']],
    [['which', 'extra']],
    [['--json', 'which']],
    [['--profile']],
    [['--profile', '--json']],
    [['--color', 'purple']],
    [['--no-color=x']],
    [['--imds-timeout', '0']],
    [['--imds-timeout', 'soon']],
    [['--json', 'false']],
    [['--json=true']],
    [['--resolve']],
    [['--sdk', 'js']],
    [['--no-profile']],
    [['--unknown']],
    [['--', 'x']],
  ])('%j goes to yargs', (argv) => {
    expect(fastWhichArgs(argv)).toBeUndefined();
  });
});

function currentViaYargs(argv: string[]): Record<string, unknown> {
  const parsed = globalOptions(yargs(argv))
    .command('current', 'current', (y) => y.option('always', { type: 'boolean' }))
    .strict()
    .parseSync() as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of [...Object.keys(GLOBAL_OPTIONS), ...Object.keys(CURRENT_OPTIONS)]) if (parsed[camel(name)] !== undefined) out[camel(name)] = parsed[camel(name)];
  return out;
}

describe('fast path for `current` (it runs on every shell prompt)', () => {
  it.each([[['current']], [['current', '--always']], [['current', '--json']], [['current', '--always', '--color', 'off', '--no-color']], [['current', '--output=json', '--debug']]])(
    '%j is read as yargs reads it',
    (argv) => {
      expect(fastCurrentArgs(argv)).toEqual(currentViaYargs(argv));
    },
  );

  it.each([[[]], [['which']], [['--json', 'current']], [['current', 'x']], [['current', '--help']], [['current', '--always=yes']], [['current', '--unknown']]])(
    '%j goes elsewhere',
    (argv) => {
      expect(fastCurrentArgs(argv)).toBeUndefined();
    },
  );
});

function localViaYargs(argv: string[]): Record<string, unknown> {
  const parsed = globalOptions(yargs(argv))
    .command('profiles', 'profiles', (y) => y.option('names', { type: 'boolean' }))
    .command('show [name]', 'show', (y) => y.positional('name', { type: 'string' }))
    .command('doctor', 'doctor', (y) => y)
    .strict()
    .parseSync() as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of [...Object.keys(GLOBAL_OPTIONS), 'names', 'name']) if (parsed[camel(name)] !== undefined) out[camel(name)] = parsed[camel(name)];
  return out;
}

describe('fast path for `profiles`, `show [name]` and `doctor` (the local bundle)', () => {
  it.each([
    [['profiles']],
    [['profiles', '--names']],
    [['profiles', '--json', '--profile', 'dev']],
    [['show']],
    [['show', 'dev']],
    [['show', '--json', 'dev']],
    [['show', 'dev', '--color', 'off', '--no-color']],
    [['doctor']],
    [['doctor', '--json', '--region', 'a', '--region', 'b']],
  ])('%j is read as yargs reads it', (argv) => {
    const local = fastLocalArgs(argv);
    expect(local?.command).toBe(argv[0]);
    const { failOn: _f, format: _g, ...args } = local!.args as unknown as Record<string, unknown>;
    expect(args).toEqual(localViaYargs(argv));
  });

  it.each([
    [['profiles', '--verify']],
    [['profiles', 'x']],
    [['show', 'a', 'b']],
    [['show', '--', '-dash']],
    [['show', '--help']],
    [['doctor', '--fail-on', 'warning']],
    [['doctor', '--rule', 'x']],
    [['doctor', 'x']],
    [['verify']],
    [['--json', 'profiles']],
  ])('%j goes to yargs', (argv) => {
    expect(fastLocalArgs(argv)).toBeUndefined();
  });
});
