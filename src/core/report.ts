// The report `which` prints: the shape of DESIGN.md's `which --json` contract. It never holds a secret key or
// session token; renderers read it and compute nothing.
import type { ChainLink, Credentials, Location, Method, ProfileSelection, ProviderReport } from './types';
import type { BotoErrorType } from './errors';

export interface CredentialsView {
  method: Method;
  accessKeyId: string | null;
  hasSessionToken: boolean;
  expiration: string | null;
  location: Location;
  roleArn?: string;
  accountId?: string;
  chain?: ChainLink[];
  /** true while boto3 would not have fetched key material yet (assume-role, web identity, sso) */
  deferred?: boolean;
}

export interface ChainReport {
  sdk: 'boto3';
  profile: { name: string; source: ProfileSelection };
  region: { name: string | null; source: string; location?: Location };
  credentials: CredentialsView | null;
  error: { type: BotoErrorType; message: string; location?: Location | { env: string[] } } | null;
  providers: ProviderReport[];
  warnings: string[];
  identity?: { account: string; arn: string; userId: string };
}

export function credentialsView(c: Credentials): CredentialsView {
  const v: CredentialsView = {
    method: c.method,
    accessKeyId: c.accessKeyId,
    hasSessionToken: !!c.sessionToken,
    expiration: c.expiration,
    location: c.location,
  };
  if (c.roleArn !== undefined) v.roleArn = c.roleArn;
  if (c.accountId) v.accountId = c.accountId;
  if (c.chain) v.chain = c.chain;
  if (c.deferred) v.deferred = true;
  return v;
}
