// Side files (token caches, token files, boto config, the legacy credential file, CLI cache entries) are read only
// through here: the context's guarded reader (src/core/nodeContext.ts: no FIFO wait, regular files only, a size cap),
// or on test contexts the same verdicts through `fs`. `botoFate` says what boto3 does with the same file.
import { FileReadError, type Context } from './context';
import type { BotoErrorType, PythonExceptionName } from './errors';
import { fileKind } from './nodeContext';

/** tokens, cache entries and small INI files: far beyond any real one, far below a memory problem */
export const SIDE_FILE_MAX_BYTES = 16 * 1024 * 1024;

export function readGuarded(
  ctx: Pick<Context, 'fs' | 'readFile'>,
  path: string,
  maxBytes = SIDE_FILE_MAX_BYTES,
): Buffer {
  if (ctx.readFile) return ctx.readFile(path, maxBytes);
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'EIO';
  let st: import('node:fs').Stats;
  try {
    st = ctx.fs.statSync(path);
  } catch (e) {
    throw new FileReadError(code(e), `cannot open ${path} (${code(e)})`);
  }
  if (st.isDirectory()) throw new FileReadError('EISDIR', `${path} is a directory`);
  if (!st.isFile()) throw new FileReadError('not-regular', `${path} is ${fileKind(st)}, not a regular file`);
  if (st.size > maxBytes)
    throw new FileReadError('too-large', `${path} is ${st.size} bytes; credchain reads at most ${maxBytes}`);
  try {
    return ctx.fs.readFileSync(path) as Buffer;
  } catch (e) {
    throw new FileReadError(code(e), `cannot read ${path} (${code(e)})`);
  }
}

/** a guarded read that boto3 would not survive either: what it would do instead (FIFO, device, huge file) */
export function botoFate(e: FileReadError): string | undefined {
  if (e.code === 'too-large') return 'boto3 would read it all into memory';
  if (e.code !== 'not-regular') return undefined;
  if (/FIFO/.test(e.message)) return 'boto3 would wait for a writer forever';
  return 'boto3 would read from it until it runs out of memory (/dev/zero) or blocks';
}

/** Python's exception class for an errno from open() */
export function pyOpenError(code: string): PythonExceptionName {
  return (
    (
      {
        ENOENT: 'FileNotFoundError',
        EACCES: 'PermissionError',
        EPERM: 'PermissionError',
        EISDIR: 'IsADirectoryError',
        ENOTDIR: 'NotADirectoryError',
      } as Record<string, PythonExceptionName>
    )[code] ?? 'OSError'
  );
}

/**
 * For a read boto3 would not finish (FIFO: waits forever; device: reads until MemoryError; huge file): the bounded
 * error credchain reports instead. `typeIfHang` names what the caller reports for a file it cannot use, since a
 * hang raises nothing; a device gets the MemoryError boto3 itself would reach. Undefined for ordinary errnos.
 */
export function boundedReadFailure(
  e: unknown,
  typeIfHang: BotoErrorType,
): { type: BotoErrorType; message: string } | undefined {
  if (!(e instanceof FileReadError)) return undefined;
  const fate = botoFate(e);
  if (!fate) return undefined;
  const device = e.code === 'not-regular' && !/FIFO/.test(e.message);
  return { type: device ? 'MemoryError' : typeIfHang, message: `${e.message}: ${fate}; credchain stops here` };
}
