// Stand-ins that keep the JS SDK from calling AWS unless asked (--resolve): a role assumer and a web-identity
// role assumer that record the AssumeRole call they were asked to make, and an HTTP handler for the SDK's own
// clients (SSO portal, SSO OIDC) that records each request and sends none. The SSO portal gets a placeholder
// answer so the chain completes as it would; everything else fails as an unreachable endpoint would. Recorded
// parameters never include secrets (no token, no web identity token, no bearer header).
import type { Method } from '../chain/types';
import type { JsCall } from './jsReport';
import { methodOfSource } from './jsSource';

/** the access key id of credentials credchain made up instead of fetching */
export const NOT_FETCHED = 'CREDCHAIN-NOT-FETCHED';

interface AwsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  $source?: Record<string, string>;
}

export interface Fakes {
  roleAssumer(source: AwsIdentity, params: Record<string, unknown>): Promise<AwsIdentity>;
  roleAssumerWithWebIdentity(params: Record<string, unknown>): Promise<AwsIdentity>;
  clientConfig: { requestHandler: { handle(req: HttpRequestLike): Promise<{ response: unknown }>; updateHttpClientConfig(): void; httpHandlerConfigs(): object } };
  /** placeholder credentials → the role ARN whose AssumeRole produced them */
  assumed: WeakMap<object, string>;
}

interface HttpRequestLike {
  hostname?: string;
  path?: string;
  method?: string;
  query?: Record<string, string | string[] | null>;
}

/** a method for credentials handed to a role assumer, by their $source ("profile-keys" stays unresolved: null) */
function signerMethod(c: AwsIdentity): Method | null {
  const m = methodOfSource(c.$source);
  return m === undefined || m === 'profile-keys' ? null : m;
}

function placeholder(): AwsIdentity {
  return { accessKeyId: NOT_FETCHED, secretAccessKey: NOT_FETCHED, sessionToken: NOT_FETCHED };
}

export function makeFakes(calls: JsCall[]): Fakes {
  const assumed = new WeakMap<object, string>();
  const pick = (p: Record<string, unknown>, keys: string[]) => {
    const out: Record<string, string | number> = {};
    for (const k of keys) if (p[k] !== undefined && p[k] !== null) out[k] = typeof p[k] === 'number' ? (p[k] as number) : String(p[k]);
    return out;
  };
  return {
    assumed,
    async roleAssumer(source, params) {
      const signer = source.accessKeyId === NOT_FETCHED ? { method: 'assume-role' as Method, accessKeyId: null } : { method: signerMethod(source), accessKeyId: source.accessKeyId };
      calls.push({ api: 'sts:AssumeRole', params: pick(params, ['RoleArn', 'RoleSessionName', 'ExternalId', 'DurationSeconds', 'SerialNumber']), signedBy: signer, made: false });
      const c = placeholder();
      assumed.set(c, String(params.RoleArn));
      return c;
    },
    async roleAssumerWithWebIdentity(params) {
      calls.push({ api: 'sts:AssumeRoleWithWebIdentity', params: pick(params, ['RoleArn', 'RoleSessionName', 'DurationSeconds', 'ProviderId']), made: false });
      const c = placeholder();
      assumed.set(c, String(params.RoleArn));
      return c;
    },
    clientConfig: {
      requestHandler: {
        async handle(req) {
          const host = req.hostname ?? '';
          const q = req.query ?? {};
          if (/^portal\.sso\./.test(host) && /\/federation\/credentials$/.test(req.path ?? '')) {
            calls.push({ api: 'sso:GetRoleCredentials', params: { endpoint: `https://${host}`, account_id: String(q.account_id ?? ''), role_name: String(q.role_name ?? '') }, made: false });
            const body = JSON.stringify({ roleCredentials: { accessKeyId: NOT_FETCHED, secretAccessKey: NOT_FETCHED, sessionToken: NOT_FETCHED, expiration: Date.now() + 3600_000 } });
            return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) } };
          }
          const api = /^oidc\./.test(host) ? 'sso-oidc:CreateToken' : `${req.method ?? 'GET'} https://${host}${req.path ?? ''}`;
          calls.push({ api, params: { endpoint: `https://${host}` }, made: false });
          throw new Error(`credchain did not send this request to ${host} (--resolve lets the JS SDK call AWS)`);
        },
        updateHttpClientConfig() {},
        httpHandlerConfigs() {
          return {};
        },
      },
    },
  };
}
