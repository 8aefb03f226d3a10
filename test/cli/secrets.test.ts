// The canary test: every command runs with canary secret keys and session tokens in every place credentials can
// come from, in text, JSON and --debug output; no canary may appear outside `export`/`exec` (which exist to hand
// them over). Add each new command to COMMANDS.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';

const SECRETS = [
  'CANARYSECRETenv0000000000000000000000000',
  'CANARYTOKENenv',
  'CANARYSECRETfile000000000000000000000000',
  'CANARYTOKENfile',
  'CANARYSECRETcfg',
  'CANARYSECRETproc',
  'CANARYTOKENproc',
  'CANARYSECRETcontainer',
  'CANARYTOKENcontainer',
  'CANARYSECRETexplicit',
  'CANARYTOKENexplicit',
  'CANARYSECRETboto',
  'CANARYSECRETec2',
];

/** every command that must never print a secret; export and exec are the documented exceptions */
const COMMANDS: string[][] = [
  [], ['which'], ['which', '--json'], ['which', '--debug'], ['which', '--json', '--debug'],
  ['profiles'], ['profiles', '--json'], ['profiles', '--names'],
  ['show'], ['show', '--json'], ['show', '--debug'], ['show', 'proc'], ['show', 'proc', '--json', '--debug'],
  ['use', 'proc', '--shell', 'bash'], ['use', 'default'],
  ['current'], ['current', '--always', '--json'],
  ['init', 'bash'],
  ['doctor'], ['doctor', '--json'], ['doctor', '--debug'],
  ['compare'], ['compare', '--json'], ['compare', '--json', '--debug'],
  ['which', '--sdk', 'js'], ['which', '--sdk', 'js', '--json', '--debug'],
  ['set', 'default', 'aws_secret_access_key', SECRETS[9]], ['set', 'default', 'aws_session_token', SECRETS[10], '--json', '--debug'],
  ['set', 'default', 'aws_session_token', 'newtoken', '--dry-run'], ['set', 'default', 'region', 'eu-west-2', '--dry-run', '--debug'],
  ['unset', 'default', 'aws_session_token', '--dry-run'], ['unset', 'default', 'aws_secret_access_key', '--debug'],
  ['remove', 'default', '--dry-run'], ['remove', 'default', '--json', '--debug'],
  ['rename', 'default', 'renamed', '--dry-run'], ['copy', 'default', 'copied', '--dry-run', '--json'],
];

const files = {
  '.aws/credentials': `[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = ${SECRETS[2]}\naws_session_token = ${SECRETS[3]}\n[proc]\ncredential_process = /bin/sh proc.sh\n`,
  '.aws/config': `[default]\naws_access_key_id = AKIACFG\naws_secret_access_key = ${SECRETS[4]}\n[profile proc]\nregion = eu-west-1\n`,
  'proc.sh': `echo '{"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "${SECRETS[5]}", "SessionToken": "${SECRETS[6]}"}'\n`,
  '.boto': `[Credentials]\naws_access_key_id = AKIABOTO\naws_secret_access_key = ${SECRETS[11]}\n`,
  'ec2.txt': `AWSAccessKeyId=AKIAEC2\nAWSSecretKey=${SECRETS[12]}\n`,
};

let container: LoopbackServer;
afterAll(() => container?.close());

function expectNoCanary(out: string, what: string) {
  for (const s of SECRETS) expect(out.includes(s), `${what} leaked ${s}`).toBe(false);
}

describe('no secret ever reaches the output', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(bare)', c]))('credchain %s', async (_name, args) => {
    container ??= await startLoopback({
      'GET /creds': { status: 200, body: JSON.stringify({ AccessKeyId: 'AKIACONT', SecretAccessKey: SECRETS[7], Token: SECRETS[8], Expiration: '2099-01-01T00:00:00Z' }) },
    });
    const scenarios: { env: Record<string, string>; argv: string[] }[] = [
      { env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: SECRETS[0], AWS_SESSION_TOKEN: SECRETS[1] }, argv: [] },
      { env: {}, argv: [] },
      { env: { AWS_PROFILE: 'proc' }, argv: [] },
      { env: { AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' , AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/creds` }, argv: [] },
      { env: { AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '', AWS_CREDENTIAL_FILE: '~/ec2.txt' }, argv: [] },
      { env: { AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' }, argv: [] },
      { env: {}, argv: ['--access-key-id', 'AKIAEXPL', '--secret-access-key', SECRETS[9], '--session-token', SECRETS[10]] },
      // a partial env pair makes an error: its message must not carry the secret either
      { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: SECRETS[0] }, argv: [] },
    ];
    for (const s of scenarios) {
      const r = await runCli([...args, ...s.argv], { files, env: s.env });
      expect(r.code, r.stderr).not.toBe(255);
      expectNoCanary(r.stdout + r.stderr, `credchain ${args.join(' ')} ${JSON.stringify(s.env)}`);
    }
  });
});

/**
 * Commands that call AWS (verify, which --resolve, profiles --verify): the same scenarios, with STS pointed at a
 * loopback stand-in (never a real endpoint), plus an assume-role profile whose fetched secret and token are canaries
 * too.
 */
const STS_COMMANDS: string[][] = [
  ['verify'], ['verify', '--json'], ['verify', '--debug'], ['verify', '--format', 'github'], ['verify', '--json', '--debug'],
  ['which', '--resolve'], ['which', '--resolve', '--json', '--debug'],
  ['profiles', '--verify'], ['profiles', '--verify', '--json', '--debug'],
];
const STS_SECRETS = ['CANARYSECRETsts', 'CANARYTOKENsts'];

let sts: LoopbackServer;
afterAll(() => sts?.close());

describe('no secret ever reaches the output of commands that call AWS', () => {
  it.each(STS_COMMANDS.map((c) => [c.join(' '), c]))('credchain %s', async (_name, args) => {
    container ??= await startLoopback({
      'GET /creds': { status: 200, body: JSON.stringify({ AccessKeyId: 'AKIACONT', SecretAccessKey: SECRETS[7], Token: SECRETS[8], Expiration: '2099-01-01T00:00:00Z' }) },
    });
    sts ??= await startLoopback({
      'POST /': (req) =>
        new URLSearchParams(req.body).get('Action') === 'AssumeRole'
          ? { status: 200, headers: { 'content-type': 'text/xml' }, body: `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIASTUB00000001</AccessKeyId><SecretAccessKey>${STS_SECRETS[0]}</SecretAccessKey><SessionToken>${STS_SECRETS[1]}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROASTUB:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>` }
          : { status: 200, headers: { 'content-type': 'text/xml' }, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/stub</Arn><UserId>AIDASTUB</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' },
    });
    const withRole = { ...files, '.aws/config': `${files['.aws/config']}[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n` };
    const net = { AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1' };
    const scenarios: { env: Record<string, string>; argv: string[] }[] = [
      { env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: SECRETS[0], AWS_SESSION_TOKEN: SECRETS[1] }, argv: [] },
      { env: {}, argv: [] },
      { env: { AWS_PROFILE: 'proc' }, argv: [] },
      { env: { AWS_PROFILE: 'role' }, argv: [] },
      { env: { AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '', AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/creds` }, argv: [] },
      { env: { AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '', AWS_CREDENTIAL_FILE: '~/ec2.txt' }, argv: [] },
      { env: {}, argv: ['--access-key-id', 'AKIAEXPL', '--secret-access-key', SECRETS[9], '--session-token', SECRETS[10]] },
      { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: SECRETS[0] }, argv: [] },
    ];
    for (const s of scenarios) {
      const r = await runCli([...args, ...s.argv], { files: withRole, env: { ...net, ...s.env } });
      expect(r.code, r.stdout + r.stderr).not.toBe(255);
      const what = `credchain ${args.join(' ')} ${JSON.stringify(s.env)}`;
      expectNoCanary(r.stdout + r.stderr, what);
      for (const c of STS_SECRETS) expect((r.stdout + r.stderr).includes(c), `${what} leaked ${c}`).toBe(false);
    }
  });
});
