// The JSON Schemas shipped in schema/ against real output: `which --json` over a spread of outcomes (static keys, a
// deferred role chain, SSO, env, credential_process, explicit keys, errors, nothing at all), `verify --json` and
// `profiles --json` / `profiles --verify --json` with a loopback STS. Each command runs in-process through main().
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { startLoopback, type LoopbackServer } from '../support/loopback';

const SCHEMA_DIR = path.join(__dirname, '../../schema');
const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const f of fs.readdirSync(SCHEMA_DIR)) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')));

const IDENTITY_XML =
  '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDACI</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>';

let sts: LoopbackServer;
const homes: string[] = [];
beforeAll(async () => {
  sts = await startLoopback({ 'POST /': { status: 200, headers: { 'content-type': 'text/xml' }, body: IDENTITY_XML } });
});
afterAll(async () => {
  await sts?.close();
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

async function run(argv: string[], files: Record<string, string>, env: Record<string, string> = {}): Promise<{ code: number; json: unknown }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-schema-'));
  homes.push(home);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), text, { mode: 0o600 });
  }
  let stdout = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: () => {},
    env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    isTTY: false,
    cwd: home,
  };
  const code = await main(argv, io);
  return { code, json: JSON.parse(stdout) };
}

function expectValid(schema: string, data: unknown): void {
  const validate = ajv.getSchema(`urn:credchain:schema:${schema}`)!;
  const ok = validate(data);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

const KEYS = '[default]\naws_access_key_id = AKIAEXAMPLE00001234\naws_secret_access_key = secret\n';
const CONFIG = [
  '[default]',
  'region = eu-west-1',
  'output = json',
  '[profile role]',
  'role_arn = arn:aws:iam::123456789012:role/r',
  'source_profile = default',
  'mfa_serial = arn:aws:iam::123456789012:mfa/me',
  '[profile sso]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = Admin',
  '[sso-session corp]',
  'sso_start_url = https://d-123.awsapps.com/start',
  'sso_region = us-east-1',
  '[profile proc]',
  'credential_process = /bin/sh -c "echo \'{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIAPROC\\", \\"SecretAccessKey\\": \\"s\\"}\'"',
  '[profile broken]',
  'role_arn = arn:aws:iam::123456789012:role/r',
  '[plugins]',
  'x = y',
  '',
].join('\n');
const files = { '.aws/credentials': KEYS, '.aws/config': CONFIG };

describe('which --json matches schema/which.schema.json', () => {
  it.each([
    ['nothing configured', [], {}, {}],
    ['static keys', [], files, {}],
    ['a deferred role chain', ['--profile', 'role'], files, {}],
    ['sso', ['--profile', 'sso'], files, {}],
    ['credential_process', ['--profile', 'proc'], files, {}],
    ['env keys with a token and expiry', [], files, { AWS_ACCESS_KEY_ID: 'ASIAENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_CREDENTIAL_EXPIRATION: '2099-01-01T00:00:00Z' }],
    ['explicit keys', ['--access-key-id', 'AKIAARGV', '--secret-access-key', 's'], files, {}],
    ['InvalidConfigError', ['--profile', 'broken'], files, {}],
    ['ProfileNotFound', ['--profile', 'nope'], files, {}],
    ['ConfigParseError', [], { '.aws/config': '[default]\njunk\n' }, {}],
    ['which --resolve (fetch fails: the check is reported)', ['--resolve', '--profile', 'role', '--mfa-code', '123456'], files, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }],
  ])('%s', async (_name, argv, f, env) => {
    const r = await run(['which', '--json', ...argv], f, env);
    expectValid('which', r.json);
  });

  it('the schema is not a formality: a region name as an array is rejected', async () => {
    const r = (await run(['which', '--json'], files)).json as { region: { name: unknown } };
    r.region.name = ['a', 'b'];
    expect(ajv.getSchema('urn:credchain:schema:which')!(r)).toBe(false);
  });
});

describe('verify --json matches schema/verify.schema.json', () => {
  it('proved by STS, and with a failed expectation', async () => {
    const ok = await run(['verify', '--json', '--endpoint-url', sts.url], files);
    expect(ok.code).toBe(0);
    expect((ok.json as { identity: { account: string } }).identity.account).toBe('123456789012');
    expectValid('verify', ok.json);
    const failed = await run(['verify', '--json', '--endpoint-url', sts.url, '--expect-account', '999999999999'], files);
    expect(failed.code).toBe(1);
    expectValid('verify', failed.json);
  });

  it('nothing to verify', async () => {
    const r = await run(['verify', '--json'], {});
    expect(r.code).toBe(253);
    expectValid('verify', r.json);
  });
});

describe('profiles --json matches schema/profiles.schema.json', () => {
  it('the listing', async () => {
    expectValid('profiles', (await run(['profiles', '--json'], files)).json);
    expectValid('profiles', (await run(['profiles', '--json'], {})).json);
  });

  it('profiles --verify, with its summary', async () => {
    const r = await run(['profiles', '--verify', '--json', '--endpoint-url', sts.url], files);
    expectValid('profiles', r.json);
    const s = (r.json as { summary: Record<string, number> }).summary;
    expect(s.verified + s.failed + s.needsLogin + s.needsMfa + s.skipped).toBe(s.total);
  });
});
