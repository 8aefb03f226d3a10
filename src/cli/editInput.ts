// Where `credchain set` gets its value: the command line, or stdin (`-` or `--stdin`) so a secret never has to sit
// in argv or shell history. From a terminal the value is typed without echo; from a pipe one trailing newline is
// dropped. The value itself never appears in any message.
import { CredchainError, UsageError } from '../core/errors';

const MAX_STDIN_BYTES = 1024 * 1024;

/** the parts of a TTY stream the hidden prompt needs (so tests can give a fake one) */
export interface PromptInput extends NodeJS.EventEmitter {
  isTTY?: boolean;
  setRawMode?: (on: boolean) => unknown;
  setEncoding(enc: BufferEncoding): unknown;
  resume(): unknown;
  pause(): unknown;
}

export async function readValue(
  a: { value?: string; stdin?: boolean },
  key: string,
  stderr: (s: string) => void,
  input: PromptInput & AsyncIterable<Buffer | string> = process.stdin,
): Promise<string> {
  const fromStdin = a.value === '-' || a.stdin === true;
  if (a.stdin && a.value !== undefined && a.value !== '-') throw new UsageError('give VALUE or --stdin, not both');
  if (!fromStdin) {
    if (a.value === undefined) throw new UsageError('set needs a VALUE (or - / --stdin to read it from stdin)');
    return a.value;
  }
  if (input.isTTY && input.setRawMode) return promptHidden(input, stderr, `${key}: `);
  return readAll(input);
}

async function readAll(input: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of input) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    size += b.length;
    if (size > MAX_STDIN_BYTES) throw new UsageError('the value on stdin is larger than 1 MiB');
    chunks.push(b);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new UsageError('the value on stdin is not valid UTF-8');
  }
  return text.replace(/\r?\n$/, '');
}

/** reads one line from a terminal in raw mode, echoing nothing; Ctrl-C interrupts, Ctrl-D ends the input */
export function promptHidden(input: PromptInput, stderr: (s: string) => void, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (fn: () => void) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      stderr('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new CredchainError('interrupted', 'interrupted')));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stderr(prompt);
    input.setRawMode!(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}
