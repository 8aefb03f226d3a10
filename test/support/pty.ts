// Runs the built CLI under a real pseudo-terminal (Python's pty module: no native Node dependency) of a given size,
// stdout and stderr both on the terminal, as a person at a terminal sees them. Killed after `timeoutMs`.
import { spawn } from 'node:child_process';
import { BIN } from './cli';

const PTY_RUN = `
import fcntl, json, os, pty, struct, sys, termios
argv, rows, cols = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execv(argv[0], argv)
out = b''
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export interface PtyResult {
  code: number | null;
  /** what the terminal received, \r\n turned into \n */
  out: string;
}

export function runUnderPty(args: string[], env: Record<string, string>, o: { columns?: number; rows?: number; timeoutMs?: number; cwd?: string } = {}): Promise<PtyResult> {
  const spec = JSON.stringify([[process.execPath, BIN, ...args], o.rows ?? 24, o.columns ?? 80]);
  return new Promise((resolve) => {
    const child = spawn(process.env.CREDCHAIN_PYTHON ?? 'python3', ['-c', PTY_RUN, spec], { env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out: out.replace(/\r\n/g, '\n') });
    });
  });
}
