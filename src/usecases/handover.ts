// What `exec` and `export` share: resolve as `which` does (a PROFILE argument counts as --profile), refuse when boto3
// would raise or find nothing, and fetch deferred credentials (assume-role, web identity, sso) as boto3 would on
// first use (src/aws/materialize.ts: the AWS CLI cache, then STS or the SSO portal), so real key material is handed
// over, with the network options every fetching command takes (--mfa-code, --no-cache, --timeout). MFA codes are
// prompted for on a terminal.
import { resolveChain, type Resolution } from '../chain/boto3Chain';
import { materializeCredentials } from './materialize';
import { CredchainError, UsageError } from '../core/errors';
import type { Handover } from '../shell/exportFormats';
import { commandContext } from '../cli/commandContext';
import type { CliIO } from '../cli/io';
import { resolveOptions, type GlobalArgs, type NetworkArgs } from '../cli/options';
import { materializeOptionsFor } from '../cli/materializeOptions';

export interface HandoverArgs extends GlobalArgs, NetworkArgs {}

export async function resolveHandover(args: HandoverArgs, io: CliIO, profile: string | undefined): Promise<{ handover: Handover; resolution: Resolution }> {
  if (profile !== undefined && args.profile !== undefined && profile !== args.profile) {
    throw new UsageError(`two profiles given: "${profile}" and --profile "${args.profile}"`);
  }
  const ctx = commandContext(args, io);
  const opts = resolveOptions(args);
  const resolution = await resolveChain(ctx, { ...opts, profile: profile ?? opts.profile });
  const { report, session } = resolution;
  if (report.error) throw new CredchainError(`boto3 raises ${report.error.type}: ${report.error.message}`, 'config');
  let creds = resolution.credentials;
  if (!creds) throw new CredchainError('boto3 finds no credentials: nothing to hand over (`credchain which` shows every source and why it has none)', 'config');
  if (creds.deferred) {
    creds = await materializeCredentials(session, creds, materializeOptionsFor(args, io));
  }
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    throw new CredchainError(`the ${creds.method} credentials have no ${creds.accessKeyId ? 'secret access key' : 'access key id'}: nothing usable to hand over`, 'config');
  }
  return {
    resolution,
    handover: {
      credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken || null, expiration: creds.expiration },
      region: report.region.name,
      profile: session.profileName,
      method: creds.method,
    },
  };
}
