// The vocabulary of the resolver: botocore's method names, where a value came from, what a source concluded.
import type { BotoError } from './errors';

/** botocore's `Credentials.method` strings: the vocabulary. The order is BOTO3_CHAIN's (src/chain/boto3Chain.ts; a test
 * keeps the two alike), with `explicit` (keys handed to the session) first. */
export const METHODS = [
  'explicit',
  'env',
  'assume-role',
  'assume-role-with-web-identity',
  'sso',
  'shared-credentials-file',
  'login',
  'custom-process',
  'config-file',
  'ec2-credentials-file',
  'boto-config',
  'container-role',
  'iam-role',
] as const;
export type Method = (typeof METHODS)[number];

export type Location =
  | { file: string; line: number; section: string }
  | { env: string[] }
  | { url: string }
  | { command: string }
  /** command-line options (the explicit source) */
  | { argv: string[] };

export interface ChainLink {
  profile: string;
  method: Method;
  accessKeyId?: string | null;
  roleArn?: string;
  location?: Location;
}

/** What must be called to obtain key material for credentials botocore defers (assume-role, web identity, SSO). */
export type DeferredPlan =
  | {
      kind: 'assume-role';
      profile: string;
      roleArn: string;
      roleSessionName?: string;
      externalId?: string;
      mfaSerial?: string;
      durationSeconds?: number;
      /** the credentials that sign the AssumeRole call (themselves possibly deferred) */
      source: Credentials;
    }
  | { kind: 'web-identity'; profile: string; roleArn: string; roleSessionName?: string; tokenFile: string }
  | {
      kind: 'sso';
      profile: string;
      startUrl: string;
      ssoRegion: string;
      accountId: string;
      roleName: string;
      /** the sso-session name, when the profile uses one */
      session?: string;
    };

export interface Credentials {
  method: Method;
  /** null while deferred and not fetched */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  sessionToken: string | null;
  /** ISO 8601, when the source gives one */
  expiration: string | null;
  accountId?: string | null;
  location: Location;
  roleArn?: string;
  /** source first, this profile last (assume-role) */
  chain?: ChainLink[];
  deferred?: DeferredPlan;
}

export type Status = 'won' | 'skipped' | 'shadowed' | 'error' | 'not-reached';

/** What one source concluded. `reason` is a sentence a person can act on. */
export type Outcome =
  | { status: 'won'; credentials: Credentials; reason: string; notes?: string[] }
  | { status: 'skipped'; reason: string; notes?: string[] }
  /** only while inspecting: this source holds credentials an earlier source hides */
  | { status: 'shadowed'; reason: string; credentials?: Credentials; notes?: string[] }
  | { status: 'not-reached'; reason: string; notes?: string[] }
  | { status: 'error'; error: BotoError; reason?: string; notes?: string[] };

export interface ProviderReport {
  method: Method;
  status: Status;
  reason: string;
  location?: Location;
  accessKeyId?: string | null;
  /** extra lines, e.g. a credential_process's stderr */
  notes?: string[];
}

/**
 * what selected the profile, in botocore's order: Session(profile=…) (here --profile), AWS_DEFAULT_PROFILE, AWS_PROFILE
 */
export type ProfileSelection = '--profile' | 'AWS_DEFAULT_PROFILE' | 'AWS_PROFILE' | 'default';
