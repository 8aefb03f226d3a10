// Session-level lookups as botocore's Session does them: the profile variable (explicit > AWS_DEFAULT_PROFILE >
// AWS_PROFILE), config variables (instance, then env, then the scoped profile), and ProfileNotFound whenever a
// scoped lookup meets a named profile that exists in neither file.
import type { Context } from '../core/context';
import type { ProfileSelection } from '../core/types';
import { BotoError } from '../core/errors';
import type { IniValue } from '../ini/parse';
import { buildFullConfig, type FullConfig, type Setting, type Settings } from './profileMap';
import { SharedFiles } from './sharedFiles';
import { didYouMean } from '../core/closest';

export interface ResolveOptions {
  /** --profile: an explicit profile, as boto3.Session(profile_name=…) */
  profile?: string;
  /** --access-key-id / --secret-access-key / --session-token: boto3.Session(aws_access_key_id=…) */
  explicit?: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string };
  /** --region: boto3.Session(region_name=…) */
  region?: string;
  /** --no-imds: do not contact instance metadata at all (reported, never silent) */
  noImds?: boolean;
  /** --force-imds: probe the default metadata address even where this machine is certainly not EC2 */
  forceImds?: boolean;
  /** --imds-timeout in seconds: overrides botocore's metadata timeout for credchain's own probe */
  imdsTimeoutSec?: number;
}

export interface ConfigValue<T = IniValue> {
  value: T | undefined;
  /** "--region", an env var name, "profile" (with the setting), or "unset" */
  source: string;
  setting?: Setting;
}

/** full_config depends on the files alone: built once per SharedFiles, whichever sessions share them */
const FULL_CONFIGS = new WeakMap<SharedFiles, { v?: FullConfig; e?: unknown }>();

export class Session {
  readonly files: SharedFiles;
  /** the `profile` config variable: null when nothing set it */
  readonly profileVar: string | null;
  readonly profileSource: ProfileSelection;
  /** the profile the providers use: the variable, or "default" when it is unset or empty */
  readonly profileName: string;
  /** an explicit profile (--profile) removes the env provider and the web-identity env vars */
  readonly explicitProfile: boolean;
  constructor(
    readonly ctx: Context,
    readonly opts: ResolveOptions = {},
    /** the files another session of the same command already read (show resolves a second profile over them) */
    files?: SharedFiles,
  ) {
    this.files = files ?? new SharedFiles(ctx);
    const env = ctx.env;
    if (opts.profile !== undefined) {
      this.profileVar = opts.profile;
      this.profileSource = '--profile';
    } else if (env.AWS_DEFAULT_PROFILE !== undefined) {
      this.profileVar = env.AWS_DEFAULT_PROFILE;
      this.profileSource = 'AWS_DEFAULT_PROFILE';
    } else if (env.AWS_PROFILE !== undefined) {
      this.profileVar = env.AWS_PROFILE;
      this.profileSource = 'AWS_PROFILE';
    } else {
      this.profileVar = null;
      this.profileSource = 'default';
    }
    this.profileName = this.profileVar || 'default';
    this.explicitProfile = opts.profile !== undefined;
  }

  /** full_config, built once; a parse error is thrown again on every call */
  fullConfig(): FullConfig {
    let full = FULL_CONFIGS.get(this.files);
    if (!full) {
      try {
        full = { v: buildFullConfig(this.files) };
      } catch (e) {
        full = { e };
      }
      FULL_CONFIGS.set(this.files, full);
    }
    if (full.e) throw full.e;
    return full.v!;
  }

  profileSettings(name: string): Settings | undefined {
    return this.fullConfig().profiles.get(name)?.settings;
  }

  /** get_scoped_config(): the selected profile's merged settings, ProfileNotFound when it is named and missing */
  scopedConfig(): Settings {
    const profiles = this.fullConfig().profiles;
    if (this.profileVar === null) return profiles.get('default')?.settings ?? new Map();
    const p = profiles.get(this.profileVar);
    if (!p) throw profileNotFound(this.profileVar, this.profileSource, profiles.keys());
    return p.settings;
  }

  /** get_config_variable(): instance value, then the first env var present (even empty), then the scoped profile */
  configVar(spec: { key?: string; env?: string[]; instance?: string }): ConfigValue {
    if (spec.instance !== undefined) return { value: spec.instance, source: 'instance' };
    for (const name of spec.env ?? []) {
      const v = this.ctx.env[name];
      if (v !== undefined) return { value: v, source: name };
    }
    if (spec.key) {
      const setting = this.scopedConfig().get(spec.key);
      if (setting) return { value: setting.value, source: 'profile', setting };
    }
    return { value: undefined, source: 'unset' };
  }
}

export function profileNotFound(name: string, source: string, known: Iterable<string> = []): BotoError {
  const how =
    source === '--profile'
      ? 'selected with --profile'
      : source === 'default'
        ? 'the default profile'
        : `selected by ${source}`;
  return new BotoError(
    'ProfileNotFound',
    `The config profile (${name}) could not be found: "${name}" is ${how} but is defined in neither the config nor ` +
      `the credentials file${didYouMean(name, known)}`,
    'get_credentials',
    source.startsWith('AWS_') ? { env: source } : undefined,
  );
}
