// A workstation as issue 10 tried it: 52 profiles with long names, CJK and emoji names, a settings value with an
// inline comment, a section name holding a BEL and an ESC, and an STS stand-in on loopback that answers
// GetCallerIdentity and AssumeRole. Shared by the terminal-width test and anything else that needs a crowded config.
import type { RecordedRequest, RouteReply } from './loopback';

export const HOSTILE_PROFILE = 'bell\x07ring\x1b[31m-red';

export function workstationFiles(): Record<string, string> {
  const config = ['[default]', 'region = us-east-1', ''];
  for (let i = 1; i <= 30; i++) {
    const n = String(i).padStart(2, '0');
    config.push(
      `[profile team-platform-engineering-production-account-${n}-administrator-access]`,
      `role_arn = arn:aws:iam::1234567890${n}:role/OrganizationAccountAccessRoleForPlatformEngineering`,
      'source_profile = default',
      'region = ap-southeast-2',
      '',
    );
  }
  config.push('[sso-session corp]', 'sso_start_url = https://corp-identity-center.awsapps.com/start', 'sso_region = us-east-1', '');
  for (let i = 1; i <= 10; i++) {
    const n = String(i).padStart(2, '0');
    config.push(`[profile 開発-チーム-本番環境-${n}]`, 'sso_session = corp', `sso_account_id = 2109876543${n}`, 'sso_role_name = ReadOnlyAccessForAuditingPurposes', 'region = eu-west-1 ; Ireland', '');
  }
  for (let i = 1; i <= 5; i++) {
    config.push(`[profile 🚀-deploy-${i}-🔥]`, `credential_process = /opt/missing/fetch-credentials --profile deploy-${i} --with-a-very-long-argument-list`, '');
  }
  config.push(`[profile ${HOSTILE_PROFILE}]`, 'region = us-west-2', '');
  config.push('[profile web-identity-for-the-kubernetes-service-account]', 'role_arn = arn:aws:iam::333333333333:role/EksPodIdentity', 'web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token', '');
  const credentials = ['[default]', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ''];
  for (let i = 1; i <= 4; i++) {
    credentials.push(`[static-keys-for-the-legacy-billing-exporter-${i}]`, `aws_access_key_id = AKIAEXAMPLEKEY00000${i}`, 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '');
  }
  return { '.aws/config': config.join('\n'), '.aws/credentials': credentials.join('\n') };
}

/** how many profiles workstationFiles() holds */
export const WORKSTATION_PROFILES = 1 + 30 + 10 + 5 + 1 + 1 + 4;

/** STS as the AWS CLI would meet it: any caller is an IAM user or an assumed role, every AssumeRole succeeds */
export function stsStandIn(req: RecordedRequest): RouteReply {
  const action = new URLSearchParams(req.body).get('Action');
  const xml = (body: string): RouteReply => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });
  if (action === 'AssumeRole') {
    const role = new URLSearchParams(req.body).get('RoleArn') ?? '';
    const account = /::(\d{12}):/.exec(role)?.[1] ?? '123456789012';
    return xml(
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLEASSUMED01</AccessKeyId><SecretAccessKey>assumedSecretExampleKeyAssumedSecretExample</SecretAccessKey><SessionToken>FwoGZXIvYXdzEXAMPLESESSIONTOKEN</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/OrganizationAccountAccessRoleForPlatformEngineering/botocore-session</Arn><AssumedRoleId>AROAEXAMPLEROLEID0001:botocore-session</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  }
  const assumed = /ASIAEXAMPLEASSUMED01/.test(String(req.headers.authorization ?? ''));
  const arn = assumed ? 'arn:aws:sts::123456789001:assumed-role/OrganizationAccountAccessRoleForPlatformEngineering/botocore-session' : 'arn:aws:iam::123456789012:user/alice-from-the-platform-engineering-team';
  return xml(
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAEXAMPLEUSERID0001</UserId><Account>${arn.split(':')[4]}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
}
