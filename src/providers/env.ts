// `env`: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SECURITY_TOKEN|AWS_SESSION_TOKEN / AWS_CREDENTIAL_EXPIRATION,
// as botocore's EnvProvider reads them: empty counts as absent, values are not trimmed, AWS_SECURITY_TOKEN first.
import type { Context } from '../core/context';
import { BotoError } from '../core/errors';
import type { Outcome } from '../core/types';
import { expiryNotes, parseErrorType, parseTimestamp } from '../python/timestamps';

export function envSource(ctx: Pick<Context, 'env' | 'now'>): Outcome {
  const env = ctx.env;
  const accessKey = env.AWS_ACCESS_KEY_ID ?? '';
  if (!accessKey) {
    const reason =
      env.AWS_ACCESS_KEY_ID === ''
        ? 'AWS_ACCESS_KEY_ID is set but empty (boto3 treats that as unset)'
        : 'AWS_ACCESS_KEY_ID is not set';
    return {
      status: 'skipped',
      reason: env.AWS_SECRET_ACCESS_KEY ? `${reason}; AWS_SECRET_ACCESS_KEY alone is ignored` : reason,
    };
  }
  const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
  if (!secret) {
    return {
      status: 'error',
      error: new BotoError('PartialCredentialsError', envSecretKeyMissing(env), 'get_credentials', {
        env: 'AWS_SECRET_ACCESS_KEY',
      }),
    };
  }
  const vars = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
  let token: string | null = null;
  for (const name of ['AWS_SECURITY_TOKEN', 'AWS_SESSION_TOKEN']) {
    if (env[name]) {
      token = env[name]!;
      vars.push(name);
      break;
    }
  }
  const notes: string[] = [];
  if (env.AWS_SECURITY_TOKEN && env.AWS_SESSION_TOKEN && env.AWS_SECURITY_TOKEN !== env.AWS_SESSION_TOKEN) {
    notes.push('AWS_SECURITY_TOKEN and AWS_SESSION_TOKEN differ: boto3 uses AWS_SECURITY_TOKEN');
  }
  let expiration: string | null = null;
  const expiry = env.AWS_CREDENTIAL_EXPIRATION ?? '';
  if (expiry) {
    const t = parseTimestamp(expiry, ctx.now());
    if (!t) {
      return {
        status: 'error',
        error: new BotoError(
          parseErrorType(expiry),
          `AWS_CREDENTIAL_EXPIRATION is not a date boto3 can parse: "${expiry}"`,
          'get_credentials',
          {
            env: 'AWS_CREDENTIAL_EXPIRATION',
          },
        ),
      };
    }
    vars.push('AWS_CREDENTIAL_EXPIRATION');
    expiration = t.text;
    notes.push(...expiryNotes(t, ctx.now(), 'AWS_CREDENTIAL_EXPIRATION'));
  }
  const accountId = env.AWS_ACCOUNT_ID || null;
  if (accountId) vars.push('AWS_ACCOUNT_ID');
  return {
    status: 'won',
    reason: `found in ${vars.filter((v) => v !== 'AWS_ACCOUNT_ID' && v !== 'AWS_CREDENTIAL_EXPIRATION').join(', ')}`,
    credentials: {
      method: 'env',
      accessKeyId: accessKey,
      secretAccessKey: secret,
      sessionToken: token,
      expiration,
      accountId,
      location: { env: vars },
    },
    notes: notes.length ? notes : undefined,
  };
}

// Messages

function envSecretKeyMissing(env: Readonly<Record<string, string | undefined>>): string {
  return (
    `Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY (AWS_ACCESS_KEY_ID is set, ` +
    `AWS_SECRET_ACCESS_KEY is ${env.AWS_SECRET_ACCESS_KEY === '' ? 'empty' : 'not set'})`
  );
}
