// The shared files as doctor sees them: where they are, their bytes, mode and lines, and every problem that makes
// botocore's parser fail. The real parser (src/ini/parse.ts) runs on the file; each error it raises is recorded and
// the offending line commented out (a duplicate header renamed), and the parser runs again, so every problem is
// found and the rest of the file can still be checked, with its line numbers unchanged.
import type { Context } from '../core/context';
import { BotoError } from '../core/errors';
import { decodeIni, parseIniLines, type IniDocument } from '../ini/parse';
import { lineCount, lineStartsOf, lineText, type LinedText } from '../ini/lines';
import {
  emptyDocument,
  readIniBytes,
  sharedFileLocation,
  SHARED_FILE_PATHS,
  type LoadedIni,
  type SharedFileKind,
} from '../config/sharedFileLoader';

export type ParseIssueKind = 'bom' | 'invalid-utf8' | 'duplicate-section' | 'duplicate-key' | 'parse-error';

export interface ParseIssue {
  kind: ParseIssueKind;
  line: number;
  /** the parser's explanation, without the "Unable to parse config file" prefix */
  why: string;
}

export interface ScannedFile {
  kind: 'config' | 'credentials';
  envVar: string;
  /** the path as configured (env var value or default), before expansion */
  configured: string;
  /** the env var that chose it, or "default" */
  source: string;
  path: string;
  state: 'ok' | 'missing' | 'not-a-file' | 'unreadable' | 'disabled' | 'too-large';
  readError?: string;
  /** permission bits, when the file exists */
  mode?: number;
  /** the text: lossy where bytes are not UTF-8, a leading BOM removed */
  text: string;
  /** where each line of the text starts (src/ini/lines.ts reads a line from it) */
  lineStarts: Uint32Array;
  /** the parse of the repaired text (null when there is no file) */
  doc: IniDocument | null;
  issues: ParseIssue[];
  /** section names the repair gave duplicate headers; no rule reports on them */
  synthetic: Set<string>;
}

const MAX_REPAIRS = 500;
/**
 * each repair parses the whole file again: at most this many lines parsed in all, so a huge broken file stays
 * linear
 */
const MAX_REPAIR_LINES = 1_000_000;

/** a shared file through the one loader (src/config/sharedFileLoader.ts), then parsed with repairs */
export function scanSharedFile(ctx: Context, kind: SharedFileKind): ScannedFile {
  const { configured, source } = sharedFileLocation(ctx, kind);
  const f = readIniBytes(ctx, configured, source);
  const base = {
    kind,
    envVar: SHARED_FILE_PATHS[kind].envVar,
    configured,
    source,
    path: f.path,
    mode: f.mode,
    text: '',
    lineStarts: new Uint32Array(1),
    doc: null,
    issues: [] as ParseIssue[],
    synthetic: new Set<string>(),
  };
  switch (f.state) {
    case 'ok':
      return { ...base, state: 'ok', ...parseWithRepairs(f.bytes!, f.path) };
    case 'too-large':
      return {
        ...base,
        state: 'too-large',
        issues: [{ kind: 'parse-error', line: 0, why: `the file ${f.readError}` }],
      };
    case 'unreadable':
      // configparser skips files it cannot open: botocore sees an empty file
      return { ...base, state: 'unreadable', readError: f.readError, doc: emptyDocument(f.path) };
    default:
      return { ...base, state: f.state };
  }
}

function parseWithRepairs(
  bytes: Buffer,
  path: string,
): Pick<ScannedFile, 'text' | 'lineStarts' | 'doc' | 'issues' | 'synthetic'> {
  const issues: ParseIssue[] = [];
  const synthetic = new Set<string>();
  let text: string;
  try {
    text = decodeIni(bytes, path);
  } catch (e) {
    if (!(e instanceof BotoError)) throw e;
    issues.push({ kind: 'invalid-utf8', line: e.where?.line ?? 1, why: whyOf(e) });
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
  if (text.startsWith('\uFEFF')) {
    issues.push({
      kind: 'bom',
      line: 1,
      why: 'the file starts with a UTF-8 byte order mark, so its first line is not a [section] header',
    });
    text = text.slice(1);
  }
  const file: LinedText = { text, lineStarts: lineStartsOf(text) };
  const lines = lineCount(file);
  // the repaired lines by number: each parse reads the file's own lines with these in their place
  const repairs = new Map<number, string>();
  let doc: IniDocument | null = null;
  const maxRepairs = Math.min(MAX_REPAIRS, Math.max(5, Math.floor(MAX_REPAIR_LINES / Math.max(1, lines))));
  for (let i = 0; i <= maxRepairs; i++) {
    try {
      doc = parseIniLines(repairedLines(file, repairs), path);
      break;
    } catch (e) {
      if (!(e instanceof BotoError)) throw e;
      const line = e.where?.line;
      const kind = classify(e.message);
      issues.push({ kind, line: line ?? 0, why: whyOf(e) });
      if (!line || i === maxRepairs) break;
      if (kind === 'duplicate-section') {
        const name = `credchain-duplicate-section-line-${line}`;
        synthetic.add(name);
        repairs.set(line, `[${name}]`);
      } else repairs.set(line, `#${repairs.get(line) ?? lineText(file, line)}`);
    }
  }
  return { text, lineStarts: file.lineStarts, doc, issues, synthetic };
}

/** the file's lines one at a time, a repaired line in place of its original (no array of all of them) */
function* repairedLines(file: LinedText, repairs: ReadonlyMap<number, string>): Generator<string> {
  const count = lineCount(file);
  for (let n = 1; n <= count; n++) yield (repairs.size ? repairs.get(n) : undefined) ?? lineText(file, n);
}

function classify(message: string): ParseIssueKind {
  if (/section \[.*\] appears twice/s.test(message)) return 'duplicate-section';
  if (/key ".*" appears twice in section/s.test(message)) return 'duplicate-key';
  if (/not valid UTF-8/.test(message)) return 'invalid-utf8';
  return 'parse-error';
}

function whyOf(e: BotoError): string {
  const m = /\(line \d+: (.*)\)$/s.exec(e.message);
  return m ? m[1] : e.message;
}

/**
 * The file as a boto3 Session loads it once its parse errors are fixed: the repaired document, so every check
 * after the parse errors sees the rest of the file exactly as botocore would. A file the repairs could not make
 * parseable, or too large to read, is empty (its problems are reported by the parse rules).
 */
export function sessionFile(f: ScannedFile): LoadedIni {
  const at = { configured: f.configured, source: f.source, path: f.path };
  if (f.state === 'ok' || f.state === 'too-large') return { ...at, state: 'ok', doc: f.doc ?? emptyDocument(f.path) };
  if (f.state === 'unreadable')
    return { ...at, state: 'unreadable', doc: f.doc ?? emptyDocument(f.path), readError: f.readError };
  return { ...at, state: f.state, doc: null };
}

/** a Context for offline checks: no network, no processes */
export function offlineContext(ctx: Context): Context {
  return {
    ...ctx,
    http: async (req) => {
      throw new Error(`doctor is offline: refused ${req.method} ${req.url}`);
    },
    spawn: async (argv) => {
      throw new Error(`doctor never runs commands: refused ${argv[0]}`);
    },
  };
}
