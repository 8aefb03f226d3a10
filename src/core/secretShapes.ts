// Text credchain did not write (a failed credential_process's stderr) may hold secrets. Anything shaped like one is
// masked before it is shown: secret keys, session tokens and JWTs by src/core/secrets.ts (the one place that decides
// what a secret looks like); here in addition what only such free text holds: AWS key ids (last four characters kept,
// as text output shows them), bearer tokens and `password=…`-style values.
import { maskSecretShapes } from './secrets';
import { escapeControl } from './escape';

const KEY_ID = /\b((?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{12,124})\b/g;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const NAMED =
  /\b([A-Za-z_-]*(?:secret|token|password|passwd|credential)[A-Za-z_-]*["']?\s*[=:]\s*["']?)([^\s"',;]{4,})/gi;
export function maskHelperText(text: string): string {
  return maskSecretShapes(
    text
      .replace(JWT, '<masked JWT>')
      .replace(NAMED, (_m, name: string) => `${name}<masked>`)
      .replace(BEARER, (_m, word: string, space: string) => `${word}${space}<masked>`),
  ).replace(KEY_ID, (id: string) => `****************${id.slice(-4)}`);
}

/**
 * A helper's stderr for a one-line error: secrets masked, control characters escaped, the last lines kept (where
 * the error usually is), at most `max` characters.
 */
export function stderrExcerpt(text: string, max = 400): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  let shown = escapeControl(maskHelperText(lines.slice(-5).join(' | ')));
  if (lines.length > 5) shown = `… ${shown}`;
  return shown.length > max ? `…${shown.slice(shown.length - max + 1)}` : shown;
}
