// Global options shared by every command, and how they become ResolveOptions.
import type { Argv } from 'yargs';
import { UsageError } from '../errors';
import type { ResolveOptions } from '../chain/session';
import type { ColorMode } from '../render/color';

export interface GlobalArgs {
  profile?: string;
  region?: string;
  output?: 'text' | 'json';
  json?: boolean;
  color: ColorMode;
  debug?: boolean;
  imds: boolean;
  imdsTimeout?: number;
  forceImds?: boolean;
  endpointUrl?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/** the global options as data: yargs builds its parser from them, and so does the fast path for `which` */
export const GLOBAL_OPTIONS = {
  profile: { type: 'string', describe: 'use this profile, as boto3.Session(profile_name=…) (removes env credentials)' },
  region: { type: 'string', describe: 'region, as boto3.Session(region_name=…)' },
  output: { choices: ['text', 'json'] as const, describe: 'output format' },
  json: { type: 'boolean', describe: 'short for --output json' },
  color: { choices: ['auto', 'on', 'off'] as const, default: 'auto' as ColorMode, describe: 'colour (honours NO_COLOR and FORCE_COLOR)' },
  debug: { type: 'boolean', describe: 'stack traces and a line per decision on stderr' },
  imds: { type: 'boolean', default: true, describe: 'query EC2 instance metadata when the chain reaches it (--no-imds to skip)' },
  'force-imds': { type: 'boolean', describe: 'probe instance metadata even where this machine is certainly not EC2' },
  'imds-timeout': { type: 'number', describe: "seconds per instance-metadata request (default: botocore's, 1)" },
  'endpoint-url': { type: 'string', describe: 'STS endpoint for network steps' },
  'access-key-id': { type: 'string', describe: 'explicit credentials, as boto3.Session(aws_access_key_id=…)' },
  'secret-access-key': { type: 'string', describe: 'explicit secret (prefer the environment: argv is visible to other users)' },
  'session-token': { type: 'string', describe: 'explicit session token' },
} as const;

export function globalOptions<T>(y: Argv<T>) {
  return y.options(GLOBAL_OPTIONS);
}

export function resolveOptions(a: GlobalArgs): ResolveOptions {
  if (a.imdsTimeout !== undefined && !(a.imdsTimeout > 0 && a.imdsTimeout <= 60)) {
    throw new UsageError(`--imds-timeout must be a number of seconds between 0 and 60, not ${a.imdsTimeout}`);
  }
  const explicit =
    a.accessKeyId !== undefined || a.secretAccessKey !== undefined || a.sessionToken !== undefined
      ? { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey, sessionToken: a.sessionToken }
      : undefined;
  return {
    profile: a.profile,
    region: a.region,
    explicit,
    noImds: a.imds === false,
    forceImds: a.forceImds === true,
    imdsTimeoutSec: a.imdsTimeout,
  };
}

export function wantsJson(a: GlobalArgs): boolean {
  return a.json === true || a.output === 'json';
}

/** options of commands that fetch credentials from AWS (verify, which --resolve, profiles --verify) */
export interface NetworkArgs {
  mfaCode?: string;
  cache: boolean;
  timeout?: number;
}

export function networkOptions<T>(y: Argv<T>) {
  return y
    .option('mfa-code', { type: 'string', describe: 'the MFA code for an assume-role profile with mfa_serial (otherwise prompted for on a terminal)' })
    .option('cache', { type: 'boolean', default: true, describe: 'reuse and write role credentials in ~/.aws/cli/cache, as the AWS CLI does (--no-cache to skip)' })
    .option('timeout', { type: 'number', describe: 'seconds per request to AWS (default 10)' });
}

/** --timeout in milliseconds; UsageError outside 0–300 s */
export function timeoutMs(a: NetworkArgs, fallbackMs: number): number {
  if (a.timeout === undefined) return fallbackMs;
  if (!(a.timeout > 0 && a.timeout <= 300)) throw new UsageError(`--timeout must be a number of seconds between 0 and 300, not ${a.timeout}`);
  return Math.round(a.timeout * 1000);
}
