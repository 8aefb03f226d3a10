// What keeps the JS SDK from calling AWS unless asked (--resolve): a request handler given to the SDK's own clients
// (the STS client of AssumeRole and AssumeRoleWithWebIdentity, the SSO portal client, the SSO OIDC client), so the
// clients are the real ones: region and endpoint resolution, defaults mode, host checks, serialization and signing
// are the SDK's own, and only the bytes on the wire are replaced. The handler records each request with the
// endpoint the client chose and answers STS and the SSO portal with placeholder credentials, so the chain completes
// as it would; anything else fails as an unreachable endpoint would. A client plugin notes which credentials signed
// each request. Recorded parameters never include secrets (no token code, web identity token or bearer header).
import type { Method } from '../core/types';
import type { JsCall } from './jsReport';
import { methodOfSource } from './jsSource';

/** the access key id of credentials credchain made up instead of fetching */
export const NOT_FETCHED = 'CREDCHAIN-NOT-FETCHED';

interface Identity {
  accessKeyId?: string;
  $source?: Record<string, string>;
}

export interface HttpRequestLike {
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  method?: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: unknown;
}

type Middleware = (
  next: (args: { request: unknown }) => Promise<unknown>,
  context: Record<string, unknown>,
) => (args: { request: unknown }) => Promise<unknown>;

export interface Recorder {
  requestHandler: {
    handle(req: HttpRequestLike): Promise<{ response: unknown }>;
    updateHttpClientConfig(): void;
    httpHandlerConfigs(): object;
  };
  /** added to the STS client the SDK builds for AssumeRole: notes the identity that signs each request */
  plugin: { applyToStack(stack: { addRelativeTo(m: Middleware, o: object): void }): void };
}

const STS_PARAMS = [
  'RoleArn',
  'RoleSessionName',
  'ExternalId',
  'DurationSeconds',
  'SerialNumber',
  'ProviderId',
  'Policy',
];
const FAR = '2099-01-01T00:00:00Z';

/** "https://host[:port]", as the client chose it */
function endpointOf(req: HttpRequestLike): string {
  const protocol = (req.protocol ?? 'https:').replace(/:?$/, ':');
  return `${protocol}//${req.hostname ?? ''}${req.port ? `:${req.port}` : ''}`;
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '';
}

/** the access key id in a SigV4 Authorization header */
function signingKey(headers: Record<string, string> | undefined): string | null {
  const auth = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  return /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? null;
}

function signerMethod(id: Identity | undefined, accessKeyId: string | null): Method | null {
  if (accessKeyId === NOT_FETCHED) return 'assume-role';
  const m = methodOfSource(id?.$source);
  return m === undefined || m === 'profile-keys' ? null : m;
}

/**
 * The AssumedRoleUser ARN STS answers on success: arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION, always with an
 * account (the SDK reads it: credentials get an accountId, and web identity ones RESOLVED_ACCOUNT_ID). A role ARN
 * without an account would be refused by STS; the placeholder account stands for whatever account it names.
 */
function assumedRoleArn(roleArn: string, session: string): string {
  const parts = roleArn.split(':');
  const isArn = parts.length > 5 && parts[0] === 'arn';
  const partition = isArn && parts[1] ? parts[1] : 'aws';
  const account = isArn && /^\d{12}$/.test(parts[4]) ? parts[4] : '000000000000';
  const name = (isArn ? parts.slice(5).join(':') : roleArn).split('/').pop() || 'role';
  return `arn:${partition}:sts::${account}:assumed-role/${name}/${session || 'credchain'}`;
}

function stsAnswer(action: 'AssumeRole' | 'AssumeRoleWithWebIdentity', roleArn: string, session: string): string {
  const creds = [
    `<AccessKeyId>${NOT_FETCHED}</AccessKeyId>`,
    `<SecretAccessKey>${NOT_FETCHED}</SecretAccessKey>`,
    `<SessionToken>${NOT_FETCHED}</SessionToken>`,
    `<Expiration>${FAR}</Expiration>`,
  ].join('');
  const arn = assumedRoleArn(roleArn, session).replace(/[<>&]/g, '');
  const user = `<Arn>${arn}</Arn><AssumedRoleId>AROA${NOT_FETCHED}:credchain</AssumedRoleId>`;
  const result = `<Credentials>${creds}</Credentials><AssumedRoleUser>${user}</AssumedRoleUser>`;
  const meta = '<ResponseMetadata><RequestId>credchain</RequestId></ResponseMetadata>';
  const xmlns = 'https://sts.amazonaws.com/doc/2011-06-15/';
  return `<${action}Response xmlns="${xmlns}"><${action}Result>${result}</${action}Result>${meta}</${action}Response>`;
}

const ok = (body: string, type: string) => ({
  response: { statusCode: 200, headers: { 'content-type': type }, body: Buffer.from(body) },
});

export function makeRecorder(calls: JsCall[]): Recorder {
  const signers = new WeakMap<object, Identity>();
  const signedBy = (req: HttpRequestLike) => {
    const accessKeyId = signingKey(req.headers);
    return {
      method: signerMethod(signers.get(req), accessKeyId),
      accessKeyId: accessKeyId === NOT_FETCHED ? null : accessKeyId,
    };
  };
  return {
    plugin: {
      applyToStack(stack) {
        const note: Middleware = (next, context) => async (args) => {
          const smithy = context.__smithy_context as { selectedHttpAuthScheme?: { identity?: Identity } } | undefined;
          const identity = smithy?.selectedHttpAuthScheme?.identity;
          if (identity && args.request && typeof args.request === 'object') signers.set(args.request, identity);
          return next(args);
        };
        stack.addRelativeTo(note, {
          name: 'credchainSignerNote',
          relation: 'after',
          toMiddleware: 'httpSigningMiddleware',
          override: true,
        });
      },
    },
    requestHandler: {
      async handle(req) {
        const endpoint = endpointOf(req);
        const form = new URLSearchParams(bodyText(req.body));
        const action = form.get('Action');
        if (action === 'AssumeRole' || action === 'AssumeRoleWithWebIdentity') {
          const params: Record<string, string | number> = { endpoint };
          for (const k of STS_PARAMS) {
            const v = form.get(k);
            if (v !== null) params[k] = k === 'DurationSeconds' && /^\d+$/.test(v) ? Number(v) : v;
          }
          const call: JsCall = { api: `sts:${action}`, params, made: false };
          if (action === 'AssumeRole') call.signedBy = signedBy(req);
          calls.push(call);
          return ok(stsAnswer(action, form.get('RoleArn') ?? '', form.get('RoleSessionName') ?? ''), 'text/xml');
        }
        const q = req.query ?? {};
        if (/\/federation\/credentials$/.test(req.path ?? '')) {
          calls.push({
            api: 'sso:GetRoleCredentials',
            params: { endpoint, account_id: String(q.account_id ?? ''), role_name: String(q.role_name ?? '') },
            made: false,
          });
          return ok(
            JSON.stringify({
              roleCredentials: {
                accessKeyId: NOT_FETCHED,
                secretAccessKey: NOT_FETCHED,
                sessionToken: NOT_FETCHED,
                expiration: Date.parse(FAR),
              },
            }),
            'application/json',
          );
        }
        const api =
          req.path === '/token' && req.method === 'POST'
            ? 'sso-oidc:CreateToken'
            : `${req.method ?? 'GET'} ${endpoint}${req.path ?? ''}`;
        calls.push({ api, params: { endpoint }, made: false });
        throw new Error(`credchain did not send this request to ${endpoint} (--resolve lets the JS SDK call AWS)`);
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs() {
        return {};
      },
    },
  };
}

/** the role ARN of the last AssumeRole / AssumeRoleWithWebIdentity the recorder answered: the outer role of a chain */
export function lastRoleArn(calls: JsCall[]): string | undefined {
  const sts = calls.filter((c) => c.api.startsWith('sts:AssumeRole'));
  const last = sts[sts.length - 1];
  return last ? String(last.params.RoleArn) : undefined;
}
