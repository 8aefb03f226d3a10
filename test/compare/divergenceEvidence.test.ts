// Every boto3 / JS SDK divergence rule (src/divergences/, the js-* doctor rules) gets a scenario in which
// both real SDKs answer: botocore through test/conformance/oracle.py, the real fromNodeProviderChain through
// jsBatch.cjs. The divergence must show in their actual answers (the aspect the rule names differs), and credchain
// must name the rule for that scenario (doctor, or compare for the rule only the outcome shows). Where the
// difference lies past resolution (an expired key used, the AssumeRole request itself, instance metadata's endpoint
// mode), botocore is asked that directly in a small script: nothing is written down as either SDK's answer.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVERGENCES } from '../../src/divergences/index';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { PYTHON, probeOracle, type Expected, type OracleOutcome } from '../conformance/harness';
import { askBotocore, askCredchain, askSdk, layOut, startImds, removeAll, SSO_KEY, STS_KEY, type CliAnswer, type Laid, type Scenario, type SdkAnswer } from './scenarioRun';

const ORACLE_MISSING = 'problem' in probeOracle() && !process.env.CI;

const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const keys = (ak: string) => `aws_access_key_id = ${ak}\naws_secret_access_key = ${SK}\n`;
const ROLE = 'arn:aws:iam::123456789012:role/r';
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret' };
const PROC = (ak: string) => `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${ak}", "SecretAccessKey": "procsecret"}'\n`;
const START = 'https://example.awsapps.com/start';
const SSO = `sso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n`;
const IMDS_ENV = { AWS_EC2_METADATA_SERVICE_ENDPOINT: '{IMDS}' };

type Aspect = 'credentials' | 'token' | 'expiry' | 'region' | 'source' | 'call' | 'imds-mode';
interface Case {
  rule: string;
  aspect: Aspect;
  s: Omit<Scenario, 'id'>;
}

const CASES: Case[] = [
  { rule: 'js-aws-profile-skips-env', aspect: 'credentials', s: { files: { '.aws/credentials': `[p]\n${keys('AKIAPROFILEEXAMPLE01')}` }, env: { AWS_PROFILE: 'p', ...ENV_KEYS } } },
  { rule: 'js-ignores-aws-default-profile', aspect: 'credentials', s: { files: { '.aws/credentials': `[p]\n${keys('AKIAPROFILEEXAMPLE01')}[default]\n${keys('AKIADEFAULTEXAMPLE01')}` }, env: { AWS_DEFAULT_PROFILE: 'p' } } },
  { rule: 'js-empty-profile-variable', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\n${keys('AKIADEFAULTEXAMPLE01')}` }, env: { AWS_PROFILE: '' } } },
  { rule: 'js-missing-profile-falls-through', aspect: 'credentials', s: { imds: true, env: { AWS_PROFILE: 'missing', ...IMDS_ENV } } },
  { rule: 'js-partial-env-keys', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\n${keys('AKIADEFAULTEXAMPLE01')}` }, env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001' } } },
  { rule: 'js-ignores-security-token', aspect: 'token', s: { env: { ...ENV_KEYS, AWS_SECURITY_TOKEN: 'legacytoken' } } },
  { rule: 'js-returns-expired-env', aspect: 'expiry', s: { env: { ...ENV_KEYS, AWS_SESSION_TOKEN: 'tok', AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z' } } },
  { rule: 'js-no-path-expansion', aspect: 'credentials', s: { files: { 'x/creds': `[default]\n${keys('AKIAEXPANDEXAMPLE001')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: '$HOME/x/creds' } } },
  { rule: 'js-empty-file-variable', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\n${keys('AKIADEFAULTEXAMPLE01')}` }, env: { AWS_SHARED_CREDENTIALS_FILE: '' } } },
  { rule: 'js-dotted-profile-names', aspect: 'credentials', s: { files: { '.aws/credentials': `[profile x]\n${keys('AKIADOTTEDEXAMPLE001')}` }, env: { AWS_PROFILE: 'profile.x' } } },
  { rule: 'js-tolerates-broken-files', aspect: 'credentials', s: { files: { '.aws/credentials': '[default]\na = 1\n[default]\nb = 2\n' }, env: ENV_KEYS } },
  { rule: 'js-case-sensitive-keys', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\nAWS_ACCESS_KEY_ID = AKIAUPPEREXAMPLE0001\nAWS_SECRET_ACCESS_KEY = ${SK}\n` } } },
  { rule: 'js-no-colon-delimiter', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\naws_access_key_id : AKIACOLONEXAMPLE0001\naws_secret_access_key : ${SK}\n` } } },
  { rule: 'js-strips-inline-comments', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\naws_access_key_id = AKIACOMMENTEXAMPLE01 # work\naws_secret_access_key = ${SK}\n` } } },
  { rule: 'js-ignores-continuation', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\naws_access_key_id = AKIACONTINUEXAMPLE01\n  more\naws_secret_access_key = ${SK}\n` } } },
  { rule: 'js-lone-cr', aspect: 'credentials', s: { files: { '.aws/credentials': `[default]\raws_access_key_id = AKIALONECREXAMPLE001\raws_secret_access_key = ${SK}\r` } } },
  { rule: 'js-empty-value', aspect: 'credentials', s: { files: { '.aws/credentials': '[default]\naws_access_key_id = AKIAEMPTYEXAMPLE0001\naws_secret_access_key =\n' } } },
  { rule: 'js-default-section', aspect: 'credentials', s: { files: { '.aws/credentials': `[DEFAULT]\naws_secret_access_key = ${SK}\n[default]\naws_access_key_id = AKIADEFAULTEXAMPLE01\n` } } },
  { rule: 'js-profile-default-order', aspect: 'credentials', s: { files: { '.aws/config': `[profile default]\n${keys('AKIAPROFDEFEXAMPLE01')}[default]\n${keys('AKIABAREDEFEXAMPLE01')}` } } },
  { rule: 'js-odd-profile-headers', aspect: 'credentials', s: { files: { '.aws/config': `[profile "my prof"]\n${keys('AKIASPACEEXAMPLE0001')}` }, env: { AWS_PROFILE: 'my prof' } } },
  { rule: 'js-proto-section', aspect: 'credentials', s: { files: { '.aws/credentials': `[__proto__]\nx = 1\n[default]\n${keys('AKIAPROTOEXAMPLE0001')}` } } },
  { rule: 'js-merges-across-files', aspect: 'credentials', s: { files: { '.aws/config': `[default]\nrole_arn = ${ROLE}\nsource_profile = src\n[profile src]\naws_secret_access_key = ${SK}\n`, '.aws/credentials': '[src]\naws_access_key_id = AKIASOURCEEXAMPLE001\n' } } },
  { rule: 'js-role-arn-static-fallback', aspect: 'credentials', s: { files: { '.aws/config': `[default]\nrole_arn = ${ROLE}\n${keys('AKIASTATICEXAMPLE001')}` } } },
  { rule: 'js-role-both-sources', aspect: 'credentials', s: { imds: true, files: { '.aws/config': `[profile p]\nrole_arn = ${ROLE}\nsource_profile = src\ncredential_source = Environment\n[profile src]\n${keys('AKIASOURCEEXAMPLE001')}` }, profile: 'p', env: IMDS_ENV } },
  { rule: 'js-credential-source-soft-fail', aspect: 'credentials', s: { imds: true, files: { '.aws/config': `[profile p]\nrole_arn = ${ROLE}\ncredential_source = environment\n` }, profile: 'p', env: { ...ENV_KEYS, ...IMDS_ENV } } },
  { rule: 'js-credential-source-imds-ignores-disabled', aspect: 'credentials', s: { files: { '.aws/config': `[profile p]\nrole_arn = ${ROLE}\ncredential_source = Ec2InstanceMetadata\n` }, profile: 'p', env: { AWS_EC2_METADATA_DISABLED: 'true', ...IMDS_ENV } } },
  { rule: 'js-credential-source-only-source-profile', aspect: 'credentials', s: { files: { '.aws/config': `[profile p]\nrole_arn = ${ROLE}\nsource_profile = src\n[profile src]\ncredential_source = Environment\n` }, profile: 'p', env: ENV_KEYS } },
  { rule: 'js-role-errors-fall-through', aspect: 'credentials', s: { imds: true, files: { '.aws/config': `[profile p]\nrole_arn = ${ROLE}\nsource_profile = ghost\n` }, profile: 'p', env: IMDS_ENV } },
  { rule: 'js-mfa-requires-callback', aspect: 'credentials', s: { files: { '.aws/config': `[default]\nrole_arn = ${ROLE}\nsource_profile = src\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile src]\n${keys('AKIASOURCEEXAMPLE001')}` } } },
  { rule: 'js-resolves-eagerly', aspect: 'credentials', s: { files: { '.aws/config': `[default]\n${SSO}` } } },
  { rule: 'js-static-before-web-identity', aspect: 'credentials', s: { files: { token: 'tok', '.aws/config': `[default]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\n${keys('AKIASTATICEXAMPLE001')}` } } },
  { rule: 'js-web-identity-env-order', aspect: 'credentials', s: { files: { token: 'tok', '.aws/credentials': `[default]\n${keys('AKIASTATICEXAMPLE001')}` }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: 'token', AWS_ROLE_ARN: ROLE } } },
  { rule: 'js-web-identity-without-role', aspect: 'credentials', s: { files: { token: 'tok', '.aws/credentials': `[default]\n${keys('AKIASTATICEXAMPLE001')}` }, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token' } } },
  { rule: 'js-source-profile-over-web-identity', aspect: 'credentials', s: { files: { token: 'tok', '.aws/config': `[default]\nrole_arn = ${ROLE}\nweb_identity_token_file = {HOME}/token\nsource_profile = src\n[profile src]\n${keys('AKIASOURCEEXAMPLE001')}` } } },
  { rule: 'js-profile-branch-order', aspect: 'credentials', s: { files: { 'proc.sh': PROC('AKIAPROCESSEXAMPLE01'), '.aws/config': `[default]\n${SSO}credential_process = /bin/sh proc.sh\n` } } },
  { rule: 'js-sso-partial', aspect: 'credentials', s: { imds: true, files: { '.aws/config': '[default]\nsso_region = us-east-1\n' }, env: IMDS_ENV } },
  { rule: 'js-process-shell', aspect: 'credentials', s: { files: { '.aws/config': `[default]\ncredential_process = echo '{"Version": 1, "AccessKeyId": "AKIAPIPEEXAMPLE00001", "SecretAccessKey": "pipesecret"}' | cat\n` } } },
  { rule: 'js-process-failure-falls-through', aspect: 'credentials', s: { imds: true, files: { '.aws/config': '[default]\ncredential_process = /bin/sh -c "exit 3"\n' }, env: IMDS_ENV } },
  { rule: 'js-login-order', aspect: 'credentials', s: { files: { 'proc.sh': PROC('AKIAPROCESSEXAMPLE01'), '.aws/config': '[default]\nlogin_session = arn:aws:iam::123456789012:user/u\ncredential_process = /bin/sh proc.sh\n' } } },
  { rule: 'js-no-legacy-files', aspect: 'credentials', s: { files: { boto: '[Credentials]\naws_access_key_id = AKIABOTOEXAMPLE00001\naws_secret_access_key = botosecret\n' }, env: { BOTO_CONFIG: '{HOME}/boto' } } },
  { rule: 'js-imds-disabled-values', aspect: 'credentials', s: { imds: true, env: { AWS_EC2_METADATA_DISABLED: '1', ...IMDS_ENV } } },
  { rule: 'js-container-uri', aspect: 'credentials', s: { imds: true, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '', ...IMDS_ENV } } },
  { rule: 'js-imds-endpoint-mode-case', aspect: 'imds-mode', s: { imds: true, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv4', AWS_EC2_METADATA_SERVICE_ENDPOINT: undefined, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' } } },
  { rule: 'js-region-env-vars', aspect: 'region', s: { env: { ...ENV_KEYS, AWS_REGION: 'eu-west-1' } } },
  { rule: 'js-region-imds', aspect: 'region', s: { imds: true, env: { ...ENV_KEYS, ...IMDS_ENV } } },
  { rule: 'js-sts-call-defaults', aspect: 'call', s: { files: { '.aws/config': `[default]\nrole_arn = ${ROLE}\nsource_profile = src\nregion = us-east-1\n[profile src]\n${keys('AKIASOURCEEXAMPLE001')}` }, env: { AWS_ENDPOINT_URL_STS: '{STS}' } } },
];

/** a method family both SDKs share */
function botoKind(b: Expected): string {
  if (b.error) return 'error';
  const m = b.method;
  if (m === null) return 'none';
  if (m === 'shared-credentials-file' || m === 'config-file') return 'profile';
  if (m === 'container-role' || m === 'iam-role') return 'remote';
  return m;
}

const JS_FEATURES: [string, string][] = [
  ['CREDENTIALS_STS_ASSUME_ROLE', 'assume-role'],
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'assume-role'],
  ['CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', 'assume-role-with-web-identity'],
  ['CREDENTIALS_PROFILE_SSO', 'sso'],
  ['CREDENTIALS_SSO', 'sso'],
  ['CREDENTIALS_SSO_LEGACY', 'sso'],
  ['CREDENTIALS_PROFILE_PROCESS', 'custom-process'],
  ['CREDENTIALS_PROCESS', 'custom-process'],
  ['CREDENTIALS_HTTP', 'remote'],
  ['CREDENTIALS_IMDS', 'remote'],
  ['CREDENTIALS_ENV_VARS', 'env'],
  ['CREDENTIALS_PROFILE', 'profile'],
];
function jsKind(j: SdkAnswer): string {
  if (j.error) return 'error';
  // the default chain's instance metadata link sets no feature
  return JS_FEATURES.find(([f]) => f in (j.source ?? {}))?.[1] ?? 'remote';
}
const botoKey = (b: Expected) => (b.error || ['assume-role', 'assume-role-with-web-identity', 'sso'].includes(b.method ?? '') ? null : b.accessKeyId);
const jsKey = (j: SdkAnswer) => (j.error || j.accessKeyId === STS_KEY || j.accessKeyId === SSO_KEY ? null : j.accessKeyId);

/** a python script's one JSON line, botocore running in the scenario's environment and directory (async: the
 * loopback servers it may call live in this process) */
function botocoreSays(l: Laid, code: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', code], { env: l.env, cwd: l.home, timeout: 60_000, killSignal: 'SIGKILL' });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>) : reject(new Error(`python failed (${code}): ${err}`))));
  });
}

const USE_KEYS = `
import json, botocore.session
c = botocore.session.Session().get_credentials()
try:
    c.get_frozen_credentials()
    print(json.dumps({"used": True}))
except Exception as e:
    print(json.dumps({"used": False, "error": type(e).__name__}))
`;
const ASSUME_ROLE = `
import json, botocore.session
c = botocore.session.Session().get_credentials()
c.get_frozen_credentials()
print(json.dumps({"method": c.method}))
`;
const IMDS_BASE = `
import json, os, botocore.session, botocore.utils
s = botocore.session.Session()
mode = s.get_config_variable("ec2_metadata_service_endpoint_mode")
f = botocore.utils.InstanceMetadataFetcher(config={"ec2_metadata_service_endpoint_mode": mode, "ec2_metadata_service_endpoint": None})
print(json.dumps({"mode": mode, "base": f._base_url}))
`;

describe.skipIf(ORACLE_MISSING)('every divergence rule, confirmed by both real SDKs', () => {
  let imds: LoopbackServer;
  let sts: LoopbackServer;
  let laid: Laid[] = [];
  let boto: Map<string, OracleOutcome>;
  let js: Map<string, SdkAnswer>;
  let doctor: Map<string, CliAnswer>;
  let compare: Map<string, CliAnswer>;

  beforeAll(async () => {
    imds = await startImds('ASIAIMDSEXAMPLE00001', 'eu-west-3');
    sts = await startLoopback({
      'POST /': {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIASTUBEXAMPLE00001</AccessKeyId><SecretAccessKey>x</SecretAccessKey><SessionToken>x</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>',
      },
    });
    laid = CASES.map((c) => layOut({ id: c.rule, ...c.s }, { IMDS: imds.url, STS: sts.url }));
    const only = (rules: (c: Case) => boolean) => laid.filter((l) => rules(CASES.find((c) => c.rule === l.s.id)!));
    const viaCompare = (c: Case) => !!DIVERGENCES.find((d) => d.id === c.rule)?.compareOnly;
    [boto, js, doctor, compare] = await Promise.all([
      askBotocore(laid.filter((l) => l.s.id !== 'js-imds-endpoint-mode-case')),
      askSdk(laid),
      askCredchain(only((c) => !viaCompare(c)), (l) => ['doctor', '--json', ...l.argv]),
      askCredchain(only(viaCompare), (l) => ['compare', '--json', ...l.argv]),
    ]);
  }, 240_000);

  afterAll(async () => {
    removeAll(laid);
    await imds?.close();
    await sts?.close();
  });

  it('has a scenario for every rule, doctor\'s and compare\'s', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(DIVERGENCES.map((d) => d.id).sort());
  });

  it.each(CASES.map((c) => [c.rule, c] as const))('%s', async (rule, c) => {
    const l = laid.find((x) => x.s.id === rule)!;
    const j = js.get(rule)!;
    expect(j.crashed, j.crashed).toBeUndefined();
    const outcome = boto.get(rule);
    const b = outcome && 'result' in outcome ? outcome.result : undefined;
    if (c.aspect !== 'imds-mode') expect(b, JSON.stringify(outcome)).toBeDefined();
    const both = `botocore ${JSON.stringify(b)}\nJS ${JSON.stringify(j)}`;

    switch (c.aspect) {
      case 'credentials':
        expect(botoKind(b!) !== jsKind(j) || botoKey(b!) !== jsKey(j), both).toBe(true);
        break;
      case 'token':
        expect(botoKind(b!)).toBe(jsKind(j));
        expect(b!.hasSessionToken, both).not.toBe(j.hasSessionToken);
        break;
      case 'region':
        expect(b!.region?.name ?? null, both).not.toBe(j.region?.name ?? null);
        break;
      case 'expiry': {
        // both return the same expired keys; botocore refuses to use them, the JS SDK hands them out
        expect(botoKey(b!)).toBe(jsKey(j));
        expect(Date.parse(j.expiration!)).toBeLessThan(Date.now());
        expect(await botocoreSays(l, USE_KEYS)).toEqual({ used: false, error: 'RuntimeError' });
        break;
      }
      case 'call': {
        // the same AssumeRole, as each SDK sends it: botocore's request reaches the loopback STS, the JS one is recorded
        const before = sts.requests.length;
        expect(await botocoreSays(l, ASSUME_ROLE)).toEqual({ method: 'assume-role' });
        const botoCall = new URLSearchParams(sts.requests.slice(before).find((r) => r.body.includes('Action=AssumeRole'))!.body);
        const jsCall = j.calls.find((x) => x.api === 'sts:AssumeRole')!;
        expect(botoCall.get('RoleArn')).toBe(jsCall.params.RoleArn);
        expect(botoCall.get('RoleSessionName')).toMatch(/^botocore-session-\d+$/);
        expect(jsCall.params.RoleSessionName).toMatch(/^aws-sdk-js-\d+$/);
        expect(botoCall.get('DurationSeconds')).toBeNull();
        expect(jsCall.params.DurationSeconds).toBe('3600');
        break;
      }
      case 'imds-mode': {
        // botocore takes "ipv4" as IPv4 (its base URL, computed without a request); the JS SDK refuses it
        expect(await botocoreSays(l, IMDS_BASE)).toEqual({ mode: 'ipv4', base: 'http://169.254.169.254/' });
        expect(j.error?.message).toMatch(/Unsupported endpoint mode: ipv4/);
        break;
      }
      default:
        throw new Error(`aspect ${c.aspect as string}`);
    }

    const ours = doctor.get(rule) ?? compare.get(rule);
    expect(ours?.crashed).toBeUndefined();
    const out = JSON.parse(ours!.stdout) as { findings?: { rule: string }[]; differences?: { rules: { id: string }[] }[]; latent?: { id: string }[] };
    const named = [...(out.findings ?? []).map((f) => f.rule), ...(out.differences ?? []).flatMap((d) => d.rules.map((r) => r.id))];
    expect(named, `credchain does not name ${rule}`).toContain(rule);
  });
});
