// aws-sdk-js-v3 packages/credential-provider-web-identity/src: fromTokenFile.spec.ts, fromWebToken.spec.ts, ported `it`
// by `it`. The spec's mocked readFileSync is a real token file; its role assumer is the real STS client's.
//
// not portable:
//   fromTokenFile.spec › reads config from env › prefers init parameters over environmental variables — init is code
//   fromWebToken.spec › throws if roleAssumerWithWebIdentity is not defined — the chain always brings one
//   fromWebToken.spec › passes values to roleAssumerWithWebIdentity — providerId, policyArns, policy, durationSeconds are init only
import { ROLE, type S } from './common';

const ENV = { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/mockTokenFile', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/mockRoleArn', AWS_ROLE_SESSION_NAME: 'mockRoleSessionName' };
const TOKEN_FILE = { mockTokenFile: 'exampletoken' };

export const WEB_IDENTITY: Record<string, S> = {
  // fromTokenFile.spec.ts
  'fromTokenFile.spec › reads config from env › passes values to fromWebToken': { env: ENV, files: TOKEN_FILE },
  'fromTokenFile.spec › reads config from env › throws if ENV_TOKEN_FILE read from disk failed': { env: ENV },
  // the spec passes web_identity_token_file as init; a profile's web_identity_token_file is where a file puts it
  'fromTokenFile.spec › reads config from env › throws if web_identity_token_file read from disk failed': { files: { '.aws/config': `[profile w]\nweb_identity_token_file = {HOME}/mockTokenFile\nrole_arn = ${ROLE}\nrole_session_name = mockRoleSessionName\n` }, profile: 'w' },
  'fromTokenFile.spec › reads config from env › throws if web_identity_token_file is not specified': { env: { AWS_ROLE_ARN: ENV.AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME: ENV.AWS_ROLE_SESSION_NAME }, files: TOKEN_FILE },
  'fromTokenFile.spec › reads config from env › throws if role_arn is not specified': { env: { AWS_WEB_IDENTITY_TOKEN_FILE: ENV.AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_SESSION_NAME: ENV.AWS_ROLE_SESSION_NAME }, files: TOKEN_FILE },
  // fromWebToken.spec.ts
  'fromWebToken.spec › generates a random value for RoleSessionName if not available': { env: { AWS_WEB_IDENTITY_TOKEN_FILE: ENV.AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN: ENV.AWS_ROLE_ARN }, files: TOKEN_FILE },
};
