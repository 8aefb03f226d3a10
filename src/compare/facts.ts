// What the divergence rules look at: the doctor's offline view of the files and environment, plus the profile
// each SDK selects, and — in `compare` — both SDKs' actual outcomes.
import type { ChainReport } from '../core/report';
import type { Settings } from '../config/profileMap';
import { str } from '../config/profileMap';
import type { DoctorInput, FindingLocation } from '../doctor/types';
import type { JsChainReport } from './jsReport';

export interface Facts extends DoctorInput {
  /** the profile boto3 uses (its profile variable, or "default") */
  boto3Profile: string;
  /** the profile the JS SDK uses: --profile, else a non-empty AWS_PROFILE, else "default" */
  jsProfile: string;
  /** both outcomes, in `compare` */
  outcome?: { boto3: ChainReport; js: JsChainReport };
}

export interface Evidence {
  message: string;
  location: FindingLocation | null;
  /** the profile this concerns; undefined for the environment and whole files */
  profile?: string;
  /** the fix for this instance, where the rule's general fix would be wrong advice */
  fix?: string;
}

export function gatherFacts(input: DoctorInput, outcome?: Facts['outcome']): Facts {
  return {
    ...input,
    boto3Profile: input.session.profileName,
    jsProfile: input.opts.profile || input.ctx.env.AWS_PROFILE || 'default',
    ...(outcome ? { outcome } : {}),
  };
}

/** botocore's merged profiles (config, then credentials over it), without sections the repair invented */
export function mergedProfiles(f: Facts): [string, Settings][] {
  // every rule asks; built once per full_config (100,000 profiles made this a good part of doctor's time)
  const full = f.session.fullConfig();
  let out = MERGED.get(full);
  if (!out) {
    out = [];
    for (const [n, p] of full.profiles) if (!n.startsWith('credchain-duplicate-section-line-')) out.push([n, p.settings]);
    MERGED.set(full, out);
  }
  return out;
}

const MERGED = new WeakMap<object, [string, Settings][]>();

export function hasStaticPair(s: Settings | undefined): boolean {
  return !!str(s, 'aws_access_key_id') && str(s, 'aws_secret_access_key') !== undefined;
}

export function isSso(s: Settings): boolean {
  return s.has('sso_role_name') || s.has('sso_account_id');
}

export function settingAt(s: Settings, key: string): FindingLocation | null {
  const v = s.get(key);
  return v ? { file: v.file, line: v.line, section: v.section } : null;
}

/** the profiles that take part in this resolution: the selected ones and every source_profile below them */
export function relevantProfiles(f: Facts): Set<string> {
  const profiles = f.session.fullConfig().profiles;
  const out = new Set<string>();
  const todo = [f.boto3Profile, f.jsProfile];
  while (todo.length) {
    const p = todo.pop()!;
    if (out.has(p)) continue;
    out.add(p);
    const src = str(profiles.get(p)?.settings, 'source_profile');
    if (src !== undefined) todo.push(src);
  }
  return out;
}
