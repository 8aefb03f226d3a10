// What a command may touch: its output streams, the environment and whether stdout is a terminal. Injected so tests
// can run commands in-process.
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
    cwd: process.cwd(),
  };
}
