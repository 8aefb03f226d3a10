// Loading ~/.aws/config and ~/.aws/credentials as botocore's Session does (reference/botocore-chain.md §4.1, §4.6):
// which path, what a missing, non-regular, unreadable or malformed file gives, and that each file is read once.
import { describe, expect, it } from 'vitest';
import { FileReadError, type Context } from '../../src/core/context';
import { parseIni } from '../../src/ini/parse';
import { editPath } from '../../src/profiles/editRun';
import { BotoError } from '../../src/core/errors';
import { loadIniFile, SharedFiles } from '../../src/config/sharedFiles';
import { memContext } from '../support/memContext';

const CONFIG = '/home/u/.aws/config';
const CREDS = '/home/u/.aws/credentials';

function sections(ctx: Context, envVar: string, def: string): string[] | null {
  const doc = loadIniFile(ctx, envVar, def).doc;
  return doc && doc.sections.map((s) => s.name);
}

function parseFailure(run: () => unknown): BotoError {
  try {
    run();
  } catch (e) {
    if (e instanceof BotoError) return e;
    throw e;
  }
  throw new Error('expected a ConfigParseError');
}

/** a Context whose fs answers differently for one path */
function withFs(ctx: Context, override: Partial<Context['fs']>): Context {
  return { ...ctx, fs: { ...ctx.fs, ...override } as Context['fs'] };
}

describe('§4.1 which file', () => {
  it('defaults to ~/.aws/config and ~/.aws/credentials under the home directory', () => {
    const ctx = memContext({ files: { '.aws/config': '[profile a]\n', '.aws/credentials': '[b]\n' } });
    const files = new SharedFiles(ctx);
    expect(files.config()).toMatchObject({ configured: '~/.aws/config', source: 'default', path: CONFIG, state: 'ok' });
    expect(files.credentials()).toMatchObject({ configured: '~/.aws/credentials', source: 'default', path: CREDS, state: 'ok' });
    expect(files.credentials().doc!.sections.map((s) => s.name)).toEqual(['b']);
  });

  it('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are expanded: $VARS first, then ~ (D17, D29, C22, C23)', () => {
    const ctx = memContext({
      env: { AWS_CONFIG_FILE: '$D/cfg', D: '~/alt', AWS_SHARED_CREDENTIALS_FILE: '${D}/creds' },
      files: { 'alt/cfg': '[default]\n', 'alt/creds': '[x]\n' },
    });
    const files = new SharedFiles(ctx);
    expect(files.config()).toMatchObject({ configured: '$D/cfg', source: 'AWS_CONFIG_FILE', path: '/home/u/alt/cfg', state: 'ok' });
    expect(files.credentials()).toMatchObject({ source: 'AWS_SHARED_CREDENTIALS_FILE', path: '/home/u/alt/creds', state: 'ok' });
  });

  it('a relative path resolves against the working directory (C32)', () => {
    const ctx = { ...memContext({ env: { AWS_SHARED_CREDENTIALS_FILE: 'creds' }, files: { '/work/creds': '[w]\n' } }), cwd: '/work' };
    expect(sections(ctx, 'AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials')).toEqual(['w']);
  });

  it('an empty variable disables the file, with no fallback to the default (D25, C31)', () => {
    const ctx = memContext({ env: { AWS_CONFIG_FILE: '' }, files: { '.aws/config': '[default]\n' } });
    expect(loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config')).toMatchObject({ state: 'disabled', doc: null, source: 'AWS_CONFIG_FILE' });
  });
});

describe('§4.1 missing, odd and unreadable files', () => {
  it('a missing file is absent, not an error (C24, C25)', () => {
    expect(loadIniFile(memContext(), 'AWS_CONFIG_FILE', '~/.aws/config')).toMatchObject({ state: 'missing', doc: null, path: CONFIG });
  });

  it('a directory is treated as absent (not a regular file)', () => {
    const ctx = memContext({ files: { '.aws/config/inner': 'x' } });
    expect(loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config')).toMatchObject({ state: 'not-a-file', doc: null });
  });

  it('an unreadable file parses as empty: configparser.read() skips it (C26)', () => {
    const base = memContext({ files: { '.aws/credentials': '[default]\naws_access_key_id = AK\n' } });
    const ctx = withFs(base, {
      readFileSync: ((p: string, ...rest: unknown[]) => {
        if (p === CREDS) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return (base.fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
      }) as Context['fs']['readFileSync'],
    });
    const loaded = loadIniFile(ctx, 'AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials');
    expect(loaded).toMatchObject({ state: 'unreadable', readError: 'EACCES', path: CREDS });
    expect(loaded.doc!.sections).toEqual([]);
  });

  it('a file too large to be a credentials file is refused with a ConfigParseError naming the file', () => {
    const base = memContext({ files: { '.aws/config': '[default]\n' } });
    const ctx = withFs(base, {
      statSync: ((p: string) => {
        if (p === CONFIG) return { isFile: () => true, size: 65 * 1024 * 1024 };
        return base.fs.statSync(p);
      }) as Context['fs']['statSync'],
    });
    const e = parseFailure(() => loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config'));
    expect(e.type).toBe('ConfigParseError');
    expect(e.where?.file).toBe(CONFIG);
    expect(e.message).toContain(CONFIG);
  });
});

describe('§4.6 a malformed file is a ConfigParseError naming the file and the line', () => {
  it('a syntax error names the file path and line (C31, D15, D16)', () => {
    const ctx = memContext({ files: { '.aws/credentials': '[default]\naws_access_key_id = AK\njunk\n' } });
    const e = parseFailure(() => loadIniFile(ctx, 'AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials'));
    expect(e.type).toBe('ConfigParseError');
    expect(e.where).toEqual({ file: CREDS, line: 3 });
    expect(e.message).toContain(CREDS);
    expect(e.message).toMatch(/\bline 3\b/);
  });

  it('undecodable bytes name the file path and line (C27, C34)', () => {
    const ctx = memContext({ files: { '.aws/config': Buffer.from('[default]\nregion = caf\xe9\n', 'latin1') } });
    const e = parseFailure(() => loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config'));
    expect(e.type).toBe('ConfigParseError');
    expect(e.where).toEqual({ file: CONFIG, line: 2 });
    expect(e.message).toContain(CONFIG);
  });

  it('the error names the expanded absolute path, not the configured one', () => {
    const ctx = memContext({ env: { AWS_CONFIG_FILE: '~/cfg' }, files: { cfg: '[a]\n[a]\n' } });
    const e = parseFailure(() => loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config'));
    expect(e.where).toEqual({ file: '/home/u/cfg', line: 2 });
  });
});

describe('SharedFiles: each file loaded once per resolution', () => {
  function counting(files: Record<string, string>) {
    const base = memContext({ files });
    const reads: string[] = [];
    const ctx = withFs(base, {
      readFileSync: ((p: string, ...rest: unknown[]) => {
        reads.push(p);
        return (base.fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
      }) as Context['fs']['readFileSync'],
    });
    return { files: new SharedFiles(ctx), reads };
  }

  it('reads nothing until asked, and each file at most once', () => {
    const { files, reads } = counting({ '.aws/config': '[default]\n', '.aws/credentials': '[default]\n' });
    expect(reads).toEqual([]);
    files.config();
    files.config();
    expect(reads).toEqual([CONFIG]);
    expect(files.config()).toBe(files.config());
    files.credentials();
    files.credentials();
    expect(reads).toEqual([CONFIG, CREDS]);
  });

  it('a parse error is remembered and thrown again on every access, without reading again', () => {
    const { files, reads } = counting({ '.aws/config': '[default]\njunk\n', '.aws/credentials': '[default]\n' });
    const first = parseFailure(() => files.config());
    const second = parseFailure(() => files.config());
    expect(second).toBe(first);
    expect(first.where).toEqual({ file: CONFIG, line: 2 });
    expect(reads).toEqual([CONFIG]);
    // the other file is independent
    expect(files.credentials().state).toBe('ok');
  });
});

describe('one loader: the guarded read, documents already parsed, one path table', () => {
  it('reads through the guarded reader: a file swapped for a FIFO after the check is not waited on, but not a file', () => {
    const base = memContext({ files: { '.aws/config': '[default]\n' } });
    const ctx: Context = {
      ...base,
      readFile: (p: string) => {
        throw new FileReadError('not-regular', `${p} is a FIFO (named pipe), not a regular file`);
      },
    };
    expect(loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config')).toMatchObject({ state: 'not-a-file', doc: null, path: CONFIG });
  });

  it('a file that grows past the cap while read is a ConfigParseError naming it, not memory exhausted', () => {
    const base = memContext({ files: { '.aws/config': '[default]\n' } });
    const ctx: Context = {
      ...base,
      readFile: (p: string, max: number) => {
        throw new FileReadError('too-large', `${p} is larger than ${max} bytes, the most credchain reads`);
      },
    };
    const e = parseFailure(() => loadIniFile(ctx, 'AWS_CONFIG_FILE', '~/.aws/config'));
    expect(e.type).toBe('ConfigParseError');
    expect(e.where?.file).toBe(CONFIG);
  });

  it('starts from documents already parsed, and reads only the files it was not given', () => {
    const base = memContext({ files: { '.aws/config': '[profile on-disk]\n', '.aws/credentials': '[c]\n' } });
    const reads: string[] = [];
    const ctx = withFs(base, {
      readFileSync: ((p: string, ...rest: unknown[]) => {
        reads.push(p);
        return (base.fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
      }) as Context['fs']['readFileSync'],
    });
    const given = { configured: '~/.aws/config', source: 'default', path: CONFIG, state: 'ok' as const, doc: parseIni('[profile given]\n', CONFIG) };
    const files = new SharedFiles(ctx, { config: given });
    expect(files.config()).toBe(given);
    expect(files.credentials().doc!.sections.map((s) => s.name)).toEqual(['c']);
    expect(reads).toEqual([CREDS]);
  });

  it('edits resolve the same paths as the loader, an empty variable included', () => {
    const ctx = memContext({ env: { AWS_CONFIG_FILE: '$D/cfg', D: '~/alt', AWS_SHARED_CREDENTIALS_FILE: '' } });
    expect(editPath(ctx, 'config')).toBe('/home/u/alt/cfg');
    expect(editPath(ctx, 'config')).toBe(new SharedFiles(ctx).config().path);
    expect(editPath(ctx, 'credentials')).toBe('');
  });
});
