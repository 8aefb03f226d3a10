// What `exec` and `export` share: resolve as `which` does (a PROFILE argument counts as --profile), refuse when boto3
// would raise or find nothing, and fetch deferred credentials (assume-role, web identity, sso) as boto3 would on first
// use (src/usecases/materialize.ts: the AWS CLI cache, then STS or the SSO portal), so real key material is handed
// over, with the network options every fetching command takes (--mfa-code, --no-cache, --timeout). MFA codes are
// prompted for on a terminal.
import type { Credentials } from '../core/types';
import { resolveChain, type Resolution } from '../chain/boto3Chain';
import type { ResolveOptions } from '../config/session';
import type { Context } from '../core/context';
import { CredchainError } from '../core/errors';
import { materializeCredentials, type MaterializeOptions } from './materialize';

/** key material ready to hand over (never deferred) */
export interface HandedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  /** ISO 8601 */
  expiration: string | null;
}

export interface Handover {
  credentials: HandedCredentials;
  region: string | null;
  profile: string;
  method: string;
}

export async function resolveHandover(
  ctx: Context,
  opts: ResolveOptions,
  fetch: MaterializeOptions,
): Promise<{ handover: Handover; resolution: Resolution }> {
  const resolution = await resolveChain(ctx, opts);
  const { report, session } = resolution;
  if (report.error) throw new CredchainError(`boto3 raises ${report.error.type}: ${report.error.message}`, 'config');
  let creds = resolution.credentials;
  if (!creds)
    throw new CredchainError(
      'boto3 finds no credentials: nothing to hand over (`credchain which` shows every source and why it has none)',
      'config',
    );
  if (creds.deferred) {
    creds = await materializeCredentials(session, creds, fetch);
  }
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    throw new CredchainError(nothingToHandOver(creds), 'config');
  }
  return {
    resolution,
    handover: {
      credentials: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        sessionToken: creds.sessionToken || null,
        expiration: creds.expiration,
      },
      region: report.region.name,
      profile: session.profileName,
      method: creds.method,
    },
  };
}

// Messages

function nothingToHandOver(creds: Credentials): string {
  return (
    `the ${creds.method} credentials have no ${creds.accessKeyId ? 'secret access key' : 'access key id'}: ` +
    `nothing usable to hand over`
  );
}
