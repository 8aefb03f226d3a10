// What credchain checks before it hands the files to the real JS SDK. The SDK reads its files whole and without a
// check: on a FIFO it waits for ever, on /dev/zero it reads until memory runs out. It also parses both shared files
// again for every setting it reads (about fifteen times for one assumed role: each of its STS client's settings
// loads them), holds several parses at once, and copies the selected profile's keys for each setting. On a few MB
// of profiles that is seconds and hundreds of MB, so past the bounds below compare reports the JS SDK's fate instead
// of running it, as it does for a source_profile chain deep enough to overflow the SDK's stack (deepChain.ts).
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { readFileGuarded } from '../core/nodeContext';
import { nameInMessage } from '../ini/parse';
import { chainTooDeepForJs, MAX_JS_HOPS, type SdkFiles } from './deepChain';

export interface SharedPaths {
  config: string;
  credentials: string;
}

/** a token file or SSO cache entry larger than this is not handed over: the SDK would read it all into memory */
export const JS_MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * both shared files together: on the scale bench's 100,000 profiles (9.5 MB) the SDK alone peaks near 400 MB and
 * 12 s, on twice that 620 MB and 27 s
 */
export const JS_MAX_SHARED_BYTES = 8 * 1024 * 1024;
/** key lines in one section: the SDK copies the profile it reads once per setting (300,000 keys: 280 MB) */
export const JS_MAX_SECTION_KEYS = 100_000;

/**
 * Why the JS SDK must not be run on these files, or undefined. `loadFiles` parses the shared files as the SDK does
 * (only needed, and only called, when the files hold more source_profile lines than the SDK can recurse through).
 */
export async function jsFileHazard(
  home: string,
  paths: SharedPaths,
  env: NodeJS.ProcessEnv,
  profile: string,
  loadFiles: () => Promise<SdkFiles>,
): Promise<string | undefined> {
  const special = specialFile([paths.config, paths.credentials, ...sideFiles(home, env)]);
  if (special) return special;
  const sizes = [paths.config, paths.credentials].map(sizeOf);
  const total = sizes[0] + sizes[1];
  if (total > JS_MAX_SHARED_BYTES) return sharedFilesTooLarge(total, paths);
  let sourceProfiles = 0;
  for (const p of [paths.config, paths.credentials]) {
    const scan = scanText(textOf(p));
    if (scan.largest.keys > JS_MAX_SECTION_KEYS) return sectionTooLarge(p, scan.largest.name, scan.largest.keys);
    sourceProfiles += scan.sourceProfiles;
  }
  // each hop needs a profile with its own source_profile line: with no more lines than the bound, no parse is needed
  if (sourceProfiles <= MAX_JS_HOPS) return undefined;
  return chainTooDeepForJs(await loadFiles(), profile);
}

/** a FIFO, a device or a huge side file among the files the SDK may read */
function specialFile(files: (string | undefined)[]): string | undefined {
  for (const f of files) {
    if (!f) continue;
    let st: fs.Stats;
    try {
      // stat never blocks, even on a FIFO
      st = fs.statSync(f);
    } catch {
      continue;
    }
    if (st.isFIFO()) return `${f} is a FIFO (named pipe): the JS SDK would wait for a writer forever`;
    if (st.isCharacterDevice() || st.isBlockDevice())
      return `${f} is a device: the JS SDK would read from it until memory runs out`;
    if (st.isFile() && st.size > JS_MAX_FILE_BYTES)
      return `${f} is ${st.size} bytes: the JS SDK would read it all into memory`;
  }
  return undefined;
}

/** the token files and SSO token cache entries the SDK may read (it reads the one its profile names) */
function sideFiles(home: string, env: NodeJS.ProcessEnv): (string | undefined)[] {
  const dir = nodePath.join(home, '.aws', 'sso', 'cache');
  let cache: string[] = [];
  try {
    cache = fs
      .readdirSync(dir)
      .slice(0, 10_000)
      .map((n) => nodePath.join(dir, n));
  } catch {
    // no cache folder: nothing to check
  }
  return [env.AWS_WEB_IDENTITY_TOKEN_FILE, env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, ...cache];
}

/** a regular file's size; 0 when it is absent or unreadable (the SDK reads it as empty) */
function sizeOf(path: string): number {
  try {
    const st = fs.statSync(path);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

function textOf(path: string): string {
  try {
    return readFileGuarded(path, JS_MAX_SHARED_BYTES).toString('utf8');
  } catch {
    // absent or unreadable: the JS SDK reads it as empty
    return '';
  }
}

interface Scan {
  sourceProfiles: number;
  largest: { name: string; keys: number };
}

/** a line of a shared file as the SDK's parseIni reads it: a [section] header's name, or a key */
export type SdkIniLine = { line: number; header: string; key?: undefined } | { line: number; key: string };

/**
 * Each header and key line of a file as the SDK's parseIni reads it (lines split at \n, comments cut, trimmed): a
 * line between brackets is a section header, a line with "=" after its first character a key; `line` is 1-based.
 */
export function* sdkIniLines(text: string): Generator<SdkIniLine> {
  let start = 0;
  for (let n = 1; start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const t = text
      .slice(start, end)
      .split(/(^|\s)[;#]/)[0]
      .trim();
    start = end + 1;
    if (t.startsWith('[') && t.endsWith(']')) yield { line: n, header: t.slice(1, -1) };
    else if (t.indexOf('=') > 0) yield { line: n, key: t.slice(0, t.indexOf('=')).trim() };
  }
}

/** the keys of the largest section, and the source_profile keys, of a file as the SDK reads it */
export function scanText(text: string): Scan {
  const out: Scan = { sourceProfiles: 0, largest: { name: '', keys: 0 } };
  let name = '';
  let keys = 0;
  for (const l of sdkIniLines(text)) {
    if (l.key === undefined) {
      name = l.header;
      keys = 0;
      continue;
    }
    keys++;
    if (keys > out.largest.keys) out.largest = { name, keys };
    if (l.key === 'source_profile') out.sourceProfiles++;
  }
  return out;
}

// Messages

function sharedFilesTooLarge(total: number, paths: SharedPaths): string {
  return (
    `${paths.config} and ${paths.credentials} hold ${(total / 1024 / 1024).toFixed(1)} MB together (credchain ` +
    `hands the JS SDK at most ${JS_MAX_SHARED_BYTES / 1024 / 1024} MB): the JS SDK parses both files whole again ` +
    `for every setting it reads, about fifteen times for one client, which takes seconds and hundreds of MB; to ` +
    `compare, point AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at files holding only the profiles in question`
  );
}

function sectionTooLarge(path: string, section: string, keys: number): string {
  return (
    `section [${nameInMessage(section)}] of ${path} holds ${keys} keys (credchain hands the JS SDK at most ` +
    `${JS_MAX_SECTION_KEYS} in one section): the JS SDK copies a profile's keys for every setting it reads, which ` +
    `takes seconds and hundreds of MB`
  );
}
