// aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp: fromHttp.spec.ts, checkUrl.spec.ts,
// requestHelpers.spec.ts, ported `it` by `it` with the container endpoint on a loopback server ({HTTP}: /creds answers
// credentials, /auth wants "Bearer good", /fail answers 500, /e400 answers 400 with an error body).
//
// not portable:
//   fromHttp.spec › uses the relative uri — goes to 169.254.170.2, which the project's tests never call
//   fromHttp.spec (newer) › relative uri should take precedence over full uri — the same address
//   fromHttp.spec (newer) › passes custom timeout as requestTimeout to handle() — init.timeout is code
//   fromHttp.spec (newer) › destroys the request handler after the provider resolves / even when the request fails — handler
//     lifetime inside one call
//   checkUrl.spec › allows https — an https host would leave the machine
//   checkUrl.spec › allows ECS container host / allows EKS container host — 169.254.170.2 / .23 and fd00:ec2::23 are link-local
//     or private; the tests never point anything there
//   checkUrl.spec › allows localhost — only 127.0.0.1 is listened on (localhost and ::1 may resolve elsewhere); covered by
//     "allows http loopback v4 URI"
//   checkUrl.spec › additional test cases › rejects forbidden host in full URI (192.168.1.1) / rejects forbidden link-local host
//     in full URI (169.254.170.3) — private and link-local addresses, as above
// The spec's https://u1.aws / t1.aws / t2.aws endpoints are the loopback server here.
import { type S } from './common';

export const HTTP: Record<string, S> = {
  // fromHttp.spec.ts
  'fromHttp.spec › uses the full uri': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '' } },
  'fromHttp.spec › can use the token': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer good' } },
  'fromHttp.spec › can use the token file': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '{HOME}/some-file' }, files: { 'some-file': 'Bearer good' } },
  // fromHttp.spec.ts, newer version
  'fromHttp.spec (newer) › token file takes precedence over token': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'static-token', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '{HOME}/some-file' }, files: { 'some-file': 'Bearer good' } },
  'fromHttp.spec (newer) › rejects token containing \\r\\n': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/auth', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer token\r\nX-Injected: header' } },
  // checkUrl.spec.ts
  'checkUrl.spec › rejects other http': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://abcd.com' } },
  'checkUrl.spec › additional test cases › allows http loopback v4 URI': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds' } },
  // requestHelpers.spec.ts
  'requestHelpers.spec › getCredentials › parses the response body for status 200': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds' } },
  'requestHelpers.spec › getCredentials › throws CredentialsProviderError for status 4xx and tries to parse the error body': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/e400' } },
  'requestHelpers.spec › getCredentials › throws CredentialsProviderError for status not equal to 200': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/fail' } },
  'requestHelpers.spec › createGetRequest › creates an HttpRequest from a URL': { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{HTTP}/creds?query=v' } },
};
