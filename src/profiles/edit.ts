// Plans `credchain set / unset / remove / rename / copy` on the text of the two shared files, without touching disk:
// which file and section each change goes to (key material to the credentials file, settings to the config file,
// always the section botocore actually reads), the edited text, and proof by re-parsing that nothing else changed.
// `set` warns about keys and values boto3 would not read as meant (editAdvice.ts), and refuses them when strict;
// `rename` rewrites the source_profile lines that name the old profile, unless told not to.
import { isDeepStrictEqual } from 'node:util';
import { UsageError, CredchainError } from '../core/errors';
import {
  appendSection,
  keyLine,
  layoutOf,
  removeSection,
  renameSection,
  sectionBody,
  setKey,
  unsetKey,
} from '../ini/editor';
import { setAdvice } from './editAdvice';
import { parseIni, type IniDocument, type IniSection } from '../ini/parse';
import { pyStrip } from '../python/pyText';
import {
  checkFile,
  checkProfiles,
  intended,
  profileValues,
  rawView,
  valuesOfProfile,
  type ProfileValues,
  type RawView,
  type Target,
} from './editCheck';
import {
  bracket,
  checkProfileName,
  configHeaderFor,
  configProfileName,
  configSectionsFor,
  credentialsHeaderFor,
  credentialsSectionFor,
  KEY_MATERIAL,
} from './editSections';

export type EditOp =
  | { kind: 'set'; profile: string; key: string; value: string }
  | { kind: 'unset'; profile: string; key: string }
  | { kind: 'remove'; profile: string }
  | { kind: 'rename'; profile: string; to: string }
  | { kind: 'copy'; profile: string; to: string };

export type FileKind = 'config' | 'credentials';

export interface EditFile {
  path: string;
  /** null when the file does not exist (or is disabled) */
  text: string | null;
  /** AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE set to '' */
  disabled?: boolean;
}

export type EditFiles = Record<FileKind, EditFile>;

export interface Change {
  file: FileKind;
  path: string;
  /** the section as written, e.g. "profile dev" */
  section: string;
  /** 1-based line in the edited file (in the original one for removals) */
  line: number;
  action: 'updated' | 'added' | 'created' | 'unchanged' | 'removed' | 'renamed' | 'copied';
  /** the new section name, for renamed and copied */
  to?: string;
  /** the key changed, for a source_profile rewritten by rename */
  key?: string;
}

export interface PlanOptions {
  /** false skips the re-parse checks: only for learning which files an edit writes, never before a write */
  check?: boolean;
  /** set: refuse (instead of warning about) a key boto3 does not read or a value with an inline comment */
  strict?: boolean;
  /** rename: rewrite source_profile lines that name the old profile (the default), or leave them */
  references?: boolean;
}

export interface PlannedWrite {
  file: FileKind;
  path: string;
  before: string | null;
  after: string;
}

export interface EditPlan {
  /** the profile op, or another kind of edit planned on the same files (sso populate) */
  op: EditOp | { kind: 'sso-populate' };
  writes: PlannedWrite[];
  changes: Change[];
  warnings: string[];
}

/** one file while an edit is planned: its text so far and what its parsed view must become */
class FileWork {
  text: string | null;
  view: RawView;
  constructor(
    readonly kind: FileKind,
    readonly input: EditFile,
    readonly doc: IniDocument | null,
  ) {
    this.text = input.text;
    this.view = rawView(doc);
  }

  get writable(): boolean {
    return !this.input.disabled;
  }

  hasSection(name: string): boolean {
    return this.text !== null && layoutOf(this.text).sections.some((s) => s.name === name);
  }
}

export function planEdit(files: EditFiles, op: EditOp, o: PlanOptions = {}): EditPlan {
  const check = o.check !== false;
  const work: Record<FileKind, FileWork> = {
    config: new FileWork('config', files.config, parseFile(files.config)),
    credentials: new FileWork('credentials', files.credentials, parseFile(files.credentials)),
  };
  const before = profileValues(work.config.doc, work.credentials.doc);
  const plan: EditPlan = { op, writes: [], changes: [], warnings: [] };
  const targets = new Map<string, Target>();
  checkProfileName(op.profile);
  if (op.kind !== 'set' && !before.has(op.profile)) throw unknownProfile(op.profile, files);
  if (op.kind === 'set') planSet(work, op, before, plan, targets, !!o.strict);
  else if (op.kind === 'unset') planUnset(work, op, before, plan, targets);
  else if (op.kind === 'remove') planRemove(work, op.profile, before, plan, targets);
  else planCopyOrRename(work, op, before, plan, targets, o.references !== false);

  const after: Record<FileKind, IniDocument | null> = { config: work.config.doc, credentials: work.credentials.doc };
  for (const w of [work.config, work.credentials]) {
    if (w.text === null || w.text === w.input.text) continue;
    if (check) after[w.kind] = checkFile(w.input.path, w.text, w.view);
    plan.writes.push({ file: w.kind, path: w.input.path, before: w.input.text, after: w.text });
  }
  if (check && plan.writes.length) checkProfiles({ config: work.config.doc, values: before }, after, targets);
  return plan;
}

function parseFile(f: EditFile): IniDocument | null {
  return f.text === null || f.disabled ? null : parseIni(f.text, f.path);
}

/** a missing profile is 253 here as in which, show, export and use */
function unknownProfile(profile: string, files: EditFiles): CredchainError {
  const where = [files.config, files.credentials].filter((f) => !f.disabled).map((f) => f.path);
  return new CredchainError(
    `no profile "${profile}" in ${where.join(' or ') || 'any file (both are disabled)'}`,
    'config',
  );
}

function disabled(w: FileWork): CredchainError {
  const v = w.kind === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE';
  return new CredchainError(
    `the ${w.kind} file is disabled (${v} is set but empty), so credchain cannot write to it`,
    'config',
  );
}

export function checkKey(key: string): void {
  if (key === '') throw new UsageError('the key is empty');
  if (/[\r\n\0]/.test(key)) throw new UsageError('a key cannot contain a line break or NUL');
  if (/[=:]/.test(key)) throw new UsageError(`a key cannot contain "=" or ":" (botocore would split the line there)`);
  if (pyStrip(key) !== key) throw new UsageError('a key cannot start or end with whitespace');
  if (/^[[#;]/.test(key))
    throw new UsageError(`a key cannot start with "${key[0]}" (botocore would read a header or a comment)`);
}

/** values are single-line and must read back unchanged; the message never repeats the value (it may be a secret) */
export function checkValue(value: string): void {
  if (/[\r\n]/.test(value)) throw new UsageError('the value contains a line break; values must be one line');
  if (value.includes('\0')) throw new UsageError('the value contains a NUL character');
  if (pyStrip(value) !== value) throw new UsageError('the value starts or ends with whitespace, which botocore strips');
}

/** sets key in the named section, creating the section (and the file) when needed */
function setIn(w: FileWork, section: string, key: string, value: string, plan: EditPlan): void {
  if (!w.writable) throw disabled(w);
  const text = w.text ?? '';
  const k = key.toLowerCase();
  if (!w.hasSection(section)) {
    const r = appendSection(text, section, [keyLine(key, value)]);
    w.text = r.text;
    plan.changes.push({ file: w.kind, path: w.input.path, section, line: r.line + 1, action: 'created' });
  } else {
    const r = setKey(text, section, key, value);
    w.text = r.text;
    plan.changes.push({ file: w.kind, path: w.input.path, section, line: r.line, action: r.action });
  }
  w.view = intended.set(w.view, section, k, value);
}

function planSet(
  work: Record<FileKind, FileWork>,
  op: Extract<EditOp, { kind: 'set' }>,
  before: ProfileValues,
  plan: EditPlan,
  targets: Map<string, Target>,
  strict: boolean,
): void {
  const { profile, key, value } = op;
  checkKey(key);
  checkValue(value);
  const advice = setAdvice(key, value);
  if (strict && advice.length) throw new UsageError(`refused by --strict: ${advice.join('; ')}`);
  plan.warnings.push(...advice);
  const k = key.toLowerCase();
  const cred = credentialsSectionFor(work.credentials.doc, profile);
  const conf = configSectionsFor(work.config.doc, profile).at(-1);
  if (KEY_MATERIAL.has(k)) {
    setIn(work.credentials, cred?.name ?? credentialsHeaderFor(profile), key, value, plan);
    const own = conf?.entries.get(k);
    if (own && own.section === conf!.name) {
      plan.warnings.push(credentialsFileWins(conf!.name, work.config.input.path, k, own.line));
    }
  } else if (cred && cred.entries.has(k)) {
    // botocore merges the credentials file over the config file: the value it reads is this one
    setIn(work.credentials, cred.name, key, value, plan);
    plan.warnings.push(changedInCredentialsFile(k, profile));
  } else {
    setIn(work.config, conf?.name ?? configHeaderFor(profile), key, value, plan);
  }
  const was = before.get(profile);
  targets.set(profile, (got) => {
    const now = got.get(profile);
    if (!now || !isDeepStrictEqual(now.get(k)?.value, value))
      return `${k} would not be what boto3 reads for profile "${profile}"`;
    for (const [kk, v] of now) {
      if (kk === k) continue;
      const old = was?.get(kk);
      if (old ? !isDeepStrictEqual(old.value, v.value) : v.section !== 'DEFAULT')
        return `the edit would change ${kk} in profile "${profile}"`;
    }
    for (const kk of was?.keys() ?? []) if (!now.has(kk)) return `the edit would drop ${kk} from profile "${profile}"`;
    return undefined;
  });
}

function planUnset(
  work: Record<FileKind, FileWork>,
  op: Extract<EditOp, { kind: 'unset' }>,
  before: ProfileValues,
  plan: EditPlan,
  targets: Map<string, Target>,
): void {
  const { profile, key } = op;
  checkKey(key);
  const k = key.toLowerCase();
  const places: [FileWork, string | undefined][] = [
    [work.credentials, credentialsSectionFor(work.credentials.doc, profile)?.name],
    [work.config, configSectionsFor(work.config.doc, profile).at(-1)?.name],
  ];
  for (const [w, section] of places) {
    // a disabled file has no text, so it is never edited here
    if (section === undefined || w.text === null) continue;
    const r = unsetKey(w.text, section, k);
    if (!r) continue;
    w.text = r.text;
    w.view = intended.unset(w.view, section, k);
    plan.changes.push({ file: w.kind, path: w.input.path, section, line: r.line, action: 'removed' });
  }
  const was = before.get(profile)!;
  if (!plan.changes.length) {
    const inherited = was.get(k);
    if (inherited) {
      throw new UsageError(inheritedFromDefault(k, profile, inherited.file, inherited.line));
    }
    throw new UsageError(`profile "${profile}" has no key ${k}`);
  }
  targets.set(profile, (got) => {
    const now = got.get(profile)!;
    const left = now?.get(k);
    if (left && left.section !== 'DEFAULT') return `${k} would still be set in profile "${profile}"`;
    if (left) plan.warnings.push(`profile "${profile}" now inherits ${k} from [DEFAULT]`);
    for (const [kk, v] of was)
      if (kk !== k && !isDeepStrictEqual(now?.get(kk)?.value, v.value))
        return `the edit would change ${kk} in profile "${profile}"`;
    return undefined;
  });
}

function planRemove(
  work: Record<FileKind, FileWork>,
  profile: string,
  before: ProfileValues,
  plan: EditPlan,
  targets: Map<string, Target>,
): void {
  const cred = credentialsSectionFor(work.credentials.doc, profile);
  if (cred) removeFrom(work.credentials, [cred.name], plan);
  // a shadowed [default] / [profile default] would take over if only the winner went: remove every one
  const conf = configSectionsFor(work.config.doc, profile).map((s) => s.name);
  if (conf.length) removeFrom(work.config, conf, plan);
  targets.set(profile, undefined);
  referenceWarnings(before, profile, plan, 'was removed');
}

function removeFrom(w: FileWork, sections: string[], plan: EditPlan): void {
  if (!w.writable) throw disabled(w);
  const lines = layoutOf(w.text!).sections;
  for (const s of sections) {
    const r = removeSection(w.text!, s);
    w.text = r.text;
    plan.changes.push({
      file: w.kind,
      path: w.input.path,
      section: s,
      line: lines.find((x) => x.name === s)!.header + 1,
      action: 'removed',
    });
  }
  w.view = intended.remove(w.view, sections);
}

function planCopyOrRename(
  work: Record<FileKind, FileWork>,
  op: Extract<EditOp, { kind: 'rename' | 'copy' }>,
  before: ProfileValues,
  plan: EditPlan,
  targets: Map<string, Target>,
  references: boolean,
): void {
  const { profile, to } = op;
  checkProfileName(to);
  if (to === profile) throw new UsageError(`"${profile}" and "${to}" are the same profile`);
  if (before.has(to)) throw new UsageError(`profile "${to}" already exists; remove it first`);
  const confs = configSectionsFor(work.config.doc, profile);
  if (op.kind === 'rename' && confs.length > 1) {
    throw new UsageError(definedMoreThanOnce(profile, confs, work.config.input.path));
  }
  // before the headers move, so the sections are found by their old names
  const rewritten = op.kind === 'rename' && references ? rewriteReferences(work, profile, to, plan) : new Set<string>();
  const moves: [FileWork, string | undefined, () => string][] = [
    [work.config, confs.at(-1)?.name, () => configHeaderFor(to)],
    [work.credentials, credentialsSectionFor(work.credentials.doc, profile)?.name, () => credentialsHeaderFor(to)],
  ];
  for (const [w, section, header] of moves) {
    if (section === undefined) continue;
    if (!w.writable) throw disabled(w);
    const name = header();
    if (w.hasSection(name)) throw new UsageError(`${w.input.path} already has a section ${bracket(name)}`);
    if (op.kind === 'rename') {
      const r = renameSection(w.text!, section, name);
      w.text = r.text;
      w.view = intended.rename(w.view, section, name);
      plan.changes.push({ file: w.kind, path: w.input.path, section, line: r.line, action: 'renamed', to: name });
    } else {
      const r = appendSection(w.text!, name, sectionBody(w.text!, section));
      w.text = r.text;
      w.view = intended.copy(w.view, section, name);
      plan.changes.push({ file: w.kind, path: w.input.path, section, line: r.line, action: 'copied', to: name });
    }
  }
  // a rewritten profile reads back with the new name in source_profile where boto3 read the old one
  const renamedRef = (name: string) => {
    const v = valuesOfProfile(before, name);
    return v && rewritten.has(name) && v.source_profile === profile ? { ...v, source_profile: to } : v;
  };
  targets.set(to, renamedRef(profile));
  if (op.kind === 'rename') {
    targets.set(profile, undefined);
    for (const name of rewritten) if (name !== profile) targets.set(name, renamedRef(name));
    referenceWarnings(before, profile, plan, `is now "${to}"`, rewritten);
  }
}

/** Rewrites `source_profile = FROM` to TO in every profile section of both files that says so itself (a value
 * inherited from [DEFAULT] is left: changing [DEFAULT] would change every profile of that file). Returns the
 * profiles (by their name before the rename) whose lines were rewritten. */
function rewriteReferences(work: Record<FileKind, FileWork>, from: string, to: string, plan: EditPlan): Set<string> {
  const rewritten = new Set<string>();
  for (const w of [work.config, work.credentials]) {
    if (!w.doc || w.text === null || !w.writable) continue;
    for (const s of w.doc.sections) {
      const profile = w.kind === 'config' ? configProfileName(s.name) : s.name;
      const e = s.entries.get('source_profile');
      if (profile === undefined || !e || e.section !== s.name || e.value !== from) continue;
      const r = setKey(w.text, s.name, 'source_profile', to);
      w.text = r.text;
      w.view = intended.set(w.view, s.name, 'source_profile', to);
      plan.changes.push({
        file: w.kind,
        path: w.input.path,
        section: s.name,
        line: r.line,
        action: 'updated',
        key: 'source_profile',
      });
      rewritten.add(profile);
    }
  }
  return rewritten;
}

/** other profiles that name this one in source_profile (and were not rewritten) keep the old name: say so */
function referenceWarnings(
  before: ProfileValues,
  profile: string,
  plan: EditPlan,
  what: string,
  rewritten = new Set<string>(),
): void {
  for (const [name, values] of before) {
    if (name !== profile && !rewritten.has(name) && values.get('source_profile')?.value === profile) {
      plan.warnings.push(`profile "${name}" has source_profile = ${profile}, which ${what}; it was left as it is`);
    }
  }
}

// Messages

function credentialsFileWins(section: string, configPath: string, key: string, line: number): string {
  return `${bracket(section)} in ${configPath} also sets ${key} (line ${line}); the credentials file wins for boto3`;
}

function changedInCredentialsFile(key: string, profile: string): string {
  return (
    `${key} for profile "${profile}" is set in the credentials file, which overrides the config file, so it ` +
    `was changed there`
  );
}

function inheritedFromDefault(key: string, profile: string, file: string, line: number): string {
  return (
    `${key} in profile "${profile}" comes from [DEFAULT] (${file}:${line}), which every section of that file ` +
    `inherits; edit [DEFAULT] by hand if that is what you mean`
  );
}

function definedMoreThanOnce(profile: string, sections: IniSection[], configPath: string): string {
  return (
    `profile "${profile}" is defined by ` +
    `${sections.map((s) => `${bracket(s.name)} (line ${s.line})`).join(' and ')} in ${configPath}; boto3 uses the ` +
    `last one. Remove the others first`
  );
}
