// Conformance of `which --sdk js` with the real JS SDK v3 on the scenarios of the SDK's own provider specs
// (jsSpecScenarios.ts, and jsSpec/: the spec files ported `it` by `it`). Both sides run at test time, each in one batched process: the real fromNodeProviderChain
// (jsBatch.cjs sdk, with its own STS/SSO clients answering through a recording request handler) and credchain's
// CLI (jsBatch.cjs credchain). credchain must report what the SDK returned: the error (type and message) or the
// credentials' $source, key id, session token, expiry, the calls the SDK's clients made (API and endpoint) and the
// region. Instance metadata and the container endpoint are loopback servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { askCredchain, askSdk, layOut, startImds, removeAll, SSO_KEY, STS_KEY, type CliAnswer, type Laid, type SdkAnswer } from './scenarioRun';
import { SPEC_SCENARIOS } from './jsSpecScenarios';

interface JsWhich {
  credentials: { accessKeyId: string | null; hasSessionToken: boolean; expiration: string | null; source: Record<string, string>; deferred?: boolean } | null;
  error: { type: string; message: string } | null;
  region: { name: string | null; error?: string };
  calls: { api: string; params: Record<string, string | number> }[];
}

/** the region only the loopback instance metadata server names */
const IMDS_REGION = 'eu-west-3';
const CREDS = JSON.stringify({ AccessKeyId: 'ASIAHTTPSPEC00000001', SecretAccessKey: 'httpsecret', Token: 'httptoken', Expiration: '2099-01-01T00:00:00Z' });
let imds: LoopbackServer;
let http: LoopbackServer;
let laid: Laid[] = [];
let sdk: Map<string, SdkAnswer>;
let ours: Map<string, CliAnswer>;

beforeAll(async () => {
  imds = await startImds('ASIAIMDSSPEC00000001', IMDS_REGION);
  http = await startLoopback({
    'GET /creds': { status: 200, body: CREDS, headers: { 'content-type': 'application/json' } },
    'GET /auth': (req) => (req.headers.authorization === 'Bearer good' ? { status: 200, body: CREDS } : { status: 401, body: '{"message":"no"}' }),
    'GET /fail': { status: 500, body: 'oops' },
    'GET /e400': { status: 400, body: JSON.stringify({ Code: 'ERROR_CODE', Message: 'ERROR_MESSAGE', ExtraneousField: 'EXTRANEOUS_FIELD' }), headers: { 'content-type': 'application/json' } },
  });
  laid = SPEC_SCENARIOS.map((s) => layOut(s, { IMDS: imds.url, HTTP: http.url }));
  [sdk, ours] = await Promise.all([askSdk(laid), askCredchain(laid, (l) => ['which', '--sdk', 'js', '--json', ...l.argv])]);
}, 240_000);

afterAll(async () => {
  removeAll(laid);
  await imds?.close();
  await http?.close();
});

/** credchain prints an expiry without zero milliseconds */
const iso = (t: string | null) => (t && t !== 'Invalid Date' ? new Date(t).toISOString() : t);

describe('which --sdk js agrees with the real fromNodeProviderChain on the JS SDK spec scenarios', () => {
  it('has the scenarios of every provider spec, ported it by it (400 or more), each answered by both sides', () => {
    expect(SPEC_SCENARIOS.length).toBeGreaterThanOrEqual(400);
    expect(new Set(SPEC_SCENARIOS.map((s) => s.id)).size).toBe(SPEC_SCENARIOS.length);
    // every spec file ported in test/compare/jsSpec/ keeps its scenarios (the ones it cannot port are listed there)
    const specOf = (id: string) => /^\w+: ([\w.-]+\.spec) › /.exec(id)?.[1];
    const ported = new Set(SPEC_SCENARIOS.map((s) => `${s.id.split(':')[0]}/${specOf(s.id) ?? ''}`).filter((k) => !k.endsWith('/')));
    expect([...ported].sort()).toEqual(
      [
        'node/defaultProvider.spec', 'node/remoteProvider.spec', 'node/credential-provider-node.integ.spec', 'node/index.spec',
        'env/fromEnv.spec', 'env/index.spec',
        'ini/index.spec', 'ini/fromIni.integ.spec', 'ini/resolveAssumeRoleCredentials.spec', 'ini/resolveCredentialSource.spec', 'ini/resolveProfileData.spec',
        'ini/resolveStaticCredentials.spec', 'ini/resolveWebIdentityCredentials.spec', 'ini/resolveSsoCredentials.spec', 'ini/resolveProcessCredentials.spec', 'ini/resolveLoginCredentials.spec',
        'process/index.spec', 'process/resolveProcessCredentials.spec', 'process/getValidatedProcessCredentials.spec',
        'sso/fromSSO.spec', 'sso/resolveSSOCredentials.spec', 'sso/validateSsoProfile.spec', 'sso/isSsoProfile.spec', 'sso/index.spec',
        'webIdentity/fromTokenFile.spec', 'webIdentity/fromWebToken.spec',
        'http/fromHttp.spec', 'http/checkUrl.spec', 'http/requestHelpers.spec',
        'sharedIni/parseIni.spec', 'sharedIni/getConfigData.spec', 'sharedIni/loadSharedConfigFiles.spec', 'sharedIni/getProfileName.spec', 'sharedIni/getConfigFilepath.spec',
        'sharedIni/getCredentialsFilepath.spec', 'sharedIni/getSsoSessionData.spec', 'sharedIni/loadSsoSessionData.spec', 'sharedIni/mergeConfigFiles.spec', 'sharedIni/getHomeDir.spec',
        'sharedIni/getSSOTokenFromFile.spec', 'sharedIni/getSSOTokenFilepath.spec',
      ].sort(),
    );
    const groups = new Set(SPEC_SCENARIOS.map((s) => s.id.split(':')[0]));
    expect([...groups].sort()).toEqual(['assumeRole', 'env', 'http', 'ini', 'node', 'process', 'sharedIni', 'sso', 'webIdentity']);
    expect(sdk.size).toBe(SPEC_SCENARIOS.length);
    expect(ours.size).toBe(SPEC_SCENARIOS.length);
    // the suite sees every outcome: keys, deferred calls and failures
    const answers = [...sdk.values()];
    expect(answers.filter((a) => a.error).length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.accessKeyId === STS_KEY).length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.accessKeyId === SSO_KEY).length).toBeGreaterThan(3);
    expect(answers.filter((a) => a.accessKeyId?.startsWith('AKIA')).length).toBeGreaterThan(40);
  });

  it.each(SPEC_SCENARIOS.map((s) => [s.id]))('%s', (id) => {
    const real = sdk.get(id)!;
    const mine = ours.get(id)!;
    expect(real.crashed, real.crashed).toBeUndefined();
    expect(mine.crashed, mine.crashed).toBeUndefined();
    expect(mine.stderr).toBe('');
    const j = JSON.parse(mine.stdout) as JsWhich;
    expect(mine.code).toBe(real.error ? 253 : 0);
    if (real.error) {
      expect(j.credentials).toBeNull();
      expect(j.error?.type).toBe(real.error.type);
      // credchain adds why when every link was skipped
      expect(j.error?.message.startsWith(real.error.message), `${j.error?.message} / ${real.error.message}`).toBe(true);
    } else {
      const fetched = real.accessKeyId === STS_KEY || real.accessKeyId === SSO_KEY;
      expect(j.error).toBeNull();
      expect(j.credentials!.source).toEqual(real.source);
      expect(j.credentials!.accessKeyId).toBe(fetched ? null : real.accessKeyId);
      expect(j.credentials!.hasSessionToken).toBe(real.hasSessionToken);
      if (fetched) expect(j.credentials!.deferred).toBe(true);
      else expect(iso(j.credentials!.expiration)).toBe(iso(real.expiration));
    }
    expect(j.calls.map((c) => [c.api, c.params.endpoint])).toEqual(real.calls.map((c) => [c.api, c.endpoint]));
    if (real.region?.name === IMDS_REGION) {
      // the one place credchain does not follow the SDK: it never asks instance metadata for a region, and says so
      expect(j.region.name).toBeNull();
      expect(j.region.error).toMatch(/would then ask instance metadata \(IMDSv2\) for the region, which credchain does not do/);
    } else expect(j.region.name).toBe(real.region?.name ?? null);
  });
});
