// SSO GetRoleCredentials as botocore's SSO client sends it: an unsigned
// GET <portal>/federation/credentials?role_name=…&account_id=… with the bearer token in x-amz-sso_bearer_token,
// the portal being https://portal.sso.<sso_region>.amazonaws.com unless an endpoint is configured
// (AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL, a services section). A 401 means the login is over.
import type { Context } from '../core/context';
import { AwsNetworkError, AwsServiceError, SsoLoginRequiredError } from './awsErrors';
import type { ResolvedEndpoint } from './endpoints';
import { pyQuote, restJson, type RestJsonAnswer } from './restJson';

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** epoch milliseconds, as the portal sends it */
  expiration: number;
}

export async function getRoleCredentials(
  ctx: Pick<Context, 'http' | 'sleep' | 'debug'>,
  endpoint: ResolvedEndpoint,
  args: { roleName: string; accountId: string; accessToken: string; loginCommand: string },
  o: { timeoutMs: number; maxAttempts: number },
): Promise<RoleCredentials> {
  const url = `${endpoint.url.replace(/\/+$/, '')}/federation/credentials?role_name=${pyQuote(args.roleName)}&account_id=${pyQuote(args.accountId)}`;
  const answer = await restJson(
    ctx,
    'SSO',
    'GetRoleCredentials',
    { method: 'GET', url, headers: { 'x-amz-sso_bearer_token': args.accessToken }, timeoutMs: o.timeoutMs },
    o.maxAttempts,
  );
  if (answer.status === 401 || answer.errorCode === 'UnauthorizedException') {
    throw new SsoLoginRequiredError('UnauthorizedSSOTokenError', ssoTokenRefused(endpoint, answer), args.loginCommand);
  }
  if (answer.status !== 200) {
    const hint =
      answer.errorCode === 'ForbiddenException'
        ? `your Identity Center user has no access to role ${args.roleName} in account ${args.accountId}`
        : answer.errorCode === 'ResourceNotFoundException'
          ? `check sso_account_id (${args.accountId}) and sso_role_name (${args.roleName})`
          : undefined;
    if (answer.status >= 500 || !answer.json) {
      throw new AwsNetworkError(
        'HTTPClientError',
        'SSO',
        'GetRoleCredentials',
        endpoint.url,
        `HTTP ${answer.status} (${answer.errorCode})`,
      );
    }
    throw new AwsServiceError(
      'SSO',
      'GetRoleCredentials',
      answer.errorCode ?? `HTTP ${answer.status}`,
      answer.errorMessage ?? '',
      endpoint.url,
      answer.status,
      hint,
    );
  }
  const rc = answer.json?.roleCredentials as Record<string, unknown> | undefined;
  if (
    !rc ||
    typeof rc.accessKeyId !== 'string' ||
    typeof rc.secretAccessKey !== 'string' ||
    typeof rc.sessionToken !== 'string' ||
    typeof rc.expiration !== 'number'
  ) {
    throw new AwsNetworkError(
      'ResponseParserError',
      'SSO',
      'GetRoleCredentials',
      endpoint.url,
      'the answer has no roleCredentials (accessKeyId, secretAccessKey, sessionToken, expiration)',
    );
  }
  return {
    accessKeyId: rc.accessKeyId,
    secretAccessKey: rc.secretAccessKey,
    sessionToken: rc.sessionToken,
    expiration: rc.expiration,
  };
}

// Messages

function ssoTokenRefused(endpoint: ResolvedEndpoint, answer: RestJsonAnswer): string {
  return `the SSO portal at ${endpoint.url} refused the cached token (${answer.errorCode}${
    answer.errorMessage ? `: ${answer.errorMessage}` : ''
  }): the SSO session has expired or is otherwise invalid`;
}
