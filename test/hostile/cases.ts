// The hostile inputs: every side file and shared file in every hostile shape (binary, invalid UTF-8, NUL bytes,
// huge, FIFO, /dev/zero, directory, dangling symlink, symlink loop), deep and wide INI structures, credential_process
// helpers that hang, flood, hold their output open or cannot be executed, and endpoints (container, instance
// metadata, STS) that hang, trickle, flood, redirect or answer garbage. Each names what `which --json` must end with.
import { createHash } from 'node:crypto';
import type { HostileKind } from './servers';

/** what a HOME path holds: text or bytes, or a special file made by the runner */
export type Entry = string | Buffer | { fifo: true } | { symlink: string } | { dir: true } | { sparse: number };

export interface HostileInput {
  name: string;
  files?: Record<string, Entry>;
  /** {HOME} is the input's HOME; {URL:kind} a hostile server */
  env?: Record<string, string>;
  /** the commands to run (default READ_COMMANDS); {URL:kind} is substituted */
  commands?: string[][];
  /** what `which --json` (or the first command) must end with */
  exit: number[];
  /** matched against stdout + stderr of that command */
  says?: RegExp;
  /** computes for seconds (a huge config) rather than waiting on a timeout: few such inputs run at once */
  heavy?: boolean;
}

export const READ_COMMANDS: string[][] = [['which', '--json'], ['which'], ['show'], ['profiles'], ['current'], ['doctor'], ['compare']];

const SSO_CONFIG = '[default]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = r\n[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n';
const SSO_CACHE = `.aws/sso/cache/${createHash('sha1').update('s').digest('hex')}.json`;
const HUGE_INI = 70 * 1024 * 1024;
const HUGE_SIDE = 20 * 1024 * 1024;

/** 64 KiB of bytes from a fixed generator: the same binary file on every run */
function binary(): Buffer {
  const b = Buffer.alloc(64 * 1024);
  let x = 2463534242;
  for (let i = 0; i < b.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

interface Place {
  name: string;
  /** the HOME path the hazard goes to */
  path: string;
  files?: Record<string, Entry>;
  env?: Record<string, string>;
  huge: number;
  /** when the hazard is the whole story: what `which --json` must end with per hazard kind */
  exit: (hazard: string) => number[];
}

const PLACES: Place[] = [
  // a config or credentials file that cannot be read is absent for botocore (no credentials: 253)
  { name: 'config', path: '.aws/config', huge: HUGE_INI, exit: () => [253] },
  { name: 'credentials', path: '.aws/credentials', huge: HUGE_INI, exit: () => [253] },
  { name: 'BOTO_CONFIG', path: 'boto.cfg', env: { BOTO_CONFIG: '{HOME}/boto.cfg' }, huge: HUGE_INI, exit: () => [253] },
  { name: 'AWS_CREDENTIAL_FILE', path: 'ec2.txt', env: { AWS_CREDENTIAL_FILE: '{HOME}/ec2.txt' }, huge: HUGE_SIDE, exit: () => [253] },
  {
    name: 'web identity token file',
    path: 'token',
    env: { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/r', AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/token' },
    huge: HUGE_SIDE,
    // the token is read on first use; `which` resolves the role (0) when the path is a file
    exit: () => [0, 253],
  },
  { name: 'SSO token cache', path: SSO_CACHE, files: { '.aws/config': SSO_CONFIG }, huge: HUGE_SIDE, exit: () => [0, 253] },
  {
    name: 'container auth token file',
    path: 'ctoken',
    // an endpoint that answers at once: the token file is the only obstacle
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{URL:creds}/creds', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '{HOME}/ctoken' },
    huge: HUGE_SIDE,
    exit: () => [0, 253, 255],
  },
];

function hazards(p: Place): [string, Entry, RegExp?][] {
  return [
    ['binary', binary()],
    ['invalid UTF-8', Buffer.from('[default]\naws_access_key_id = \xff\xfe\n', 'latin1')],
    ['NUL bytes', '[default]\n\0aws_access_key_id = A\0\n\0'],
    ['huge (sparse)', { sparse: p.huge }],
    ['a FIFO', { fifo: true }],
    ['a symlink to /dev/zero', { symlink: '/dev/zero' }],
    ['a directory', { dir: true }],
    ['a dangling symlink', { symlink: '/nonexistent/credchain-hostile' }],
    ['a symlink loop', { symlink: '{SELF}' }],
  ];
}

const sideFileInputs: HostileInput[] = PLACES.flatMap((p) =>
  hazards(p).map(([hazard, entry]) => ({
    name: `${p.name}: ${hazard}`,
    files: { ...p.files, [p.path]: entry },
    env: p.env,
    exit: p.exit(hazard),
  })),
);

/** web identity and SSO tokens are read when credentials are fetched: verify reads them, against a closed STS */
const fetchInputs: HostileInput[] = [
  ...(['a FIFO', 'a symlink to /dev/zero', 'huge (sparse)', 'a directory'] as const).map((hazard) => ({
    name: `verify reads the web identity token file: ${hazard}`,
    files: { token: hazards(PLACES[4]).find(([h]) => h === hazard)![1] },
    env: PLACES[4].env,
    commands: [['verify', '--endpoint-url', '{URL:closed}', '--timeout', '1']],
    exit: [253, 255],
    says: /token file/,
  })),
  ...(['a FIFO', 'a symlink to /dev/zero', 'huge (sparse)'] as const).map((hazard) => ({
    name: `verify reads the SSO token cache: ${hazard}`,
    files: { '.aws/config': SSO_CONFIG, [SSO_CACHE]: hazards(PLACES[5]).find(([h]) => h === hazard)![1] },
    commands: [['verify', '--endpoint-url', '{URL:closed}', '--timeout', '1']],
    exit: [253],
    says: /token cache/,
  })),
];

const KEYS = 'aws_access_key_id = AKIAHOSTILE000000001\naws_secret_access_key = hostile\n';
const HUNDRED_K_SECTIONS = Array.from({ length: 100_000 }, (_, i) => `[profile p${i}]\nregion = eu-west-1\n`).join('');
const MISSPELT_KEYS = `[default]\n${Array.from({ length: 130_000 }, (_, i) => `aws_acess_key_id${i} = x\n`).join('')}`;
const MILLION_KEYS = `[default]\n${Array.from({ length: 1_000_000 }, (_, i) => `k${i} = v\n`).join('')}`;

/**
 * An input on which each command takes seconds, as its own input per command (each in its own bounded process), so
 * the bound is one command's and not the sum of seven on a busy machine. `exits` by command name, else `otherwise`.
 */
function eachCommand(name: string, files: Record<string, Entry>, exits: Record<string, number[]>, otherwise: number[]): HostileInput[] {
  return READ_COMMANDS.map((c) => ({ name: `${name}: ${c.join(' ')}`, files, commands: [c], exit: exits[c[0]] ?? otherwise, heavy: true }));
}

const iniInputs: HostileInput[] = [
  { name: 'config: 50,000 continuation lines', files: { '.aws/config': `[default]\nregion = eu-west-1\n${'  continued\n'.repeat(50_000)}` }, exit: [253] },
  // compare runs the real JS SDK on these: 2.6 MB of shared files are under what compare hands it
  ...eachCommand('config: 100,000 sections', { '.aws/config': HUNDRED_K_SECTIONS }, { profiles: [0], current: [0], doctor: [0] }, [253]),
  { name: 'credentials: a 1 MB section name', files: { '.aws/credentials': `[${'s'.repeat(1024 * 1024)}]\n${KEYS}` }, exit: [253] },
  { name: 'credentials: a 10 MB value on one line', files: { '.aws/credentials': `[default]\n${KEYS}note = ${'v'.repeat(10 * 1024 * 1024)}\n` }, exit: [0] },
  { name: 'config: a nested block of 100,000 lines', files: { '.aws/config': `[default]\ns3 =\n${'  k = v\n'.repeat(100_000)}`, '.aws/credentials': `[default]\n${KEYS}` }, exit: [0] },
  { name: 'config: 20,000 keys in one profile', files: { '.aws/config': `[default]\n${Array.from({ length: 20_000 }, (_, i) => `k${i} = v\n`).join('')}`, '.aws/credentials': `[default]\n${KEYS}` }, exit: [0] },
  {
    name: 'config: a source_profile cycle through 300 profiles',
    files: { '.aws/config': Array.from({ length: 300 }, (_, i) => `[profile r${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = r${(i + 1) % 300}\n`).join('') },
    env: { AWS_PROFILE: 'r0' },
    exit: [253],
  },
  {
    name: 'config: a source_profile chain 5,000 deep',
    files: {
      '.aws/config': Array.from({ length: 5000 }, (_, i) => `[profile r${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = r${i + 1}\n`).join(''),
      '.aws/credentials': `[r5000]\n${KEYS}`,
    },
    env: { AWS_PROFILE: 'r0' },
    // botocore raises RecursionError a few hundred hops deep (the fidelity issue decides the exact depth)
    exit: [0, 253],
  },
  // every command holds a million parsed entries at once; compare does not hand the JS SDK a section this large, and
  // says so (boto3 answers, the JS side does not: exit 1)
  ...eachCommand('config: 1,000,000 keys in one profile', { '.aws/config': MILLION_KEYS, '.aws/credentials': `[default]\n${KEYS}` }, { compare: [1] }, [0]),
  { name: 'config: 130,000 misspelt keys for doctor', files: { '.aws/config': MISSPELT_KEYS }, exit: [253], heavy: true },
];

const helper = (name: string, command: string, script?: string, exit: number[] = [253], says?: RegExp): HostileInput => ({
  name: `credential_process: ${name}`,
  files: { '.aws/config': `[default]\ncredential_process = ${command}\n`, ...(script !== undefined ? { 'proc.sh': script } : {}) },
  env: { CREDCHAIN_HELPER_TIMEOUT: '1' },
  exit,
  says,
});
const CREDS_JSON = '{"Version": 1, "AccessKeyId": "AKIAHELPER0000000001", "SecretAccessKey": "S"}';

const helperInputs: HostileInput[] = [
  helper('hangs', '/bin/sleep 600', undefined, [253], /did not finish within 1 s/),
  { ...helper('ignores SIGTERM', '/bin/sh {HOME}/proc.sh', "trap '' TERM\nsleep 600\n", [253], /did not finish within 1 s/), commands: [['which', '--json'], ['show'], ['compare']] },
  helper('leaves a child holding stdout', '/bin/sh {HOME}/proc.sh', `sleep 600 &\necho '${CREDS_JSON}'\n`, [0]),
  helper('floods stdout', '/usr/bin/yes', undefined, [253], /more than 1 MiB/),
  helper('floods stderr and hangs', '/bin/sh {HOME}/proc.sh', 'yes >&2\n', [253]),
  helper('prints a binary', '/bin/cat /bin/sh', undefined, [253], /UnicodeDecodeError|not valid UTF-8/),
  helper('prints JSON nested 100,000 deep', '/bin/sh {HOME}/proc.sh', "printf '%100000s' '' | tr ' ' '['\n", [253]),
  helper('is a script without #!', '{HOME}/proc.sh', `echo '${CREDS_JSON}'\n`, [253], /Exec format error/),
  helper("is ''", "''", undefined, [253], /PermissionError/),
  helper('is a directory', '/tmp', undefined, [253], /PermissionError/),
  helper('reads stdin (closed)', '/bin/cat', undefined, [253], /JSONDecodeError|not JSON/),
  // without CREDCHAIN_HELPER_TIMEOUT: verify --timeout bounds the helper, profiles --verify its --profile-timeout
  {
    name: 'credential_process: hangs, bounded by verify --timeout',
    files: { '.aws/config': '[default]\nregion = us-east-1\ncredential_process = /bin/sleep 600\n' },
    commands: [['verify', '--timeout', '1'], ['profiles', '--verify', '--profile-timeout', '2']],
    exit: [253],
    says: /did not finish within 1 s/,
  },
];

const containerInputs: HostileInput[] = (['hang', 'trickle', 'flood', 'redirect-loop', 'redirect-closed', 'garbage-json', 'binary', 'huge-header', 'slow-headers', 'closed'] as HostileKind[]).map(
  (kind) => ({
    name: `container endpoint: ${kind}`,
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `{URL:${kind}}/creds` },
    commands: [['which', '--json'], ['show'], ['doctor']],
    exit: [253, 255],
  }),
);

/**
 * compare runs the real JS SDK in-process: unbounded, its container provider waits for ever on an endpoint that never
 * finishes an answer (its requestTimeout only warns) and buffers an endless body until V8 aborts (src/compare/jsBounds.ts)
 */
const compareContainerInputs: HostileInput[] = (['hang', 'trickle', 'flood', 'slow-headers', 'garbage-json', 'closed'] as HostileKind[]).map((kind) => ({
  name: `compare, container endpoint: ${kind}`,
  env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `{URL:${kind}}/creds` },
  commands: [['compare']],
  exit: [253, 255],
}));

const imdsInputs: HostileInput[] = (['hang', 'trickle', 'flood', 'garbage-json'] as HostileKind[]).map((kind) => ({
  name: `instance metadata endpoint: ${kind}`,
  env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: `{URL:${kind}}/`, AWS_METADATA_SERVICE_TIMEOUT: '1' },
  commands: [['which', '--json', '--force-imds'], ['which', '--force-imds']],
  exit: [253, 255],
}));

const stsInputs: HostileInput[] = (['hang', 'trickle', 'flood', 'huge-length', 'redirect-loop', 'garbage-json', 'binary', 'huge-header', 'closed'] as HostileKind[]).map((kind) => ({
  name: `STS endpoint for verify: ${kind}`,
  files: { '.aws/credentials': `[default]\n${KEYS}`, '.aws/config': '[default]\nregion = us-east-1\n' },
  // --timeout 1: three attempts with backoff, at most 9 s each when the endpoint never finishes an answer
  commands: [
    ['verify', '--json', '--endpoint-url', `{URL:${kind}}`, '--timeout', '1'],
    ['profiles', '--verify', '--endpoint-url', `{URL:${kind}}`, '--timeout', '1'],
  ],
  // a redirect is an answer STS never gives: read as an error response (254) or not understood (255)
  exit: kind === 'redirect-loop' ? [254, 255] : [255],
  says: kind === 'flood' || kind === 'huge-length' ? /at most 1048576 bytes/ : undefined,
}));

// the slowest (waiting out timeouts) first, so the many quick ones fill the time beside them
export const HOSTILE_INPUTS: HostileInput[] = [...stsInputs, ...containerInputs, ...compareContainerInputs, ...helperInputs, ...iniInputs, ...sideFileInputs, ...fetchInputs, ...imdsInputs];
