// The questions the divergence rules share about their input: the profile each SDK selects, botocore's merged
// profiles, what kind of credentials a profile holds, and how each SDK names a config-file section.
import { str, type Settings } from '../config/profileMap';
import type { DivergenceInput, Evidence, FilesInput, FindingLocation } from './types';

/** the rules' input from the files and environment (no outcome): each SDK's profile read the way that SDK reads it */
export function divergenceInput(input: FilesInput): Omit<DivergenceInput, 'outcome'> {
  return {
    ...input,
    boto3Profile: input.session.profileName,
    jsProfile: input.opts.profile || input.ctx.env.AWS_PROFILE || 'default',
  };
}

export const env = (f: DivergenceInput) => f.ctx.env;

/** one piece of evidence (the profile only when there is one) */
export const E = (message: string, location: Evidence['location'], profile?: string): Evidence => ({
  message,
  location,
  ...(profile !== undefined ? { profile } : {}),
});

/** botocore's merged profiles (config, then credentials over it), without sections the repair invented */
export function mergedProfiles(f: DivergenceInput): [string, Settings][] {
  // every rule asks; built once per full_config (100,000 profiles made this a good part of doctor's time)
  const full = f.session.fullConfig();
  let out = MERGED.get(full);
  if (!out) {
    out = [];
    for (const [n, p] of full.profiles)
      if (!n.startsWith('credchain-duplicate-section-line-')) out.push([n, p.settings]);
    MERGED.set(full, out);
  }
  return out;
}

const MERGED = new WeakMap<object, [string, Settings][]>();

/** the merged profiles that have role_arn (eight rules ask: found once per full_config) */
export function roleProfiles(f: DivergenceInput): [string, Settings][] {
  const full = f.session.fullConfig();
  let out = ROLES.get(full);
  if (!out) ROLES.set(full, (out = mergedProfiles(f).filter(([, s]) => s.has('role_arn'))));
  return out;
}

const ROLES = new WeakMap<object, [string, Settings][]>();

export function hasStaticPair(s: Settings | undefined): boolean {
  return !!str(s, 'aws_access_key_id') && str(s, 'aws_secret_access_key') !== undefined;
}

/** the SSO provider's own claim test */
export { isSsoProfile as isSso } from '../providers/sso';

export function envKeysSet(f: DivergenceInput): boolean {
  return !!env(f).AWS_ACCESS_KEY_ID && !!env(f).AWS_SECRET_ACCESS_KEY;
}

export function settingAt(s: Settings, key: string): FindingLocation | null {
  const v = s.get(key);
  return v ? { file: v.file, line: v.line, section: v.section } : null;
}

/** smithy's section-header grammar (@smithy/core 3.41 parseIni: prefixKeyRegex) */
export const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

/** the profile name the JS SDK gives a config-file section (getConfigData keeps "profile.x" and "default") */
export function jsConfigProfile(section: string): string | undefined {
  const m = JS_PREFIXED.exec(section);
  if (m) return m[1] === 'profile' ? m[3] : undefined;
  return section === 'default' ? 'default' : undefined;
}
