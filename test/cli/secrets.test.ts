// The canary test: a distinct, realistic-looking secret is planted in every place credentials can live (env, both
// shared files, ~/.boto, the legacy AWS_CREDENTIAL_FILE, credential_process output and stderr, the SSO token cache
// and the CLI cache, web-identity token files, the container auth token file and answer), each also in malformed
// forms (wrapped onto a continuation line, under a misspelt key, in broken JSON, in an error body), and every command
// runs against each in text, --json and --debug. No canary may reach stdout or stderr, not even in part or
// lower-cased; `export` and `exec` are the documented exceptions and are not run. Add each new command to COMMANDS.
//
// Commands run in-process, many per Node process (test/support/runInProcess.cjs runs the built CLI's main()), so the
// whole matrix stays fast; `credchain --debug` also runs through bin/credchain.js in each scenario.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeSecret } from '../../src/core/secrets';
import { BIN, makeHome } from '../support/cli';
import { startLoopback, type LoopbackServer, type RecordedRequest, type RouteReply } from '../support/loopback';
import { CLOSED_ENDPOINT, jailedEnv } from '../support/networkJail';
import { runProcess } from '../support/process';

// ---------------------------------------------------------------------------------------------------------------
// canaries: random-looking (so they are shaped like real secrets), distinct, deterministic

const CANARIES = new Map<string, string>();

function digest(label: string, n: number): string {
  return createHash('sha512').update(`credchain-canary:${label}:${n}`).digest('base64').replace(/=+$/, '');
}

/** a 40-character secret access key */
function secret(label: string): string {
  return remember(label, digest(label, 0).slice(0, 40));
}

/** a session token, SSO access token or client secret: a long base64 run */
function token(label: string): string {
  return remember(label, digest(label, 0) + digest(label, 1).replace(/\//g, '+'));
}

/** a JWT, as web identity tokens and container auth tokens are */
function jwt(label: string): string {
  const url = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');
  return remember(label, `eyJhbGciOiJSUzI1NiJ9.${url(digest(label, 0))}.${url(digest(label, 1)).slice(0, 43)}`);
}

function remember(label: string, value: string): string {
  CANARIES.set(label, value);
  return value;
}

/** every 16-character window of every canary, lower-cased: a leak in part, or lower-cased by a parser, still counts */
let windows: Map<string, string> | undefined;
function leaksIn(text: string): string[] {
  if (!windows) {
    windows = new Map();
    for (const [label, v] of CANARIES) for (let i = 0; i + 16 <= v.length; i++) windows.set(v.slice(i, i + 16).toLowerCase(), label);
  }
  const t = text.toLowerCase();
  const found = new Set<string>();
  for (let i = 0; i + 16 <= t.length; i++) {
    const hit = windows.get(t.slice(i, i + 16));
    if (hit) found.add(hit);
  }
  return [...found];
}

// ---------------------------------------------------------------------------------------------------------------
// where they live

const ACCOUNT = '123456789012';
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const expiry = '2099-01-01T00:00:00Z';

function files(home: string): Record<string, string | Buffer> {
  const credsJson = (label: string) => ({ AccessKeyId: 'ASIACANARY' + label.length, SecretAccessKey: secret(`${label}.secret`), SessionToken: token(`${label}.token`), Expiration: expiry });
  return {
    '.aws/credentials': [
      `[default]\naws_access_key_id = AKIACANARYDEFAULT001\naws_secret_access_key = ${secret('credentials.default.secret')}\naws_session_token = ${token('credentials.default.token')}\n`,
      `[misspelt]\naws_access_key_id = AKIACANARYMISSPELT01\naws_secret_acess_key = ${secret('credentials.misspelt.secret')}\naws_sesion_token = ${token('credentials.misspelt.token')}\n`,
      // a wrapped token whose continuation holds "=" parses: a nested block under the key
      `[wrapped]\naws_access_key_id = AKIACANARYWRAPPED001\naws_secret_access_key = ${secret('credentials.wrapped.secret')}\naws_session_token =\n    ${token('credentials.wrapped.token')}==\n`,
    ].join(''),
    '.aws/config': [
      `[default]\nregion = us-east-1\naws_access_key_id = AKIACANARYCONFIG0001\naws_secret_access_key = ${secret('config.default.secret')}\n`,
      // the last line: a wrapped token not indented, whose "=" padding makes it parse as a key of its own
      `[profile misspelt]\naws_secret_access_ky = ${secret('config.misspelt.secret')}\nsession_token = ${token('config.misspelt.token')}\nmy_password = ${secret('config.password')}\naws_session_token =\n${token('config.wrapped.askey')}==\n`,
      `[profile proc]\ncredential_process = /bin/sh ${home}/proc.sh\n`,
      `[profile procfail]\ncredential_process = /bin/sh ${home}/procfail.sh\n`,
      `[profile procbroken]\ncredential_process = /bin/sh ${home}/procbroken.sh\n`,
      // a secret handed to the helper as an argument: the command line is shown in locations, reasons and errors
      `[profile procarg]\ncredential_process = /bin/sh ${home}/proc.sh --api-key ${secret('config.process.argument')}\n`,
      `[profile procargfail]\ncredential_process = /bin/sh ${home}/procfail.sh --token=${token('config.process.failing.argument')}\n`,
      `[profile sso]\nsso_session = corp\nsso_account_id = ${ACCOUNT}\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://canary.awsapps.com/start\nsso_region = us-east-1\n`,
      // botocore quotes both values of an sso-session that contradicts its profile: secret ones must not be
      `[profile ssoclash]\nsso_session = clash\nsso_account_id = ${ACCOUNT}\nsso_role_name = Dev\ns3 =\n  api_token = ${token('config.ssoclash.profile.nested')}\nclient_secret = ${secret('config.ssoclash.profile.secret')}\n`,
      `[sso-session clash]\nsso_start_url = https://clash.awsapps.com/start\nsso_region = us-east-1\ns3 =\n  api_token = ${token('config.ssoclash.session.nested')}\nnote = ${token('config.ssoclash.session.shaped')}\nclient_secret = ${secret('config.ssoclash.session.secret')}\n`,
      `[profile ssobroken]\nsso_start_url = https://broken.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${ACCOUNT}\nsso_role_name = Dev\n`,
      `[profile role]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/canary\nsource_profile = default\n`,
      `[profile rolebroken]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/broken\nsource_profile = default\n`,
      `[profile rolefresh]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/fresh\nsource_profile = default\n`,
      `[profile webid]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/web\nweb_identity_token_file = ${home}/token.jwt\n`,
      `[profile webidbroken]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/web\nweb_identity_token_file = ${home}/broken.jwt\n`,
    ].join(''),
    'proc.sh': `echo '{"Version": 1, "AccessKeyId": "AKIACANARYPROCESS001", "SecretAccessKey": "${secret('process.secret')}", "SessionToken": "${token('process.token')}", "Expiration": "${expiry}"}'\necho 'debug: using ${token('process.stderr.success')}' >&2\n`,
    'procfail.sh': `echo '{"Version": 1, "SecretAccessKey": "${secret('process.failing.stdout')}"'\necho 'login failed for ${token('process.stderr.failure')} (key ${secret('process.stderr.failure.key')})' >&2\nexit 1\n`,
    'procbroken.sh': `echo '{"Version": 1, "AccessKeyId": "AKIACANARYBROKEN0001", "SecretAccessKey": "${secret('process.brokenjson.secret')}", "SessionToken": '\n`,
    [`.aws/sso/cache/${sha1('corp')}.json`]: JSON.stringify({
      startUrl: 'https://canary.awsapps.com/start',
      region: 'us-east-1',
      accessToken: token('sso.cache.accessToken'),
      expiresAt: expiry,
      clientId: 'canary-client',
      clientSecret: token('sso.cache.clientSecret'),
      refreshToken: token('sso.cache.refreshToken'),
      registrationExpiresAt: expiry,
    }),
    [`.aws/sso/cache/${sha1('https://broken.awsapps.com/start')}.json`]: `{"startUrl": "https://broken.awsapps.com/start", "accessToken": "${token('sso.cache.broken')}", "expiresAt": `,
    [`.aws/cli/cache/${sha1(`{"RoleArn": "arn:aws:iam::${ACCOUNT}:role/canary"}`)}.json`]: JSON.stringify({ Credentials: credsJson('clicache.role'), AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/canary/s` } }),
    [`.aws/cli/cache/${sha1(`{"RoleArn": "arn:aws:iam::${ACCOUNT}:role/broken"}`)}.json`]: `{"Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "${secret('clicache.broken.secret')}", `,
    [`.aws/cli/cache/${sha1(`{"accountId":"${ACCOUNT}","roleName":"Dev","sessionName":"corp"}`)}.json`]: JSON.stringify({ ProviderType: 'sso', Credentials: credsJson('clicache.sso') }),
    'token.jwt': jwt('webidentity.profile'),
    'broken.jwt': Buffer.concat([Buffer.from(jwt('webidentity.broken')), Buffer.from([0xff, 0xfe, 0x00, 0x1b]), Buffer.from(`\n${secret('webidentity.broken.tail')}\n`)]),
    'env.jwt': jwt('webidentity.env'),
    'container.token': jwt('container.authtoken'),
    'boto.cfg': `[Credentials]\naws_access_key_id = AKIACANARYBOTO000001\naws_secret_access_key = ${secret('boto.secret')}\n`,
    'boto-broken.cfg': `[Credentials]\naws_access_key_id = AKIACANARYBOTO000002\naws_secret_access_key =\n    ${secret('boto.wrapped')}\naws_secret_acess_key = ${secret('boto.misspelt')}\n`,
    'ec2.txt': `AWSAccessKeyId=AKIACANARYEC2000001\nAWSSecretKey=${secret('ec2.secret')}\n`,
    'ec2-broken.txt': `AWSAccessKeyId=AKIACANARYEC2000002\nAWSSecretKey ${secret('ec2.nodelimiter')}\nAWSSecretKy=${secret('ec2.misspelt')}\n${token('ec2.strayline')}\n`,
    // the shared files broken by a wrapped secret: an indented continuation without "=", and one not indented
    'broken/credentials': `[default]\naws_access_key_id = AKIACANARYWRAP000001\naws_secret_access_key =\n    ${secret('wrapped.credentials.secret')}\n`,
    'broken/config': `[default]\nregion = us-east-1\naws_session_token =\n${token('wrapped.config.token')}\n`,
  };
}

const ENV_SECRETS = () => ({ AWS_ACCESS_KEY_ID: 'AKIACANARYENV0000001', AWS_SECRET_ACCESS_KEY: secret('env.secret'), AWS_SESSION_TOKEN: token('env.token'), AWS_SECURITY_TOKEN: token('env.securitytoken') });

// ---------------------------------------------------------------------------------------------------------------
// loopback stand-ins: the container endpoint (good, failing with a body, garbage) and an AWS that answers with
// canary credentials (STS AssumeRole / AssumeRoleWithWebIdentity / GetCallerIdentity, SSO GetRoleCredentials)

let container: LoopbackServer;
let aws: LoopbackServer;

const stsCreds = (label: string) =>
  `<Credentials><AccessKeyId>ASIACANARYSTS0000001</AccessKeyId><SecretAccessKey>${secret(`${label}.secret`)}</SecretAccessKey><SessionToken>${token(`${label}.token`)}</SessionToken><Expiration>${expiry}</Expiration></Credentials>`;

function awsReply(req: RecordedRequest): RouteReply {
  const xml = { 'content-type': 'text/xml' };
  if (req.path.startsWith('/federation/credentials')) {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIACANARYSSO0000001', secretAccessKey: secret('sso.fetched.secret'), sessionToken: token('sso.fetched.token'), expiration: 4070908800000 } }) };
  }
  const action = new URLSearchParams(req.body).get('Action');
  if (action === 'AssumeRole') return { status: 200, headers: xml, body: `<AssumeRoleResponse><AssumeRoleResult>${stsCreds('sts.assumerole')}<AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>` };
  if (action === 'AssumeRoleWithWebIdentity') return { status: 200, headers: xml, body: `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>${stsCreds('sts.webidentity')}<AssumedRoleUser><AssumedRoleId>AROA:w</AssumedRoleId><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/web/w</Arn></AssumedRoleUser></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>` };
  return { status: 200, headers: xml, body: `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/canary</Arn><UserId>AIDACANARY</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult></GetCallerIdentityResponse>` };
}

beforeAll(async () => {
  container = await startLoopback(
    {
      'GET /ok': { status: 200, body: JSON.stringify({ AccessKeyId: 'ASIACANARYCONTAINER1', SecretAccessKey: secret('container.secret'), Token: token('container.token'), Expiration: expiry }) },
      'GET /fail': { status: 500, body: `{"message": "token ${token('container.errorbody')} rejected"}` },
      'GET /garbage': { status: 200, body: `{"AccessKeyId": "ASIA", "SecretAccessKey": "${secret('container.garbage')}", ` },
    },
    { lifetimeMs: 600_000 },
  );
  aws = await startLoopback({ 'POST /': awsReply, 'GET *': awsReply }, { lifetimeMs: 600_000 });
});

afterAll(async () => {
  await container?.close();
  await aws?.close();
});

// ---------------------------------------------------------------------------------------------------------------
// the matrix

interface Scenario {
  name: string;
  env: (home: string) => Record<string, string>;
  /** the profile `show` and `set` name */
  profile: string;
  /** AWS answers with canary credentials; otherwise every AWS endpoint is a closed loopback port */
  answering?: boolean;
  /** added to every command line */
  argv?: string[];
}

const NO_SHARED = { AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' };

const SCENARIOS: Scenario[] = [
  { name: 'env keys win, every file present', env: () => ENV_SECRETS(), profile: 'default' },
  { name: 'the default profile', env: () => ({}), profile: 'default', answering: true },
  { name: 'misspelt secret keys', env: () => ({ AWS_PROFILE: 'misspelt' }), profile: 'misspelt' },
  { name: 'a wrapped token read as a nested block', env: () => ({ AWS_PROFILE: 'wrapped' }), profile: 'wrapped' },
  { name: 'credential_process that succeeds (and writes to stderr)', env: () => ({ AWS_PROFILE: 'proc' }), profile: 'proc' },
  { name: 'credential_process that fails', env: () => ({ AWS_PROFILE: 'procfail' }), profile: 'procfail' },
  { name: 'credential_process with broken JSON', env: () => ({ AWS_PROFILE: 'procbroken' }), profile: 'procbroken' },
  { name: 'credential_process with a secret argument', env: () => ({ AWS_PROFILE: 'procarg' }), profile: 'procarg' },
  { name: 'credential_process with a secret argument that fails', env: () => ({ AWS_PROFILE: 'procargfail' }), profile: 'procargfail' },
  { name: 'sso with a cached token and cached role credentials', env: () => ({ AWS_PROFILE: 'sso' }), profile: 'sso', answering: true },
  { name: 'sso with a broken token cache', env: () => ({ AWS_PROFILE: 'ssobroken' }), profile: 'ssobroken' },
  { name: 'an sso-session contradicting its profile with secret values', env: () => ({ AWS_PROFILE: 'ssoclash' }), profile: 'ssoclash' },
  { name: 'assume-role from the CLI cache', env: () => ({ AWS_PROFILE: 'role' }), profile: 'role' },
  { name: 'assume-role with a broken CLI cache entry', env: () => ({ AWS_PROFILE: 'rolebroken' }), profile: 'rolebroken' },
  { name: 'assume-role fetched from STS', env: () => ({ AWS_PROFILE: 'rolefresh' }), profile: 'rolefresh', answering: true },
  { name: 'web identity from a profile', env: () => ({ AWS_PROFILE: 'webid' }), profile: 'webid', answering: true },
  { name: 'web identity with a broken token file', env: () => ({ AWS_PROFILE: 'webidbroken' }), profile: 'webidbroken' },
  { name: 'web identity from env', env: (h) => ({ AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/web`, AWS_WEB_IDENTITY_TOKEN_FILE: `${h}/env.jwt` }), profile: 'default', answering: true },
  { name: 'container credentials with an auth token file', env: (h) => ({ ...NO_SHARED, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/ok`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: `${h}/container.token` }), profile: 'default' },
  { name: 'container endpoint failing with a body', env: (h) => ({ ...NO_SHARED, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/fail`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: `${h}/container.token` }), profile: 'default' },
  { name: 'container endpoint answering garbage', env: () => ({ ...NO_SHARED, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/garbage`, AWS_CONTAINER_AUTHORIZATION_TOKEN: jwt('container.authtoken.env') }), profile: 'default' },
  { name: 'legacy AWS_CREDENTIAL_FILE', env: (h) => ({ ...NO_SHARED, AWS_CREDENTIAL_FILE: `${h}/ec2.txt` }), profile: 'default' },
  { name: 'legacy AWS_CREDENTIAL_FILE, malformed', env: (h) => ({ ...NO_SHARED, AWS_CREDENTIAL_FILE: `${h}/ec2-broken.txt` }), profile: 'default' },
  { name: 'boto config', env: (h) => ({ ...NO_SHARED, BOTO_CONFIG: `${h}/boto.cfg` }), profile: 'default' },
  { name: 'boto config with a wrapped and a misspelt secret', env: (h) => ({ ...NO_SHARED, BOTO_CONFIG: `${h}/boto-broken.cfg` }), profile: 'default' },
  { name: 'explicit keys on the command line', env: () => ({}), profile: 'default', argv: ['--access-key-id', 'AKIACANARYEXPLICIT01', '--secret-access-key', secret('argv.explicit.secret'), '--session-token', token('argv.explicit.token')] },
  { name: 'a partial env pair (an error)', env: () => ({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: secret('env.partial.secret') }), profile: 'default' },
  { name: 'shared files broken by wrapped secrets', env: (h) => ({ AWS_SHARED_CREDENTIALS_FILE: `${h}/broken/credentials`, AWS_CONFIG_FILE: `${h}/broken/config` }), profile: 'default' },
];

/** every command, each in text, --json and --debug; export and exec hand credentials over by design */
function commands(profile: string): string[][] {
  const base: string[][] = [
    ['which'], ['verify'], ['profiles'], ['show'], ['show', profile], ['current', '--always'], ['doctor'], ['compare'],
    ['set', profile, 'aws_secret_access_key', secret('argv.set.secret'), '--dry-run'], ['set', profile, 'region', 'eu-west-2', '--dry-run'],
    ['sso', 'status'], ['sso', 'populate', '--sso-session', 'corp', '--dry-run'],
  ];
  const out: string[][] = [];
  for (const c of base) out.push(c, [...c, '--json'], [...c, '--debug']);
  out.push(['profiles', '--names'], ['profiles', '--verify', '--json', '--debug'], ['which', '--resolve', '--debug'], ['which', '--sdk', 'js', '--json', '--debug']);
  out.push(['unset', profile, 'aws_session_token', '--dry-run', '--debug'], ['copy', profile, 'copied', '--dry-run', '--json'], ['rename', profile, 'renamed', '--dry-run'], ['remove', profile, '--dry-run', '--debug']);
  out.push(['use', profile, '--shell', 'bash'], ['init', 'bash']);
  // real edits last: the files change under them
  out.push(['set', profile, 'aws_session_token', token('argv.set.token'), '--json', '--debug'], ['unset', profile, 'aws_secret_access_key', '--debug']);
  return out;
}

interface Ran {
  argv: string[];
  code: number | string;
  stdout: string;
  stderr: string;
}

/** a child process's exit code and output; never blocks this process, where the loopback stand-ins answer */
async function run(argv: string[], env: Record<string, string>, cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runProcess(process.execPath, argv, { env, cwd, timeoutMs });
  return { code: status, stdout, stderr };
}

interface ScenarioRun {
  results: Ran[];
  /** what the runner processes wrote outside any command's captured output */
  processOutput: string;
}

/**
 * Runs one scenario's commands in a few Node processes (chunks, each in a fresh HOME, the real edits in the last),
 * the processes' own stdout and stderr counting as output too, plus `credchain --debug` through the real launcher.
 */
async function runScenario(s: Scenario, slot: () => Promise<() => void>): Promise<ScenarioRun> {
  const lines = commands(s.profile).map((c) => [...c, ...(s.argv ?? [])]);
  const size = Math.ceil(lines.length / CHUNKS);
  const chunks = Array.from({ length: CHUNKS }, (_, i) => lines.slice(i * size, (i + 1) * size));
  const runs = await Promise.all(
    chunks.map(async (chunk, i) => {
      const release = await slot();
      try {
        return await runChunk(s, chunk, i === chunks.length - 1);
      } finally {
        release();
      }
    }),
  );
  return { results: runs.flatMap((r) => r.results), processOutput: runs.map((r) => r.processOutput).join('') };
}

const CHUNKS = 3;

async function runChunk(s: Scenario, chunk: string[][], withLauncher: boolean): Promise<ScenarioRun> {
  const home = makeHome({});
  for (const [rel, content] of Object.entries(files(home))) {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), content);
  }
  const job = path.join(home, 'job.json');
  const result = path.join(home, 'result.json');
  fs.writeFileSync(job, JSON.stringify({ cwd: home, commands: chunk }));
  const net = s.answering ? { AWS_ENDPOINT_URL: aws.url } : { AWS_ENDPOINT_URL: CLOSED_ENDPOINT };
  const env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', AWS_DEFAULT_REGION: 'us-east-1', ...net, ...s.env(home) });
  const r = await run([path.resolve(__dirname, '../support/runInProcess.cjs'), job, result], env, home, 240_000);
  expect(r.code, `${s.name}: the runner failed: ${r.stderr}`).toBe(0);
  const results = JSON.parse(fs.readFileSync(result, 'utf8')) as Ran[];
  if (withLauncher) {
    // the real launcher (bin/credchain.js and its fast path) once per scenario
    const bin = await run([BIN, '--debug', ...(s.argv ?? [])], env, home, 30_000);
    results.push({ argv: ['(bin/credchain.js)', '--debug'], code: bin.code ?? 'killed', stdout: bin.stdout, stderr: bin.stderr });
  }
  return { results, processOutput: r.stdout + r.stderr };
}

/** at most `n` runner processes at once: they mostly wait (retries, back-off), so a few share two cores well */
function pool(n: number): () => Promise<() => void> {
  let free = n;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return () =>
    new Promise((resolve) => {
      if (free > 0) {
        free--;
        resolve(release);
      } else waiting.push(() => resolve(release));
    });
}

/** every scenario starts at once (through the pool); each test awaits its own */
const started = new Map<string, Promise<ScenarioRun>>();
function scenarioRun(s: Scenario): Promise<ScenarioRun> {
  if (!started.size) {
    const slot = pool(6);
    // the slowest first: the failing container endpoint is retried with back-off by every command
    const order = [...SCENARIOS].sort((a, b) => Number(b.name.startsWith('container')) - Number(a.name.startsWith('container')));
    for (const x of order) started.set(x.name, runScenario(x, slot));
  }
  return started.get(s.name)!;
}

describe('no secret ever reaches the output', () => {
  it('the canaries look like real secrets (so shape-based masking is exercised) and are distinct', () => {
    files('/h');
    ENV_SECRETS();
    for (const [label, v] of CANARIES) expect(looksLikeSecret(v), label).toBe(true);
    expect(new Set(CANARIES.values()).size).toBe(CANARIES.size);
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: every command, text, --json and --debug', async (_name, s) => {
    const { results, processOutput } = await scenarioRun(s);
    expect(results.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const r of results) {
      const what = `credchain ${r.argv.map((a) => (leaksIn(a).length ? '<canary>' : a)).join(' ')}`;
      // every command ends (255 is the documented code for a network failure, which the closed endpoint is)
      if (r.code === 'timeout' || r.code === 'killed') leaks.push(`${what} → did not end`);
      for (const label of leaksIn(r.stdout)) leaks.push(`${what} → stdout leaks ${label}`);
      for (const label of leaksIn(r.stderr)) leaks.push(`${what} → stderr leaks ${label}`);
    }
    for (const label of leaksIn(processOutput)) leaks.push(`written outside the CLI's output → leaks ${label}`);
    expect(leaks, s.name).toEqual([]);
  }, 240_000);
});
