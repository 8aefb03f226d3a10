// aws-sdk-js-v3 packages/credential-provider-env/src: fromEnv.spec.ts (two stored versions: the older one, and the
// newer one with AWS_ACCOUNT_ID), index.spec.ts, ported `it` by `it`. fromEnv is
// the first link of fromNodeProviderChain (no profile given), so each case is the chain with that environment.
//
// not portable: none (every case is an environment).
import { type S } from './common';

const FOO = { AWS_ACCESS_KEY_ID: 'AKIAENVSPECFOO000001', AWS_SECRET_ACCESS_KEY: 'bar' };
/** fromEnv.spec's expiration is "now" when the spec runs: a fixed instant of the past stands for it */
const NOW_ISH = '2026-01-01T00:00:00.000Z';

export const ENV: Record<string, S> = {
  // fromEnv.spec.ts
  'fromEnv.spec › should read credentials from known environment variables': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00001', AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey', AWS_SESSION_TOKEN: 'mockSessionToken', AWS_CREDENTIAL_EXPIRATION: NOW_ISH } },
  'fromEnv.spec › can create credentials without a session token or expiration': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00002', AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey' } },
  "fromEnv.spec › throws if env['AWS_ACCESS_KEY_ID'] is not found": { env: { AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey', AWS_SESSION_TOKEN: 'mockSessionToken', AWS_CREDENTIAL_EXPIRATION: NOW_ISH } },
  "fromEnv.spec › throws if env['AWS_SECRET_ACCESS_KEY'] is not found": { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00003', AWS_SESSION_TOKEN: 'mockSessionToken', AWS_CREDENTIAL_EXPIRATION: NOW_ISH } },
  // fromEnv.spec.ts, newer version (AWS_ACCOUNT_ID set in its beforeEach)
  'fromEnv.spec (newer) › should read credentials from known environment variables': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00004', AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey', AWS_SESSION_TOKEN: 'mockSessionToken', AWS_CREDENTIAL_EXPIRATION: NOW_ISH, AWS_ACCOUNT_ID: '123456789012' } },
  'fromEnv.spec (newer) › can create credentials without a session token, accountId, or expiration': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00005', AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey' } },
  'fromEnv.spec (newer) › should include accountId when it is provided in environment variables': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00006', AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey', AWS_SESSION_TOKEN: 'mockSessionToken', AWS_ACCOUNT_ID: '123456789012' } },
  'fromEnv.spec (newer) › should not include accountId when it is not provided in environment variables': { env: { AWS_ACCESS_KEY_ID: 'AKIAENVSPECMOCK00007', AWS_SECRET_ACCESS_KEY: 'mockSecretAccessKey', AWS_SESSION_TOKEN: 'mockSessionToken' } },
  // index.spec.ts
  'index.spec › should read credentials from known environment variables': { env: { ...FOO, AWS_SESSION_TOKEN: 'baz', AWS_CREDENTIAL_EXPIRATION: '1970-01-01T07:00:00Z' } },
  'index.spec › can create credentials without a session token or expiration': { env: FOO },
  'index.spec › should reject the promise if no environmental credentials can be found': {},
  'index.spec › should flag a lack of credentials as a non-terminal error': { files: { '.aws/credentials': `[default]\naws_access_key_id = AKIAENVSPECNEXT00001\naws_secret_access_key = s\n` } },
};
