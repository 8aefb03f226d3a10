// What a divergence rule reads and what it says. The input is neutral: the shared files as parsed (with the problems
// botocore's parser found), a session on the repaired view, the environment, the profile each SDK selects and, in
// `compare`, boto3's actual outcome. `doctor` builds it from its scan, `compare` from the same scan plus both SDKs'
// answers; neither imports the other, and this folder imports neither.
import type { Context } from '../core/context';
import type { ChainReport } from '../core/report';
import type { ResolveOptions, Session } from '../config/session';
import type { IniDocument } from '../ini/parse';

/** where a finding or a piece of evidence points: a line of a file, or an environment variable */
export type FindingLocation = { file: string; line?: number; section?: string } | { env: string };

/** what the rules read of one shared file (doctor's ScannedFile has this and more) */
export interface SharedFileView {
  kind: 'config' | 'credentials';
  /** the path as read */
  path: string;
  /** the text: lossy where bytes are not UTF-8, a leading BOM removed */
  text: string;
  /**
   * where each line starts in the text, as botocore's parser counts lines (\r\n, \r and \n end a line), then the
   * text's length: read a line with lines.ts (lineText), not an array of a million strings
   */
  lineStarts: Uint32Array;
  /** the parse of the repaired text (null when there is no file) */
  doc: IniDocument | null;
  /** every problem that makes botocore's parser fail, at its 1-based line (0: the whole file) */
  issues: readonly { kind: string; line: number; why: string }[];
  /** section names the repair gave duplicate headers; no rule reports on them */
  synthetic: ReadonlySet<string>;
}

/** the files and environment at hand, as doctor and compare both have them */
export interface FilesInput {
  ctx: Context;
  opts: ResolveOptions;
  /** a boto3 session whose files have their parse errors commented out, line numbers unchanged */
  session: Session;
  files: { config: SharedFileView; credentials: SharedFileView };
}

/** the two shared files, config first, for the rules that check each alike (doctor's scanned files too) */
export function bothFiles<F>(input: { files: { config: F; credentials: F } }): [F, F] {
  return [input.files.config, input.files.credentials];
}

/** what every divergence rule reads */
export interface DivergenceInput extends FilesInput {
  /** the profile boto3 uses (its profile variable, or "default") */
  boto3Profile: string;
  /** the profile the JS SDK uses: --profile, else a non-empty AWS_PROFILE, else "default" */
  jsProfile: string;
  /** in `compare`: boto3's actual outcome (compare adds the JS SDK's beside it) */
  outcome?: { boto3: ChainReport };
}

export interface Evidence {
  message: string;
  location: FindingLocation | null;
  /** the profile this concerns; undefined for the environment and whole files */
  profile?: string;
  /** the fix for this instance, where the rule's general fix would be wrong advice */
  fix?: string;
}

/** what part of the outcome a divergence can change */
export type Aspect = 'credentials' | 'token' | 'expiry' | 'region' | 'source' | 'call';

export interface DivergenceRule {
  id: string;
  /** row numbers in reference/js-sdk-chain.md §4 ("where boto3 and JS v3 differ") */
  rows: number[];
  title: string;
  boto3: string;
  js: string;
  /** one line: how to write the files / environment so that both SDKs agree */
  fix: string;
  affects: Aspect[];
  /** "selected": only about the profiles in use (the class applies to nearly every profile of its kind) */
  scope?: 'selected';
  /** seen only in the outcome (it needs credential_process to run): `compare` reports it, `doctor` cannot */
  compareOnly?: true;
  detect(f: DivergenceInput): Evidence[];
}
