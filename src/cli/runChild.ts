// Runs a command as `credchain exec` does: no shell, stdio inherited, SIGINT/SIGTERM/SIGHUP passed on to the child
// while credchain waits, and the child's end turned into an exit code: its own code, 128+n when a signal killed
// it, 127 when the command does not exist and 126 when it cannot be run.
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface ChildEnd {
  code: number;
  /** why the command could not start */
  error?: string;
}

export async function runChild(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildEnd> {
  const { spawn } = await import('node:child_process');
  const { constants } = await import('node:os');
  // credchain's own SIGINT handler (exit 130) would leave the child running: while the child lives, signals are
  // only passed on, and the original handlers come back afterwards
  const saved = FORWARDED.map((s) => [s, process.listeners(s)] as const);
  for (const s of FORWARDED) process.removeAllListeners(s);
  try {
    return await new Promise<ChildEnd>((resolve) => {
      const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env, cwd, shell: false });
      const forward = (sig: NodeJS.Signals) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      for (const s of FORWARDED) process.on(s, forward);
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') resolve({ code: 127, error: `command not found: ${argv[0]}` });
        else resolve({ code: 126, error: `cannot run ${argv[0]}: ${e.code ?? e.message}` });
      });
      child.on('exit', (code, signal) => {
        if (code !== null) resolve({ code });
        else resolve({ code: 128 + ((signal && constants.signals[signal]) || 0) });
      });
    });
  } finally {
    for (const s of FORWARDED) process.removeAllListeners(s);
    for (const [s, ls] of saved) for (const l of ls) process.on(s, l as NodeJS.SignalsListener);
  }
}
