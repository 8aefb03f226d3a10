// Masking for text output: access key ids as the AWS CLI and aws-vault show them (16 asterisks and the last 4).
export function maskKey(id: string | null | undefined): string {
  if (id === null || id === undefined) return '(not fetched)';
  if (id === '') return '(empty)';
  return '*'.repeat(16) + (id.length > 4 ? id.slice(-4) : '');
}

/** abbreviate the home directory as ~ for text output */
export function tildify(path: string, home: string): string {
  const h = home.replace(/\/+$/, '');
  return h && (path === h || path.startsWith(h + '/')) ? '~' + path.slice(h.length) : path;
}

/**
 * Every path under the home directory inside a text (an error message, a reason) as ~/…, so a path reads the same
 * in a message as in a location column. Only where a path can start: at the start or after a space, quote,
 * bracket, `=`, `:` or `,`.
 */
export function tildifyText(text: string, home: string): string {
  const h = home.replace(/\/+$/, '');
  if (!h || !text.includes(h)) return text;
  return text.replace(homePattern(h), '$1~');
}

// compiled once per home: the text renderers run every string of a report through tildifyText (100,000 profiles
// compiled 100,000 copies of the same pattern)
let lastHome: { home: string; re: RegExp } | undefined;
function homePattern(h: string): RegExp {
  if (lastHome?.home !== h) {
    const quoted = h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    lastHome = { home: h, re: new RegExp(`(^|[\\s'"(\\[=:,])${quoted}(?=/|$|[\\s'"),:\\]])`, 'g') };
  }
  return lastHome.re;
}
