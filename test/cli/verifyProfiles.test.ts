// `credchain profiles --verify` against moto_server: one row per profile (ok, rejected, needs MFA, needs login, no
// credentials), never a prompt, exit 1 when a profile failed; and against an STS that never answers, every profile
// ends in its own deadline while the others run beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { ACCOUNT, MOTO_MISSING, startCountingProxy, startMoto, type CountingProxy, type Moto, type SetupResult } from '../support/moto';

let moto: Moto;
let sts: CountingProxy;
let hanging: LoopbackServer;
let aws: SetupResult;

function files(): Record<string, string> {
  const ci = aws.keys.ci;
  return {
    '.aws/credentials': `[default]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n[wrong-secret]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = nope\n`,
    '.aws/config': [
      `[profile role]\nrole_arn = ${aws.roles.deploy}\nsource_profile = default\n`,
      `[profile mfa]\nrole_arn = ${aws.roles.deploy}\nsource_profile = default\nmfa_serial = arn:aws:iam::${ACCOUNT}:mfa/ci\n`,
      `[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${ACCOUNT}\nsso_role_name = Admin\n`,
      `[profile empty]\nregion = eu-west-1\n`,
    ].join(''),
  };
}

describe.skipIf(MOTO_MISSING)('credchain profiles --verify', () => {
  beforeAll(async () => {
    moto = await startMoto();
    aws = await moto.setup({
      users: [{ name: 'ci', allow: ['sts:AssumeRole'] }],
      roles: [{ name: 'deploy', trust: [`arn:aws:iam::${ACCOUNT}:user/ci`] }],
    });
    sts = await startCountingProxy(moto.url);
    hanging = await startLoopback({ 'POST /': { hang: true } });
  });
  afterAll(async () => {
    await sts?.close();
    await moto?.close();
    await hanging?.close();
  });

  it('one row per profile; MFA and SSO profiles are reported, never prompted for; a failure exits 1', async () => {
    sts.reset();
    const r = await runCli(['profiles', '--verify', '--json'], { files: files(), env: { AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1' } });
    expect(r.code, r.stderr).toBe(1);
    const rows = Object.fromEntries(JSON.parse(r.stdout).profiles.map((p: { profile: string }) => [p.profile, p]));
    expect(Object.keys(rows).sort()).toEqual(['default', 'empty', 'mfa', 'role', 'sso', 'wrong-secret']);
    expect(rows.default).toMatchObject({ status: 'ok', method: 'shared-credentials-file', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci`, error: null });
    expect(rows.role).toMatchObject({ status: 'ok', method: 'assume-role', arn: expect.stringMatching(/assumed-role\/deploy\//) });
    expect(rows['wrong-secret']).toMatchObject({ status: 'rejected', error: { code: 'SignatureDoesNotMatch' } });
    expect(rows.mfa).toMatchObject({ status: 'needs-mfa', method: 'assume-role', error: { type: 'MfaCodeRequired' } });
    expect(rows.sso).toMatchObject({ status: 'needs-login', method: 'sso', error: { type: 'SSOTokenLoadError', message: expect.stringContaining('aws sso login --profile sso') } });
    expect(rows.empty).toMatchObject({ status: 'no-credentials', method: null });
    // every profile counted once: 6 = 2 verified + 1 failed + 1 needs login + 1 needs MFA + 1 skipped
    expect(JSON.parse(r.stdout).summary).toEqual({ total: 6, verified: 2, failed: 1, needsLogin: 1, needsMfa: 1, skipped: 1 });
    // one GetCallerIdentity per profile that resolved, one AssumeRole for "role"; nothing for mfa or sso
    expect(sts.actions().sort()).toEqual(['AssumeRole', 'GetCallerIdentity', 'GetCallerIdentity', 'GetCallerIdentity']);
  });

  it('text: a row each with profile, status, method, account and ARN or the error', async () => {
    const r = await runCli(['profiles', '--verify'], { files: files(), env: { AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1' } });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+STATUS\s+METHOD\s+ACCOUNT\s+ARN OR ERROR$/);
    expect(r.stdout).toMatch(new RegExp(`default\\s+✔ ok\\s+shared-credentials-file\\s+${ACCOUNT}\\s+arn:aws:iam::${ACCOUNT}:user/ci`));
    expect(r.stdout).toMatch(/mfa\s+… needs MFA\s+assume-role\s+-\s+needs an MFA code/);
    expect(r.stdout).toMatch(/wrong-secret\s+✘ rejected\s+shared-credentials-file\s+-\s+STS rejected GetCallerIdentity at .*: SignatureDoesNotMatch: /);
    expect(r.stdout).toMatch(/empty\s+- skipped\s+-\s+-\s+/);
    expect(r.stdout).toMatch(/^6 profiles: 2 verified, 1 failed, 1 needs login, 1 needs MFA, 1 skipped \(no credentials\)$/m);
    expect(r.stdout).not.toContain(aws.keys.ci.secretAccessKey);
  });

  it('an STS that never answers: every profile ends at its own deadline, side by side', async () => {
    // side by side is counted, not timed: the three requests wait at the server at once; one at a time, never more than one
    const hangingRun = async (server: LoopbackServer, seconds: string, extra: string[]) => {
      const r = await runCli(['profiles', '--verify', '--profile-timeout', seconds, '--json', ...extra], { files: files(), env: { AWS_ENDPOINT_URL_STS: server.url, AWS_DEFAULT_REGION: 'us-east-1' } });
      expect(r.code, r.stderr).toBe(1);
      const rows = JSON.parse(r.stdout).profiles;
      const timedOut = rows.filter((p: { status: string }) => p.status === 'timeout').map((p: { profile: string }) => p.profile).sort();
      expect(timedOut).toEqual(['default', 'role', 'wrong-secret']);
      // one request per profile: a deadline abandons it and sends no other
      expect(server.requests.map((q) => new URLSearchParams(q.body).get('Action')).sort()).toEqual(['AssumeRole', 'GetCallerIdentity', 'GetCallerIdentity']);
      return server.peakOpen;
    };
    expect(await hangingRun(hanging, '2', [])).toBe(3);
    const serial = await startLoopback({ 'POST /': { hang: true } }, { lifetimeMs: 30_000 });
    try {
      expect(await hangingRun(serial, '1', ['--concurrency', '1'])).toBe(1);
    } finally {
      await serial.close();
    }
  });

  it('bad bulk options are usage errors', async () => {
    expect((await runCli(['profiles', '--verify', '--concurrency', '0'], { files: files() })).code).toBe(252);
    expect((await runCli(['profiles', '--verify', '--profile-timeout', '-1'], { files: files() })).code).toBe(252);
  });
});
