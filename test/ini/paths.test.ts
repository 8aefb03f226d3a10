// File paths as botocore handles them (reference/botocore-chain.md §4.1): os.path.expandvars, then
// os.path.expanduser, relative to the working directory, and os.path.isfile. Expected values were produced by
// Python 3.11.7's posixpath with the same environment (marked "python3:") or are reference rows (D17, D29, C32).
import { describe, expect, it } from 'vitest';
import { expandUser, expandVars, fileState, resolveUserPath } from '../../src/ini/paths';
import { memContext } from '../support/memContext';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nu:x:1000:1000::/home/u:/bin/sh\n';

describe('expandVars: posixpath.expandvars', () => {
  const env = { HOME: '/home/u', A: 'x', A_B: 'ab', B: '$A', 'a b': 'sp', E: '' };
  const cases: [string, string][] = [
    ['no dollar', 'no dollar'],
    ['$A/y', 'x/y'],
    ['${A}/y', 'x/y'],
    ['$A_B', 'ab'],
    ['${A}_B', 'x_B'],
    ['$A$A', 'xx'],
    ['$$A', '$x'],
    ['a$A$', 'ax$'],
    ['$E/x', '/x'],
    ['${a b}', 'sp'],
  ];
  it.each(cases)('%j expands to %j (python3)', (input, out) => {
    expect(expandVars(input, env)).toBe(out);
  });

  it('unknown variables stay as written (python3)', () => {
    expect(expandVars('$UNKNOWN/x', env)).toBe('$UNKNOWN/x');
    expect(expandVars('${UNKNOWN}/x', env)).toBe('${UNKNOWN}/x');
  });

  it('a lone $, ${} and an unclosed ${ stay as written (python3)', () => {
    expect(expandVars('$', env)).toBe('$');
    expect(expandVars('${}', env)).toBe('${}');
    expect(expandVars('${A', env)).toBe('${A');
  });

  it('names are ASCII word characters only; $é stays (python3: re.ASCII)', () => {
    expect(expandVars('$\u00e9', env)).toBe('$\u00e9');
  });

  it('a value is not expanded again (python3: $B with B=$A gives $A)', () => {
    expect(expandVars('$B', env)).toBe('$A');
  });
});

describe('expandUser: posixpath.expanduser', () => {
  const ctx = (home: string) => ({ ...memContext({ files: { '/etc/passwd': PASSWD } }), home });
  const cases: [string, string, string][] = [
    ['/home/u', '~', '/home/u'],
    ['/home/u', '~/x', '/home/u/x'],
    ['/home/u//', '~/x', '/home/u/x'],
    ['/', '~/x', '/x'],
    ['/', '~', '/'],
    ['', '~/x', '/x'],
    ['', '~', '/'],
    ['rel/', '~/x', 'rel/x'],
  ];
  it.each(cases)('HOME=%j: %j expands to %j (python3)', (home, input, out) => {
    expect(expandUser(input, ctx(home))).toBe(out);
  });

  it('~user is that user\'s home from the passwd database (python3: ~root/x → /root/x)', () => {
    expect(expandUser('~root/x', ctx('/home/u'))).toBe('/root/x');
    expect(expandUser('~root', ctx('/home/u'))).toBe('/root');
  });

  it('an unknown user leaves the path as written (python3)', () => {
    expect(expandUser('~nosuchuser/x', ctx('/home/u'))).toBe('~nosuchuser/x');
    expect(expandUser('~x~/y', ctx('/home/u'))).toBe('~x~/y');
  });

  it('without a passwd database ~user stays as written', () => {
    expect(expandUser('~root/x', { ...memContext(), home: '/home/u' })).toBe('~root/x');
  });

  it('only a leading ~ is expanded (python3)', () => {
    expect(expandUser('a/~', ctx('/home/u'))).toBe('a/~');
    expect(expandUser('/~/x', ctx('/home/u'))).toBe('/~/x');
  });
});

describe('resolveUserPath: expandvars, then expanduser, then absolute (§4.1)', () => {
  it('variables are expanded before ~, so a variable holding ~ is expanded too (D17, D29)', () => {
    const ctx = memContext({ env: { T: '~' } });
    expect(resolveUserPath('$T/x', ctx)).toBe('/home/u/x');
  });

  it('$ in HOME is not expanded, because ~ comes second (python3: /home/$A/x)', () => {
    const ctx = { ...memContext({ env: { A: 'x' } }), home: '/home/$A' };
    expect(resolveUserPath('~/x', ctx)).toBe('/home/$A/x');
  });

  it('a relative path is anchored at the working directory and otherwise left as written (C32)', () => {
    const ctx = { ...memContext(), cwd: '/work/dir' };
    expect(resolveUserPath('creds', ctx)).toBe('/work/dir/creds');
    // the OS, not a lexical rule, decides what ".." means (a symlinked dir, a missing one): see pathsAsWritten.test.ts
    expect(resolveUserPath('../c', ctx)).toBe('/work/dir/../c');
    expect(resolveUserPath('c/', ctx)).toBe('/work/dir/c/');
    expect(resolveUserPath('/abs//x/../y', ctx)).toBe('/abs//x/../y');
  });

  it('an empty path stays empty (it disables the file, D25)', () => {
    expect(resolveUserPath('', memContext())).toBe('');
  });
});

describe('fileState: os.path.isfile', () => {
  const ctx = memContext({ files: { '.aws/credentials': '[default]\n', '.aws/sub/x': '' } });
  (ctx.fs as unknown as { symlinkSync(t: string, p: string): void }).symlinkSync('/home/u/.aws/credentials', '/home/u/link');
  (ctx.fs as unknown as { symlinkSync(t: string, p: string): void }).symlinkSync('/home/u/nowhere', '/home/u/broken');

  it('a regular file is a file', () => {
    expect(fileState('/home/u/.aws/credentials', ctx)).toBe('file');
  });

  it('a symlink to a file is a file (isfile follows links)', () => {
    expect(fileState('/home/u/link', ctx)).toBe('file');
  });

  it('a missing path and a broken symlink are missing (C24, C25)', () => {
    expect(fileState('/home/u/.aws/config', ctx)).toBe('missing');
    expect(fileState('/home/u/broken', ctx)).toBe('missing');
  });

  it('a directory is not a file', () => {
    expect(fileState('/home/u/.aws/sub', ctx)).toBe('not-a-file');
  });

  it('"" and a path with NUL are missing (python3: isfile is False)', () => {
    expect(fileState('', ctx)).toBe('missing');
    expect(fileState('/home/u/.aws/credentials\0x', ctx)).toBe('missing');
  });
});
