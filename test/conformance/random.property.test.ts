// Randomized differential test of the whole chain: fast-check builds N scenarios (a HOME tree, env and argv)
// from the building blocks where resolution bugs hide (profile selection, env keys, config and credentials files
// with random profiles and keys, role chains, web identity, SSO, credential_process, login, malformed lines, file
// locations, boto and EC2 files, and the late sources alone: boto-config, container and instance-metadata winners
// served by loopback servers on 127.0.0.1, one set per side, started and stopped by the harness), botocore
// (oracle.py) resolves all of them in one batch, credchain resolves each one, and both are compared exactly as
// conformance.test.ts compares a fixture (secret key and token by hash).
//
// Environment: FC_SEED (a number reproduces a run; without it every run draws a new seed, printed at the start and
// in any failure), CREDCHAIN_RANDOM_RUNS (scenarios, default 250),
// CREDCHAIN_RANDOM_SHRINK_SECONDS (time spent minimising the mismatches found, default 60, 0 = off),
// CREDCHAIN_RANDOM_KEEP=DIR (write each failing scenario there as a fixture folder), CREDCHAIN_RANDOM_STATS=1
// (print how botocore's outcomes are distributed, to tune the generators), CREDCHAIN_RANDOM_IGNORE=REGEX (leave out
// mismatches whose kind, as printed in the summary, matches: for hunting past known divergences; refused under CI,
// where nothing may be silenced), CREDCHAIN_RANDOM_FOCUS=issue11 (draw issue 11's shapes far more often: paths as
// written, dateutil-like expirations, scripts run directly, deep chains), CREDCHAIN_PYTHON. Under CI a missing botocore fails the test; elsewhere it is skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  botocoreView,
  credchainView,
  loadFixtures,
  makeRoot,
  mapLimit,
  materialize,
  probeOracle,
  removeRoot,
  runCredchain,
  runCredchainSecrets,
  runOracle,
  type Comparable,
  type CredchainRun,
  type Fixture,
  type Materialized,
  type OracleOutcome,
  type SecretHashes,
  type ServerSpec,
} from './harness';
import { dateLikeArb } from './dateLike';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const CREDCHAIN_BIN = path.join(repo, 'bin', 'credchain.js');
const ORACLE = path.join(here, 'oracle.py');
const SECRETS = path.join(here, 'credchainSecrets.cjs');
const CREDCHAIN_JOBS = 4;
const ORACLE_JOBS = 6;

// a new seed every run, so each run explores new scenarios; FC_SEED=<number> replays one (printed at the start)
const SEED = process.env.FC_SEED && process.env.FC_SEED !== 'random' ? Number(process.env.FC_SEED) : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
const RUNS = process.env.CREDCHAIN_RANDOM_RUNS ? Number(process.env.CREDCHAIN_RANDOM_RUNS) : 250;
const SHRINK_SECONDS = process.env.CREDCHAIN_RANDOM_SHRINK_SECONDS ? Number(process.env.CREDCHAIN_RANDOM_SHRINK_SECONDS) : 60;
const KEEP_DIR = process.env.CREDCHAIN_RANDOM_KEEP;
const STATS = Boolean(process.env.CREDCHAIN_RANDOM_STATS);
const IGNORE = process.env.CREDCHAIN_RANDOM_IGNORE ? new RegExp(process.env.CREDCHAIN_RANDOM_IGNORE) : undefined;
/** under CI nothing may be silenced: an IGNORE there fails the test instead of hiding mismatches */
const IGNORE_REFUSED = Boolean(process.env.CI) && IGNORE !== undefined;
/** CREDCHAIN_RANDOM_FOCUS=issue11: a hunt among issue 11's shapes; the default run keeps them at modest weights */
const FOCUS = process.env.CREDCHAIN_RANDOM_FOCUS === 'issue11';
const focused = (weight: number, hunting: number) => (FOCUS ? hunting : weight);
/** mismatches printed in full in the failure message (one per distinct kind first) */
const PRINTED = 4;

const probe = probeOracle();
const oracleProblem = 'problem' in probe ? probe.problem : undefined;
const runOracleHalf = !oracleProblem || Boolean(process.env.CI);

// ---------------------------------------------------------------------------------------------------------
// The scenario model. Every optional part is `undefined` when absent, so fast-check shrinks towards absence.

/** profile names: three common ones, and two rarer ones (one differing only in case) */
const NAMES: [string, number][] = [
  ['default', 4],
  ['dev', 4],
  ['a', 3],
  ['Dev', 1],
  ['b', 1],
  ['my dev', 1],
];
/** what a profile variable or --profile may name: the names above, empty, missing, untrimmed */
const SELECTABLE: [string, number][] = [...NAMES, ['', 1], ['nope', 1], ['dev ', 1]];

/** a profile name, or a pointer to the name of one of the generated sections (so selections often hit) */
type NameRef = string | { ref: number };

type Static = 'full' | 'access-only' | 'secret-only' | 'empty-access' | 'empty-secret';
type EnvStatic = 'full' | 'untrimmed' | 'access-only' | 'secret-only' | 'empty-access' | 'empty-secret';
type Token = 'session' | 'security' | 'both' | 'empty-security';
type WebIdentity = 'exists' | 'missing' | 'empty' | 'tilde';
/** how credential_process is written */
type ProcessCommand = 'sh' | 'sh-on-path' | 'quoted' | 'hash-argument' | 'tilde' | 'unbalanced-quote' | 'empty' | 'not-found' | 'direct' | 'no-shebang';
/** what the script does: print the JSON (possibly mangled), or fail */
type ProcessOutput = 'json' | 'stderr-noise' | 'exit-1' | 'exit-1-with-json' | 'empty' | 'not-json' | 'trailing-garbage' | 'bom' | 'array' | 'string';

/** one credential_process; JSON fields are raw JSON text, undefined = key absent */
interface ProcessSpec {
  command: ProcessCommand;
  output: ProcessOutput;
  version?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  expiration?: string;
  accountId?: string;
  /** an extra field Python's json reads and JSON.parse refuses: NaN, Infinity, -Infinity */
  extra?: string;
  /** an extra field nested this deep: Python's json raises RecursionError past about 990 levels from the top */
  deep?: { depth: number; kind: 'list' | 'object' };
}

interface SsoKeys {
  startUrl?: 'a' | 'b';
  region?: 'us-east-1' | 'eu-west-1' | '';
  accountId?: true;
  roleName?: true;
  session?: 's1' | 's2' | 's3' | '';
}

interface Keys {
  static?: Static;
  token?: Token;
  role?: { arn?: 'arn' | 'empty'; sourceProfile?: NameRef; credentialSource?: string; extras?: true };
  webIdentity?: WebIdentity;
  sso?: SsoKeys;
  process?: ProcessSpec;
  login?: true;
  region?: true;
}

interface Section {
  /** header text without its line ending, e.g. "[profile dev]" */
  header: string;
  /** the name the header was made from (what a user would call it, whether or not botocore agrees) */
  name: string;
  keys: Keys;
}

interface SsoSession {
  header: string;
  startUrl?: 'a' | 'b';
  region?: 'us-east-1' | 'eu-west-1';
  registrationScopes?: true;
}

/** a malformed line, or an oddity of the INI format that is still valid (nested values, inline "comments") */
type Malformation =
  | 'dup-key'
  | 'dup-key-case'
  | 'junk-line'
  | 'bom'
  | 'preamble'
  | 'indented-key'
  | 'dup-section'
  | 'nested-no-equals'
  | 'nested-ok'
  | 'nested-access-key'
  | 'inline-comment'
  | 'indented-comment'
  | 'blank-then-indented';

interface Style {
  crlf?: true;
  tabs?: true;
  upperKeys?: true;
  colon?: true;
  comments?: true;
}

interface IniFile {
  sections: Section[];
  style: Style;
  malformed?: { kind: Malformation; at: number };
}

interface ConfigFile extends IniFile {
  ssoSessions: SsoSession[];
}

/** where a shared file is and how AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE names it */
type Location = 'default' | 'alt' | 'tilde' | 'dollar' | 'braced' | 'relative' | 'empty' | 'missing' | 'directory' | PathShape;

/**
 * A path written so that the operating system and a lexical normalisation read it differently (botocore hands the
 * string to open() as written): `link/..` through a symlink to a subdirectory (the OS lands in the link target's
 * parent, where a different file waits), `nodir/..` (a missing directory), `c/..` and `c/` (a file used as a
 * directory: ENOTDIR), absolute, after `~`, or relative to the working directory (HOME).
 */
type PathShape = 'link-dotdot' | 'tilde-link-dotdot' | 'relative-link-dotdot' | 'nodir-dotdot' | 'relative-nodir-dotdot' | 'file-dotdot' | 'trailing-slash';
const PATH_SHAPES: PathShape[] = ['link-dotdot', 'tilde-link-dotdot', 'relative-link-dotdot', 'nodir-dotdot', 'relative-nodir-dotdot', 'file-dotdot', 'trailing-slash'];


interface EnvKeys {
  keys?: EnvStatic;
  sessionToken?: 'TOK_ENV' | '';
  securityToken?: 'STOK_ENV' | '';
  expiration?: string;
}

/** what the loopback container endpoint answers (GET /creds) */
type ContainerReply = 'ok' | 'account' | 'past' | 'naive' | 'no-token' | 'not-a-dict';
/** what the loopback instance-metadata server does */
type ImdsReply = 'ok' | 'v1-only' | 'no-role' | 'no-token' | 'error-doc' | 'expired';

/**
 * The late sources: a container endpoint or instance metadata on loopback servers, and a boto file. `alone` leaves
 * out every earlier source (profiles, env keys, shared files), so these win often.
 */
interface Late {
  network?: { source: 'container'; reply: ContainerReply; authToken?: true } | { source: 'imds'; reply: ImdsReply };
  boto?: keyof typeof BOTO_CONTENT;
  alone?: true;
}

interface Scenario {
  late?: Late;
  awsProfile?: NameRef;
  awsDefaultProfile?: NameRef;
  argvProfile?: NameRef;
  explicit?: { accessKeyId?: 'AK_ARG' | ''; secretAccessKey?: 'SK_ARG'; sessionToken?: 'TOK_ARG' };
  envKeys: EnvKeys;
  webIdentityEnv: { tokenFile?: WebIdentity; roleArn?: 'arn' | ''; sessionName?: 'sess' | '' };
  region?: 'eu-west-1' | '';
  /** --region: boto3 Session(region_name=…) */
  regionArg?: true;
  imdsEnv?: 'all-set' | 'all-set-v1' | 'bad-timeout';
  config?: ConfigFile;
  configLocation: Location;
  credentials?: IniFile;
  credentialsLocation: Location;
  /** AWS_SHARED_CREDENTIALS_FILE names the config file itself */
  credentialsFileIsConfig?: true;
  boto?: { where: 'env' | 'dot-boto' | 'env-missing' | 'env-empty' | PathShape; content: keyof typeof BOTO_CONTENT };
  ec2File?: { where: 'file' | 'missing' | 'empty' | 'tilde' | PathShape; content: keyof typeof EC2_CONTENT };
  /** a source_profile chain of `roles` role profiles selected with --profile: long ones reach botocore's RecursionError */
  deepChain?: { roles: number; ending: 'static' | 'environment' | 'missing' };
}

/** ~/.boto or BOTO_CONFIG contents */
const BOTO_CONTENT = {
  full: '[Credentials]\naws_access_key_id = AK_BOTO\naws_secret_access_key = SK_BOTO\n',
  partial: '[Credentials]\naws_access_key_id = AK_BOTO\n',
  'lower-section': '[credentials]\naws_access_key_id = AK_BOTO\naws_secret_access_key = SK_BOTO\n',
  token: '[Credentials]\naws_access_key_id = AK_BOTO\naws_secret_access_key = SK_BOTO\naws_session_token = TOK_BOTO\n',
  malformed: '[Credentials]\naws_access_key_id = AK_BOTO\njunk\n',
  'defaults-inherited': '[DEFAULT]\naws_access_key_id = AK_BOTO\naws_secret_access_key = SK_BOTO\n[Credentials]\n',
  'empty-access': '[Credentials]\naws_access_key_id =\naws_secret_access_key = SK_BOTO\n',
  bom: '\uFEFF[Credentials]\naws_access_key_id = AK_BOTO\naws_secret_access_key = SK_BOTO\n',
} as const;

/** AWS_CREDENTIAL_FILE contents (legacy EC2 tools format) */
const EC2_CONTENT = {
  full: 'AWSAccessKeyId=AK_EC2\nAWSSecretKey=SK_EC2\n',
  'no-secret': 'AWSAccessKeyId=AK_EC2\n',
  'no-access': 'AWSSecretKey=SK_EC2\n',
  spaced: '  AWSAccessKeyId = AK_EC2 \nAWSSecretKey = SK_EC2\n',
  crlf: 'AWSAccessKeyId=AK_EC2\r\nAWSSecretKey=SK_EC2\r\n',
  bom: '\uFEFFAWSAccessKeyId=AK_EC2\nAWSSecretKey=SK_EC2\n',
  'empty-access': 'AWSAccessKeyId=\nAWSSecretKey=SK_EC2\n',
  'later-wins': 'AWSAccessKeyId=AK_EC2_OLD\nAWSSecretKey=SK_EC2\nAWSAccessKeyId=AK_EC2\n# AWSSecretKey\n',
} as const;

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

/** one of the values, with weights; shrinks towards the first */
function weighted<T>(choices: [T, number][]): fc.Arbitrary<T> {
  return fc.oneof({ withCrossShrink: true }, ...choices.map(([v, weight]) => ({ arbitrary: fc.constant(v), weight })));
}

/** undefined with weight `absent`, else a value of arb; shrinks towards undefined */
function sometimes<T>(arb: fc.Arbitrary<T>, present = 1, absent = 3): fc.Arbitrary<T | undefined> {
  return fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: present });
}

const nameArb = weighted(NAMES);
const refArb: fc.Arbitrary<NameRef> = fc.nat(7).map((ref) => ({ ref }));
const selectArb: fc.Arbitrary<NameRef> = fc.oneof({ arbitrary: weighted(SELECTABLE), weight: 1 }, { arbitrary: refArb, weight: 2 });

/**
 * Expiration strings (AWS_CREDENTIAL_EXPIRATION, credential_process "Expiration"), read by botocore with
 * dateutil.parser.parse: valid, past, naive, lenient forms dateutil still accepts, and ones it rejects (ParserError,
 * ValueError, OverflowError).
 */
const EXPIRATIONS: [string, number][] = [
  ['2099-01-01T00:00:00Z', 12],
  ['2000-01-01T00:00:00Z', 3],
  ['2099-01-01T00:00:00', 2],
  ['not-a-date', 2],
  ['', 1],
  ['2099-01-01T00:00:00+02:00', 1],
  ['2099-01-01T00:00:00.123456789Z', 1],
  ['20990101T000000Z', 1],
  ['2099-01-01', 1],
  ['2099/01/01', 1],
  ['01/02/2099', 1],
  ['2099.01.01', 1],
  ['Jan 1 2099', 1],
  ['1 January 2099 10:00 UTC', 1],
  ['Monday', 1],
  ['12', 1],
  ['2099', 1],
  ['tomorrow', 1],
  ['now', 1],
  ['T', 1],
  ['2099-13-01T00:00:00Z', 1],
  ['2099-02-30T00:00:00Z', 1],
  ['2099-01-01T24:00:00Z', 1],
  ['2099-01-01T00:00:60Z', 1],
  ['2099-01-01T00:00:00+25:00', 1],
  ['2099-01-01T00:00:00 PST', 1],
  ['2099-01-01T00:00:00 UTC+1', 1],
  ['2099-01-01T00:00:00-08', 1],
  ['2099-1-1T0:0:0Z', 1],
  ['2099-01-01T00:00Z', 1],
  ['99-01-01', 1],
  ['2099-W01', 1],
  ['1e10', 1],
  ['4102444800', 1],
  ['99999999999999999999', 1],
  [' 2099-01-01T00:00:00Z ', 1],
  ['2099-01-01t00:00:00z', 1],
  ['2099-01-01  00:00:00Z', 1],
  ['2099-01-01T00:00:00ZZ', 1],
  ['2099-12-31T23:59:59.999999999999Z', 1],
  ['2099-01-01 10:00 PM', 1],
  ['2099-01-01T12:00:00 AM', 1],
  ['2099-01', 1],
  ['Jan', 1],
  ['00:00', 1],
  ['10am', 1],
  ['1st Jan 2099', 1],
  ['4th of July 2099', 1],
  ['Feb 29 2100', 1],
  ['garbage 2099', 1],
  ['99', 1],
  ['-1', 1],
  ['1.5', 1],
  ['0', 1],
  ['1234567', 1],
  ['20990101000000', 1],
  ['2099-001', 1],
  ['31/12/2099', 1],
  ['13/13/2099', 1],
  ['2099-01-01T00:00:00+05', 1],
  ['Mon, 01 Jan 2099 00:00:00 GMT', 1],
  ['Sat Jan  1 00:00:00 UTC 2099', 1],
];
const expirationArb = fc.oneof({ arbitrary: weighted(EXPIRATIONS), weight: focused(4, 1) }, { arbitrary: dateLikeArb, weight: focused(1, 4) });

const processArb: fc.Arbitrary<ProcessSpec> = fc.record({
  command: weighted<ProcessCommand>([
    ['sh', 16],
    ['sh-on-path', 1],
    ['quoted', 1],
    ['hash-argument', 1],
    ['tilde', 1],
    ['unbalanced-quote', 1],
    ['empty', 1],
    ['not-found', 1],
    ['direct', focused(1, 4)],
    ['no-shebang', focused(1, 4)],
  ]),
  output: weighted<ProcessOutput>([
    ['json', 16],
    ['stderr-noise', 1],
    ['exit-1', 2],
    ['exit-1-with-json', 1],
    ['empty', 1],
    ['not-json', 1],
    ['trailing-garbage', 1],
    ['bom', 1],
    ['array', 1],
    ['string', 1],
  ]),
  version: sometimes(weighted([['1', 1], ['2', 1], ['"1"', 1], ['1.0', 1], ['true', 1], ['null', 1], ['1.5', 1], ['false', 1], ['0', 1]]), 16, 2),
  accessKeyId: sometimes(weighted([['"AK_PROC"', 1], ['null', 1], ['""', 1], ['{"a": 1}', 1]]), 16, 1),
  secretAccessKey: sometimes(weighted([['"SK_PROC"', 1], ['null', 1], ['""', 1], ['7', 1]]), 16, 1),
  sessionToken: sometimes(weighted([['"TOK_PROC"', 4], ['null', 1], ['""', 1], ['5', 1]]), 1, 3),
  expiration: sometimes(
    fc.oneof({ arbitrary: expirationArb.map((e) => JSON.stringify(e)), weight: 8 }, { arbitrary: fc.constantFrom('null', '4102444800', '{}', 'NaN', 'Infinity', '-Infinity'), weight: 1 }),
    1,
    2,
  ),
  accountId: sometimes(fc.constantFrom('"123456789012"', 'null', '12'), 1, 8),
  extra: sometimes(fc.constantFrom('NaN', 'Infinity', '-Infinity'), 1, 10),
  // both sides of the boundary (the object around it counts as one level; a role chain above the helper takes more)
  deep: sometimes(fc.record({ depth: fc.constantFrom(980, 986, 988, 989, 990, 995), kind: fc.constantFrom('list' as const, 'object' as const) }), 1, 12),
});

const ssoKeysArb: fc.Arbitrary<SsoKeys> = fc.record({
  startUrl: sometimes(fc.constantFrom('a' as const, 'b' as const), 4, 1),
  region: sometimes(fc.constantFrom('us-east-1' as const, 'eu-west-1' as const, '' as const), 4, 1),
  accountId: sometimes(fc.constant(true as const), 4, 1),
  roleName: sometimes(fc.constant(true as const), 4, 1),
  session: sometimes(fc.constantFrom('s1' as const, 's2' as const, 's3' as const, '' as const), 1, 1),
});

const keysArb: fc.Arbitrary<Keys> = fc.record({
  static: sometimes(
    weighted<Static>([
      ['full', 6],
      ['access-only', 1],
      ['secret-only', 1],
      ['empty-access', 1],
      ['empty-secret', 1],
    ]),
    3,
    2,
  ),
  token: sometimes(fc.constantFrom<Token>('session', 'security', 'both', 'empty-security'), 1, 4),
  role: sometimes(
    fc.record({
      arn: sometimes(weighted<'arn' | 'empty'>([['arn', 8], ['empty', 1]]), 6, 1),
      sourceProfile: sometimes(fc.oneof({ arbitrary: weighted([...NAMES, ['nope', 1], ['', 1]]), weight: 1 }, { arbitrary: refArb, weight: 2 }), 3, 1),
      credentialSource: sometimes(fc.constantFrom('Environment', 'environment', 'Ec2InstanceMetadata', 'EcsContainer', 'SharedCredentials', ''), 1, 4),
      extras: sometimes(fc.constant(true as const), 1, 6),
    }),
    1,
    2,
  ),
  webIdentity: sometimes(fc.constantFrom<WebIdentity>('exists', 'missing', 'empty', 'tilde'), 1, 7),
  sso: sometimes(ssoKeysArb, 1, 7),
  process: sometimes(processArb, 1, 4),
  login: sometimes(fc.constant(true as const), 1, 14),
  region: sometimes(fc.constant(true as const), 1, 3),
});

type Header = { header: string; name: string };
const header = (template: string) => (name: string): Header => ({ header: template.replace('N', name), name });

const configHeaderArb: fc.Arbitrary<Header> = fc.oneof(
  { arbitrary: nameArb.map(header('[profile N]')), weight: 10 },
  { arbitrary: fc.constant(header('[default]')('default')), weight: 4 },
  { arbitrary: nameArb.map(header('[N]')), weight: 1 },
  { arbitrary: fc.constant(header('[DEFAULT]')('DEFAULT')), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('[profile  N]', '[profile "N"]', '[profiles N]', '[ profile N ]', '[profile N] ; note', '[Profile N]', '[profile N x]'), nameArb)
      .map(([t, n]) => header(t)(n)),
    weight: 1,
  },
);

const credentialsHeaderArb: fc.Arbitrary<Header> = fc.oneof(
  { arbitrary: nameArb.map(header('[N]')), weight: 12 },
  { arbitrary: nameArb.map(header('[profile N]')), weight: 1 },
  { arbitrary: fc.constant(header('[DEFAULT]')('DEFAULT')), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('[ N ]', '[N] # note', '[N]  '), nameArb).map(([t, n]) => header(t)(n)), weight: 1 },
);

const styleArb: fc.Arbitrary<Style> = fc.record({
  crlf: sometimes(fc.constant(true as const), 1, 15),
  tabs: sometimes(fc.constant(true as const), 1, 15),
  upperKeys: sometimes(fc.constant(true as const), 1, 15),
  colon: sometimes(fc.constant(true as const), 1, 10),
  comments: sometimes(fc.constant(true as const), 1, 6),
});

const malformedArb = sometimes(
  fc.record({
    kind: fc.constantFrom<Malformation>('dup-key', 'dup-key-case', 'junk-line', 'bom', 'preamble', 'indented-key', 'dup-section', 'nested-no-equals', 'nested-ok', 'nested-access-key', 'inline-comment', 'indented-comment', 'blank-then-indented'),
    at: fc.nat(7),
  }),
  1,
  18,
);

function sectionsArb(headerArb: fc.Arbitrary<Header>): fc.Arbitrary<Section[]> {
  // unique headers: a duplicate section is one of the malformations, not the common case
  const sectionArb = fc.tuple(headerArb, keysArb).map(([h, keys]): Section => ({ ...h, keys }));
  return fc.uniqueArray(sectionArb, { maxLength: 4, selector: (s) => s.header });
}

const ssoSessionArb: fc.Arbitrary<SsoSession> = fc.record({
  header: fc.oneof(
    { arbitrary: fc.constantFrom('[sso-session s1]', '[sso-session s2]'), weight: 6 },
    { arbitrary: fc.constantFrom('[sso-session s1 extra]', '[sso-session "s2"]'), weight: 1 },
  ),
  startUrl: sometimes(fc.constantFrom('a' as const, 'b' as const), 5, 1),
  region: sometimes(fc.constantFrom('us-east-1' as const, 'eu-west-1' as const), 5, 1),
  registrationScopes: sometimes(fc.constant(true as const), 1, 3),
});

const configArb: fc.Arbitrary<ConfigFile> = fc.record({
  sections: sectionsArb(configHeaderArb),
  ssoSessions: fc.uniqueArray(ssoSessionArb, { maxLength: 2, selector: (s) => s.header }),
  style: styleArb,
  malformed: malformedArb,
});

const credentialsArb: fc.Arbitrary<IniFile> = fc.record({
  sections: sectionsArb(credentialsHeaderArb),
  style: styleArb,
  malformed: malformedArb,
});

const locationArb: fc.Arbitrary<Location> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant<Location>('default'), weight: 14 },
  { arbitrary: fc.constantFrom<Location>('alt', 'tilde', 'dollar', 'braced', 'relative', 'empty', 'missing', 'directory'), weight: 3 },
  { arbitrary: fc.constantFrom<Location>(...PATH_SHAPES), weight: focused(1, 10) },
);

const lateArb: fc.Arbitrary<Late> = fc.record({
  network: sometimes(
    fc.oneof(
      fc.record({
        source: fc.constant('container' as const),
        reply: weighted<ContainerReply>([['ok', 6], ['account', 1], ['past', 1], ['naive', 1], ['no-token', 1], ['not-a-dict', 1]]),
        authToken: sometimes(fc.constant(true as const), 1, 2),
      }),
      fc.record({ source: fc.constant('imds' as const), reply: weighted<ImdsReply>([['ok', 6], ['v1-only', 2], ['no-role', 1], ['no-token', 1], ['error-doc', 1], ['expired', 1]]) }),
    ),
    3,
    1,
  ),
  boto: sometimes(fc.constantFrom(...(Object.keys(BOTO_CONTENT) as (keyof typeof BOTO_CONTENT)[])), 1, 2),
  alone: sometimes(fc.constant(true as const), 2, 1),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  late: sometimes(lateArb, 1, 4),
  awsProfile: sometimes(selectArb, 1, 3),
  awsDefaultProfile: sometimes(selectArb, 1, 10),
  argvProfile: sometimes(selectArb, 1, 3),
  explicit: sometimes(
    fc.record({
      accessKeyId: sometimes(fc.constantFrom('AK_ARG' as const, '' as const), 5, 1),
      secretAccessKey: sometimes(fc.constant('SK_ARG' as const), 4, 1),
      sessionToken: sometimes(fc.constant('TOK_ARG' as const), 1, 3),
    }),
    1,
    14,
  ),
  envKeys: fc.record({
    keys: sometimes(
      weighted<EnvStatic>([
        ['full', 6],
        ['untrimmed', 1],
        ['access-only', 1],
        ['secret-only', 1],
        ['empty-access', 1],
        ['empty-secret', 1],
      ]),
      1,
      2,
    ),
    sessionToken: sometimes(fc.constantFrom('TOK_ENV' as const, '' as const), 1, 5),
    securityToken: sometimes(fc.constantFrom('STOK_ENV' as const, '' as const), 1, 8),
    expiration: sometimes(expirationArb, 1, 5),
  }),
  webIdentityEnv: fc.record({
    tokenFile: sometimes(fc.constantFrom<WebIdentity>('exists', 'missing', 'empty'), 1, 8),
    roleArn: sometimes(fc.constantFrom('arn' as const, '' as const), 1, 6),
    sessionName: sometimes(fc.constantFrom('sess' as const, '' as const), 1, 12),
  }),
  region: sometimes(fc.constantFrom('eu-west-1' as const, '' as const), 1, 4),
  regionArg: sometimes(fc.constant(true as const), 1, 8),
  imdsEnv: sometimes(fc.constantFrom('all-set' as const, 'all-set-v1' as const, 'bad-timeout' as const), 1, 14),
  config: sometimes(configArb, 5, 1),
  configLocation: locationArb,
  credentials: sometimes(credentialsArb, 3, 1),
  credentialsLocation: locationArb,
  credentialsFileIsConfig: sometimes(fc.constant(true as const), 1, 30),
  boto: sometimes(
    fc.record({
      where: fc.oneof(fc.constantFrom('env' as const, 'dot-boto' as const, 'env-missing' as const, 'env-empty' as const), fc.constantFrom(...PATH_SHAPES)),
      content: fc.constantFrom(...(Object.keys(BOTO_CONTENT) as (keyof typeof BOTO_CONTENT)[])),
    }),
    1,
    10,
  ),
  ec2File: sometimes(
    fc.record({
      where: fc.oneof(fc.constantFrom('file' as const, 'missing' as const, 'empty' as const, 'tilde' as const), fc.constantFrom(...PATH_SHAPES)),
      content: fc.constantFrom(...(Object.keys(EC2_CONTENT) as (keyof typeof EC2_CONTENT)[])),
    }),
    1,
    12,
  ),
  deepChain: sometimes(
    fc.record({
      // botocore spends three frames per role: the RecursionError boundary lies near 328 roles, so most draws sit
      // around it and a few are short chains
      roles: fc.oneof({ arbitrary: fc.integer({ min: 320, max: 336 }), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 1 }),
      ending: fc.constantFrom('static' as const, 'environment' as const, 'missing' as const),
    }),
    1,
    focused(40, 6),
  ),
});

// ---------------------------------------------------------------------------------------------------------
// Rendering a scenario into a fixture-like folder: env and argv with {HOME} placeholders, and the HOME tree.

/** the HOME tree: path relative to HOME -> content, with file modes and symlinks (link path -> target, relative) */
class HomeTree extends Map<string, string> {
  readonly modes = new Map<string, string>();
  readonly links = new Map<string, string>();
}

interface Rendered {
  env: Record<string, string>;
  argv: string[];
  /** path relative to HOME -> content */
  files: HomeTree;
  /** loopback servers, as in a fixture.json ({SERVER:name} in env) */
  servers: Record<string, ServerSpec>;
  /** instance metadata left enabled (its endpoint is a loopback server) */
  imds?: true;
}

const LATE_CREDS = (tag: string) => ({ AccessKeyId: `AK_${tag}`, SecretAccessKey: `SK_${tag}`, Token: `TOK_${tag}`, Expiration: '2099-01-01T00:00:00Z' });

function containerServer(reply: ContainerReply): ServerSpec {
  const creds = LATE_CREDS('ECS');
  const { Token: _, ...noToken } = creds;
  const body = {
    ok: creds,
    account: { ...creds, AccountId: '123456789012' },
    past: { ...creds, Expiration: '2000-01-01T00:00:00Z' },
    naive: { ...creds, Expiration: '2099-01-01T00:00:00' },
    'no-token': noToken,
    'not-a-dict': 5,
  }[reply];
  return { routes: { 'GET /creds': { status: 200, body: JSON.stringify(body) } } };
}

function imdsServer(reply: ImdsReply): ServerSpec {
  const creds = LATE_CREDS('IMDS');
  const { Token: _, ...noToken } = creds;
  const doc = { 'no-token': noToken, 'error-doc': { Code: 'AssumeRoleUnauthorizedAccess', Message: 'EC2 cannot assume the role' }, expired: { ...creds, Expiration: '2000-01-01T00:00:00Z' } }[reply as string] ?? creds;
  return {
    routes: {
      'PUT /latest/api/token': reply === 'v1-only' ? { status: 403 } : { status: 200, body: 'IMDSTOKEN' },
      'GET /latest/meta-data/iam/security-credentials/': reply === 'no-role' ? { status: 404 } : { status: 200, body: 'myrole' },
      'GET /latest/meta-data/iam/security-credentials/myrole': { status: 200, body: JSON.stringify(doc) },
    },
  };
}

const ROLE = (tag: string) => `arn:aws:iam::123456789012:role/${tag}`;
const START_URL = { a: 'https://d-aaa.awsapps.com/start', b: 'https://d-bbb.awsapps.com/start' } as const;

/** the script of one credential_process; tag makes its access key identifiable */
function processScript(p: ProcessSpec, tag: string): string {
  const fields: [string, string | undefined][] = [
    ['Version', p.version],
    ['AccessKeyId', p.accessKeyId?.replace('AK_PROC', `AK_PROC_${tag}`)],
    ['SecretAccessKey', p.secretAccessKey],
    ['SessionToken', p.sessionToken],
    ['Expiration', p.expiration],
    ['AccountId', p.accountId],
    ['Extra', p.extra],
    ['Deep', p.deep && (p.deep.kind === 'list' ? '['.repeat(p.deep.depth) + ']'.repeat(p.deep.depth) : '{"a": '.repeat(p.deep.depth) + '1' + '}'.repeat(p.deep.depth))],
  ];
  const json = `{${fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `"${k}": ${v}`)
    .join(', ')}}`;
  const print = (text: string) => `cat <<'JSON'\n${text}\nJSON\n`;
  const body = {
    json: print(json),
    'stderr-noise': `echo "fetching credentials" >&2\n${print(json)}`,
    'exit-1': 'echo "process failed" >&2\nexit 1\n',
    'exit-1-with-json': `${print(json)}exit 1\n`,
    empty: 'exit 0\n',
    'not-json': print(`AccessKeyId=AK_PROC_${tag}`),
    'trailing-garbage': print(`${json} trailing`),
    bom: `printf '\\357\\273\\277'\n${print(json)}`,
    array: print(`[${json}]`),
    string: print(JSON.stringify(json)),
  }[p.output];
  // without #! the kernel refuses to exec it (ENOEXEC): Python raises OSError, where a shell would fall back to sh
  return p.command === 'no-shebang' ? body : `#!/bin/sh\n${body}`;
}

/** the credential_process value for the script of section `tag` */
function processCommand(p: ProcessSpec, tag: string, files: HomeTree): string {
  const script = `proc-${tag}.sh`;
  if (p.command !== 'empty' && p.command !== 'not-found') files.set(script, processScript(p, tag));
  if (p.command === 'direct' || p.command === 'no-shebang') files.modes.set(script, '755');
  return {
    sh: `/bin/sh {HOME}/${script}`,
    'sh-on-path': `sh {HOME}/${script}`,
    quoted: `/bin/sh "{HOME}/${script}" 'one arg'`,
    'hash-argument': `/bin/sh {HOME}/${script} # not a comment`,
    tilde: `/bin/sh ~/${script}`,
    'unbalanced-quote': `/bin/sh "{HOME}/${script}`,
    empty: '',
    'not-found': '{HOME}/no-such-command',
    direct: `{HOME}/${script}`,
    'no-shebang': `{HOME}/${script}`,
  }[p.command];
}

function webIdentityPath(w: WebIdentity, files: HomeTree): string {
  if (w === 'exists') files.set('token', 'JWT-TOKEN');
  return { exists: '{HOME}/token', missing: '{HOME}/missing-token', empty: '', tilde: '~/token' }[w];
}

/** the key lines of one section, in a fixed order */
function keyLines(keys: Keys, tag: string, files: HomeTree, resolve: (r: NameRef) => string): [string, string][] {
  const out: [string, string][] = [];
  const s = keys.static;
  if (s === 'full' || s === 'access-only' || s === 'empty-secret') out.push(['aws_access_key_id', `AK_${tag}`]);
  if (s === 'empty-access') out.push(['aws_access_key_id', '']);
  if (s === 'full' || s === 'secret-only' || s === 'empty-access') out.push(['aws_secret_access_key', `SK_${tag}`]);
  if (s === 'empty-secret') out.push(['aws_secret_access_key', '']);
  const t = keys.token;
  if (t === 'session' || t === 'both') out.push(['aws_session_token', `TOK_${tag}`]);
  if (t === 'security' || t === 'both') out.push(['aws_security_token', `STOK_${tag}`]);
  if (t === 'empty-security') out.push(['aws_security_token', '']);
  const role = keys.role;
  if (role?.arn) out.push(['role_arn', role.arn === 'arn' ? ROLE(tag) : '']);
  if (role?.sourceProfile !== undefined) out.push(['source_profile', resolve(role.sourceProfile)]);
  if (role?.credentialSource !== undefined) out.push(['credential_source', role.credentialSource]);
  if (role?.extras) out.push(['mfa_serial', 'arn:aws:iam::123456789012:mfa/me'], ['external_id', 'ext'], ['duration_seconds', '900']);
  if (keys.webIdentity) out.push(['web_identity_token_file', webIdentityPath(keys.webIdentity, files)]);
  const sso = keys.sso;
  if (sso) {
    if (sso.startUrl) out.push(['sso_start_url', START_URL[sso.startUrl]]);
    if (sso.region !== undefined) out.push(['sso_region', sso.region]);
    if (sso.accountId) out.push(['sso_account_id', '123456789012']);
    if (sso.roleName) out.push(['sso_role_name', 'Admin']);
    if (sso.session !== undefined) out.push(['sso_session', sso.session]);
  }
  if (keys.process) out.push(['credential_process', processCommand(keys.process, tag, files)]);
  if (keys.login) out.push(['login_session', 'arn:aws:iam::123456789012:user/me']);
  if (keys.region) out.push(['region', 'us-west-2']);
  return out;
}

/** one INI file; fileTag (C for config, K for credentials) and the section index make every key identifiable */
function renderIni(file: IniFile, fileTag: string, extraBlocks: string[][], files: HomeTree, resolve: (r: NameRef) => string): string {
  const { style } = file;
  const delim = style.tabs ? (style.colon ? '\t:\t' : '\t=\t') : style.colon ? ': ' : ' = ';
  const key = (k: string) => (style.upperKeys ? k.toUpperCase() : k);
  const blocks: string[][] = file.sections.map((section, i) => {
    const lines = [section.header, ...keyLines(section.keys, `${fileTag}${i}`, files, resolve).map(([k, v]) => `${key(k)}${delim}${v}`)];
    return style.comments ? [`# section ${i}`, ...lines, ''] : lines;
  });
  blocks.push(...extraBlocks);
  const m = file.malformed;
  if (m) {
    const target = blocks.length ? blocks[m.at % blocks.length] : undefined;
    switch (m.kind) {
      case 'dup-key': {
        const keyLine = target?.find((l) => /^[a-z_A-Z]+ ?[=:]/.test(l));
        if (target && keyLine) target.push(keyLine);
        else if (target) target.push(`${key('region')}${delim}us-east-1`, `${key('region')}${delim}us-east-2`);
        else blocks.push(['[default]', 'region = us-east-1', 'region = us-east-2']);
        break;
      }
      case 'dup-key-case': {
        const keyLine = target?.find((l) => /^[a-z_A-Z]+ ?[=:]/.test(l));
        if (target && keyLine) target.push(keyLine.replace(/^[a-z_A-Z]+/, (k) => (k === k.toUpperCase() ? k.toLowerCase() : k.toUpperCase())));
        else blocks.push(['[default]', 'region = us-east-1', 'REGION = us-east-2']);
        break;
      }
      case 'nested-ok':
        (target ?? (blocks[0] = ['[default]'])).push(`${key('s3')}${delim}`.trimEnd(), '  max_concurrency = 10', '  Addressing_Style = path');
        break;
      case 'nested-access-key': {
        const t = target ?? (blocks[0] = ['[default]']);
        const i = t.findIndex((l) => /^aws_access_key_id/i.test(l));
        if (i >= 0) t.splice(i, 1, `${key('aws_access_key_id')}${delim}`.trimEnd(), '  nested = AK_NESTED');
        else t.push(`${key('aws_access_key_id')}${delim}`.trimEnd(), '  nested = AK_NESTED', `${key('aws_secret_access_key')}${delim}SK_NESTED`);
        break;
      }
      case 'inline-comment': {
        const t = target ?? (blocks[0] = ['[default]']);
        const i = t.findIndex((l) => /^[a-z_A-Z]+ ?[=:]/.test(l));
        if (i >= 0) t[i] = `${t[i]} ; inline`;
        else t.push(`${key('region')}${delim}us-east-1 # inline`);
        break;
      }
      case 'indented-comment':
      case 'blank-then-indented': {
        // an indented comment is skipped; an indented line after a blank one continues the value before it
        const t = target ?? (blocks[0] = ['[default]']);
        const i = t.findIndex((l) => /^[a-z_A-Z]+ ?[=:]/.test(l));
        const extra = m.kind === 'indented-comment' ? ['  # indented comment'] : ['', `  ${key('region')}${delim}eu-west-3`];
        if (i >= 0) t.splice(i + 1, 0, ...extra);
        else t.push(`${key('region')}${delim}us-east-1`, ...extra);
        break;
      }
      case 'junk-line':
        (target ?? (blocks[0] = [])).splice(1, 0, 'this line has no delimiter');
        break;
      case 'bom':
      case 'preamble':
        break; // applied to the text below
      case 'indented-key': {
        const i = target ? target.findIndex((l, j) => j > 1 && /^[a-z_A-Z]/.test(l)) : -1;
        if (target && i > 0) target[i] = `  ${target[i]}`;
        else if (target) target.push(`  ${key('region')}${delim}eu-central-1`);
        else blocks.push(['  [default]', 'region = x']);
        break;
      }
      case 'dup-section':
        blocks.push(target ? [target.find((l) => l.startsWith('[')) ?? '[default]', `${key('region')}${delim}ap-south-1`] : ['[default]', '[default]']);
        break;
      case 'nested-no-equals':
        (target ?? (blocks[0] = ['[default]'])).push(`${key('s3')}${delim}`.trimEnd(), '  max_concurrency 10');
        break;
    }
  }
  let text = blocks.flat().join('\n') + '\n';
  if (m?.kind === 'preamble') text = `region = us-east-1\n${text}`;
  if (m?.kind === 'bom') text = `\uFEFF${text}`;
  if (style.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

function renderConfig(file: ConfigFile, files: HomeTree, resolve: (r: NameRef) => string): string {
  const sessionBlocks = file.ssoSessions.map((s) => {
    const lines = [s.header];
    if (s.startUrl) lines.push(`sso_start_url = ${START_URL[s.startUrl]}`);
    if (s.region) lines.push(`sso_region = ${s.region}`);
    if (s.registrationScopes) lines.push('sso_registration_scopes = sso:account:access');
    return lines;
  });
  return renderIni(file, 'C', sessionBlocks, files, resolve);
}

/** writes a shared file where `location` says and returns the env value naming it (undefined: leave unset) */
function placeShared(location: Location, defaultRel: string, altName: string, content: string, files: HomeTree): string | undefined {
  const alt = `alt/${altName}`;
  switch (location) {
    case 'default':
      files.set(defaultRel, content);
      return undefined;
    case 'alt':
      files.set(alt, content);
      return `{HOME}/${alt}`;
    case 'tilde':
      files.set(alt, content);
      return `~/${alt}`;
    case 'dollar':
      files.set(alt, content);
      return `$HOME/${alt}`;
    case 'braced':
      files.set(alt, content);
      return `\${HOME}/${alt}`;
    case 'relative':
      files.set(alt, content);
      return alt;
    // the next three leave the content at the default path as a decoy that must not be read
    case 'empty':
      files.set(defaultRel, content);
      return '';
    case 'missing':
      files.set(defaultRel, content);
      return `{HOME}/alt/missing-${altName}`;
    case 'directory':
      files.set(defaultRel, content);
      files.set(`dir-${altName}/README`, 'a directory, not a file\n');
      return `{HOME}/dir-${altName}`;
    default:
      return shapedPath(location, `c-${altName}`, content, files);
  }
}

/**
 * Places `content` for a path of the given shape and returns the path as written. Where the OS and a lexical
 * normalisation disagree, each finds a file: the lexical reading finds a decoy (keys renamed AK_DECOY_…), the OS
 * reading the real one, or nothing (nodir/.., c/.., c/).
 */
function shapedPath(shape: PathShape, name: string, content: string, files: HomeTree): string {
  switch (shape) {
    case 'link-dotdot':
    case 'tilde-link-dotdot':
    case 'relative-link-dotdot': {
      // link -> real/sub, so link/.. is real/ for the OS and HOME for a lexical normalisation
      files.set(`real/${name}`, content);
      files.set(name, content.replace(/AK_/g, 'AK_DECOY_'));
      files.links.set('link', 'real/sub');
      return { 'link-dotdot': '{HOME}/', 'tilde-link-dotdot': '~/', 'relative-link-dotdot': '' }[shape] + `link/../${name}`;
    }
    case 'nodir-dotdot':
    case 'relative-nodir-dotdot':
      files.set(name, content);
      return `${shape === 'nodir-dotdot' ? '{HOME}/' : ''}nodir/../${name}`;
    case 'file-dotdot':
      files.set(name, content);
      return `{HOME}/${name}/../${name}`;
    case 'trailing-slash':
      files.set(name, content);
      return `{HOME}/${name}/`;
  }
}

const isShape = (where: string): where is PathShape => (PATH_SHAPES as string[]).includes(where);

/** the profiles of a source_profile chain `roles` long, from deep0 down to its ending */
function deepChainText(chain: NonNullable<Scenario['deepChain']>): string {
  const lines: string[] = [];
  for (let i = 0; i < chain.roles; i++) lines.push(`[profile deep${i}]`, `role_arn = ${ROLE(`DEEP${i}`)}`, `source_profile = deep${i + 1}`);
  const end = chain.roles;
  if (chain.ending === 'static') lines.push(`[profile deep${end}]`, 'aws_access_key_id = AK_DEEP', 'aws_secret_access_key = SK_DEEP');
  // the last role takes its keys from the environment instead of another profile
  if (chain.ending === 'environment') lines.splice(lines.length - 1, 1, 'credential_source = Environment');
  // 'missing': deep{end} is named but never defined
  return `\n${lines.join('\n')}\n`;
}

function render(scenario: Scenario): Rendered {
  // alone: only the late sources (and the region) remain
  const s: Scenario = scenario.late?.alone
    ? { late: scenario.late, region: scenario.region, regionArg: scenario.regionArg, envKeys: {}, webIdentityEnv: {}, configLocation: 'default', credentialsLocation: 'default', boto: scenario.boto, ec2File: scenario.ec2File }
    : scenario;
  const env: Record<string, string> = {};
  const argv: string[] = [];
  const files = new HomeTree();
  const servers: Record<string, ServerSpec> = {};
  const names = [...(s.config?.sections ?? []), ...(s.credentials?.sections ?? [])].map((section) => section.name);
  const resolve = (r: NameRef) => (typeof r === 'string' ? r : (names[r.ref % Math.max(1, names.length)] ?? 'default'));
  if (s.awsProfile !== undefined) env.AWS_PROFILE = resolve(s.awsProfile);
  if (s.awsDefaultProfile !== undefined) env.AWS_DEFAULT_PROFILE = resolve(s.awsDefaultProfile);
  if (s.deepChain) argv.push('--profile', 'deep0');
  else if (s.argvProfile !== undefined) argv.push('--profile', resolve(s.argvProfile));
  if (s.explicit) {
    if (s.explicit.accessKeyId !== undefined) argv.push('--access-key-id', s.explicit.accessKeyId);
    if (s.explicit.secretAccessKey !== undefined) argv.push('--secret-access-key', s.explicit.secretAccessKey);
    if (s.explicit.sessionToken !== undefined) argv.push('--session-token', s.explicit.sessionToken);
  }
  const k = s.envKeys;
  if (k.keys) {
    const access = { full: 'AK_ENV', untrimmed: ' AK_ENV\t', 'access-only': 'AK_ENV', 'secret-only': undefined, 'empty-access': '', 'empty-secret': 'AK_ENV' }[k.keys];
    const secret = { full: 'SK_ENV', untrimmed: ' SK_ENV ', 'access-only': undefined, 'secret-only': 'SK_ENV', 'empty-access': 'SK_ENV', 'empty-secret': '' }[k.keys];
    if (access !== undefined) env.AWS_ACCESS_KEY_ID = access;
    if (secret !== undefined) env.AWS_SECRET_ACCESS_KEY = secret;
  }
  if (k.sessionToken !== undefined) env.AWS_SESSION_TOKEN = k.sessionToken;
  if (k.securityToken !== undefined) env.AWS_SECURITY_TOKEN = k.securityToken;
  if (k.expiration !== undefined) env.AWS_CREDENTIAL_EXPIRATION = k.expiration;
  const w = s.webIdentityEnv;
  if (w.tokenFile) env.AWS_WEB_IDENTITY_TOKEN_FILE = webIdentityPath(w.tokenFile, files);
  if (w.roleArn !== undefined) env.AWS_ROLE_ARN = w.roleArn && ROLE('ENV');
  if (w.sessionName !== undefined) env.AWS_ROLE_SESSION_NAME = w.sessionName;
  if (s.region !== undefined) env.AWS_DEFAULT_REGION = s.region;
  if (s.regionArg) argv.push('--region', 'ap-southeast-2');
  if (s.imdsEnv) {
    // every scoped IMDS setting from the environment (the ProfileNotFound edge of §3.2); IMDS stays disabled
    env.AWS_METADATA_SERVICE_TIMEOUT = s.imdsEnv === 'bad-timeout' ? 'abc' : '1';
    env.AWS_METADATA_SERVICE_NUM_ATTEMPTS = '1';
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT = 'http://127.0.0.1:9/';
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE = 'ipv4';
    if (s.imdsEnv === 'all-set-v1') env.AWS_EC2_METADATA_V1_DISABLED = 'false';
  }
  const config = s.config ?? (s.deepChain ? { sections: [], ssoSessions: [], style: {} } : undefined);
  if (config) {
    const deep = s.deepChain ? deepChainText(s.deepChain) : '';
    const v = placeShared(s.configLocation, '.aws/config', 'config', renderConfig(config, files, resolve) + deep, files);
    if (v !== undefined) env.AWS_CONFIG_FILE = v;
  } else if (s.configLocation !== 'default') {
    env.AWS_CONFIG_FILE = '{HOME}/alt/missing-config';
  }
  if (s.credentialsFileIsConfig) {
    env.AWS_SHARED_CREDENTIALS_FILE = env.AWS_CONFIG_FILE ?? '{HOME}/.aws/config';
    if (s.credentials) files.set('.aws/credentials', renderIni(s.credentials, 'K', [], files, resolve));
  } else if (s.credentials) {
    const v = placeShared(s.credentialsLocation, '.aws/credentials', 'credentials', renderIni(s.credentials, 'K', [], files, resolve), files);
    if (v !== undefined) env.AWS_SHARED_CREDENTIALS_FILE = v;
  } else if (s.credentialsLocation !== 'default') {
    env.AWS_SHARED_CREDENTIALS_FILE = '';
  }
  const boto = s.late?.boto ? { where: 'dot-boto' as const, content: s.late.boto } : s.boto;
  if (boto) {
    const content = BOTO_CONTENT[boto.content];
    if (boto.where === 'env') {
      files.set('boto.cfg', content);
      env.BOTO_CONFIG = '{HOME}/boto.cfg';
    } else if (isShape(boto.where)) {
      env.BOTO_CONFIG = shapedPath(boto.where, 'c-boto', content, files);
    } else {
      files.set('.boto', content);
      if (boto.where === 'env-missing') env.BOTO_CONFIG = '{HOME}/missing-boto.cfg';
      if (boto.where === 'env-empty') env.BOTO_CONFIG = '';
    }
  }
  if (s.ec2File) {
    const { where, content } = s.ec2File;
    if (isShape(where)) {
      env.AWS_CREDENTIAL_FILE = shapedPath(where, 'c-ec2', EC2_CONTENT[content], files);
    } else {
      files.set('ec2-credentials.txt', EC2_CONTENT[content]);
      env.AWS_CREDENTIAL_FILE = { file: '{HOME}/ec2-credentials.txt', missing: '{HOME}/missing-ec2.txt', empty: '', tilde: '~/ec2-credentials.txt' }[where];
    }
  }
  // the network is loopback servers only: a container endpoint, or instance metadata at its own server; else
  // instance metadata off (the harness default, made explicit) and no container variable
  const network = s.late?.network;
  if (network?.source === 'container') {
    servers.container = containerServer(network.reply);
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = '{SERVER:container}/creds';
    if (network.authToken) env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'Bearer ecs';
  }
  if (network?.source === 'imds') {
    servers.imds = imdsServer(network.reply);
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT = '{SERVER:imds}/';
    return { env, argv, files, servers, imds: true };
  }
  env.AWS_EC2_METADATA_DISABLED = 'true';
  return { env, argv, files, servers };
}

// ---------------------------------------------------------------------------------------------------------
// Running and comparing

interface Verdict {
  botocore?: Comparable;
  credchain?: Comparable;
  /** set when the two sides disagree or one side failed */
  problem?: string;
  /** groups mismatches by kind, for reporting and for shrinking to the same divergence */
  signature?: string;
  run?: CredchainRun;
}

/** writes the scenario as a fixture folder (fixture.json + home/) under dir/id */
function writeScenario(dir: string, id: string, r: Rendered, description: string): void {
  const folder = path.join(dir, id);
  fs.mkdirSync(path.join(folder, 'home'), { recursive: true });
  const modes = Object.fromEntries(r.files.modes);
  const spec = {
    description,
    row: id.split('-')[0],
    env: r.env,
    argv: r.argv,
    ...(Object.keys(r.servers).length ? { servers: r.servers } : {}),
    ...(r.imds ? { imds: true } : {}),
    ...(r.files.modes.size ? { modes } : {}),
  };
  fs.writeFileSync(path.join(folder, 'fixture.json'), `${JSON.stringify(spec, null, 2)}\n`);
  for (const [rel, content] of r.files) {
    const target = path.join(folder, 'home', rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  // the harness copies regular files only, and would copy a file under a linked directory as a real one: the links
  // (to empty directories) are written for a reader of the folder, and made again in each materialised HOME (linkHome)
  for (const [link, target] of r.files.links) {
    fs.mkdirSync(path.join(folder, 'home', target), { recursive: true });
    fs.symlinkSync(target, path.join(folder, 'home', link));
  }
}

/** makes the scenario's symlinks in a materialised HOME, which the harness (regular files only) left out */
function linkHome(m: Materialized, r: Rendered): Materialized {
  for (const [link, target] of r.files.links) {
    const at = path.join(m.home, link);
    fs.mkdirSync(path.resolve(path.dirname(at), target), { recursive: true });
    fs.symlinkSync(target, at);
  }
  return m;
}

function describeView(v: Comparable): string {
  if (v.errorType) return `error ${v.errorType}`;
  return v.method ?? 'no credentials';
}

function judge(outcome: OracleOutcome | undefined, run: CredchainRun, home: string, secretRun?: CredchainRun): Verdict {
  if (!outcome) return { problem: 'the oracle gave no result', signature: 'oracle: no result', run };
  if ('oracleError' in outcome) return { problem: `the oracle failed:\n${outcome.oracleError}`, signature: 'oracle: failed', run };
  const want = botocoreView(outcome.result, outcome.live);
  let secrets: SecretHashes | undefined;
  if (secretRun) {
    try {
      secrets = JSON.parse(secretRun.stdout) as SecretHashes;
    } catch {
      // its stdout holds hashes only, so it can be shown
      return { botocore: want, problem: `credchainSecrets.cjs printed no hashes (exit ${secretRun.code}): ${secretRun.stdout} ${secretRun.stderr}`, signature: `${describeView(want)} vs no secret hashes`, run };
    }
  }
  let got: Comparable;
  try {
    got = credchainView(run.stdout, want, home, secrets);
  } catch (e) {
    return { botocore: want, problem: `credchain printed no usable \`which --json\` output (${(e as Error).message})`, signature: `${describeView(want)} vs unusable output`, run };
  }
  if (isDeepStrictEqual(got, want)) return { botocore: want, credchain: got, run };
  const fields = (Object.keys(want) as (keyof Comparable)[]).filter((f) => !isDeepStrictEqual(got[f], want[f]));
  const differing = fields.filter((f) => f !== 'method' && f !== 'errorType');
  let signature = `botocore ${describeView(want)} vs credchain ${describeView(got)}`;
  if (describeView(want) === describeView(got)) signature += ` (${differing.join(', ')} differ)`;
  return { botocore: want, credchain: got, problem: 'credchain differs from botocore', signature, run };
}

function showText(content: string): string {
  // invisible bytes (BOM, CR) would be lost when copied from a terminal: show such files JSON-escaped
  return /[\uFEFF\r]/.test(content) ? `(JSON-escaped) ${JSON.stringify(content)}` : content.replace(/\n$/, '');
}

function report(r: Rendered, v: Verdict, label: string): string {
  const lines = [`=== ${label}: ${v.signature}`, `env (besides HOME, PATH, LANG): ${JSON.stringify(r.env)}`, `argv: ${JSON.stringify(r.argv)}`];
  for (const [rel, content] of [...r.files].sort(([a], [b]) => a.localeCompare(b))) lines.push(`--- {HOME}/${rel}`, showText(content));
  lines.push(`botocore:  ${JSON.stringify(v.botocore ?? null)}`, `credchain: ${JSON.stringify(v.credchain ?? null)}`);
  if (v.problem) lines.push(v.problem);
  if (v.run) lines.push(`credchain exit ${v.run.code}, stderr: ${v.run.stderr.trim() || '(empty)'}`);
  if (v.run && !v.credchain) lines.push(`credchain stdout: ${v.run.stdout.trim() || '(empty)'}`);
  return lines.join('\n');
}

/** runs every scenario through both sides; verdicts in the same order */
async function runBatch(rendered: Rendered[], root: string): Promise<Verdict[]> {
  const ids = rendered.map((_, i) => `R-${String(i).padStart(5, '0')}`);
  const scenarioDir = path.join(root, 'scenarios');
  rendered.forEach((r, i) => writeScenario(scenarioDir, ids[i], r, 'random scenario'));
  // loadFixtures validates each folder like a real fixture (argv options, no network addresses)
  const fixtures: Fixture[] = loadFixtures(scenarioDir);
  const byId = new Map(ids.map((id, i) => [id, rendered[i]]));
  const lay = async (f: Fixture, side: string) => linkHome(await materialize(f, path.join(root, side)), byId.get(f.id)!);
  const oracleSide = async () => {
    const scenarios: Materialized[] = [];
    try {
      for (const f of fixtures) scenarios.push(await lay(f, 'botocore'));
      return await runOracle(ORACLE, scenarios, ORACLE_JOBS);
    } finally {
      await Promise.all(scenarios.map((s) => s.close()));
    }
  };
  const credchainSide = () =>
    mapLimit(fixtures, CREDCHAIN_JOBS, async (f) => {
      const m = await lay(f, 'credchain');
      try {
        return await runCredchain(CREDCHAIN_BIN, m);
      } finally {
        await m.close();
      }
    });
  const [outcomes, runs] = await Promise.all([oracleSide(), credchainSide()]);
  // the secret key and token where botocore returned key material: a fresh HOME and fresh servers for the second run
  const secretRuns = await mapLimit(fixtures, CREDCHAIN_JOBS, async (f) => {
    const o = outcomes.get(f.id);
    if (!o || 'oracleError' in o || !('secretKeySha256' in botocoreView(o.result, o.live))) return undefined;
    const m = await lay(f, 'credchain-secrets');
    try {
      return await runCredchainSecrets(SECRETS, m);
    } finally {
      await m.close();
    }
  });
  return fixtures.map((f, i) => judge(outcomes.get(f.id), runs[i], path.join(root, 'credchain', f.id, 'home'), secretRuns[i]));
}

const scenarioProperty = (check: (s: Scenario) => Promise<boolean>) => fc.asyncProperty(scenarioArb, check);

interface Minimised {
  rendered: Rendered;
  verdict: Verdict;
  steps: number;
}

/**
 * Replays run `index` of the seed and lets fast-check shrink it, one scenario at a time (one oracle process each),
 * keeping only candidates that still show the same divergence. Returns the smallest one seen.
 */
async function minimise(index: number, signature: string, root: string, budgetMs: number): Promise<Minimised | undefined> {
  let best: Minimised | undefined;
  let steps = 0;
  const check = async (s: Scenario): Promise<boolean> => {
    const r = render(s);
    const dir = path.join(root, `shrink-${steps++}`);
    let v: Verdict;
    try {
      [v] = await runBatch([r], dir);
    } catch {
      return true; // a candidate the harness cannot run is not the divergence being minimised
    } finally {
      removeRoot(dir);
    }
    if (v.signature !== signature) return true;
    best = { rendered: r, verdict: v, steps };
    return false;
  };
  await fc.check(scenarioProperty(check), { seed: SEED, path: String(index), interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false });
  return best;
}

// ---------------------------------------------------------------------------------------------------------

let root = '';
afterAll(() => {
  if (root) removeRoot(root);
});

describe('the scenario generator', () => {
  it('renders late-source scenarios alone: a boto file, a container endpoint, an instance-metadata server', () => {
    const rendered = fc.sample(scenarioArb, { seed: 1, numRuns: 1000 }).filter((s) => s.late?.alone).map(render);
    const alone = (r: Rendered) => !r.argv.some((a) => a !== '--region' && a.startsWith('--')) && !Object.keys(r.env).some((k) => /^AWS_(ACCESS_KEY_ID|PROFILE|DEFAULT_PROFILE|CONFIG_FILE|SHARED_CREDENTIALS_FILE)$/.test(k));
    expect(rendered.length).toBeGreaterThan(50);
    expect(rendered.every(alone)).toBe(true);
    expect(rendered.filter((r) => r.files.has('.boto')).length).toBeGreaterThan(5);
    const container = rendered.filter((r) => r.servers.container && r.env.AWS_CONTAINER_CREDENTIALS_FULL_URI === '{SERVER:container}/creds');
    const imds = rendered.filter((r) => r.servers.imds && r.imds && r.env.AWS_EC2_METADATA_SERVICE_ENDPOINT === '{SERVER:imds}/' && !r.env.AWS_EC2_METADATA_DISABLED);
    expect(container.length).toBeGreaterThan(5);
    expect(imds.length).toBeGreaterThan(5);
  });

  it("renders the shapes of issue 11: paths as written, helpers as Python runs them, dateutil's dates, deep chains", () => {
    const rendered = fc.sample(scenarioArb, { seed: 2, numRuns: 2000 }).map(render);
    const count = (p: (r: Rendered) => boolean) => rendered.filter(p).length;
    // every path variable takes each shape: through a symlink (with the link laid out), a missing directory, a file as a directory
    for (const name of ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'BOTO_CONFIG', 'AWS_CREDENTIAL_FILE']) {
      const values = rendered.map((r) => [r, r.env[name]] as const).filter(([, v]) => v !== undefined);
      expect(values.filter(([r, v]) => /^(\{HOME\}\/|~\/|)link\/\.\.\//.test(v) && r.files.links.get('link') === 'real/sub').length, name).toBeGreaterThan(0);
      expect(values.filter(([, v]) => v.includes('nodir/../')).length, name).toBeGreaterThan(0);
      expect(values.filter(([, v]) => /^\{HOME\}\/(c-[a-z0-9]+)\/\.\.\/\1$/.test(v)).length, name).toBeGreaterThan(0);
      expect(values.filter(([, v]) => v.endsWith('/')).length, name).toBeGreaterThan(0);
      expect(values.filter(([, v]) => /^(link|nodir)\//.test(v)).length, name).toBeGreaterThan(0);
    }
    const scripts = (r: Rendered) => [...r.files].filter(([rel]) => /^proc-.*\.sh$/.test(rel));
    expect(count((r) => scripts(r).some(([rel, text]) => !text.startsWith('#!') && r.files.modes.get(rel) === '755'))).toBeGreaterThan(3);
    expect(count((r) => [...r.files.values()].some((t) => /^credential_process\s*[=:]\s*$/im.test(t)))).toBeGreaterThan(3);
    expect(count((r) => scripts(r).some(([, text]) => /"Extra": (NaN|-?Infinity)/.test(text)))).toBeGreaterThan(3);
    expect(count((r) => scripts(r).some(([, text]) => /"Expiration": (NaN|-?Infinity)/.test(text)))).toBeGreaterThan(0);
    // credential_process output nested on both sides of Python's json recursion limit, as lists and as objects
    const deepJson = (r: Rendered, re: RegExp) => scripts(r).some(([, text]) => re.test(text));
    expect(count((r) => deepJson(r, /"Deep": \[{989}/))).toBeGreaterThan(0);
    expect(count((r) => deepJson(r, /"Deep": \[{990}/))).toBeGreaterThan(0);
    expect(count((r) => deepJson(r, /"Deep": (\{"a": ){990}/))).toBeGreaterThan(0);
    // dateutil-like expirations beyond the fixed list (ordinals, AM/PM, 29+ digit minutes …)
    const fixed = new Set(EXPIRATIONS.map(([e]) => e));
    const dated = rendered.map((r) => r.env.AWS_CREDENTIAL_EXPIRATION).filter((e): e is string => e !== undefined && !fixed.has(e));
    expect(dated.length).toBeGreaterThan(20);
    expect(fc.sample(dateLikeArb, { seed: 3, numRuns: 2000 }).filter((e) => /^\d+:\d{29,}/.test(e)).length).toBeGreaterThan(5);
    // deep chains on both sides of botocore's RecursionError boundary (about 328 roles), selected with --profile
    const deep = rendered.filter((r) => r.argv.join(' ').includes('--profile deep0')).map((r) => [...r.files.values()].join('').match(/^\[profile deep\d+\]/gm)?.length ?? 0);
    expect(deep.filter((n) => n >= 330).length).toBeGreaterThan(3);
    expect(deep.filter((n) => n > 0 && n < 320).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!runOracleHalf)('random scenarios: credchain agrees with botocore', () => {
  it(
    `${RUNS} random scenarios`,
    async () => {
      if (IGNORE_REFUSED) throw new Error('CREDCHAIN_RANDOM_IGNORE is set under CI: nothing may be silenced there (unset it)');
      if (oracleProblem) throw new Error(`botocore oracle unavailable: ${oracleProblem}`);
      if (!fs.existsSync(CREDCHAIN_BIN)) throw new Error(`${CREDCHAIN_BIN} does not exist yet (node scripts/build.mjs)`);
      console.log(`random chain scenarios: FC_SEED=${SEED} CREDCHAIN_RANDOM_RUNS=${RUNS} reproduces this run`);
      root = makeRoot('random');
      // generated by fc.check itself (fc.sample draws differently), so that run i is what path "i" replays when shrinking
      const scenarios: Scenario[] = [];
      await fc.check(
        scenarioProperty(async (s) => {
          scenarios.push(s);
          return true;
        }),
        { seed: SEED, numRuns: RUNS },
      );
      expect(scenarios, 'scenarios generated').toHaveLength(RUNS);
      const rendered = scenarios.map(render);
      const verdicts = await runBatch(rendered, root);
      // every scenario was judged (a side that failed is a mismatch below, never a scenario dropped)
      expect(verdicts, 'scenarios judged').toHaveLength(RUNS);

      if (STATS) {
        const counts = new Map<string, number>();
        for (const v of verdicts) {
          const k = v.botocore ? describeView(v.botocore) : 'oracle failure';
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
        const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`);
        console.log(`botocore outcomes over ${RUNS} scenarios (seed ${SEED}):\n${lines.join('\n')}`);
      }

      const failing = verdicts.map((v, i) => ({ v, i })).filter(({ v }) => v.problem && !(IGNORE && IGNORE.test(v.signature ?? '')));
      if (!failing.length) return;

      // one representative per kind of divergence (the smallest rendering), then shrink those within the budget
      const size = (i: number) => JSON.stringify([...rendered[i].files.values(), rendered[i].env, rendered[i].argv]).length;
      const bySignature = new Map<string, number[]>();
      for (const { v, i } of failing) bySignature.set(v.signature ?? '?', [...(bySignature.get(v.signature ?? '?') ?? []), i]);
      const kinds = [...bySignature].map(([sig, idx]) => ({ sig, idx: idx.sort((a, b) => size(a) - size(b)) })).sort((a, b) => b.idx.length - a.idx.length);

      const sections: string[] = [];
      const deadline = Date.now() + SHRINK_SECONDS * 1000;
      for (const [n, { sig, idx }] of kinds.entries()) {
        const first = idx[0];
        let shown = report(rendered[first], verdicts[first], `scenario #${first}`);
        let kept = rendered[first];
        const left = deadline - Date.now();
        if (n < PRINTED && left > 2000 && !sig.startsWith('oracle')) {
          const small = await minimise(first, sig, root, Math.max(2000, left / Math.max(1, Math.min(PRINTED, kinds.length) - n)));
          if (small) {
            shown = report(small.rendered, small.verdict, `scenario #${first}, minimised in ${small.steps} shrink steps`);
            kept = small.rendered;
          }
        }
        if (n < PRINTED) sections.push(`${shown}\n(${idx.length} scenario(s) of this kind: #${idx.slice(0, 12).join(', #')}${idx.length > 12 ? ', …' : ''})`);
        if (KEEP_DIR) writeScenario(KEEP_DIR, `R-${String(SEED).replace('-', 'm')}-${first}`, kept, `random scenario (FC_SEED=${SEED}, #${first}): ${sig}`);
      }
      const summary = kinds.map(({ sig, idx }) => `  ${idx.length} × ${sig}`).join('\n');
      expect.fail(
        `${failing.length} of ${RUNS} random scenarios differ (reproduce with FC_SEED=${SEED} CREDCHAIN_RANDOM_RUNS=${RUNS}):\n${summary}\n\n${sections.join('\n\n')}`,
      );
    },
    // a safety net only (2 shared cores, both sides and the secret-hash runs): never a timing assertion
    120_000 + RUNS * 400 + SHRINK_SECONDS * 1000,
  );
});
