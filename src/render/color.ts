// Colour decisions in one place: --color on|off|auto, NO_COLOR (any non-empty value) and FORCE_COLOR, TTY detection.
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorMode = 'auto' | 'on' | 'off';

export function makeChalk(mode: ColorMode, env: NodeJS.ProcessEnv, isTTY: boolean): ChalkInstance {
  let level: 0 | 1 | 2 | 3 = 0;
  if (mode === 'on') level = 2;
  else if (mode === 'auto') {
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== '0' && force !== 'false') level = force === '3' ? 3 : force === '1' ? 1 : 2;
    else if (force === undefined && !env.NO_COLOR && isTTY && env.TERM !== 'dumb') level = 2;
  }
  return new Chalk({ level });
}
