// The terminal side of network steps: whether a person is there to answer (a TTY on stdin and stderr, CI unset), a
// spinner on stderr for calls that take more than a moment, and a hidden-input prompt for MFA codes (as Python's
// getpass: the prompt on the terminal, nothing echoed, Ctrl-C interrupts, Ctrl-D is end of input).
import { BotoError } from '../core/errors';
import { PromptInterruptedError } from '../aws/awsErrors';
import type { MaterializeIO } from '../usecases/materialize';
import { isTerminal, type CliIO, type Terminal } from './io';

/** CI is set to something other than "", "0" or "false" */
export function inCI(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** a person can answer a prompt: stdin and stderr are terminals and CI is not set */
export function canPrompt(io: CliIO): boolean {
  return !!io.terminal?.stdinIsTTY && !!io.terminal.stderrIsTTY && !inCI(io.env);
}

/** a spinner makes sense: stderr is a terminal and CI is not set */
export function canShowProgress(io: CliIO): boolean {
  return !!io.terminal?.stderrIsTTY && !inCI(io.env) && io.env.TERM !== 'dumb';
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** calls shorter than this show nothing */
const QUIET_MS = 400;

export function spinner(write: (s: string) => void): (label: string) => () => void {
  return (label) => {
    let frame = 0;
    let shown = false;
    let timer: NodeJS.Timeout | undefined;
    const draw = () => {
      shown = true;
      write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label}…`);
    };
    const delay = setTimeout(() => {
      draw();
      timer = setInterval(draw, 100);
      timer.unref();
    }, QUIET_MS);
    delay.unref();
    return () => {
      clearTimeout(delay);
      if (timer) clearInterval(timer);
      if (shown) write('\r\x1b[2K');
    };
  };
}

/** the process's own terminal door: stdin and stderr as they are, and the hidden prompt below */
export function processTerminal(): Terminal {
  return {
    get stdinIsTTY() {
      return isTerminal(0);
    },
    get stderrIsTTY() {
      return isTerminal(2);
    },
    readHidden: hiddenPrompt,
  };
}

/** read one line from the process's terminal without echo, prompting on stderr (processIO's terminal door) */
export function hiddenPrompt(message: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(message);
  return new Promise((resolve, reject) => {
    let line = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (fn: () => void) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(line));
        if (ch === '\x03') return finish(() => reject(new PromptInterruptedError()));
        if (ch === '\x04') {
          if (line === '')
            return finish(() => reject(new BotoError('EOFError', 'end of input while reading the MFA code', 'access')));
          return finish(() => resolve(line));
        }
        if (ch === '\x7f' || ch === '\b') line = line.slice(0, -1);
        else if (ch >= ' ') line += ch;
      }
    };
    const onEnd = () =>
      finish(() => reject(new BotoError('EOFError', 'end of input while reading the MFA code', 'access')));
    stdin.on('data', onData);
    stdin.once('end', onEnd);
  });
}

/** the io a command gives materializeCredentials */
export function terminalIO(io: CliIO): MaterializeIO {
  const t = io.terminal;
  return {
    prompt: t && canPrompt(io) ? (message) => t.readHidden(message) : undefined,
    progress: canShowProgress(io) ? spinner(io.stderr) : undefined,
  };
}
