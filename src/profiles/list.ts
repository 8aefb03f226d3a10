// Every profile boto3 can select, from both files by botocore's rules (src/config/profileMap.ts), with its kind,
// region, source, where it is defined, and which one is active and why. One pass over each file: linear in the
// number of profiles.
import type { Session } from '../config/session';
import type { ProfileSelection } from '../core/types';
import type { LoadedIni } from '../config/sharedFiles';
import { sectionSettings, str, type ProfileSource, type Settings } from '../config/profileMap';
import { profileKind, type ProfileKind } from './kinds';
import { closestNames } from '../core/closest';
import { maskHelperText } from '../core/secretShapes';
import type { Method } from '../core/types';

export interface ProfileEntry {
  name: string;
  kind: ProfileKind;
  method: Method | null;
  region: string | null;
  output: string | null;
  roleArn: string | null;
  sourceProfile: string | null;
  credentialSource: string | null;
  mfaSerial: string | null;
  ssoSession: string | null;
  ssoAccountId: string | null;
  ssoRoleName: string | null;
  credentialProcess: string | null;
  /** every section that defines it, config first (both files when merged) */
  definedIn: ProfileSource[];
  active: boolean;
  /** credential configuration boto3 never reaches in this profile */
  unused: string[];
  notes: string[];
}

export interface ActiveProfile {
  name: string;
  /** what selected it: --profile, AWS_DEFAULT_PROFILE, AWS_PROFILE, or "default" when nothing did */
  source: ProfileSelection;
  exists: boolean;
  /** AWS_ACCESS_KEY_ID is set and the profile was not given with --profile: boto3 uses the env keys instead */
  envKeysWin: boolean;
  /** what makes the selection surprising: a missing profile, a hidden AWS_PROFILE, env keys that win */
  notes: string[];
}

export interface IgnoredSection extends ProfileSource {
  reason: string;
  /** false for sections that are not meant to be profiles ([plugins], [preview], …) */
  likelyMistake: boolean;
}

export interface FileSummary {
  path: string;
  source: string;
  state: LoadedIni['state'];
}

export interface ProfileListing {
  active: ActiveProfile;
  profiles: ProfileEntry[];
  ignoredSections: IgnoredSection[];
  files: { config: FileSummary; credentials: FileSummary };
}

/** top-level config sections the AWS CLI itself reads: not profiles, and not mistakes */
const CLI_SECTIONS = new Set(['plugins', 'preview', 'cli', 'toplevel']);

export function listProfiles(session: Session): ProfileListing {
  const full = session.fullConfig();
  const creds = session.files.credentials();
  const config = session.files.config();
  const credsSections = new Map<string, Settings>();
  if (creds.doc) for (const s of creds.doc.sections) credsSections.set(s.name, sectionSettings(creds.doc, s));

  const active = activeProfile(session, full.profiles);
  const profiles: ProfileEntry[] = [];
  for (const [name, p] of full.profiles) {
    const s = p.settings;
    const k = profileKind({
      merged: s,
      credentialsSection: credsSections.get(name),
      configProfile: full.config.profiles.get(name)?.settings,
    });
    const notes: string[] = [];
    if (name.startsWith('profile ') && credsSections.has(name)) {
      notes.push(profilePrefixInCredentials(name));
    }
    profiles.push({
      name,
      kind: k.kind,
      method: k.method,
      region: str(s, 'region') ?? null,
      output: str(s, 'output') ?? null,
      roleArn: str(s, 'role_arn') ?? null,
      sourceProfile: str(s, 'source_profile') ?? null,
      credentialSource: str(s, 'credential_source') ?? null,
      mfaSerial: str(s, 'mfa_serial') ?? null,
      ssoSession: str(s, 'sso_session') ?? null,
      ssoAccountId: str(s, 'sso_account_id') ?? null,
      ssoRoleName: str(s, 'sso_role_name') ?? null,
      credentialProcess: shownCommand(str(s, 'credential_process')),
      definedIn: p.sources,
      active: name === active.name,
      unused: k.unused,
      notes,
    });
  }
  const ignoredSections: IgnoredSection[] = [];
  for (const [section, src] of full.config.other) {
    ignoredSections.push({
      ...src,
      likelyMistake: !CLI_SECTIONS.has(section),
      reason: CLI_SECTIONS.has(section)
        ? 'a top-level section the AWS CLI reads, not a profile'
        : `not a profile: in the config file a profile section is written [profile ${section}]`,
    });
  }
  for (const src of full.config.dropped) {
    ignoredSections.push({
      ...src,
      likelyMistake: true,
      reason: DROPPED_NOT_TWO_WORDS,
    });
  }
  return {
    active,
    profiles,
    ignoredSections,
    files: { config: summary(config), credentials: summary(creds) },
  };
}

function summary(f: LoadedIni): FileSummary {
  return { path: f.path, source: f.source, state: f.state };
}

export function activeProfile(session: Session, profiles: Map<string, unknown>): ActiveProfile {
  const env = session.ctx.env;
  // an empty AWS_PROFILE is a name too: boto3 raises ProfileNotFound for it
  const name = session.profileVar ?? 'default';
  const exists = profiles.has(name);
  const notes: string[] = [];
  if (session.profileVar !== null && !exists) {
    const near = closestNames(name, profiles.keys());
    notes.push(profileInNeitherFile(session.profileSource, session.profileVar, near));
  } else if (session.profileVar === null && !exists) {
    notes.push(NO_PROFILE_SELECTED);
  }
  if (
    session.profileSource === 'AWS_DEFAULT_PROFILE' &&
    env.AWS_PROFILE !== undefined &&
    env.AWS_PROFILE !== env.AWS_DEFAULT_PROFILE
  ) {
    notes.push(defaultProfileHidesProfile(env.AWS_DEFAULT_PROFILE, env.AWS_PROFILE));
  }
  const envKeysWin = session.profileSource !== '--profile' && !!env.AWS_ACCESS_KEY_ID;
  if (envKeysWin) notes.push(envKeysNote(name));
  return { name, source: session.profileSource, exists, envKeysWin, notes };
}

export function envKeysNote(profile: string): string {
  return (
    `AWS_ACCESS_KEY_ID is set: boto3 uses the keys in the environment, not profile "${profile}" (only ` +
    `--profile removes them; \`credchain use\` clears them)`
  );
}

/** a credential_process command line as listings show it: a secret passed as an argument masked (never run) */
function shownCommand(command: string | undefined): string | null {
  return command === undefined ? null : maskHelperText(command);
}

// Messages

function profilePrefixInCredentials(name: string): string {
  return (
    `[${name}] in the credentials file is the profile "${name}": the credentials file takes names as written, ` +
    `without "profile "`
  );
}

const DROPPED_NOT_TWO_WORDS =
  'dropped by botocore: the section name must be exactly two words (e.g. [profile name]; quote a name with spaces)';

function profileInNeitherFile(source: string, name: string, near: string[]): string {
  return (
    `${source === '--profile' ? '--profile' : `${source}=${name}`} names a profile that is in neither file: ` +
    `boto3 raises ProfileNotFound${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}`
  );
}

const NO_PROFILE_SELECTED =
  'no profile is selected and there is no [default] profile: boto3 uses the sources that need no profile (env, ' +
  'container, instance metadata)';

function defaultProfileHidesProfile(defaultProfile: string | undefined, profile: string): string {
  return `AWS_DEFAULT_PROFILE=${defaultProfile} hides AWS_PROFILE=${profile}: botocore reads AWS_DEFAULT_PROFILE first`;
}
