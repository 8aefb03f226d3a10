// `credchain compare` end to end: each scenario runs the built CLI in a fresh HOME, so boto3's side is credchain's
// resolver and the JS side is the real @aws-sdk/credential-providers chain, resolved at test time. Neither column is
// written here: real botocore (oracle.py) and the real fromNodeProviderChain (jsBatch.cjs) answer each scenario in
// the same HOME first, and compare's two sides must report what they answered. Each divergence scenario also checks
// the aspect that differs and that the rule of reference/js-sdk-chain.md §4 that explains it is cited. Instance
// metadata is either disabled or a loopback server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { jailedEnv } from '../support/networkJail';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import type { OracleOutcome } from '../conformance/harness';
import { askBotocore, askSdk, layOut, removeAll, SSO_KEY, STS_KEY, type Laid, type SdkAnswer } from './scenarioRun';
import { MAX_JS_HOPS } from '../../src/compare/deepChain';
import { JS_MAX_SECTION_KEYS, JS_MAX_SHARED_BYTES, scanText } from '../../src/compare/jsFileBounds';

const SK = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const keys = (ak: string, sk = SK) => `aws_access_key_id = ${ak}\naws_secret_access_key = ${sk}\n`;
const PROC = (ak: string) => `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${ak}", "SecretAccessKey": "procsecret"}'\n`;

interface Side {
  method: string | null;
  accessKeyId?: string | null;
  error?: string;
}

interface Scenario {
  name: string;
  files?: Record<string, string | Buffer>;
  modes?: Record<string, number>;
  env?: Record<string, string>;
  argv?: string[];
  /** leave AWS_EC2_METADATA_DISABLED unset: IMDS is the loopback server (AWS_EC2_METADATA_SERVICE_ENDPOINT) */
  imds?: boolean;
  exit: number;
  /** the aspect that differs and a rule that must explain it */
  differs?: { aspect: string; rule: string };
}

interface CompareJson {
  verdict: string;
  differences: { aspect: string; rules: { id: string; citation: string; evidence: { message: string }[] }[] }[];
  latent: { id: string }[];
  boto3: { credentials: { method: string; accessKeyId: string | null; hasSessionToken: boolean } | null; error: { type: string } | null; region: { name: string | null } };
  js: {
    sdk: string;
    credentials: { method: string | null; accessKeyId: string | null; hasSessionToken: boolean; source: Record<string, string> } | null;
    error: { type: string; message: string } | null;
    region: { name: string | null };
    providers: { method: string; status: string; reason: string }[];
    calls: { api: string; params: Record<string, string | number>; made: boolean }[];
    warnings: string[];
  };
}

let imds: LoopbackServer;
beforeAll(async () => {
  imds = await startLoopback({
    'PUT /latest/api/token': { status: 200, body: 'IMDSTOKEN' },
    'GET /latest/meta-data/iam/security-credentials/': { status: 200, body: 'role' },
    'GET /latest/meta-data/iam/security-credentials/role': {
      status: 200,
      body: JSON.stringify({ Code: 'Success', AccessKeyId: 'ASIAIMDSEXAMPLE00001', SecretAccessKey: 'imdssecret', Token: 'imdstoken', Expiration: '2099-01-01T00:00:00Z' }),
    },
  });
});
afterAll(() => imds?.close());

/** a scenario's environment as compare gets it */
function envOf(s: Scenario): Record<string, string> {
  const env = { ...(s.env ?? {}) };
  if (s.imds) env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.url;
  return env;
}

async function compare(s: Scenario, extra: string[] = []) {
  const r = await runCli(['compare', '--json', ...(s.argv ?? []), ...extra], { files: s.files, modes: s.modes, env: envOf(s), imds: s.imds });
  return r;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'AWS_PROFILE with env keys (C02)',
    files: { '.aws/credentials': `[p]\n${keys('AKIAPROFILEEXAMPLE01')}` },
    env: { AWS_PROFILE: 'p', AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret' },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-aws-profile-skips-env' },
  },
  {
    name: 'AWS_DEFAULT_PROFILE (C06)',
    files: { '.aws/credentials': `[p]\n${keys('AKIAPROFILEEXAMPLE01')}[default]\n${keys('AKIADEFAULTEXAMPLE01')}` },
    env: { AWS_DEFAULT_PROFILE: 'p' },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-ignores-aws-default-profile' },
  },
  {
    name: 'AWS_SECURITY_TOKEN (C10)',
    env: { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SECURITY_TOKEN: 'legacytoken' },
    exit: 1,
    differs: { aspect: 'token', rule: 'js-ignores-security-token' },
  },
  {
    name: 'credential_process before SSO in one profile (O31)',
    files: {
      'proc.sh': PROC('AKIAPROCESSEXAMPLE01'),
      '.aws/config': `[default]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\ncredential_process = /bin/sh proc.sh\n`,
    },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-profile-branch-order' },
  },
  {
    name: 'credential_process through a shell pipe (O43)',
    files: { '.aws/config': `[default]\ncredential_process = echo '{"Version": 1, "AccessKeyId": "AKIAPIPEEXAMPLE00001", "SecretAccessKey": "pipesecret"}' | cat\n` },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-process-shell' },
  },
  {
    name: 'static source-profile key split across files (X10)',
    files: {
      '.aws/config': `[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\n[profile src]\naws_secret_access_key = ${SK}\n`,
      '.aws/credentials': `[src]\naws_access_key_id = AKIASOURCEEXAMPLE001\n`,
    },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-merges-across-files' },
  },
  {
    name: 'source profile with credential_process and static keys in the config file (§4 #48 on a source profile)',
    files: {
      'proc.sh': PROC('AKIAPROCESSEXAMPLE01'),
      '.aws/config': `[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\n[profile src]\ncredential_process = /bin/sh proc.sh\n${keys('AKIASTATICEXAMPLE001')}`,
    },
    exit: 1,
    differs: { aspect: 'source', rule: 'js-profile-branch-order' },
  },
  {
    name: 'credential_source in lower case falls through to instance metadata on loopback (F04)',
    files: { '.aws/config': '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = environment\n' },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret' },
    argv: ['--profile', 'p'],
    imds: true,
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-credential-source-soft-fail' },
  },
  {
    name: '[DEFAULT] section (C30)',
    files: { '.aws/credentials': `[DEFAULT]\naws_secret_access_key = ${SK}\n[default]\naws_access_key_id = AKIADEFAULTEXAMPLE01\n` },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-default-section' },
  },
  {
    name: 'inline comment after the key id (C23)',
    files: { '.aws/credentials': `[default]\naws_access_key_id = AKIACOMMENTEXAMPLE01 # work\naws_secret_access_key = ${SK}\n` },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-strips-inline-comments' },
  },
  {
    name: 'AWS_REGION only (R01)',
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_REGION: 'eu-west-1' },
    exit: 1,
    differs: { aspect: 'region', rule: 'js-region-env-vars' },
  },
  {
    name: 'expired AWS_CREDENTIAL_EXPIRATION (X03)',
    env: { AWS_ACCESS_KEY_ID: 'ASIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SESSION_TOKEN: 'tok', AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z' },
    exit: 1,
    differs: { aspect: 'expiry', rule: 'js-returns-expired-env' },
  },
  {
    name: 'profile name with a dot: AWS_PROFILE=profile.x (D02)',
    files: { '.aws/credentials': `[profile x]\n${keys('AKIADOTTEDEXAMPLE001')}` },
    env: { AWS_PROFILE: 'profile.x' },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-dotted-profile-names' },
  },
  {
    name: 'profile name with a space: [profile "my prof"] (X05)',
    files: { '.aws/config': `[profile "my prof"]\n${keys('AKIASPACEEXAMPLE0001')}` },
    env: { AWS_PROFILE: 'my prof' },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-odd-profile-headers' },
  },
  {
    name: 'duplicate section with env keys set (B01)',
    files: { '.aws/credentials': '[default]\na = 1\n[default]\nb = 2\n' },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret' },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-tolerates-broken-files' },
  },
  {
    // the divergence facts scan the files with repairs: boto3's side must still raise on the file as it is
    name: 'a byte order mark before the first header (C17)',
    files: { '.aws/credentials': `\ufeff[default]\n${keys('AKIABOMEXAMPLE000001')}` },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-tolerates-broken-files' },
  },
  {
    name: 'upper-case key names (C21)',
    files: { '.aws/credentials': `[default]\nAWS_ACCESS_KEY_ID = AKIAUPPEREXAMPLE0001\nAWS_SECRET_ACCESS_KEY = ${SK}\n` },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-case-sensitive-keys' },
  },
  {
    name: 'mfa_serial on an assumed role (O15)',
    files: { '.aws/config': `[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile src]\n${keys('AKIASOURCEEXAMPLE001')}` },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-mfa-requires-callback' },
  },
  {
    name: 'credential_source = Ec2InstanceMetadata with AWS_EC2_METADATA_DISABLED=true and a loopback IMDS (M03)',
    files: { '.aws/config': '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Ec2InstanceMetadata\n' },
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    argv: ['--profile', 'p'],
    imds: true,
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-credential-source-imds-ignores-disabled' },
  },
  {
    name: 'env web identity before the default profile\'s keys (O21)',
    files: { token: 'tok', '.aws/credentials': `[default]\n${keys('AKIASTATICEXAMPLE001')}` },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: 'token', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/webid' },
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-web-identity-env-order' },
  },
  {
    name: 'AWS_PROFILE names a missing profile, IMDS on loopback (F06)',
    env: { AWS_PROFILE: 'missing' },
    imds: true,
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-missing-profile-falls-through' },
  },
  {
    name: 'a failing credential_process runs twice in JS and falls through to IMDS (F03)',
    files: { 'bad.sh': '#!/bin/sh\necho run >> runs.txt\necho oops >&2\nexit 3\n', '.aws/config': '[default]\ncredential_process = /bin/sh bad.sh\n' },
    imds: true,
    exit: 1,
    differs: { aspect: 'credentials', rule: 'js-process-failure-falls-through' },
  },
  {
    name: 'env keys only: both agree (C01)',
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret' },
    exit: 0,
  },
  {
    name: 'nothing configured: neither resolves',
    exit: 253,
  },
];

function side(c: { method: string | null; accessKeyId: string | null } | null, err: { type: string } | null): Side {
  return c ? { method: c.method, accessKeyId: c.accessKeyId } : { method: null, ...(err ? { error: err.type } : {}) };
}

/** what real botocore answered, as compare's boto3 column shows it (deferred credentials carry no key id) */
function botoSide(o: OracleOutcome | undefined): Side {
  if (!o || !('result' in o)) throw new Error(`botocore gave no answer: ${JSON.stringify(o)}`);
  const b = o.result;
  if (b.error) return { method: null, error: b.error.type };
  if (b.method === null) return { method: null };
  const deferred = ['assume-role', 'assume-role-with-web-identity', 'sso'].includes(b.method ?? '');
  return { method: b.method, accessKeyId: deferred ? null : b.accessKeyId };
}

describe('credchain compare: boto3 against the real JS SDK', () => {
  let laid: Laid[] = [];
  let boto: Map<string, OracleOutcome>;
  let sdk: Map<string, SdkAnswer>;
  beforeAll(async () => {
    laid = SCENARIOS.map((s) => layOut({ id: s.name, files: s.files as Record<string, string>, modes: s.modes, env: envOf(s), imds: s.imds, profile: s.argv?.[1] }));
    [boto, sdk] = await Promise.all([askBotocore(laid), askSdk(laid)]);
  }, 120_000);
  afterAll(() => removeAll(laid));

  it('asks both SDKs each scenario, with a profile only as --profile', () => {
    for (const s of SCENARIOS) expect(s.argv === undefined || (s.argv.length === 2 && s.argv[0] === '--profile')).toBe(true);
    expect(boto.size).toBe(SCENARIOS.length);
    expect(sdk.size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const real = sdk.get(s.name)!;
    const expectedBoto3 = botoSide(boto.get(s.name));
    const r = await compare(s);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(r.code, r.stdout).toBe(s.exit);
    expect(j.js.sdk).toBe('js');
    const b = side(j.boto3.credentials, j.boto3.error);
    const js = side(j.js.credentials, j.js.error);
    expect(b).toEqual(expectedBoto3);
    if (real.error) expect(js).toEqual({ method: null, error: real.error.type });
    else {
      expect(j.js.credentials?.source).toEqual(real.source);
      expect(js.accessKeyId).toBe(real.accessKeyId === STS_KEY || real.accessKeyId === SSO_KEY ? null : real.accessKeyId);
    }
    if (s.differs) {
      const d = j.differences.find((x) => x.aspect === s.differs!.aspect);
      expect(d, `no "${s.differs.aspect}" difference in ${JSON.stringify(j.differences)}`).toBeDefined();
      const rule = d!.rules.find((x) => x.id === s.differs!.rule);
      expect(rule, `${s.differs.rule} does not explain it: ${JSON.stringify(d!.rules.map((x) => x.id))}`).toBeDefined();
      expect(rule!.evidence.length).toBeGreaterThan(0);
      expect(j.verdict).toBe('disagree');
    } else {
      expect(j.differences).toEqual([]);
    }
  });

  it('the JS SDK runs a failing credential_process twice (fromIni, then fromProcess); boto3 is not asked to fall through', async () => {
    const s = SCENARIOS.find((x) => x.name.includes('(F03)'))!;
    const r = await compare(s);
    const fs = await import('node:fs');
    const runs = fs.readFileSync(`${r.home}/runs.txt`, 'utf8').trim().split('\n');
    // one run by boto3's resolver, two by the JS chain
    expect(runs.length).toBe(3);
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.js.providers.find((p) => p.method === 'fromProcess')!.status).toBe('skipped');
    expect(j.js.providers.find((p) => p.method === 'remoteProvider')!.status).toBe('won');
  });

  it('records the AssumeRole call instead of making it, with the JS defaults (O01)', async () => {
    const r = await runCli(['compare', '--json'], {
      files: { '.aws/config': `[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = src\n[profile src]\n${keys('AKIASOURCEEXAMPLE001')}` },
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.verdict).toBe('agree');
    expect(j.js.calls).toHaveLength(1);
    const call = j.js.calls[0];
    expect(call).toMatchObject({ api: 'sts:AssumeRole', made: false, params: { RoleArn: 'arn:aws:iam::123456789012:role/r', DurationSeconds: 3600 }, signedBy: { method: 'config-file', accessKeyId: 'AKIASOURCEEXAMPLE001' } });
    expect(String(call.params.RoleSessionName)).toMatch(/^aws-sdk-js-\d+$/);
    expect(j.latent.map((x) => x.id)).toContain('js-sts-call-defaults');
  });

  it('records the SSO GetRoleCredentials call without its bearer token; both SDKs defer to SSO', async () => {
    const url = 'https://example.awsapps.com/start';
    const { createHash } = await import('node:crypto');
    const cache = `.aws/sso/cache/${createHash('sha1').update(url).digest('hex')}.json`;
    const r = await runCli(['compare', '--json'], {
      files: {
        '.aws/config': `[default]\nsso_start_url = ${url}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n`,
        [cache]: JSON.stringify({ startUrl: url, region: 'us-east-1', accessToken: 'SSOBEARERCANARY', expiresAt: '2099-01-01T00:00:00Z' }),
      },
      // the call recorded is to the default SSO endpoint: without the jail's AWS_ENDPOINT_URL (the fake never sends it)
      env: { AWS_ENDPOINT_URL: undefined },
    });
    expect(r.stdout).not.toContain('SSOBEARERCANARY');
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(r.code).toBe(0);
    expect(j.js.credentials).toMatchObject({ method: 'sso', accessKeyId: null });
    expect(j.js.calls).toEqual([{ api: 'sso:GetRoleCredentials', params: { endpoint: 'https://portal.sso.us-east-1.amazonaws.com', account_id: '111122223333', role_name: 'ReadOnly' }, made: false }]);
  });

  it('an expired SSO token: boto3 defers, the JS SDK fails at once (O35 / §4 #38)', async () => {
    const r = await runCli(['compare', '--json'], {
      files: { '.aws/config': '[default]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n' },
    });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(j.boto3.credentials?.method).toBe('sso');
    expect(j.js.error?.message).toMatch(/SSO session associated with this profile is invalid/);
    expect(j.differences[0].rules.map((x) => x.id)).toContain('js-resolves-eagerly');
  });

  it('--no-imds keeps the JS credential_source = Ec2InstanceMetadata branch off instance metadata, and says so', async () => {
    const before = imds.requests.length;
    const r = await runCli(['compare', '--json', '--no-imds', '--profile', 'p'], {
      files: { '.aws/config': '[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Ec2InstanceMetadata\n' },
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url },
      imds: true,
    });
    const j = JSON.parse(r.stdout) as CompareJson;
    expect(imds.requests.length).toBe(before);
    expect(j.js.credentials).toBeNull();
    expect(j.js.warnings.join('\n')).toMatch(/credential_source = Ec2InstanceMetadata even though --no-imds was given/);
    expect(j.js.error?.message).toMatch(/127\.0\.0\.1:1\b|ECONNREFUSED|Could not load credentials/);
  });

  it('text output: side by side, masked key ids, the rule cited, the verdict', async () => {
    const s = SCENARIOS[0];
    const r = await runCli(['compare'], { files: s.files, env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/boto3\s+JS SDK v3 \(credential-providers 3\.1169\.0\)/);
    expect(r.stdout).toContain('****************0001');
    expect(r.stdout).not.toContain('AKIAENVEXAMPLE000001');
    expect(r.stdout).toContain('js-aws-profile-skips-env (js-sdk-chain.md §4 #1)');
    expect(r.stdout).toMatch(/boto3 and the JS SDK disagree/);
    expect(r.stdout).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('rejects explicit credentials (not part of the JS default chain) as a usage error', async () => {
    const r = await runCli(['compare', '--access-key-id', 'AKIAX', '--secret-access-key', 'y']);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/not part of the JS default chain/);
  });
});

describe('credchain which --sdk js', () => {
  it('reports the JS chain in the shape of `which`, link by link', async () => {
    const r = await runCli(['which', '--sdk', 'js', '--json'], {
      files: { '.aws/credentials': `[p]\n${keys('AKIAPROFILEEXAMPLE01')}` },
      env: { AWS_PROFILE: 'p', AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envsecret' },
    });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).slice(0, 7)).toEqual(['sdk', 'profile', 'region', 'credentials', 'error', 'providers', 'warnings']);
    expect(j.sdk).toBe('js');
    expect(j.profile).toEqual({ name: 'p', source: 'AWS_PROFILE' });
    expect(j.credentials).toMatchObject({ method: 'shared-credentials-file', accessKeyId: 'AKIAPROFILEEXAMPLE01', source: { CREDENTIALS_PROFILE: 'n' }, location: { file: `${r.home}/.aws/credentials`, line: 2, section: 'p' } });
    expect(j.providers.map((p: { method: string; status: string }) => `${p.method}:${p.status}`)).toEqual([
      'fromEnv:skipped', 'fromSSO:skipped', 'fromIni:won', 'fromProcess:not-reached', 'fromTokenFile:not-reached', 'remoteProvider:not-reached',
    ]);
    expect(j.providers[0].reason).toBe('AWS_PROFILE is set, skipping fromEnv provider.');
    expect(j.warnings.join('\n')).toMatch(/Multiple credential sources detected/);
    expect(r.stdout).not.toContain('envsecret');
  });

  it('exits 253 when the JS chain finds nothing, with every link skipped', async () => {
    const r = await runCli(['which', '--sdk', 'js']);
    expect(r.code).toBe(253);
    expect(r.stdout).toMatch(/the JS SDK fails: CredentialsProviderError/);
    expect(r.stdout).toMatch(/remoteProvider\s+skipped\s+EC2 Instance Metadata Service access disabled/);
  });
});

describe('which stays free of the AWS SDK', () => {
  it('`which` loads no @aws-sdk module; `which --sdk js` does', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const dist = path.resolve(__dirname, '../../dist/credchain.cjs');
    const probe = (args: string[]) =>
      spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(dist)}); const io = { stdout() {}, stderr() {}, env: process.env, isTTY: false, cwd: process.cwd() }; m.main(${JSON.stringify(args)}, io).then(() => console.log(Object.keys(require.cache).filter((k) => k.includes('@aws-sdk')).length))`], {
        env: jailedEnv({ HOME: '/nonexistent-credchain-home', PATH: process.env.PATH ?? '' }),
        encoding: 'utf8',
      }).stdout.trim();
    expect(probe(['which', '--json'])).toBe('0');
    expect(Number(probe(['which', '--sdk', 'js', '--json']))).toBeGreaterThan(0);
  });
});

describe('a source_profile chain too deep for the JS SDK (issue 9)', () => {
  const chain = (n: number) => ({
    '.aws/config': Array.from({ length: n }, (_, i) => `[profile r${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = r${i + 1}\n`).join(''),
    '.aws/credentials': `[r${n}]\n${keys('AKIADEEPCHAINEXAMPLE')}`,
  });

  it('the real JS SDK, run as a Node program, resolves a chain MAX_JS_HOPS deep and overflows its stack 5,000 deep', async () => {
    const laid = [layOut({ id: 'bound', files: chain(MAX_JS_HOPS), env: { AWS_PROFILE: 'r0' } }), layOut({ id: 'deep', files: chain(5000), env: { AWS_PROFILE: 'r0' } })];
    try {
      const sdk = await askSdk(laid);
      expect(sdk.get('bound')).toMatchObject({ accessKeyId: STS_KEY, error: null });
      expect(sdk.get('bound')!.calls).toHaveLength(MAX_JS_HOPS);
      expect(sdk.get('deep')).toMatchObject({ accessKeyId: null, error: { type: 'RangeError', message: 'Maximum call stack size exceeded' } });
    } finally {
      removeAll(laid);
    }
  }, 60_000);

  it('compare runs the JS SDK on a chain MAX_JS_HOPS deep; past that it says it did not, and nothing reaches stderr', async () => {
    const bound = await runCli(['compare', '--json'], { files: chain(MAX_JS_HOPS), env: { AWS_PROFILE: 'r0' } });
    expect(bound.stderr).toBe('');
    expect(JSON.parse(bound.stdout).js.credentials).toMatchObject({ method: 'assume-role', roleArn: 'arn:aws:iam::123456789012:role/r0' });
    const deep = await runCli(['compare', '--json'], { files: chain(MAX_JS_HOPS + 1), env: { AWS_PROFILE: 'r0' } });
    expect(deep.stderr).toBe('');
    const js = JSON.parse(deep.stdout).js;
    expect(js.credentials).toBeNull();
    expect(js.error.message).toBe(`the source_profile chain from profile "r0" is more than ${MAX_JS_HOPS} hops deep: the JS SDK's fromIni recurses once per hop and overflows a default Node.js stack within a few thousand hops; credchain did not run the JS SDK on it`);
  }, 60_000);
});

describe('shared files too large to hand to the JS SDK (issue 9)', () => {
  const base = `[default]\n${keys('AKIALARGEFILEEXAMPLE')}`;

  it('past JS_MAX_SHARED_BYTES of shared files compare says the JS SDK was not run and why, and boto3 still answers', async () => {
    // profiles of region lines, just over the bound together with the credentials file
    const filler = '[profile f]\nregion = eu-west-1\n';
    const config = `${'# padding line that the SDK would parse\n'.repeat(Math.ceil(JS_MAX_SHARED_BYTES / 40))}${filler}`;
    const r = await runCli(['compare', '--json'], { files: { '.aws/config': config, '.aws/credentials': base } });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.boto3.credentials).toMatchObject({ method: 'shared-credentials-file', accessKeyId: 'AKIALARGEFILEEXAMPLE' });
    expect(out.js.credentials).toBeNull();
    expect(out.js.providers).toEqual([]);
    expect(out.js.error.message).toMatch(/^\/.*\/\.aws\/config and \/.*\/\.aws\/credentials hold 8\.0 MB together \(credchain hands the JS SDK at most 8 MB\): .*; credchain did not run the JS SDK on it$/);
    expect(r.code).toBe(1);
  }, 60_000);

  it('a section of more than JS_MAX_SECTION_KEYS keys is not handed over; one of exactly that many is', async () => {
    const section = (n: number) => `[default]\n${Array.from({ length: n }, (_, i) => `k${i} = v\n`).join('')}`;
    const at = await runCli(['compare', '--json'], { files: { '.aws/config': section(JS_MAX_SECTION_KEYS), '.aws/credentials': base } });
    expect(at.stderr).toBe('');
    expect(JSON.parse(at.stdout).js.credentials).toMatchObject({ method: 'shared-credentials-file', accessKeyId: 'AKIALARGEFILEEXAMPLE' });
    expect(at.code).toBe(0);
    const past = await runCli(['compare', '--json'], { files: { '.aws/config': section(JS_MAX_SECTION_KEYS + 1), '.aws/credentials': base } });
    expect(past.stderr).toBe('');
    const js = JSON.parse(past.stdout).js;
    expect(js.credentials).toBeNull();
    expect(js.error.message).toMatch(new RegExp(`^section \\[default\\] of /.*/\\.aws/config holds ${JS_MAX_SECTION_KEYS + 1} keys .*; credchain did not run the JS SDK on it$`));
  }, 60_000);

  it('counts lines as the SDK parseIni reads them: comments cut, a key needs "=" after its first character', () => {
    const text = ['[a]', 'x = 1', '  y = 2', '# z = 3', 'w = 4 ; c', '= 5', 'no delimiter', '[profile b] ; note', 'source_profile = a', 's=1\r'].join('\n');
    expect(scanText(text)).toEqual({ sourceProfiles: 1, largest: { name: 'a', keys: 3 } });
    expect(scanText('')).toEqual({ sourceProfiles: 0, largest: { name: '', keys: 0 } });
  });
});
