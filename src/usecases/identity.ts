// What a GetCallerIdentity ARN says about the caller: the principal type (user, assumed-role, federated, root),
// the role and session names of an assumed role, and the permission set behind an IAM Identity Center role
// (AWSReservedSSO_<set>_<16 hex digits>).
import type { CallerIdentity } from '../aws/stsClient';

export type PrincipalType = 'user' | 'assumed-role' | 'federated' | 'root' | 'unknown';

export interface IdentityView extends CallerIdentity {
  partition: string | null;
  principalType: PrincipalType;
  /** the IAM user name (user) */
  userName?: string;
  /** the role name (assumed-role) */
  roleName?: string;
  /** the role session name (assumed-role), or the federated user name */
  roleSessionName?: string;
  /** the Identity Center permission set an AWSReservedSSO_ role stands for */
  permissionSet?: string;
  /** the STS endpoint that answered */
  endpoint: string;
}

const SSO_ROLE = /^AWSReservedSSO_(.+)_([0-9a-f]{16})$/;

export function describeIdentity(id: CallerIdentity, endpoint: string): IdentityView {
  const parts = id.arn.split(':');
  const view: IdentityView = {
    ...id,
    partition: parts[0] === 'arn' && parts.length >= 6 ? parts[1] : null,
    principalType: 'unknown',
    endpoint,
  };
  if (view.partition === null) return view;
  const service = parts[2];
  const resource = parts.slice(5).join(':');
  if (service === 'iam' && resource === 'root') view.principalType = 'root';
  else if (service === 'iam' && resource.startsWith('user/')) {
    view.principalType = 'user';
    view.userName = resource.split('/').pop();
  } else if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, role, ...session] = resource.split('/');
    view.principalType = 'assumed-role';
    view.roleName = role;
    view.roleSessionName = session.join('/');
    const sso = SSO_ROLE.exec(role ?? '');
    if (sso) view.permissionSet = sso[1];
  } else if (service === 'sts' && resource.startsWith('federated-user/')) {
    view.principalType = 'federated';
    view.roleSessionName = resource.slice('federated-user/'.length);
  }
  return view;
}
