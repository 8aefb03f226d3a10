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
const COMMANDS: string[][] = [[], ['which'], ['which', '--json'], ['which', '--debug'], ['which', '--json', '--debug']];

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
