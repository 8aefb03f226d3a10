// Quoting a value so each shell reads back exactly the same bytes, and the statements that set and unset an
// environment variable in each. Values that a dialect cannot carry safely are refused, never mangled.
import { UsageError } from '../core/errors';

export type Dialect = 'posix' | 'fish' | 'powershell' | 'cmd' | 'dotenv';

function noNul(s: string, what: string): void {
  if (s.includes('\0'))
    throw new UsageError(`${what} contains a NUL character, which no environment variable can hold`);
}

/** bash, zsh, sh: single quotes keep everything literal; a single quote is closed, escaped and reopened */
export function quotePosix(s: string): string {
  noNul(s, 'a value');
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only \\ and \' are escapes */
export function quoteFish(s: string): string {
  noNul(s, 'a value');
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * PowerShell: single-quoted strings expand nothing; a quote is doubled, and PowerShell also treats ‘ ’ ‚ ‛ as quotes
 */
export function quotePowerShell(s: string): string {
  noNul(s, 'a value');
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * cmd.exe: `set "NAME=value"` protects & | < > ^ and spaces; nothing can protect % (expanded on the command line),
 * ! (delayed expansion), a double quote or a line break, so those are refused.
 */
export function cmdSet(name: string, value: string): string {
  noNul(value, name);
  const bad = /["%!\r\n]/.exec(value);
  if (bad)
    throw new UsageError(
      `${name} contains ${JSON.stringify(bad[0])}, which windows-cmd cannot quote safely: use --format powershell`,
    );
  return `set "${name}=${value}"`;
}

const DOTENV_BARE = /^[A-Za-z0-9_@%+=:,./-]*$/;

/**
 * .env files (docker --env-file, python-dotenv, dotenv for Node): bare when every reader takes the value literally,
 * single-quoted when it has no quote or line break (literal in all the quoting readers), else double-quoted with
 * backslash escapes.
 */
export function quoteDotenv(s: string): string {
  noNul(s, 'a value');
  if (DOTENV_BARE.test(s)) return s;
  if (!/['\r\n]/.test(s)) return `'${s}'`;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\$/g, '\\$')}"`;
}

/** one statement setting an exported environment variable */
export function assign(d: Dialect, name: string, value: string, exported = true): string {
  switch (d) {
    case 'posix':
      return `${exported ? 'export ' : ''}${name}=${quotePosix(value)}`;
    case 'fish':
      return `set -gx ${name} ${quoteFish(value)}`;
    case 'powershell':
      return `$Env:${name}=${quotePowerShell(value)}`;
    case 'cmd':
      return cmdSet(name, value);
    case 'dotenv':
      return `${name}=${quoteDotenv(value)}`;
  }
}

/** statements removing variables (none for dotenv, which only lists values) */
export function unset(d: Dialect, names: string[]): string[] {
  if (!names.length) return [];
  switch (d) {
    case 'posix':
      return [`unset ${names.join(' ')}`];
    case 'fish':
      // erasing a variable that does not exist fails in fish: test first, inside `if` so the status stays 0
      return names.map((n) => `if set -q ${n}; set -e ${n}; end`);
    case 'powershell':
      return names.map((n) => `Remove-Item Env:${n} -ErrorAction SilentlyContinue`);
    case 'cmd':
      return names.map((n) => `set ${n}=`);
    case 'dotenv':
      return [];
  }
}
