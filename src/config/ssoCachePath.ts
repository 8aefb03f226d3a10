// Where botocore keeps an IAM Identity Center bearer token: ~/.aws/sso/cache/<sha1 of the start URL (legacy form) or
// of the sso-session name>.json. The one place the provider, the token loader, doctor, current and sso status find it.
import { hexDigest } from '../core/hash';
import type { Session } from './session';

export function ssoTokenPath(session: Session, key: string): string {
  return `${session.ctx.home.replace(/\/+$/, '')}/.aws/sso/cache/${hexDigest('sha1', key)}.json`;
}
