// What the ported spec scenarios share: key material, helper scripts, SSO caches. `{HOME}`, `{IMDS}` and `{HTTP}` are
// filled in when a scenario is laid out (scenarioRun.ts layOut). Only marker keys appear here, never real secrets.
import { createHash } from 'node:crypto';
import type { Scenario } from '../scenarioRun';

export type S = Omit<Scenario, 'id'>;

export const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const keys = (ak: string, token?: string) => `aws_access_key_id = ${ak}\naws_secret_access_key = ${SK}\n${token ? `aws_session_token = ${token}\n` : ''}`;
export const ROLE = 'arn:aws:iam::123456789012:role/foo';
/** a helper script printing `json` (single-quoted for /bin/sh) and exiting with `exit` */
export const proc = (json: string, exit = 0) => `#!/bin/sh\necho '${json}'\nexit ${exit}\n`;
export const OK_PROC = (ak: string, extra = '') => proc(`{"Version": 1, "AccessKeyId": "${ak}", "SecretAccessKey": "procsecret"${extra}}`);
export const START = 'https://spec.awsapps.com/start';
/** the SSO token cache file for a start URL (legacy) or an sso-session name */
export const cacheFile = (key: string) => `.aws/sso/cache/${createHash('sha1').update(key).digest('hex')}.json`;
export const token = (expiresAt: string, extra: object = {}) => JSON.stringify({ startUrl: START, region: 'us-east-1', accessToken: 'SPECBEARER', expiresAt, ...extra });
export const SSO_LEGACY = `sso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = SpecRole\n`;
export const SSO_SESSION = `[sso-session s]\nsso_start_url = ${START}\nsso_region = us-east-1\n`;
export const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENVSPEC000000001', AWS_SECRET_ACCESS_KEY: 'envsecret' };
export const FAR = '2099-01-01T00:00:00Z';
export const PAST = '2001-01-01T00:00:00Z';
/** where a scenario's STS or SSO region decides the endpoint: the jail's closed AWS_ENDPOINT_URL would hide it */
export const REAL_ENDPOINTS = { AWS_ENDPOINT_URL: undefined };
