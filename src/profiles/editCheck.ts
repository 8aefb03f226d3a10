// The last line of defence before a write: the edited text is parsed again and must mean exactly what the edit
// intended. Two views are compared: each file's sections and keys in order (the intended change, nothing else), and
// botocore's merged profiles (every profile the edit does not target keeps every value).
import { isDeepStrictEqual } from 'node:util';
import { BotoError, CredchainError } from '../core/errors';
import { parseIni, type IniDocument, type IniValue } from '../ini/parse';
import { buildFullConfig, buildProfileMap, type MergedProfile } from '../config/profileMap';
import type { SharedFiles } from '../config/sharedFiles';

/** a value in a comparable form: nested blocks (null-prototype objects) as their [key, value] pairs */
export type ViewValue = string | [string, string][];

/** a file as configparser sees it: [DEFAULT]'s keys, then each section's own keys, in order */
export interface RawView {
  defaults: [string, ViewValue][];
  sections: [string, [string, ViewValue][]][];
}

function viewValue(v: IniValue): ViewValue {
  return typeof v === 'string' ? v : Object.entries(v);
}

export function rawView(doc: IniDocument | null): RawView {
  if (!doc) return { defaults: [], sections: [] };
  return {
    defaults: [...doc.defaults].map(([k, e]) => [k, viewValue(e.value)]),
    sections: doc.sections.map((s) => [
      s.name,
      [...s.entries.values()].filter((e) => e.section === s.name).map((e) => [e.key, viewValue(e.value)]),
    ]),
  };
}

/** the intended changes, applied to a RawView (a copy is returned) */
export const intended = {
  set(v: RawView, section: string, key: string, value: string): RawView {
    const out = clone(v);
    const s = out.sections.find(([n]) => n === section);
    if (!s) out.sections.push([section, [[key, value]]]);
    else {
      const e = s[1].find(([k]) => k === key);
      if (e) e[1] = value;
      else s[1].push([key, value]);
    }
    return out;
  },
  unset(v: RawView, section: string, key: string): RawView {
    const out = clone(v);
    const s = out.sections.find(([n]) => n === section)!;
    s[1] = s[1].filter(([k]) => k !== key);
    return out;
  },
  remove(v: RawView, sections: string[]): RawView {
    const out = clone(v);
    out.sections = out.sections.filter(([n]) => !sections.includes(n));
    return out;
  },
  rename(v: RawView, section: string, to: string): RawView {
    const out = clone(v);
    out.sections.find(([n]) => n === section)![0] = to;
    return out;
  },
  copy(v: RawView, section: string, to: string): RawView {
    const out = clone(v);
    out.sections.push([to, clone(out.sections.find(([n]) => n === section)![1])]);
    return out;
  },
};

function clone<T>(v: T): T {
  return structuredClone(v);
}

function refuse(why: string): CredchainError {
  return new CredchainError(`refusing to write: ${why}; nothing was written`, 'config');
}

/** parses the edited text; it must parse and give exactly the intended view */
export function checkFile(path: string, after: string, intended: RawView): IniDocument {
  let doc: IniDocument;
  try {
    doc = parseIni(after, path);
  } catch (e) {
    if (e instanceof BotoError) throw refuse(`the edit would make ${path} unparsable (${e.message})`);
    throw e;
  }
  const got = rawView(doc);
  if (!isDeepStrictEqual(got, intended)) {
    const names = (v: RawView) => v.sections.map(([n]) => n);
    const which = [...new Set([...names(got), ...names(intended)])].filter(
      (n) =>
        !isDeepStrictEqual(
          got.sections.find(([m]) => m === n),
          intended.sections.find(([m]) => m === n),
        ),
    );
    throw refuse(changesBeyondAsked(path, which));
  }
  return doc;
}

/** profile name → key → value, as botocore's Session.full_config merges the two files */
export type ProfileValues = Map<string, Map<string, { value: IniValue; section: string; file: string; line: number }>>;

/** what a targeted profile must be afterwards: these values, gone (undefined), or a check returning why not */
export type Target = Record<string, IniValue> | undefined | ((got: ProfileValues) => string | undefined);

export function profileValues(config: IniDocument | null, credentials: IniDocument | null): ProfileValues {
  const files = {
    config: () => ({ doc: config }),
    credentials: () => ({ doc: credentials }),
  } as unknown as SharedFiles;
  const out: ProfileValues = new Map();
  for (const [name, p] of buildFullConfig(files).profiles) out.set(name, valuesOf(p));
  return out;
}

function valuesOf(p: MergedProfile) {
  return new Map(
    [...p.settings].map(([k, s]) => [k, { value: s.value, section: s.section, file: s.file, line: s.line }]),
  );
}

function plain(m: Map<string, { value: IniValue }> | undefined): Record<string, IniValue> | undefined {
  return m && Object.fromEntries([...m].map(([k, v]) => [k, v.value]));
}

/** Every profile outside `targets` is unchanged, and so are sso-session and services sections; `targets` says
 * what each targeted profile must look like afterwards (undefined: it must be gone). */
export function checkProfiles(
  before: { config: IniDocument | null; values: ProfileValues },
  after: { config: IniDocument | null; credentials: IniDocument | null },
  targets: Map<string, Target>,
): void {
  const b = before.values;
  const a = profileValues(after.config, after.credentials);
  for (const name of new Set([...b.keys(), ...a.keys()])) {
    if (targets.has(name)) continue;
    if (!isDeepStrictEqual(plain(b.get(name)), plain(a.get(name))))
      throw refuse(`the edit would change profile "${name}", which it does not target`);
  }
  for (const [name, want] of targets) {
    if (typeof want === 'function') {
      const why = want(a);
      if (why) throw refuse(why);
    } else if (!isDeepStrictEqual(plain(a.get(name)), want)) {
      throw refuse(`profile "${name}" would not read back as intended`);
    }
  }
  const side = (d: IniDocument | null) => {
    const m = buildProfileMap(d);
    const vals = (x: typeof m.ssoSessions) =>
      [...x].map(([n, s]) => [n, [...s.settings].map(([k, v]) => [k, v.value])]);
    return [vals(m.ssoSessions), vals(m.services)];
  };
  if (!isDeepStrictEqual(side(before.config), side(after.config)))
    throw refuse('the edit would change an sso-session or services section');
}

/** a profile's values as a plain object, for stating what a target must become */
export function valuesOfProfile(v: ProfileValues, name: string): Record<string, IniValue> | undefined {
  return plain(v.get(name));
}

// Messages

function changesBeyondAsked(file: string, sections: string[]): string {
  return (
    `the edit would change ${file} beyond what was asked (sections: ` +
    `${sections.map((n) => `[${n}]`).join(', ') || '[DEFAULT]'})`
  );
}
