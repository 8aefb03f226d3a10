// `explicit`: credentials given on the command line, as boto3.Session(aws_access_key_id=…, …). Any one of the three
// being non-empty makes them the credentials, unvalidated, before the chain runs (an access key alone gives no secret).
import type { Outcome } from '../core/types';
import type { ResolveOptions } from '../config/session';

export function explicitSource(opts: ResolveOptions): Outcome {
  const e = opts.explicit ?? {};
  if (!e.accessKeyId && !e.secretAccessKey && !e.sessionToken) {
    return { status: 'skipped', reason: 'no --access-key-id, --secret-access-key or --session-token given' };
  }
  const argv = [
    e.accessKeyId ? '--access-key-id' : '',
    e.secretAccessKey ? '--secret-access-key' : '',
    e.sessionToken ? '--session-token' : '',
  ].filter(Boolean);
  const notes: string[] = [];
  if (!e.accessKeyId)
    notes.push(
      `${e.accessKeyId === '' ? 'an empty' : 'no'} --access-key-id: boto3 accepts this, but requests will fail to sign`,
    );
  if (!e.secretAccessKey) notes.push(explicitSecretKeyMissing(e.secretAccessKey));
  return {
    status: 'won',
    reason: `given on the command line (${argv.join(', ')}); boto3 skips the whole chain`,
    credentials: {
      method: 'explicit',
      // boto3 keeps what it was given, '' included; only an argument not given is None
      accessKeyId: e.accessKeyId ?? null,
      secretAccessKey: e.secretAccessKey ?? null,
      sessionToken: e.sessionToken ?? null,
      expiration: null,
      location: { argv },
    },
    notes: notes.length ? notes : undefined,
  };
}

// Messages

function explicitSecretKeyMissing(secretAccessKey: string | undefined): string {
  return (
    `${secretAccessKey === '' ? 'an empty' : 'no'} --secret-access-key: boto3 accepts this, but requests will ` +
    `fail to sign`
  );
}
