// The JS SDK's answer in the shape of `which --json` (sdk "js"): its profile and region, the winner mapped to
// credchain's method names, and one entry per link of fromNodeProviderChain with the reason its logger gave.
import type { ChainLink, Location, Method, Status } from '../core/types';

/** the links of credential-provider-node's defaultProvider, in order */
export const JS_LINKS = ['fromEnv', 'fromSSO', 'fromIni', 'fromProcess', 'fromTokenFile', 'remoteProvider'] as const;
export type JsLink = (typeof JS_LINKS)[number];

export interface JsLinkReport {
  method: JsLink;
  status: Status;
  reason: string;
  /** the credchain method this link resolved to, when it won */
  resolvedAs?: Method;
  /** every line the SDK logged while this link ran */
  notes?: string[];
}

export interface JsCredentialsView {
  method: Method | null;
  /** null when the key was never fetched (a recorded, not made, AssumeRole / SSO call) */
  accessKeyId: string | null;
  hasSessionToken: boolean;
  expiration: string | null;
  location?: Location;
  roleArn?: string;
  /** the source credentials of an assume-role, as the role assumer received them */
  chain?: ChainLink[];
  /** true when the JS SDK would have called AWS for these keys and credchain only recorded the call */
  deferred?: boolean;
  /** the SDK's own attribution: `$source` feature → code */
  source: Record<string, string>;
}

/** an AWS call the JS chain made, or would have made (made: false) */
export interface JsCall {
  api: string;
  params: Record<string, string | number>;
  /** the credentials that sign it, when it is signed */
  signedBy?: { method: Method | null; accessKeyId: string | null };
  made: boolean;
}

export interface JsChainReport {
  sdk: 'js';
  profile: { name: string; source: '--profile' | 'AWS_PROFILE' | 'default' };
  region: { name: string | null; source: string; error?: string };
  credentials: JsCredentialsView | null;
  error: { type: string; message: string } | null;
  providers: JsLinkReport[];
  warnings: string[];
  calls: JsCall[];
  /** versions of the packages that answered */
  versions: Record<string, string>;
}
