// Divergences in reading the shared files (js-sdk-chain.md §4 #12-27): botocore's configparser against smithy's
// parseIni, section by section and line by line, and how the two files are combined.
import { nameInMessage } from '../ini/parse';
import { buildProfileMap, sectionSettings } from '../config/profileMap';
import { E, settingAt, jsConfigProfile } from './facts';
import {
  at,
  entriesOf,
  entryLocation,
  headerLine,
  prefixedDefaultSection,
  sectionLabel,
  sectionProfiles,
  sectionsOf,
  type EntryRef,
} from './entries';
import { defaultHeaderLine, lineEnd, lineStart } from '../ini/lines';
import { bothFiles, type DivergenceRule, type Evidence, type FilesInput, type SharedFileView } from './types';

/** the key lines of both files (the config file's first) that each per-line rule below reports */
interface KeyLineHits {
  caseSensitive: EntryRef[];
  colon: EntryRef[];
  inlineComment: EntryRef[];
  continued: EntryRef[];
  empty: EntryRef[];
}

/**
 * by the files they were found in: the five rules run one after another on the same input, so one walk of the key
 * lines serves them all (a walk of a million key lines is a good part of a second; the hits are what they report)
 */
const HITS = new WeakMap<FilesInput['files'], KeyLineHits>();

function keyLineHits(f: FilesInput): KeyLineHits {
  let hits = HITS.get(f.files);
  if (hits) return hits;
  hits = { caseSensitive: [], colon: [], inlineComment: [], continued: [], empty: [] };
  for (const file of bothFiles(f)) {
    for (const r of entriesOf(file)) {
      const e = r.entry;
      if (e.rawKey !== e.key) hits.caseSensitive.push(r);
      if (colonBeforeEquals(file, e.line)) hits.colon.push(r);
      if (typeof e.value !== 'string') continue;
      if (hasInlineComment(e.value)) hits.inlineComment.push(r);
      if (e.value.includes('\n')) hits.continued.push(r);
      if (e.value === '') hits.empty.push(r);
    }
  }
  HITS.set(f.files, hits);
  return hits;
}

export const FILES: DivergenceRule[] = [
  {
    id: 'js-tolerates-broken-files',
    rows: [12, 17, 19, 20],
    title: 'files botocore cannot parse: duplicates, BOM, invalid UTF-8, junk lines',
    boto3: 'raises ConfigParseError for every profile, even when env keys are set',
    js:
      'reads the file anyway: duplicates merge (last value wins), the BOM and bad bytes are tolerated, junk ' +
      'lines are skipped',
    fix: 'fix the file (see the parse rules): both SDKs then read the same thing',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      bothFiles(f).flatMap((file) =>
        file.issues.map((i) => E(`${i.kind} in the ${file.kind} file: ${i.why}`, at(file, i.line || undefined))),
      ),
  },
  {
    id: 'js-case-sensitive-keys',
    rows: [13],
    title: 'key names in upper or mixed case',
    boto3: 'lower-cases key names: AWS_ACCESS_KEY_ID = … works',
    js: 'keeps the case: the key is not recognised',
    fix: 'write key names in lower case',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      keyLineHits(f).caseSensitive.map((r) =>
        E(`"${nameInMessage(r.entry.rawKey)}" in ${sectionLabel(r)}`, entryLocation(r), r.profile),
      ),
  },
  {
    id: 'js-no-colon-delimiter',
    rows: [14],
    title: 'key : value',
    boto3: 'accepts ":" as a delimiter',
    js: 'ignores lines without "="',
    fix: 'write key = value',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      keyLineHits(f).colon.map((r) =>
        E(`"${nameInMessage(r.entry.rawKey)}" in ${sectionLabel(r)} uses ":"`, entryLocation(r), r.profile),
      ),
  },
  {
    id: 'js-strips-inline-comments',
    rows: [15],
    title: 'inline # or ; comments after a value',
    boto3: 'keeps " # …" as part of the value (a wrong secret, a wrong region)',
    js: 'strips everything from a # or ; that follows whitespace',
    fix: 'put comments on their own lines',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      keyLineHits(f).inlineComment.map((r) =>
        E(`${nameInMessage(r.entry.key)} in ${sectionLabel(r)} has an inline comment`, entryLocation(r), r.profile),
      ),
  },
  {
    id: 'js-ignores-continuation',
    rows: [16],
    title: 'indented continuation lines',
    boto3: 'appends an indented line to the previous value',
    js: 'ignores the indented line',
    fix: 'remove the indentation (or join the lines)',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      keyLineHits(f).continued.map((r) =>
        E(
          `${nameInMessage(r.entry.key)} in ${sectionLabel(r)} continues on the next line`,
          entryLocation(r),
          r.profile,
        ),
      ),
  },
  {
    id: 'js-lone-cr',
    rows: [18],
    title: 'lone CR line endings (old Mac style)',
    boto3: 'treats \\r as a line break',
    js: 'splits lines on \\n only, so the whole file is one line and has no profiles',
    fix: 'convert the file to LF (or CRLF) line endings',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      bothFiles(f)
        .filter((file) => /\r(?!\n)/.test(file.text))
        .map((file) => E(`the ${file.kind} file uses lone CR line endings`, at(file))),
  },
  {
    id: 'js-empty-value',
    rows: [21],
    title: 'key = (empty value)',
    boto3: 'stores the empty string: an empty aws_access_key_id still wins as shared-credentials-file',
    js: 'does not store the key (and treats the indented lines after it as sub-keys)',
    fix: 'give the key a value, or delete the line',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      keyLineHits(f).empty.map((r) =>
        E(`${nameInMessage(r.entry.key)} in ${sectionLabel(r)} is empty`, entryLocation(r), r.profile),
      ),
  },
  {
    id: 'js-default-section',
    rows: [22],
    title: '[DEFAULT] section',
    boto3: 'copies [DEFAULT] keys into every section of that file (role_arn, secrets, …)',
    js: 'treats [DEFAULT] as an ordinary section (dropped from the config file)',
    fix: 'rename [DEFAULT] to [default], or move its keys into the sections that need them',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      bothFiles(f).flatMap((file) => {
        const line = defaultHeaderLine(file);
        return line ? [E(`[DEFAULT] in the ${file.kind} file`, at(file, line, 'DEFAULT'))] : [];
      }),
  },
  {
    id: 'js-profile-default-order',
    rows: [23],
    title: '[profile default] before [default] in the config file',
    boto3: 'the later section wins ([default])',
    js: '[profile default] always wins',
    fix: 'keep a single [default] section',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const cfg = f.files.config;
      const plain = headerLine(cfg, 'default');
      const prefixed = prefixedDefaultSection(cfg);
      return plain && prefixed && prefixed.line < plain
        ? [
            E(
              `[${prefixed.name}] (line ${prefixed.line}) comes before [default] (line ${plain})`,
              at(cfg, plain, 'default'),
              'default',
            ),
          ]
        : [];
    },
  },
  {
    id: 'js-odd-profile-headers',
    rows: [24],
    title:
      'profile headers only botocore reads: [profile  x], [profile x ], [profile "x y"], [profile x=y], [profiles x]',
    boto3: 'splits the header shell-style: two words give the profile',
    js:
      'accepts only "profile" + one space + a name of word characters and -@+.%:/ (optionally quoted); other ' +
      'headers are dropped',
    fix: 'write [profile NAME] with one space and a simple name',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const cfg = f.files.config;
      // botocore's name for each section, as the key line walks already made it
      const boto = sectionProfiles(cfg);
      const out: Evidence[] = [];
      sectionsOf(cfg).forEach((s, i) => {
        const b = boto[i];
        const j = jsConfigProfile(s.name);
        if (b !== j) out.push(E(headerReadDifferently(s.name, b, j), at(cfg, s.line, s.name), b ?? j));
      });
      return out;
    },
  },
  {
    id: 'js-proto-section',
    rows: [25],
    title: '[__proto__] section',
    boto3: 'an ordinary section',
    js: 'the parser throws and the whole file is treated as empty',
    fix: 'rename the section',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      bothFiles(f).flatMap((file) =>
        sectionsOf(file)
          .filter((s) => s.name === '__proto__' || s.name === 'profile __proto__')
          .map((s) => E(`[${s.name}] in the ${file.kind} file`, at(file, s.line, s.name))),
      ),
  },
  {
    id: 'js-merges-across-files',
    rows: [26, 27],
    title: "one profile's keys split between the two files",
    boto3:
      'reads static keys from each file separately: a key id in one file and the secret in the other is ' +
      'PartialCredentialsError; a token in the config file is not used with keys from the credentials file',
    js: 'merges the two files key by key (credentials file winning) and uses the combination',
    fix: 'keep aws_access_key_id, aws_secret_access_key and aws_session_token together in the credentials file',
    affects: ['credentials', 'token'],
    detect: (f) => {
      const creds = f.files.credentials;
      const cfgDoc = f.files.config.doc;
      if (!creds.doc || !cfgDoc) return [];
      const cfg = buildProfileMap({ ...cfgDoc, sections: sectionsOf(f.files.config) }).profiles;
      const out: Evidence[] = [];
      for (const s of sectionsOf(creds)) {
        const c = sectionSettings(creds.doc, s);
        const p = cfg.get(s.name)?.settings;
        if (!p) continue;
        const hasAk = c.has('aws_access_key_id');
        const hasSk = c.has('aws_secret_access_key');
        if (hasAk !== hasSk && p.has(hasAk ? 'aws_secret_access_key' : 'aws_access_key_id')) {
          out.push(E(keysSplitAcrossFiles(s.name, hasAk), at(creds, s.line, s.name), s.name));
        } else if (
          hasAk &&
          hasSk &&
          !c.has('aws_session_token') &&
          !c.has('aws_security_token') &&
          p.has('aws_session_token')
        ) {
          out.push(
            E(
              `profile "${s.name}" has its keys in the credentials file and aws_session_token only in the config file`,
              settingAt(p, 'aws_session_token'),
              s.name,
            ),
          );
        }
      }
      return out;
    },
  },
];

/** whether a key line's delimiter is ":": its first ":" comes before any "=" (read in place, no copy of the line) */
function colonBeforeEquals(file: SharedFileView, line: number): boolean {
  const end = lineEnd(file, line);
  for (let i = lineStart(file, line); i < end; i++) {
    const c = file.text.charCodeAt(i);
    if (c === 0x3a) return true; // :
    if (c === 0x3d) return false; // =
  }
  return false;
}

/** " #" or " ;" (after any whitespace) on the value's first line; the cheap test first, as most values have neither */
function hasInlineComment(v: string): boolean {
  const nl = v.indexOf('\n');
  const first = nl < 0 ? v : v.slice(0, nl);
  return (first.includes('#') || first.includes(';')) && /\s[#;]/.test(first);
}

// Messages

function headerReadDifferently(header: string, boto3: string | undefined, js: string | undefined): string {
  return (
    `[${header}] is ${boto3 === undefined ? 'not a profile' : `profile "${boto3}"`} to boto3 and ` +
    `${js === undefined ? 'not a profile' : `profile "${js}"`} to the JS SDK`
  );
}

function keysSplitAcrossFiles(profile: string, keyIdInCredentials: boolean): string {
  return (
    `profile "${profile}" has ${keyIdInCredentials ? 'aws_access_key_id' : 'aws_secret_access_key'} in the ` +
    `credentials file and ${keyIdInCredentials ? 'aws_secret_access_key' : 'aws_access_key_id'} in the config file`
  );
}
