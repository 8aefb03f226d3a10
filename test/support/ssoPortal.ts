// A loopback stand-in for the IAM Identity Center portal's ListAccounts and ListAccountRoles: it checks the bearer
// token, pages its answers with nextToken (a fixed small page size, whatever maxResults asks), can answer 429 a set
// number of times first (or always), and 401 for a revoked token. Built on startLoopback, so it listens on
// 127.0.0.1 only and stops by itself.
import { startLoopback, type LoopbackServer, type RecordedRequest, type RouteReply } from './loopback';

export interface PortalAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roles: string[];
}

export interface PortalOptions {
  token: string;
  accounts: PortalAccount[];
  pageSize?: number;
  /** answer this many requests with 429 TooManyRequestsException before serving (Infinity: always) */
  throttle?: number;
  /** every request gets 401 UnauthorizedException */
  revoked?: boolean;
}

export interface Portal extends LoopbackServer {
  options: PortalOptions;
}

const json = (status: number, body: unknown, errorType?: string): RouteReply => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
});

export async function startPortal(options: PortalOptions): Promise<Portal> {
  let throttled = 0;
  const guard = (req: RecordedRequest): RouteReply | undefined => {
    if (options.throttle !== undefined && throttled < options.throttle) {
      throttled++;
      return json(429, { message: 'slow down' }, 'TooManyRequestsException');
    }
    if (options.revoked || req.headers['x-amz-sso_bearer_token'] !== options.token) {
      return json(401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
    }
    return undefined;
  };
  const page = <T>(items: T[], req: RecordedRequest) => {
    const q = new URL(req.path, 'http://x').searchParams;
    const size = options.pageSize ?? 2;
    const start = Number(q.get('next_token') ?? '0');
    const next = start + size < items.length ? String(start + size) : undefined;
    return { items: items.slice(start, start + size), next };
  };
  const server = await startLoopback(
    {
      'GET /assignment/accounts': (req) => {
        const denied = guard(req);
        if (denied) return denied;
        const p = page(options.accounts, req);
        return json(200, { accountList: p.items.map(({ roles: _, ...a }) => a), nextToken: p.next });
      },
      'GET /assignment/roles': (req) => {
        const denied = guard(req);
        if (denied) return denied;
        const id = new URL(req.path, 'http://x').searchParams.get('account_id');
        const account = options.accounts.find((a) => a.accountId === id);
        if (!account) return json(404, { message: 'no such account' }, 'ResourceNotFoundException');
        const p = page(account.roles, req);
        return json(200, { roleList: p.items.map((roleName) => ({ roleName, accountId: id })), nextToken: p.next });
      },
    },
    { lifetimeMs: 120_000 },
  );
  return Object.assign(server, { options });
}
