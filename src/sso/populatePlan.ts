// What `sso populate` does to the config file's text, decided without touching disk. Generated profiles carry a
// comment marker on the line above their header (a comment: botocore reads nothing from it) naming the SSO source,
// account and role, so a later run finds its own profiles: it leaves unchanged ones byte for byte, updates what
// changed (a renamed account renames the profile), adds new ones at the end in a fixed order and, with prune,
// removes those whose account or role is gone. A profile without the marker was written by hand: it is never
// modified or removed, and a generated name that clashes with it is reported and skipped.
import { layoutOf, renameSection, renderLayout, setKey, type IniLayout } from '../ini/editor';
import { parseIni } from '../ini/parse';
import { buildProfileMap, str, twoTokenName } from '../config/profileMap';
import { CredchainError } from '../core/errors';
import type { NamedAccess } from './profileNames';

export type PopulateSource =
  { kind: 'sso-session'; session: string } | { kind: 'start-url'; startUrl: string; ssoRegion: string };

export interface PopulateSettings {
  region?: string;
  output?: string;
  prune?: boolean;
}

export interface PopulateChange {
  profile: string;
  action: 'added' | 'updated' | 'renamed' | 'unchanged' | 'removed' | 'stale' | 'clash';
  accountId: string;
  roleName: string;
  /** renamed: the old name; clash: what holds the name */
  detail?: string;
}

export interface PopulatePlan {
  text: string;
  changes: PopulateChange[];
}

const MARKER = /^# credchain sso populate: (sso-session|start-url)=(\S+) account=(\S+) role=(\S+)\s*$/;

function sourceTag(s: PopulateSource): string {
  return s.kind === 'sso-session'
    ? `sso-session=${encodeURIComponent(s.session)}`
    : `start-url=${encodeURIComponent(s.startUrl)}`;
}

export function markerLine(s: PopulateSource, accountId: string, roleName: string): string {
  return (
    `# credchain sso populate: ${sourceTag(s)} account=${encodeURIComponent(accountId)} ` +
    `role=${encodeURIComponent(roleName)}`
  );
}

/** the keys a generated profile holds, in the order they are written */
export function profileKeys(s: PopulateSource, a: NamedAccess, o: PopulateSettings): [string, string][] {
  const keys: [string, string][] =
    s.kind === 'sso-session'
      ? [['sso_session', s.session]]
      : [
          ['sso_start_url', s.startUrl],
          ['sso_region', s.ssoRegion],
        ];
  keys.push(['sso_account_id', a.accountId], ['sso_role_name', a.roleName]);
  if (o.region !== undefined) keys.push(['region', o.region]);
  if (o.output !== undefined) keys.push(['output', o.output]);
  return keys;
}

interface Generated {
  section: string;
  profile: string;
  source: string;
  accountId: string;
  roleName: string;
}

/** the profile a config section is, by botocore's rule (build_profile_map: shlex, exactly two tokens) */
function profileOf(section: string): string | undefined {
  if (section === 'default') return 'default';
  return section.startsWith('profile') ? twoTokenName(section) : undefined;
}

/** sections preceded by a populate marker */
function generatedSections(layout: IniLayout): Generated[] {
  const out: Generated[] = [];
  for (const s of layout.sections) {
    const above = layout.lines[s.header - 1];
    const m = above && above.kind === 'comment' ? MARKER.exec(above.text) : null;
    const profile = profileOf(s.name);
    if (!m || !profile) continue;
    out.push({
      section: s.name,
      profile,
      source: `${m[1]}=${m[2]}`,
      accountId: decodeURIComponent(m[3]),
      roleName: decodeURIComponent(m[4]),
    });
  }
  return out;
}

const identity = (accountId: string, roleName: string) => `${accountId}\u0000${roleName}`;

export function planPopulate(
  configText: string | null,
  path: string,
  source: PopulateSource,
  wanted: NamedAccess[],
  o: PopulateSettings,
  /** profile names the credentials file holds: a generated profile must not merge with one of them */
  credentialsProfiles: ReadonlySet<string> = new Set(),
): PopulatePlan {
  let text = configText ?? '';
  const before = parseIni(text, path);
  const tag = sourceTag(source);
  const changes: PopulateChange[] = [];
  const layout = layoutOf(text);
  const gens = generatedSections(layout);
  const ours = new Map<string, Generated>();
  for (const g of gens) if (g.source === tag) ours.set(identity(g.accountId, g.roleName), g);
  const genByName = new Map(gens.map((g) => [g.profile, g]));
  const sectionNames = new Set(
    layout.sections.map((x) => profileOf(x.name)).filter((n): n is string => n !== undefined),
  );
  const current = buildProfileMap(before).profiles;
  const wantedIds = new Set(wanted.map((w) => identity(w.accountId, w.roleName)));

  // removals first, so a pruned profile's name is free for a new entry
  for (const g of ours.values()) {
    if (wantedIds.has(identity(g.accountId, g.roleName))) continue;
    if (o.prune) {
      text = removeGenerated(text, g.section);
      genByName.delete(g.profile);
      sectionNames.delete(g.profile);
      changes.push({ profile: g.profile, action: 'removed', accountId: g.accountId, roleName: g.roleName });
    } else changes.push({ profile: g.profile, action: 'stale', accountId: g.accountId, roleName: g.roleName });
  }

  /** what holds a name this entry wants, if anything but the entry's own profile */
  const heldBy = (name: string, mine: Generated | undefined): string | undefined => {
    if (mine && mine.profile === name) return undefined;
    if (credentialsProfiles.has(name)) return 'a profile in the credentials file';
    const other = genByName.get(name);
    if (other)
      return `a profile generated for ${decodeURIComponent(other.source)} account ${other.accountId} role ${other.roleName}${
        other.source === tag ? ' (stale: --prune removes it)' : ''
      }`;
    return sectionNames.has(name) ? 'a hand-written profile' : undefined;
  };

  const additions: NamedAccess[] = [];
  for (const w of wanted) {
    const mine = ours.get(identity(w.accountId, w.roleName));
    const clash = heldBy(w.name, mine);
    if (clash) {
      changes.push({ profile: w.name, action: 'clash', accountId: w.accountId, roleName: w.roleName, detail: clash });
      continue;
    }
    if (!mine) {
      additions.push(w);
      sectionNames.add(w.name);
      continue;
    }
    let action: PopulateChange['action'] = 'unchanged';
    let section = mine.section;
    if (mine.profile !== w.name) {
      section = w.name === 'default' ? 'default' : `profile ${w.name}`;
      text = renameSection(text, mine.section, section).text;
      genByName.delete(mine.profile);
      sectionNames.delete(mine.profile);
      genByName.set(w.name, { ...mine, profile: w.name, section });
      sectionNames.add(w.name);
      action = 'renamed';
    }
    const has = current.get(mine.profile)?.settings;
    for (const [k, v] of profileKeys(source, w, o)) {
      const setting = has?.get(k);
      if (setting && setting.value === v && setting.section === mine.section) continue;
      text = setKey(text, section, k, v).text;
      if (action === 'unchanged') action = 'updated';
    }
    changes.push({
      profile: w.name,
      action,
      accountId: w.accountId,
      roleName: w.roleName,
      detail: action === 'renamed' ? mine.profile : undefined,
    });
  }
  if (additions.length) text = appendGenerated(text, source, additions, o);
  for (const w of additions)
    changes.push({ profile: w.name, action: 'added', accountId: w.accountId, roleName: w.roleName });

  verify(configText, text, path, source, wanted, o, changes);
  return { text: configText === null && !additions.length ? '' : text, changes };
}

/** the section, the marker above it, and the blank lines that separated it */
function removeGenerated(text: string, section: string): string {
  const layout = layoutOf(text);
  const s = layout.sections.find((x) => x.name === section)!;
  const isBlank = (i: number) => layout.lines[i]?.kind === 'blank';
  let from = s.header - 1;
  let to = s.last;
  while (isBlank(to + 1)) to++;
  if (to === layout.lines.length - 1) while (isBlank(from - 1)) from--;
  layout.lines.splice(from, to - from + 1);
  return renderLayout(layout);
}

function appendGenerated(text: string, source: PopulateSource, add: NamedAccess[], o: PopulateSettings): string {
  const layout = layoutOf(text);
  const eol = layout.eol;
  const n = layout.lines.length;
  if (n > 0 && layout.lines[n - 1].eol === '') layout.lines[n - 1].eol = eol;
  let out = renderLayout(layout);
  const blocks: string[] = [];
  for (const a of add) {
    const header = a.name === 'default' ? '[default]' : `[profile ${a.name}]`;
    const lines = [
      markerLine(source, a.accountId, a.roleName),
      header,
      ...profileKeys(source, a, o).map(([k, v]) => `${k} = ${v}`),
    ];
    blocks.push(lines.join(eol) + eol);
  }
  const needsGap = n > 0 && layout.lines[n - 1].kind !== 'blank';
  out += (needsGap ? eol : '') + blocks.join(eol);
  return out;
}

/** proof by re-parsing: every other profile reads as before, every written one holds exactly its keys */
function verify(
  beforeText: string | null,
  afterText: string,
  path: string,
  source: PopulateSource,
  wanted: NamedAccess[],
  o: PopulateSettings,
  changes: PopulateChange[],
): void {
  const fail = (why: string) => new CredchainError(`sso populate: ${why}; nothing was written`, 'unexpected');
  let after;
  try {
    after = buildProfileMap(parseIni(afterText, path)).profiles;
  } catch {
    throw fail('the edited config would not parse');
  }
  const before = buildProfileMap(parseIni(beforeText ?? '', path)).profiles;
  const touched = new Set<string>();
  for (const c of changes) {
    if (c.action !== 'clash' && c.action !== 'stale') touched.add(c.profile);
    if (c.detail && c.action === 'renamed') touched.add(c.detail);
  }
  for (const [name, p] of before) {
    if (touched.has(name)) continue;
    const now = after.get(name);
    if (!now || !sameSettings(p.settings, now.settings)) throw fail(`profile "${name}" would have changed`);
  }
  const byName = new Map(wanted.map((w) => [w.name, w]));
  for (const c of changes) {
    if (c.action === 'removed') {
      if (after.has(c.profile) && !byName.has(c.profile)) throw fail(`profile "${c.profile}" would still be there`);
      continue;
    }
    if (c.action === 'clash' || c.action === 'stale') continue;
    const p = after.get(c.profile);
    const w = byName.get(c.profile)!;
    for (const [k, v] of profileKeys(source, w, o))
      if (str(p?.settings, k) !== v) throw fail(`profile "${c.profile}" would not read ${k} = ${v}`);
  }
}

function sameSettings(a: Map<string, { value: unknown }>, b: Map<string, { value: unknown }>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (JSON.stringify(b.get(k)?.value) !== JSON.stringify(v.value)) return false;
  return true;
}
