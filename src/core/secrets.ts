// Which keys and strings hold secrets: the one place that decides what output must never show. A key is secret when
// it is (or is a misspelling of) a key boto3 reads as key material, or when its words name secret material; a string
// is secret-shaped when it looks like a secret access key, a session token or a bearer token, so a wrapped or
// misplaced secret (a continuation line read as a key, a section name) is caught by its shape.
import { editDistance } from './closest';

/** the keys whose values boto3 uses as secrets (the files, ~/.boto, AWS_CREDENTIAL_FILE) */
export const SECRET_KEY_NAMES = [
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'awssecretkey',
] as const;

/** words that name secret material wherever they appear in a key */
const SECRET_WORDS = /secret|token|passw|passphrase|pwd|private_?key|api_?key|signing_?key|bearer|credentials?_?value/;

/** a key that names secret material but holds something else: a path to it, or when it expires */
const NOT_SECRET = /_(file|path|expires|expiry|expiration)$/;

/**
 * SECRET_KEY_NAMES without their separators, each with the edits a misspelling of it may hold, worked out once:
 * `show` tests every key of a profile, and a profile may hold a million
 */
const BARE_SECRET_KEY_NAMES = SECRET_KEY_NAMES.map((s) => ({
  bare: s.replace(/_/g, ''),
  most: Math.max(2, Math.floor(s.length / 7)),
}));

/** true when the value of `key` must be masked: close to a known secret key, or naming secret material */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-\s.]/g, '_');
  if (NOT_SECRET.test(k)) return false;
  if (SECRET_WORDS.test(k)) return true;
  // misspellings: aws_secret_acess_key, aws_sesion_token; compared without separators so AWSSecretKey matches too
  const bare = k.replace(/_/g, '');
  return BARE_SECRET_KEY_NAMES.some((s) => editDistance(bare, s.bare, 3) <= s.most);
}

/**
 * true for a string holding a run shaped like a secret access key, session token or bearer token: at least 20
 * base64, base64url or JWT characters holding lower and upper case (at least a fifth of the letters, as in random
 * text) and a digit or one of + / =. Access key ids (no lower case), words, snake_case names, CamelCase names, most
 * paths and ARNs (':' ends a run) are not secret-shaped.
 */
export function looksLikeSecret(s: string): boolean {
  for (const [a, b] of runs(s, inRun, 20)) if (secretShaped(s, a, b)) return true;
  return false;
}

/**
 * true for a section or key name that is really secret material: secret-shaped as written, or, since the parser
 * lower-cases keys, a lower-cased run of 24 or more base64 characters with no word separator and several digits or
 * a + / = (snake_case and kebab-case names have separators; a lower-cased secret key or token has digits).
 */
export function looksLikeSecretName(name: string): boolean {
  if (looksLikeSecret(name)) return true;
  for (const [a, b] of runs(name, inLowerRun, 24)) {
    let digits = 0;
    let letters = 0;
    let signs = 0;
    for (let i = a; i < b; i++) {
      const c = name.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c >= 97 && c <= 122) letters++;
      else signs++;
    }
    if (letters > 0 && (digits >= 3 || signs > 0)) return true;
  }
  return false;
}

/** the same text with every secret-shaped run replaced by its length, for text that may quote one */
export function maskSecretShapes(s: string): string {
  let out = '';
  let last = 0;
  for (const [a, b] of runs(s, inRun, 20)) {
    if (!secretShaped(s, a, b)) continue;
    out += `${s.slice(last, a)}****(${b - a} chars)`;
    last = b;
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * Each maximal run of at least `min` characters that `inside` accepts, as [start, end). A loop, not a regex: V8's
 * regex engine overflows its stack on a run of some ten million characters (a 10 MB value on one line).
 */
function* runs(s: string, inside: (c: number) => boolean, min: number): Generator<[number, number]> {
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && inside(s.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= min) yield [start, i];
      start = -1;
    }
  }
}

/** base64, base64url and JWT characters: A-Z a-z 0-9 + / = _ . - */
function inRun(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 61 ||
    c === 95 ||
    c === 46 ||
    c === 45
  );
}

/** what a lower-cased secret keeps: a-z 0-9 + / = */
function inLowerRun(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
}

function secretShaped(s: string, from: number, to: number): boolean {
  let lower = 0;
  let upper = 0;
  let other = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if ((c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61) other++;
  }
  return lower > 0 && other > 0 && upper * 5 >= lower + upper;
}

/** what a secret value is shown as, with its length beside it */
export const MASK = '********';

/** a key that is secret material, as shown in its place */
export function maskedName(name: string): string {
  return `(a ${name.length}-character key shaped like a secret)`;
}

/** a nested block under a key that is not secret: its secret-looking entries masked one by one */
export function maskedBlock(block: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  let n = 0;
  for (const [k, v] of Object.entries(block)) {
    const keySecret = looksLikeSecretName(k);
    const name = keySecret ? `${maskedName(k).slice(0, -1)} #${++n})` : k;
    out[name] = keySecret || isSecretKey(k) || looksLikeSecret(v) ? (v === '' ? '' : `${MASK} (${v.length} chars)`) : v;
  }
  return out;
}

/**
 * A setting's value as a message may quote it (botocore quotes both values of an sso-session that contradicts its
 * profile), masked as `show` masks it: the value of a key that names a secret, or whose name is secret material,
 * as its length; any other value with its secret-shaped runs masked; a nested block member by member, as JSON
 */
export function quotableValue(key: string, value: string | Record<string, string>): string {
  if (typeof value !== 'string') return JSON.stringify(maskedBlock(value));
  if (isSecretKey(key) || looksLikeSecretName(key)) return `${MASK} (${value.length} chars)`;
  return maskSecretShapes(value);
}
