// Every account and role an IAM Identity Center token grants, asked of the portal through the real SSO client
// (@aws-sdk/client-sso, loaded only here): ListAccounts then ListAccountRoles per account, every page followed,
// a bounded number of calls in flight, throttling retried by the SDK's standard retry strategy. A refused token
// means a login is needed; throttling that outlasts the retries or a portal that cannot be reached is a failure.
import { AwsNetworkError, AwsServiceError, SsoLoginRequiredError } from '../aws/awsErrors';
import { silenceNodeVersionWarning } from '../aws/stsClient';

export interface AccountRole {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roleName: string;
}

export interface ListAccessOptions {
  /** the portal's URL (the configured endpoint or https://portal.sso.<region>.amazonaws.com) */
  endpoint: string;
  ssoRegion: string;
  accessToken: string;
  /** the command that gets a new token, for the message when the portal refuses this one */
  loginCommand: string;
  /** ListAccountRoles calls in flight at once */
  concurrency?: number;
  /** attempts per call, throttling included (the SDK's standard retry) */
  maxAttempts?: number;
  /** per request */
  timeoutMs?: number;
  /** pages are bounded: a portal that never stops paginating is a failure, not a loop */
  maxPages?: number;
}

const PAGE_SIZE = 100;

export async function listAccess(o: ListAccessOptions): Promise<AccountRole[]> {
  const { SSOClient, ListAccountsCommand, ListAccountRolesCommand } = await import('@aws-sdk/client-sso');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  await silenceNodeVersionWarning();
  const client = new SSOClient({
    region: o.ssoRegion,
    endpoint: o.endpoint,
    maxAttempts: o.maxAttempts ?? 5,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: o.timeoutMs ?? 10_000,
      requestTimeout: o.timeoutMs ?? 10_000,
    }),
    // ListAccounts and ListAccountRoles are unsigned: the bearer token is the only credential
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
  const maxPages = o.maxPages ?? 10_000;
  const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (e) {
      throw translate(e, operation, o);
    }
  };
  try {
    const accounts: { accountId: string; accountName: string; emailAddress?: string }[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      if (++pages > maxPages)
        throw new AwsNetworkError('PaginationError', 'SSO', 'ListAccounts', o.endpoint, `more than ${maxPages} pages`);
      const page = await call('ListAccounts', () =>
        client.send(new ListAccountsCommand({ accessToken: o.accessToken, maxResults: PAGE_SIZE, nextToken: next })),
      );
      for (const a of page.accountList ?? []) {
        if (!a.accountId) continue;
        accounts.push({
          accountId: a.accountId,
          accountName: a.accountName ?? a.accountId,
          emailAddress: a.emailAddress,
        });
      }
      next = page.nextToken || undefined;
    } while (next);

    const rolesOf = async (accountId: string): Promise<string[]> => {
      const roles: string[] = [];
      let token: string | undefined;
      let n = 0;
      do {
        if (++n > maxPages)
          throw new AwsNetworkError(
            'PaginationError',
            'SSO',
            'ListAccountRoles',
            o.endpoint,
            `more than ${maxPages} pages`,
          );
        const page = await call('ListAccountRoles', () =>
          client.send(
            new ListAccountRolesCommand({
              accessToken: o.accessToken,
              accountId,
              maxResults: PAGE_SIZE,
              nextToken: token,
            }),
          ),
        );
        for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
        token = page.nextToken || undefined;
      } while (token);
      return roles;
    };
    const roles = await mapLimit(accounts, o.concurrency ?? 8, (a) => rolesOf(a.accountId));
    const out: AccountRole[] = [];
    accounts.forEach((a, i) => {
      for (const roleName of roles[i]) out.push({ ...a, roleName });
    });
    return out;
  } finally {
    client.destroy();
  }
}

/** an SDK failure as credchain's error: 401 needs a login (253), throttling and the network are 255, the rest 254 */
function translate(e: unknown, operation: string, o: ListAccessOptions): Error {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = err.$metadata?.httpStatusCode;
  const name = err.name ?? 'Error';
  if (status === 401 || name === 'UnauthorizedException') {
    return new SsoLoginRequiredError(
      'UnauthorizedSSOTokenError',
      `the SSO portal at ${o.endpoint} refused the cached token (${name})`,
      o.loginCommand,
    );
  }
  if (status === 429 || name === 'TooManyRequestsException' || name === 'ThrottlingException') {
    return new AwsNetworkError(
      'TooManyRequestsException',
      'SSO',
      operation,
      o.endpoint,
      `still throttled after ${o.maxAttempts ?? 5} attempts; try again later`,
    );
  }
  if (status !== undefined && status < 500 && status >= 400)
    return new AwsServiceError('SSO', operation, name, oneLine(err.message), o.endpoint, status);
  const detail =
    status !== undefined
      ? `HTTP ${status} (${name})`
      : `${name}${err.code ? ` ${err.code}` : ''}: ${oneLine(err.message)}`;
  return new AwsNetworkError(
    status !== undefined ? 'HTTPClientError' : 'EndpointConnectionError',
    'SSO',
    operation,
    o.endpoint,
    detail,
  );
}

function oneLine(s: string | undefined): string {
  return (s ?? '').replace(/[\r\n]+/g, ' ').slice(0, 300);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const i = next++;
      try {
        out[i] = await fn(items[i]);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
  return out;
}
