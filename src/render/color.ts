// Colour decisions in one place: --color on|off|auto, NO_COLOR (any non-empty value) and FORCE_COLOR, TTY detection.
// Without colour no styling library is loaded at all (chalk pulls in node:tty and with it the stream stack), which
// keeps plain `which` in a pipe close to `node -e 0`.
import type { ChalkInstance } from 'chalk';

export type ColorMode = 'auto' | 'on' | 'off';

export function colorLevel(mode: ColorMode, env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (mode === 'on') return 2;
  if (mode === 'off') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return force === '3' ? 3 : force === '1' ? 1 : 2;
  if (force === undefined && !env.NO_COLOR && isTTY && env.TERM !== 'dumb') return 2;
  return 0;
}

export function makeChalk(mode: ColorMode, env: NodeJS.ProcessEnv, isTTY: boolean): ChalkInstance {
  const level = colorLevel(mode, env, isTTY);
  if (level === 0) return PLAIN;
  // a require, not an import: the bundle then evaluates chalk only here
  const { Chalk } = require('chalk') as typeof import('chalk');
  return new Chalk({ level });
}

/** the no-colour styler: every style and chain of styles returns the text unchanged */
const PLAIN: ChalkInstance = new Proxy(((...text: unknown[]) => text.join(' ')) as unknown as ChalkInstance, {
  get: (target, prop) => (prop === 'level' ? 0 : typeof prop === 'symbol' ? Reflect.get(target, prop) : PLAIN),
});
