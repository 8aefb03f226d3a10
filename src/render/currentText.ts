// `credchain current` as one short line for a prompt: the profile, a mark when boto3 would not actually use it,
// and the time left when an expiry is known ("dev (42m)", "dev (expired)"). Nothing when no profile is active.
import type { CurrentState } from '../profiles/current';
import { escapeControl } from '../core/escape';

/** "42m", "3h05m", "2d4h" */
export function formatRemaining(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${Math.max(min, 0)}m`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h}h${String(min % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${h % 24}h`;
}

export function renderCurrentText(s: CurrentState, now: number, always: boolean): string {
  let name: string;
  // the name comes from the environment: escaped, so it cannot drive the terminal a prompt is drawn on
  if (s.profile !== null) name = s.profile === '' ? "''" : escapeControl(s.profile);
  else if (!always) return '';
  else name = s.envKeys ? '(env)' : 'default';
  const marks: string[] = [];
  if (s.exists === false) marks.push('not found');
  if (s.envKeys && s.profile !== null && s.source !== 'CREDCHAIN_PROFILE') marks.push('env keys win');
  if (s.expiration !== null) {
    const left = Date.parse(s.expiration) - now;
    marks.push(left <= 0 ? 'expired' : formatRemaining(left));
  }
  return `${name}${marks.length ? ` (${marks.join(', ')})` : ''}\n`;
}
