// The profiles `credchain use` switched to, most recent first, for the picker's order. Kept in the XDG state
// directory ($XDG_STATE_HOME/credchain, else ~/.local/state/credchain), never in ~/.aws; a list of names only.
// Reading is bounded; writing is atomic and verified; a state file that cannot be read or written never stops a switch.
import * as path from 'node:path';
import { readGuarded } from '../core/readFile';
import type { Context } from '../core/context';
import { replaceFileSync } from '../core/verifiedWrite';

const KEEP = 50;
const MAX_BYTES = 256 * 1024;

export function recentFile(env: NodeJS.ProcessEnv, home: string): string {
  const state =
    env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(home, '.local', 'state');
  return path.join(state, 'credchain', 'recent-profiles.json');
}

export function readRecent(ctx: Pick<Context, 'fs' | 'readFile' | 'env' | 'home'>): string[] {
  try {
    const list = JSON.parse(readGuarded(ctx, recentFile(ctx.env, ctx.home), MAX_BYTES).toString('utf8'));
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string').slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

/** puts `profile` first; returns why it could not be saved, or undefined */
export function recordRecent(
  ctx: Pick<Context, 'fs' | 'readFile' | 'writeFs' | 'env' | 'home'>,
  profile: string,
): string | undefined {
  const file = recentFile(ctx.env, ctx.home);
  const list = [profile, ...readRecent(ctx).filter((n) => n !== profile)].slice(0, KEEP);
  try {
    ctx.writeFs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    replaceFileSync(ctx.writeFs, file, Buffer.from(JSON.stringify(list) + '\n'), { mode: 0o600 });
    return undefined;
  } catch (e) {
    return couldNotSaveRecent(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

// Messages

function couldNotSaveRecent(file: string, reason: string): string {
  return `could not save the recent-profiles list ${file}: ${reason}`;
}
