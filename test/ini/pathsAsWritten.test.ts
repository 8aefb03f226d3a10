// Paths from the environment reach the operating system as written, as they do in boto3: botocore expands ~ and
// $VARS and hands the string to open()/os.path.isfile, so `link/../c` goes through the link's target, `nodir/../c`
// and `file/../c` fail, and `c/` is not a file. Each shape is run through real botocore (oracle.py) and through
// `credchain which --json` in the same HOME, for every variable that names a credentials file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRoot, probeOracle, removeRoot, runCredchain, runOracle, type Materialized, type OracleOutcome } from '../conformance/harness';

const ORACLE = path.resolve(__dirname, '../conformance/oracle.py');
const BIN = path.resolve(__dirname, '../../bin/credchain.js');
const probe = probeOracle();
const haveOracle = !('problem' in probe) || Boolean(process.env.CI);

/** what each variable's file holds, for a key id that says which file was read */
const FORMATS: Record<string, (key: string) => string> = {
  AWS_SHARED_CREDENTIALS_FILE: (k) => `[default]\naws_access_key_id = ${k}\naws_secret_access_key = SK\n`,
  AWS_CONFIG_FILE: (k) => `[default]\naws_access_key_id = ${k}\naws_secret_access_key = SK\n`,
  BOTO_CONFIG: (k) => `[Credentials]\naws_access_key_id = ${k}\naws_secret_access_key = SK\n`,
  AWS_CREDENTIAL_FILE: (k) => `AWSAccessKeyId=${k}\nAWSSecretKey=SK\n`,
};
/** the shapes, relative to HOME (the working directory of both runs) or anchored at it */
const SHAPES: Record<string, (home: string) => string> = {
  'through a symlinked directory and ..': (h) => `${h}/link/../c`,
  'relative, through a symlinked directory and ..': () => 'link/../c',
  'through a missing directory and ..': (h) => `${h}/nodir/../c`,
  'through a file and ..': (h) => `${h}/c/../c`,
  'with a trailing slash': (h) => `${h}/c/`,
  'with a doubled slash and a dot': (h) => `${h}//./c`,
  relative: () => 'c',
};

interface Case {
  id: string;
  variable: string;
  shape: string;
  m: Materialized;
}

let root = '';
const cases: Case[] = [];
let oracle: Map<string, OracleOutcome> = new Map();

function layout(home: string, variable: string): void {
  // HOME/c is what a lexical normalisation finds; HOME/real/c is where the OS lands through link/..
  fs.mkdirSync(path.join(home, 'real', 'deep'), { recursive: true });
  fs.symlinkSync(path.join(home, 'real', 'deep'), path.join(home, 'link'));
  fs.writeFileSync(path.join(home, 'c'), FORMATS[variable]('AK_LEXICAL'));
  fs.writeFileSync(path.join(home, 'real', 'c'), FORMATS[variable]('AK_THROUGH_LINK'));
}

beforeAll(async () => {
  root = makeRoot('paths-as-written');
  for (const variable of Object.keys(FORMATS)) {
    for (const [shape, value] of Object.entries(SHAPES)) {
      const id = `${variable}:${shape}`;
      const home = path.join(root, String(cases.length));
      fs.mkdirSync(home);
      layout(home, variable);
      const env = { HOME: home, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true', [variable]: value(home) };
      cases.push({ id, variable, shape, m: { id, home, env, argv: [], servers: {}, close: async () => {} } as unknown as Materialized });
    }
  }
  if (haveOracle) oracle = await runOracle(ORACLE, cases.map((c) => c.m));
}, 120_000);

afterAll(() => removeRoot(root));

interface View {
  method: string | null;
  accessKeyId: string | null;
  error: string | null;
}

function botocoreSays(o: OracleOutcome | undefined): View {
  if (!o || !('result' in o)) throw new Error(`botocore gave no result: ${JSON.stringify(o)}`);
  const r = o.result;
  return { method: r.method, accessKeyId: r.accessKeyId, error: r.error?.type ?? (r.method === null ? 'NoCredentialsError' : null) };
}

function credchainSays(stdout: string): View {
  const j = JSON.parse(stdout) as { credentials: { method: string; accessKeyId: string | null } | null; error: { type: string } | null };
  return { method: j.credentials?.method ?? null, accessKeyId: j.credentials?.accessKeyId ?? null, error: j.error?.type ?? (j.credentials ? null : 'NoCredentialsError') };
}

describe.skipIf(!haveOracle)('paths go to the operating system as written (botocore decides)', () => {
  it('the shapes really differ: through the link boto3 reads another file than a normalised path would', () => {
    const c = cases.find((x) => x.variable === 'AWS_SHARED_CREDENTIALS_FILE' && x.shape === 'through a symlinked directory and ..')!;
    expect(botocoreSays(oracle.get(c.id)).accessKeyId).toBe('AK_THROUGH_LINK');
  });

  for (const variable of Object.keys(FORMATS)) {
    it(`${variable}: every shape reads what botocore reads`, async () => {
      const mine = cases.filter((c) => c.variable === variable);
      const got: Record<string, View> = {};
      const want: Record<string, View> = {};
      for (const c of mine) {
        const run = await runCredchain(BIN, c.m);
        got[c.shape] = credchainSays(run.stdout);
        want[c.shape] = botocoreSays(oracle.get(c.id));
      }
      expect(got).toEqual(want);
    });
  }
});
