// Walking the shared files the way the rules (doctor's and the divergences) need: every key line with its file,
// section, line and the profile it belongs to (botocore's naming: config sections need "profile ", credentials
// sections are names as written).
import type { IniEntry, IniSection } from '../ini/parse';
import { twoTokenName } from '../config/profileMap';
import type { FindingLocation, SharedFileView } from './types';

export interface EntryRef {
  file: SharedFileView;
  section: IniSection | null;
  /** the section name as written ("DEFAULT" for [DEFAULT]) */
  sectionName: string;
  /** the profile botocore builds from this section; undefined for sso-session, services and ignored sections */
  profile: string | undefined;
  entry: IniEntry;
}

/** the profile a section defines in botocore's view of this file */
export function profileOfSection(file: SharedFileView, name: string): string | undefined {
  if (file.kind === 'credentials') return name;
  if (name === 'default') return 'default';
  if (name.startsWith('profile')) return twoTokenName(name);
  return undefined;
}

// Every rule walks the same files: the sections are listed once per file and shared (rules never change them), and
// indexed by name, so a rule that asks about each profile's section costs one lookup, not a scan. The key lines are
// walked afresh each time instead: a list of them would hold an object per key line for the whole run (a config of
// a million keys: 83 MB), where a walk's objects die young.
const sectionsMemo = new WeakMap<SharedFileView, IniSection[]>();
const byNameMemo = new WeakMap<SharedFileView, Map<string, IniSection>>();
const profilesMemo = new WeakMap<SharedFileView, (string | undefined)[]>();

/** real sections (not ones the repair invented) */
export function sectionsOf(file: SharedFileView): IniSection[] {
  let out = sectionsMemo.get(file);
  if (!out) {
    const all = file.doc?.sections ?? [];
    // the parser's own array when the repair invented nothing (most files): no copy of 100,000 sections
    out = file.synthetic.size ? all.filter((s) => !file.synthetic.has(s.name)) : all;
    sectionsMemo.set(file, out);
  }
  return out;
}

/** the real section of that name, if the file has one */
export function sectionNamed(file: SharedFileView, name: string): IniSection | undefined {
  let m = byNameMemo.get(file);
  if (!m) byNameMemo.set(file, (m = new Map(sectionsOf(file).map((s) => [s.name, s]))));
  return m.get(name);
}

/** the profile of each real section, in sectionsOf's order (a header is split shell-style once, not per walk) */
export function sectionProfiles(file: SharedFileView): (string | undefined)[] {
  let out = profilesMemo.get(file);
  if (!out) profilesMemo.set(file, (out = sectionsOf(file).map((s) => profileOfSection(file, s.name))));
  return out;
}

/** every key line written in the file, once each: section keys, then [DEFAULT]'s own keys */
export function* entriesOf(file: SharedFileView): Generator<EntryRef> {
  const sections = sectionsOf(file);
  const profiles = sectionProfiles(file);
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    for (const e of s.entries.values()) {
      if (e.section !== s.name) continue; // inherited from [DEFAULT]: listed once below
      yield { file, section: s, sectionName: s.name, profile: profiles[i], entry: e };
    }
  }
  if (file.doc)
    for (const e of file.doc.defaults.values())
      yield { file, section: null, sectionName: 'DEFAULT', profile: undefined, entry: e };
}

/**
 * the key lines of one key (lower-cased, as botocore names it), in entriesOf's order: one lookup a section instead of
 * a look at every key line, for rules about a single key
 */
export function* entriesNamed(file: SharedFileView, key: string): Generator<EntryRef> {
  const sections = sectionsOf(file);
  const profiles = sectionProfiles(file);
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    const e = s.entries.get(key);
    if (e && e.section === s.name) yield { file, section: s, sectionName: s.name, profile: profiles[i], entry: e };
  }
  const e = file.doc?.defaults.get(key);
  if (e) yield { file, section: null, sectionName: 'DEFAULT', profile: undefined, entry: e };
}

/** the first config-file section that names the default profile with the "profile" prefix ([profile default]) */
export function prefixedDefaultSection(cfg: SharedFileView): IniSection | undefined {
  const profiles = sectionProfiles(cfg);
  return sectionsOf(cfg).find((s, i) => profiles[i] === 'default' && s.name.startsWith('profile'));
}

export function at(file: SharedFileView, line?: number, section?: string): FindingLocation {
  return { file: file.path, ...(line ? { line } : {}), ...(section !== undefined ? { section } : {}) };
}

export function entryLocation(r: EntryRef): FindingLocation {
  return at(r.file, r.entry.line, r.sectionName);
}

/** "[profile dev] in ~/.aws/config" style label for messages */
export function sectionLabel(r: { sectionName: string; file: SharedFileView }): string {
  return `[${r.sectionName}] in the ${r.file.kind} file`;
}

/** the 1-based line of a section header, looked up in the file */
export function headerLine(file: SharedFileView, name: string): number | undefined {
  return sectionNamed(file, name)?.line;
}
