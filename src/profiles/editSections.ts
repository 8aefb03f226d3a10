// Where a profile lives in each file, by botocore's rules (reference/botocore-chain.md §4.4–4.5): in the config file
// `[default]` or any two-token `profile…` section (`[profile   x]`, `[profile "x y"]`), the later one winning; in the
// credentials file the section named exactly like the profile. And the header credchain writes for a new one.
import { UsageError } from '../core/errors';
import { parseIni, type IniDocument, type IniSection } from '../ini/parse';
import { twoTokenName } from '../config/profileMap';

/** key material goes to the credentials file; everything else to the config file */
export const KEY_MATERIAL = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
]);

/** the profile a config-file section defines, as build_profile_map decides; undefined when it is not a profile */
export function configProfileName(section: string): string | undefined {
  if (section.startsWith('profile')) return twoTokenName(section);
  if (section.startsWith('sso-session') || section.startsWith('services')) return undefined;
  return section === 'default' ? 'default' : undefined;
}

/** every config section that defines the profile, in file order: botocore uses the last, the others are shadowed */
export function configSectionsFor(doc: IniDocument | null, profile: string): IniSection[] {
  return doc ? doc.sections.filter((s) => configProfileName(s.name) === profile) : [];
}

export function credentialsSectionFor(doc: IniDocument | null, profile: string): IniSection | undefined {
  return profile === 'DEFAULT' ? undefined : doc?.sections.find((s) => s.name === profile);
}

/** a profile name credchain can write at all: not empty, one line */
export function checkProfileName(profile: string): void {
  if (profile === '') throw new UsageError('the profile name is empty');
  if (/[\r\n\0]/.test(profile)) throw new UsageError('a profile name cannot contain a line break or NUL');
}

/** `default`, or `profile NAME` with NAME quoted so that botocore's shlex split gives it back */
export function configHeaderFor(profile: string): string {
  checkProfileName(profile);
  if (profile === 'default') return 'default';
  const candidates = [profile, `'${profile}'`, `"${profile.replace(/["\\]/g, (c) => '\\' + c)}"`];
  for (const c of candidates) {
    const name = `profile ${c}`;
    if (twoTokenName(name) === profile && headerRoundTrips(name)) return name;
  }
  throw new UsageError(`no [profile …] header can name the profile "${profile}" so that botocore reads it back`);
}

/** `[NAME]`; [DEFAULT] would be inherited by every profile in the file, so it is refused */
export function credentialsHeaderFor(profile: string): string {
  checkProfileName(profile);
  if (profile === 'DEFAULT') {
    throw new UsageError(
      'a credentials-file section [DEFAULT] is inherited by every profile in the file; credchain will not write one',
    );
  }
  if (!headerRoundTrips(profile))
    throw new UsageError(`a section header [${profile}] would not read back as "${profile}"`);
  return profile;
}

function headerRoundTrips(name: string): boolean {
  try {
    const doc = parseIni(`[${name}]\n`, '(header)');
    return doc.sections.length === 1 && doc.sections[0].name === name;
  } catch {
    return false;
  }
}

/** how a section is shown to people: as written, in brackets */
export function bracket(section: string): string {
  return `[${section}]`;
}
