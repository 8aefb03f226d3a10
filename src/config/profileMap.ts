// botocore's profile map: which config-file sections are profiles (build_profile_map), sso-session and services
// sections, and the merged view (full_config) where credentials-file values override config values key by key.
import type { IniDocument, IniSection, IniValue } from '../ini/parse';
import { shlexSplit } from '../python/pyText';
import type { SharedFiles } from './sharedFiles';

/** one setting with its provenance */
export interface Setting {
  key: string;
  /** the key as written (settings are the parser's entries themselves) */
  rawKey?: string;
  value: IniValue;
  file: string;
  line: number;
  /** the section as written in the file (e.g. "profile dev", or "DEFAULT" when inherited) */
  section: string;
}

export type Settings = Map<string, Setting>;

export interface ProfileSource {
  file: string;
  section: string;
  line: number;
}

export interface ConfigProfiles {
  profiles: Map<string, { settings: Settings; source: ProfileSource }>;
  ssoSessions: Map<string, { settings: Settings; source: ProfileSource }>;
  services: Map<string, { settings: Settings; source: ProfileSource }>;
  /** sections botocore keeps as top-level keys, not profiles (e.g. [foo] without "profile ") */
  other: Map<string, ProfileSource>;
  /** sections silently dropped: "profile" prefix but not exactly two shlex tokens */
  dropped: ProfileSource[];
}

/**
 * A section's settings: its entries are settings already (an IniEntry is a Setting with the key as written), so
 * this is the section's own map, not a copy: nothing writes to settings maps (buildFullConfig copies before it
 * merges), and a copy of every key was most of the memory a large config took. Only a document whose entries lack
 * the file (built by hand) gets one.
 */
export function sectionSettings(doc: IniDocument, s: IniSection): Settings {
  let fromOtherFile = false;
  for (const e of s.entries.values()) {
    fromOtherFile = e.file !== doc.path;
    break;
  }
  if (!fromOtherFile) return s.entries;
  const m: Settings = new Map();
  for (const [k, e] of s.entries) m.set(k, { ...e, file: doc.path });
  return m;
}

/** shlex's whitespace, and a name with no quote or backslash: shlex.split is then a plain split on that whitespace */
const PLAIN_TWO_TOKENS = /^[ \t\r\n]*[^ \t\r\n'"\\]+[ \t\r\n]+([^ \t\r\n'"\\]+)[ \t\r\n]*$/;
const SHLEX_SPECIAL = /['"\\]/;

/** `_parse_section`: shlex-split, exactly two tokens give the name; anything else drops the section */
export function twoTokenName(section: string): string | undefined {
  if (!SHLEX_SPECIAL.test(section)) return PLAIN_TWO_TOKENS.exec(section)?.[1];
  try {
    const parts = shlexSplit(section);
    return parts.length === 2 ? parts[1] : undefined;
  } catch {
    return undefined;
  }
}

interface BuiltMap {
  sections: readonly IniSection[];
  path: string;
  map: ConfigProfiles;
}
/** by the sections array, and by its first section (doctor filters a file's sections into an equal copy) */
const MAPS = new WeakMap<readonly IniSection[], BuiltMap>();
const MAPS_BY_FIRST = new WeakMap<IniSection, BuiltMap>();

function builtBefore(doc: IniDocument): ConfigProfiles | undefined {
  const hit = MAPS.get(doc.sections);
  if (hit) return hit.path === doc.path ? hit.map : undefined;
  const first = doc.sections[0];
  const same = first && MAPS_BY_FIRST.get(first);
  if (!same || same.path !== doc.path || same.sections.length !== doc.sections.length) return undefined;
  for (let i = 0; i < doc.sections.length; i++) if (same.sections[i] !== doc.sections[i]) return undefined;
  return same.map;
}

/**
 * build_profile_map over a document, made once per document: the session, doctor's rules and compare all ask for
 * it, and on 100,000 profiles each build costs. The map is shared, so nothing may write to it.
 */
export function buildProfileMap(doc: IniDocument | null): ConfigProfiles {
  if (!doc) return { profiles: new Map(), ssoSessions: new Map(), services: new Map(), other: new Map(), dropped: [] };
  const known = builtBefore(doc);
  if (known) return known;
  const out = profileMapOf(doc);
  const built = { sections: doc.sections, path: doc.path, map: out };
  MAPS.set(doc.sections, built);
  if (doc.sections.length) MAPS_BY_FIRST.set(doc.sections[0], built);
  return out;
}

function profileMapOf(doc: IniDocument): ConfigProfiles {
  const out: ConfigProfiles = {
    profiles: new Map(),
    ssoSessions: new Map(),
    services: new Map(),
    other: new Map(),
    dropped: [],
  };
  for (const s of doc.sections) {
    const source = { file: doc.path, section: s.name, line: s.line };
    let target: ConfigProfiles['profiles'] | undefined;
    if (s.name.startsWith('profile')) target = out.profiles;
    else if (s.name.startsWith('sso-session')) target = out.ssoSessions;
    else if (s.name.startsWith('services')) target = out.services;
    if (target) {
      const name = twoTokenName(s.name);
      if (name === undefined) out.dropped.push(source);
      else target.set(name, { settings: sectionSettings(doc, s), source });
    } else if (s.name === 'default') out.profiles.set('default', { settings: sectionSettings(doc, s), source });
    else out.other.set(s.name, source);
  }
  return out;
}

export interface MergedProfile {
  settings: Settings;
  /** every section that contributed, config first */
  sources: ProfileSource[];
}

/**
 * One profile's settings from both files, as a copy of the config's map updated with the credentials file's would be
 * (same values, same order: the config's keys in place, new keys after them), without the copy: a profile of a
 * million keys merged with a two-key credentials section would otherwise be copied whole. Read-only, as every
 * settings map is once parsed.
 */
export class MergedSettings extends Map<string, Setting> {
  readonly #extra: number;

  constructor(
    private readonly base: Settings,
    private readonly over: Settings,
  ) {
    super();
    let extra = 0;
    for (const k of over.keys()) if (!base.has(k)) extra++;
    this.#extra = extra;
  }

  override get size(): number {
    return this.base.size + this.#extra;
  }
  override get(key: string): Setting | undefined {
    return this.over.get(key) ?? this.base.get(key);
  }
  override has(key: string): boolean {
    return this.over.has(key) || this.base.has(key);
  }
  override *entries(): MapIterator<[string, Setting]> {
    for (const [k, v] of this.base) yield [k, this.over.get(k) ?? v];
    for (const [k, v] of this.over) if (!this.base.has(k)) yield [k, v];
  }
  override *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  override *values(): MapIterator<Setting> {
    for (const [, v] of this.entries()) yield v;
  }
  override [Symbol.iterator](): MapIterator<[string, Setting]> {
    return this.entries();
  }
  override forEach(fn: (value: Setting, key: string, map: Map<string, Setting>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  override set(): this {
    throw new Error('merged settings are read-only');
  }
  override delete(): boolean {
    throw new Error('merged settings are read-only');
  }
  override clear(): void {
    throw new Error('merged settings are read-only');
  }
}

/** botocore's Session.full_config: config profiles, then credentials-file sections merged over them */
export interface FullConfig {
  config: ConfigProfiles;
  profiles: Map<string, MergedProfile>;
}

export function buildFullConfig(files: SharedFiles): FullConfig {
  const config = buildProfileMap(files.config().doc);
  const profiles = new Map<string, MergedProfile>();
  // shared with the config profile until the credentials file adds to it: nothing else writes to settings maps, and
  // a copy per profile is most of the memory on a large config
  for (const [name, p] of config.profiles) profiles.set(name, { settings: p.settings, sources: [p.source] });
  const creds = files.credentials().doc;
  if (creds) {
    for (const s of creds.sections) {
      const settings = sectionSettings(creds, s);
      const source = { file: creds.path, section: s.name, line: s.line };
      const existing = profiles.get(s.name);
      if (!existing) profiles.set(s.name, { settings, sources: [source] });
      else {
        // botocore's dict.update: the credentials file's values over the config's, without copying the config's
        existing.settings = new MergedSettings(existing.settings, settings);
        existing.sources.push(source);
      }
    }
  }
  return { config, profiles };
}

/** the string value of a setting, as botocore would use it (nested blocks are not strings) */
export function str(settings: Settings | undefined, key: string): string | undefined {
  const v = settings?.get(key)?.value;
  return typeof v === 'string' ? v : undefined;
}
