// Driving a real interactive shell under tmux: type keys (Tab included), wait for a line the shell prints, read the
// screen. A private tmux server per session (-L), killed at the end; every wait is bounded.
import { spawnSync } from 'node:child_process';
import { hasShell } from './shells';

export function hasTmux(): boolean {
  return hasShell('tmux');
}

export class TmuxShell {
  private readonly socket = `credchain-test-${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(argv: string[], env: Record<string, string>, size: { columns: number; rows: number } = { columns: 250, rows: 50 }) {
    const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.tmux('new-session', '-d', '-s', 't', '-x', String(size.columns), '-y', String(size.rows), 'env', '-i', ...envArgs, ...argv);
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** type text literally */
  type(text: string): void {
    this.tmux('send-keys', '-t', 't', '-l', text);
  }

  /** press keys by name: Tab, Enter, C-c */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }

  /** the whole history and screen, wrapped lines joined */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 't');
  }

  /** the visible screen only, line by line as drawn (wrapped lines stay split) */
  visible(): string[] {
    return this.tmux('capture-pane', '-p', '-t', 't').split('\n');
  }

  /** waits until the screen matches, up to `ms`; the screen at that point */
  async waitFor(pattern: RegExp, ms = 15_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; the screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { timeout: 10_000 });
  }
}
