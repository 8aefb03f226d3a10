// Quoting for each shell: exact text for the rules, and round trips of hostile values through the real bash, zsh
// and fish (the value read back must be byte for byte what went in).
import { describe, expect, it } from 'vitest';
import { assign, cmdSet, quoteDotenv, quoteFish, quotePosix, quotePowerShell, unset } from '../../src/shell/quote';
import { itIn, runShell, type ShellName } from './shells';

const HOSTILE = [
  'plain',
  '',
  "it's",
  '"double" quotes',
  'back\\slash\\',
  '$HOME ${HOME} $(id) `id`',
  'spaces  and\ttabs',
  'line\nbreak\n',
  '*?[glob]~',
  '!history !!',
  "'; rm -rf / #",
  '\\\'',
  'ünïcödé ‘smart’ “quotes”',
  '=leading-equals',
  '-leading-dash',
  'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY==',
];

describe('quoting rules', () => {
  it('posix: single quotes, a quote closed, escaped and reopened', () => {
    expect(quotePosix('abc')).toBe("'abc'");
    expect(quotePosix("it's")).toBe("'it'\\''s'");
    expect(quotePosix('')).toBe("''");
  });

  it('fish: backslash and quote escaped inside single quotes', () => {
    expect(quoteFish("a\\b'c")).toBe("'a\\\\b\\'c'");
  });

  it('powershell: quotes doubled, the typographic single quotes too', () => {
    expect(quotePowerShell("it's")).toBe("'it''s'");
    expect(quotePowerShell('a‘b’c')).toBe("'a‘‘b’’c'");
    expect(quotePowerShell('$env:x')).toBe("'$env:x'");
  });

  it('windows-cmd: set "NAME=value"; refuses what cmd cannot quote', () => {
    expect(cmdSet('X', 'a&b|c<d>e^f g')).toBe('set "X=a&b|c<d>e^f g"');
    for (const bad of ['a"b', '100%', 'wow!', 'a\nb']) expect(() => cmdSet('X', bad)).toThrow(/windows-cmd cannot quote/);
  });

  it('dotenv: bare when safe, single quotes when possible, else escaped double quotes', () => {
    expect(quoteDotenv('AKIA/x+y=')).toBe('AKIA/x+y=');
    expect(quoteDotenv('a b#c')).toBe("'a b#c'");
    expect(quoteDotenv("it's\n$x")).toBe('"it\'s\\n\\$x"');
  });

  it('NUL cannot be in an environment variable: refused', () => {
    expect(() => quotePosix('a\0b')).toThrow(/NUL/);
  });

  it('statements per dialect', () => {
    expect(assign('posix', 'A', 'v')).toBe("export A='v'");
    expect(assign('posix', 'A', 'v', false)).toBe("A='v'");
    expect(assign('fish', 'A', 'v')).toBe("set -gx A 'v'");
    expect(assign('powershell', 'A', 'v')).toBe("$Env:A='v'");
    expect(assign('cmd', 'A', 'v')).toBe('set "A=v"');
    expect(assign('dotenv', 'A', 'v')).toBe('A=v');
    expect(unset('posix', ['A', 'B'])).toEqual(['unset A B']);
    expect(unset('fish', ['A'])).toEqual(['if set -q A; set -e A; end']);
    expect(unset('powershell', ['A'])).toEqual(['Remove-Item Env:A -ErrorAction SilentlyContinue']);
    expect(unset('cmd', ['A'])).toEqual(['set A=']);
    expect(unset('dotenv', ['A'])).toEqual([]);
  });
});

describe.each(['bash', 'zsh', 'fish'] as ShellName[])('round trip through %s', (shell) => {
  itIn(shell)('every hostile value reads back unchanged, exported to a child process', () => {
    const dialect = shell === 'fish' ? 'fish' : 'posix';
    const script = HOSTILE.map((v, i) => assign(dialect, `V${i}`, v)).join('\n') + '\n' + `node -e 'process.stdout.write(JSON.stringify(Object.keys(process.env).filter(k => /^V\\d+$/.test(k)).sort((a, b) => a.slice(1) - b.slice(1)).map(k => process.env[k])))'`;
    const r = runShell(shell, script, { HOME: '/nonexistent' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(HOSTILE);
  });

  itIn(shell)('unsetting a variable that is not set is not an error', () => {
    const dialect = shell === 'fish' ? 'fish' : 'posix';
    const r = runShell(shell, unset(dialect, ['NOT_SET_ANYWHERE', 'ALSO_NOT']).join('\n'), {});
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('dotenv values read back by a POSIX shell (set -a; . file)', () => {
  itIn('bash')('safe and single-quotable values are literal', () => {
    const values = HOSTILE.filter((v) => !/['\n]/.test(v));
    const file = values.map((v, i) => assign('dotenv', `V${i}`, v)).join('\n');
    const script = `set -a\n${file}\nnode -e 'process.stdout.write(JSON.stringify(Object.keys(process.env).filter(k => /^V\\d+$/.test(k)).sort((a, b) => a.slice(1) - b.slice(1)).map(k => process.env[k])))'`;
    const r = runShell('bash', script, {});
    expect(JSON.parse(r.stdout)).toEqual(values);
  });
});
