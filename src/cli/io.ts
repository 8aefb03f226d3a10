// What a command may touch: its output streams, the environment and whether stdout is a terminal. Injected so tests
// can run commands in-process.
import { fstatSync, writeSync } from 'node:fs';
import { terminalColumns } from '../render/terminalText';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** the terminal's width when stdout is one (COLUMNS overrides it: outputWidth) */
  columns?: number;
  cwd: string;
  /**
   * The terminal a person answers on, when there is one: whether stdin and stderr are terminals, and a prompt that
   * does not echo (MFA codes). Absent means no terminal: nothing is asked and no progress is drawn. Tests inject a
   * closed or scripted terminal here.
   */
  terminal?: Terminal;
}

export interface Terminal {
  readonly stdinIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** prompt on stderr, read one line without echo; Ctrl-C rejects with PromptInterruptedError, Ctrl-D with EOFError */
  readHidden(message: string): Promise<string>;
}

/** the width text output fits: the terminal's (COLUMNS overrides), or undefined when stdout is not a terminal */
export function outputWidth(io: CliIO): number | undefined {
  return terminalColumns(io.env, io.isTTY, io.columns);
}

/**
 * The process's own streams. Output goes straight to the file descriptor, and stdout is asked whether it is a
 * terminal only when a command needs to know: touching process.stdout loads Node's whole stream stack, a good part
 * of a plain `which`'s start-up.
 */
export function processIO(terminal?: Terminal): CliIO {
  let tty: boolean | undefined;
  return {
    stdout: (s) => writeFd(1, s, () => process.stdout),
    stderr: (s) => writeFd(2, s, () => process.stderr),
    env: process.env,
    get isTTY() {
      return (tty ??= isTerminal(1));
    },
    get columns() {
      return this.isTTY ? process.stdout.columns : undefined;
    },
    cwd: process.cwd(),
    terminal,
  };
}

export function isTerminal(fd: number): boolean {
  try {
    // pipes and files are never terminals; only a character device needs the real check
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (process.getBuiltinModule('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** fds that fell back to their stream: later output must queue behind what the stream still holds */
const viaStream = new Set<number>();
/** fds whose reader went away (`credchain profiles --json | head`): the rest of the output has nowhere to go */
const closed = new Set<number>();

/** a reader that stopped reading is not an error, as with any Unix filter: the output stops, quietly */
function readerGone(fd: number, stream?: NodeJS.WriteStream): void {
  closed.add(fd);
  stream?.destroy();
}

/**
 * writes synchronously; a non-blocking pipe that is full (EAGAIN) gets the rest through the stream, and so does
 * every later write to that fd, or a command writing in pieces (profiles --json) would interleave them
 */
function writeFd(fd: number, s: string, stream: () => NodeJS.WriteStream): void {
  if (closed.has(fd)) return;
  const buf = Buffer.from(s, 'utf8');
  if (viaStream.has(fd)) {
    stream().write(buf);
    return;
  }
  let off = 0;
  try {
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return readerGone(fd);
    if (code !== 'EAGAIN') throw e;
    viaStream.add(fd);
    const st = stream();
    st.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') readerGone(fd, st);
    });
    st.write(buf.subarray(off));
  }
}
