// Rule family "profiles": which sections botocore turns into profiles, and whether the selected one exists.
// Sections boto3 silently ignores, [profile x] in the credentials file, [DEFAULT] inheritance, [default] next to
// [profile default], and a profile named by --profile / AWS_DEFAULT_PROFILE / AWS_PROFILE that exists nowhere.
import { BotoError } from '../core/errors';
import { buildProfileMap } from '../config/profileMap';
import { editDistance } from '../config/knownKeys';
import { at, prefixedDefaultSection, sectionsOf } from '../divergences/entries';
import { defaultHeaderLine } from '../ini/lines';
import type { ScannedFile } from './scan';
import { ruleOf, type DoctorInput, type Finding, type RuleFamily } from './types';
import { bothFiles } from '../divergences/types';

const R = ruleOf('profiles');

export const profilesFamily: RuleFamily = {
  family: 'profiles',
  rules: [
    R(
      'profile-not-found',
      'error',
      'the profile selected by --profile, AWS_DEFAULT_PROFILE or AWS_PROFILE is defined in neither file (boto3 ' +
        'raises ProfileNotFound)',
    ),
    R(
      'section-without-profile-prefix',
      'warning',
      'a config-file section such as [dev] that boto3 ignores because it lacks "profile "',
    ),
    R(
      'dropped-profile-section',
      'warning',
      'a config-file section starting with "profile" that boto3 drops because its name is not exactly two shell words',
    ),
    R(
      'profile-prefix-in-credentials',
      'warning',
      '[profile x] in the credentials file, which defines a profile literally named "profile x"',
    ),
    R(
      'default-section',
      'warning',
      'a [DEFAULT] section, whose keys configparser copies into every section of that file',
    ),
    R(
      'default-and-profile-default',
      'warning',
      'both [default] and [profile default] in the config file: the later one replaces the earlier whole',
    ),
  ],
  check(input) {
    return [
      ...profileNotFound(input),
      ...configSections(input),
      ...credentialsSections(input),
      ...defaultSections(input),
    ];
  },
};

function profileNotFound(input: DoctorInput): Finding[] {
  const s = input.session;
  try {
    s.scopedConfig();
    return [];
  } catch (e) {
    if (!(e instanceof BotoError) || e.type !== 'ProfileNotFound') return [];
    const names = [...s.fullConfig().profiles.keys()];
    const near = names.filter(
      (n) => editDistance(n, s.profileName, 2) <= 2 || n.toLowerCase() === s.profileName.toLowerCase(),
    );
    const how = s.profileSource === '--profile' ? '--profile' : s.profileSource;
    const other = s.fullConfig().config.other.get(s.profileName);
    const hint = other
      ? `; [${s.profileName}] in the config file (line ${other.line}) is not a profile: it needs "profile "`
      : '';
    return [
      {
        rule: 'profile-not-found',
        severity: 'error',
        message: selectedProfileNotFound(how, s.profileVar, hint, near),
        location: how === '--profile' ? null : { env: how },
        fix:
          s.profileVar === ''
            ? `unset ${how} (an empty value is not "no profile" to boto3)`
            : addTheSelectedProfile(s.profileVar),
      },
    ];
  }
}

function configSections(input: DoctorInput): Finding[] {
  const f = input.files.config;
  if (!f.doc) return [];
  const map = buildProfileMap({ ...f.doc, sections: sectionsOf(f) });
  const out: Finding[] = [];
  for (const [name, src] of map.other) {
    // the AWS CLI's own top-level sections
    if (name === 'plugins' || name === 'preview') continue;
    out.push({
      rule: 'section-without-profile-prefix',
      severity: 'warning',
      message: sectionWithoutProfilePrefix(name),
      location: at(f, src.line, name),
      fix: /^\s*default\s*$/i.test(name)
        ? 'rename it to [default] (exact spelling, no spaces)'
        : `rename it to [profile ${name.trim()}]`,
    });
  }
  for (const src of map.dropped) {
    out.push({
      rule: 'dropped-profile-section',
      severity: 'warning',
      message: droppedProfileSection(src.section),
      location: at(f, src.line, src.section),
      fix: 'write [profile NAME] with one name; quote a name that has spaces: [profile "my name"]',
    });
  }
  return out;
}

function credentialsSections(input: DoctorInput): Finding[] {
  const f = input.files.credentials;
  return sectionsOf(f)
    .filter((s) => /^(profile|sso-session|services)\s/.test(s.name))
    .map((s) => ({
      rule: 'profile-prefix-in-credentials',
      severity: 'warning' as const,
      message: profilePrefixInCredentials(s.name),
      location: at(f, s.line, s.name),
      fix: `rename it to [${s.name.replace(/^\S+\s+/, '')}] (the "profile " prefix belongs in the config file only)`,
      profile: s.name,
    }));
}

function defaultSections(input: DoctorInput): Finding[] {
  const out: Finding[] = [];
  for (const f of bothFiles(input)) {
    const line = defaultHeaderLine(f);
    if (!line) continue;
    const keys = [...(f.doc?.defaults.keys() ?? [])];
    out.push({
      rule: 'default-section',
      severity: 'warning',
      message: defaultSectionIsCopied(f.kind, keys),
      location: at(f, line, 'DEFAULT'),
      fix:
        f.kind === 'config'
          ? 'rename it to [default] (lower case) if it is meant to be the default profile'
          : 'rename it to [default] (lower case), or move its keys into the sections that need them',
    });
  }
  const cfg = input.files.config;
  const plain = sectionsOf(cfg).find((s) => s.name === 'default');
  const prefixed = prefixedDefaultSection(cfg);
  if (plain && prefixed) {
    const [first, later] = plain.line < prefixed.line ? [plain, prefixed] : [prefixed, plain];
    out.push({
      rule: 'default-and-profile-default',
      severity: 'warning',
      message: defaultAndProfileDefault(first.name, first.line, later.name, later.line),
      location: at(cfg, first.line, first.name),
      fix: 'merge them into a single [default] section',
      profile: 'default',
    });
  }
  return out;
}

// Messages

function selectedProfileNotFound(how: string, profileVar: string | null, hint: string, near: string[]): string {
  return (
    `${how} selects profile "${profileVar}", which neither file defines: boto3 raises ProfileNotFound before any ` +
    `credential source runs, even when AWS_ACCESS_KEY_ID is ` +
    `set${profileVar === '' ? ' (an empty value counts as a name)' : ''}${hint}${
      near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''
    }`
  );
}

function addTheSelectedProfile(profileVar: string | null): string {
  return (
    `add [${profileVar === 'default' ? 'default' : `profile ${profileVar}`}] to the config file (or ` +
    `[${profileVar}] to the credentials file), or select an existing profile`
  );
}

function sectionWithoutProfilePrefix(name: string): string {
  return (
    `[${name}] in the config file is not a profile: boto3 reads only [default] and [profile NAME] there, so ` +
    `every key in it is ignored`
  );
}

function droppedProfileSection(section: string): string {
  return `[${section}] in the config file is dropped by boto3: after "profile" the name must be exactly one shell word`;
}

function profilePrefixInCredentials(name: string): string {
  return (
    `[${name}] in the credentials file defines a profile named "${name}", not ` +
    `"${name.replace(/^\S+\s+/, '')}": the credentials file takes section names as written`
  );
}

function defaultSectionIsCopied(kind: ScannedFile['kind'], keys: string[]): string {
  return (
    `[DEFAULT] in the ${kind} file is configparser's defaults section: ` +
    `${
      keys.length
        ? `its keys (${keys.join(', ')}) are copied into every section of that file`
        : 'any key added to it is copied into every section'
    }${keys.includes('role_arn') ? ', which turns every profile into an assume-role profile' : ''}`
  );
}

function defaultAndProfileDefault(firstName: string, firstLine: number, laterName: string, laterLine: number): string {
  return (
    `the config file has both [${firstName}] (line ${firstLine}) and [${laterName}] (line ${laterLine}): ` +
    `boto3 uses only the later one and ignores every key of the earlier`
  );
}
