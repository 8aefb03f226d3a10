// Static keys in an INI section, as botocore's SharedCredentialProvider, ConfigProvider and BotoProvider read them:
// `aws_access_key_id` present (even empty) triggers; then `aws_secret_access_key` must be present; the token is
// `aws_security_token` if present, else `aws_session_token`.
import { BotoError } from '../core/errors';
import { valueText } from '../ini/parse';
import type { Setting, Settings } from '../config/profileMap';
import type { Method, Outcome } from '../core/types';

export interface StaticKeyOptions {
  method: Method;
  /** the provider name botocore puts in PartialCredentialsError */
  provider: string;
  /** whether tokens count (boto-config ignores them) */
  tokens: boolean;
  /** read aws_account_id (1.37+) */
  accountId: boolean;
  /** "profile dev in ~/.aws/credentials", for reasons */
  where: string;
}

export function staticKeys(settings: Settings, o: StaticKeyOptions): Outcome {
  const ak = settings.get('aws_access_key_id');
  if (!ak) {
    const sk = settings.get('aws_secret_access_key');
    return {
      status: 'skipped',
      reason: sk
        ? `${o.where} has aws_secret_access_key (line ${sk.line}) but no aws_access_key_id, so boto3 ignores it`
        : `${o.where} has no aws_access_key_id`,
    };
  }
  const sk = settings.get('aws_secret_access_key');
  if (!sk) {
    return {
      status: 'error',
      error: new BotoError('PartialCredentialsError', secretKeyMissing(o, ak), 'get_credentials', {
        file: ak.file,
        line: ak.line,
      }),
    };
  }
  let token: Setting | undefined;
  if (o.tokens) token = settings.get('aws_security_token') ?? settings.get('aws_session_token');
  const notes: string[] = [];
  if (o.tokens && settings.get('aws_security_token') && settings.get('aws_session_token')) {
    notes.push('both aws_security_token and aws_session_token are set: boto3 uses aws_security_token');
  }
  if (typeof ak.value !== 'string')
    notes.push(`aws_access_key_id (line ${ak.line}) is a nested block, not a key: boto3 will send it as a dict`);
  if (typeof ak.value === 'string' && ak.value === '')
    notes.push(`aws_access_key_id (line ${ak.line}) is empty: boto3 accepts it, AWS will not`);
  return {
    status: 'won',
    reason: staticKeysFound(o, ak, sk, token),
    credentials: {
      method: o.method,
      accessKeyId: valueText(ak.value)!,
      secretAccessKey: valueText(sk.value)!,
      sessionToken: token ? valueText(token.value)! : null,
      expiration: null,
      accountId: o.accountId ? (valueText(settings.get('aws_account_id')?.value) ?? null) : null,
      location: { file: ak.file, line: ak.line, section: ak.section },
    },
    notes: notes.length ? notes : undefined,
  };
}

// Messages

function secretKeyMissing(o: StaticKeyOptions, ak: Setting): string {
  return (
    `Partial credentials found in ${o.provider}, missing: aws_secret_access_key (${o.where} has ` +
    `aws_access_key_id at line ${ak.line} but no aws_secret_access_key)`
  );
}

function staticKeysFound(o: StaticKeyOptions, ak: Setting, sk: Setting, token: Setting | undefined): string {
  return `${o.where} has aws_access_key_id (line ${ak.line}) and aws_secret_access_key (line ${sk.line})${
    token ? ` and ${token.key} (line ${token.line})` : ''
  }`;
}
