// Differential property tests: random INI files through our parser and through the real thing, Python's
// configparser.RawConfigParser() as botocore 1.43 drives it (raw_config_parse, build_profile_map,
// Session.full_config). Each property generates its whole batch first, writes it to one JSON file and runs ONE
// python process over it, then compares case by case. Both sides must succeed with equal structures, or both
// fail with a ConfigParseError (at the same line, where Python names one).
//
// Environment: FC_SEED (reproduce a run), FC_RUNS (cases per property), CREDCHAIN_PYTHON (default python3).
// Under CI a missing python or botocore fails; elsewhere the tests are skipped. No input is left out.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { BotoError } from '../../src/core/errors';
import { decodeIni, parseIni, type IniDocument, type IniValue } from '../../src/ini/parse';
import { expandUser, expandVars } from '../../src/ini/paths';
import { indentOf, pyInt, pyLstrip, pyRstrip, pySplitlines, pyStrip, shlexSplit } from '../../src/python/pyText';
import { buildFullConfig, buildProfileMap } from '../../src/config/profileMap';
import { SharedFiles } from '../../src/config/sharedFiles';
import { memContext } from '../support/memContext';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : undefined;
const PYTHON = process.env.CREDCHAIN_PYTHON ?? 'python3';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-prop-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------
// The Python side: one script, three modes, one process per property run.

const ORACLE = String.raw`
import base64, json, os, posixpath, re, shlex, sys
try:
    import botocore, botocore.session
    from botocore import configloader
    from botocore.exceptions import ConfigParseError
except ImportError as e:
    print(json.dumps({'unavailable': 'cannot import botocore: %s' % e}))
    sys.exit(0)

mode, infile, workdir = sys.argv[1:4]
cases = json.load(open(infile, encoding='utf-8'))

def value(v):
    return v if isinstance(v, str) else {'nested': [[k, x] for k, x in v.items()]}

def named(d):
    return [[name, [[k, value(v)] for k, v in s.items()]] for name, s in d.items()]

def failure(e):
    inner = e.kwargs.get('error')
    line = getattr(inner, 'lineno', None)
    if line is None and getattr(inner, 'errors', None):
        line = inner.errors[0][0]
    return {'ok': False, 'error': type(inner).__name__, 'line': line, 'path': e.kwargs.get('path')}

def write(name, b64):
    p = os.path.join(workdir, name)
    if b64 is not None:
        with open(p, 'wb') as f:
            f.write(base64.b64decode(b64))
    elif os.path.exists(p):
        os.unlink(p)
    return p

def parse_case(c):
    p = write('case.ini', c)
    try:
        raw = configloader.raw_config_parse(p)
        m = configloader.build_profile_map(raw)
    except ConfigParseError as e:
        return failure(e)
    return {'ok': True, 'sections': named(raw), 'profiles': named(m['profiles']),
            'ssoSessions': named(m['sso_sessions']), 'services': named(m['services']),
            'other': [k for k in m if k not in ('profiles', 'sso_sessions', 'services')]}

def full_case(c):
    cfg, creds = write('config', c['config']), write('credentials', c['credentials'])
    s = botocore.session.Session()
    s.set_config_variable('config_file', cfg)
    s.set_config_variable('credentials_file', creds)
    try:
        full = s.full_config
    except ConfigParseError as e:
        r = failure(e)
        r['file'] = 'config' if r.pop('path') == cfg else 'credentials'
        return r
    return {'ok': True, 'profiles': named(full['profiles']),
            'ssoSessions': named(full.get('sso_sessions', {})), 'services': named(full.get('services', {}))}

NONSPACE = re.compile(r'\S')
def prim_case(c):
    kind, s = c['kind'], c['input']
    try:
        if kind == 'shlex': return {'ok': shlex.split(s)}
        if kind == 'splitlines': return {'ok': s.splitlines()}
        if kind == 'strip': return {'ok': [s.strip(), s.lstrip(), s.rstrip()]}
        if kind == 'indent':
            m = NONSPACE.search(s)
            return {'ok': m.start() if m else 0}
        if kind == 'int': return {'ok': int(s)}
        if kind == 'expandvars':
            os.environ.clear(); os.environ.update(c['env'])
            return {'ok': posixpath.expandvars(s)}
        if kind == 'expanduser':
            os.environ.clear(); os.environ['HOME'] = c['home']
            return {'ok': posixpath.expanduser(s)}
    except ValueError as e:
        return {'error': 'ValueError'}
    raise Exception('unknown kind ' + kind)

run = {'parse': parse_case, 'full': full_case, 'prims': prim_case}[mode]
print(json.dumps({'version': botocore.__version__, 'results': [run(c) for c in cases]}))
`;

type Oracle<T> = { results: T[]; version: string } | { unavailable: string };

let runCount = 0;
function runOracle<T>(mode: 'parse' | 'full' | 'prims', cases: unknown[]): Oracle<T> {
  const dir = path.join(work, `run${++runCount}`);
  fs.mkdirSync(dir);
  const script = path.join(dir, 'oracle.py');
  const input = path.join(dir, 'cases.json');
  fs.writeFileSync(script, ORACLE);
  fs.writeFileSync(input, JSON.stringify(cases));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, PYTHONUTF8: '1', PYTHONDONTWRITEBYTECODE: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_') || k === 'BOTO_CONFIG') delete env[k];
  const r = spawnSync(PYTHON, [script, mode, input, dir], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (r.error) return { unavailable: `cannot run ${PYTHON}: ${r.error.message}` };
  if (r.status !== 0) throw new Error(`${PYTHON} oracle exited ${r.status}:\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as Oracle<T>;
  if ('version' in out && !out.version.startsWith('1.43.')) {
    throw new Error(`the oracle must be botocore 1.43.x (DESIGN.md), found ${out.version}`);
  }
  return out;
}

/** the oracle's results, or a skip (a failure under CI) when python/botocore is missing */
function oracleOrSkip<T>(ctx: TestContext, mode: 'parse' | 'full' | 'prims', cases: unknown[]): T[] {
  const out = runOracle<T>(mode, cases);
  if ('unavailable' in out) {
    if (process.env.CI) throw new Error(`botocore is the oracle and must be present under CI: ${out.unavailable}`);
    ctx.skip(`${out.unavailable} (set CI to make this a failure)`);
    return [];
  }
  return out.results;
}

// ---------------------------------------------------------------------------------------------------------
// The comparable shape of both sides.

type Val = string | { nested: [string, string][] };
type Named = [string, [string, Val][]][];
type Failure = { ok: false; error: string; line: number | null; file?: string };
type ParseResult = { ok: true; sections: Named; profiles: Named; ssoSessions: Named; services: Named; other: string[] } | Failure;
type FullResult = { ok: true; profiles: Named; ssoSessions: Named; services: Named } | Failure;

const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** nested dictionaries compare as sets of pairs: their order is not part of the contract */
function normVal(v: IniValue | Val): Val {
  if (typeof v === 'string') return v;
  const pairs = 'nested' in v && Array.isArray(v.nested) ? (v.nested as [string, string][]) : (Object.entries(v) as [string, string][]);
  return { nested: [...pairs].sort(byKey) };
}

function normNamed(n: Named): Named {
  return n.map(([name, entries]) => [name, entries.map(([k, v]) => [k, normVal(v)] as [string, Val])]);
}

function normalize<T extends ParseResult | FullResult>(r: T): T {
  if (!r.ok) return r;
  const out = { ...r } as Record<string, unknown>;
  for (const k of ['sections', 'profiles', 'ssoSessions', 'services']) if (k in out) out[k] = normNamed(out[k] as Named);
  return out as T;
}

function settingsNamed(m: Map<string, { settings: Map<string, { value: IniValue }> }>): Named {
  return [...m].map(([name, p]) => [name, [...p.settings].map(([k, s]) => [k, normVal(s.value)] as [string, Val])]);
}

function docNamed(doc: IniDocument): Named {
  return doc.sections.map((s) => [s.name, [...s.entries].map(([k, e]) => [k, normVal(e.value)] as [string, Val])]);
}

function ourFailure(e: unknown, file?: string): Failure {
  if (!(e instanceof BotoError) || e.type !== 'ConfigParseError') throw e;
  return { ok: false, error: 'ConfigParseError', line: e.where?.line ?? null, ...(file ? { file } : {}) };
}

function ourParse(b64: string): ParseResult {
  try {
    const doc = parseIni(decodeIni(Buffer.from(b64, 'base64'), '/prop/case.ini'), '/prop/case.ini');
    const m = buildProfileMap(doc);
    return {
      ok: true,
      sections: docNamed(doc),
      profiles: settingsNamed(m.profiles),
      ssoSessions: settingsNamed(m.ssoSessions),
      services: settingsNamed(m.services),
      other: [...m.other.keys()],
    };
  } catch (e) {
    return ourFailure(e);
  }
}

function ourFull(c: FullCase): FullResult {
  const files: Record<string, Buffer> = {};
  if (c.config !== null) files['.aws/config'] = Buffer.from(c.config, 'base64');
  if (c.credentials !== null) files['.aws/credentials'] = Buffer.from(c.credentials, 'base64');
  const shared = new SharedFiles(memContext({ files }));
  try {
    const full = buildFullConfig(shared);
    return { ok: true, profiles: settingsNamed(full.profiles), ssoSessions: settingsNamed(full.config.ssoSessions), services: settingsNamed(full.config.services) };
  } catch (e) {
    const file = e instanceof BotoError && e.where?.file?.endsWith('/credentials') ? 'credentials' : 'config';
    return ourFailure(e, file);
  }
}

/**
 * Equal structures, or both failed: in the same file for full_config, and at the same line when Python names one
 * and the files are UTF-8. (With a bad byte, Python may meet it after a syntax error: its incremental decoder
 * holds back an unfinished sequence at the end of a read until EOF. We decode first and name the bad byte's line.
 * Both are a ConfigParseError; only which of two problems gets named differs.)
 */
function agree(ours: ParseResult | FullResult, theirs: ParseResult | FullResult, utf8: boolean): boolean {
  if (ours.ok !== theirs.ok) return false;
  if (!ours.ok && !theirs.ok) {
    if (utf8 && theirs.line !== null && ours.line !== theirs.line) return false;
    return ours.file === theirs.file;
  }
  return JSON.stringify(ours) === JSON.stringify(normalize(theirs));
}

const show = (s: string) => JSON.stringify(s);

function utf8Text(b64: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(b64, 'base64'));
  } catch {
    return undefined;
  }
}

const isUtf8 = (b64: string | null) => b64 === null || utf8Text(b64) !== undefined;

/** a file's bytes for a failure report: the text when it is UTF-8, else each byte as a latin-1 character */
function showBytes(b64: string | null): string {
  if (b64 === null) return 'missing';
  const text = utf8Text(b64);
  return text !== undefined ? show(text) : `latin1 ${show(Buffer.from(b64, 'base64').toString('latin1'))}`;
}

/** the shortest disagreement, with both sides, and how to run the same batch again */
function report<C>(label: string, failures: { input: C; text: string; ours: unknown; theirs: unknown }[], total: number): string {
  const shortest = [...failures].sort((a, b) => a.text.length - b.text.length).slice(0, 3);
  return [
    `${label}: ${failures.length} of ${total} cases disagree (FC_SEED=${SEED}${RUNS ? ` FC_RUNS=${RUNS}` : ''} reproduces the batch)`,
    ...shortest.map((f) => `\ninput   ${f.text}\nours    ${JSON.stringify(f.ours)}\nbotocore ${JSON.stringify(f.theirs)}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Generators. Lines are built from pools of the cases the reference names plus random text, so that about half
// the files parse and the other half exercise the errors.

const WS_UNIT = fc.constantFrom(' ', ' ', ' ', '\t', '\t', '\u3000', '\u001c', '\f', '\u000b', '\u00a0', '\u0085', '\u2028');
const indentArb = fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: fc.string({ unit: WS_UNIT, minLength: 1, maxLength: 3 }), weight: 2 });
const deeperArb = fc.string({ unit: WS_UNIT, minLength: 1, maxLength: 3 });
const padArb = fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: fc.constant(' '), weight: 4 }, { arbitrary: fc.string({ unit: WS_UNIT, maxLength: 2 }), weight: 1 });

const TEXT_UNIT = fc.constantFrom(
  'a', 'b', 'Z', '0', '_', '-', '.', ' ', ' ', '=', ':', '#', ';', '[', ']', '"', "'", '\\', '%', '/',
  'é', 'Σ', '\ufeff', '\u0000', '\t', '\u3000', '\u0085', '\u001c',
);
const textArb = (max: number) => fc.string({ unit: TEXT_UNIT, maxLength: max });

const SECTION_NAMES = [
  'default', 'default', 'DEFAULT', 'DEFAULT', 'Default', ' default ', 'profile a', 'profile b', 'profile c', 'profile "a b"',
  "profile 'c d'", 'profile  a', 'profile\ta', 'profile', 'profilefoo', 'profile a b', 'profile "unbalanced', 'profile a\\ c',
  'profile a\\', 'profiles x', 'profile-x y', 'profile default', "profile ''", 'profile é', 'profile x=y', 'profile a.b',
  'sso-session s', 'sso-session "t u"', 'sso-session', 'sso-session s t', 'services svc', 'services', 'services a b',
  'other', 'preview', '__proto__', 'profile __proto__', 'a]b', 'x y', 'constructor',
];
const nameArb = fc.oneof(
  { arbitrary: fc.constantFrom(...SECTION_NAMES), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom('profile ', 'profile  ', 'sso-session ', 'services ', ''), fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '"', "'", '\\', '.', '-', 'é', '[', ']', '#', '='), minLength: 1, maxLength: 5 })).map(([p, n]) => p + n), weight: 2 },
);
const headerTrailArb = fc.constantFrom('', '', '', ' ', '\t', ' # c', ' ; c', 'x', ']');

const KEYS = [
  'aws_access_key_id', 'aws_secret_access_key', 'AWS_SESSION_TOKEN', 'region', 'Region', 'k', 'K', 's3', 'my key', 'x.y',
  'constructor', 'toString', 'hasOwnProperty', 'É', 'é', 'ΣΑΣ', 'İ', 'k[]', 'a;b', '#k', ';k', '1', '02',
  '__proto__',
  // capitals Node lower-cases and Python 3.11 does not (src/ini/pyText.ts), also beside a final sigma
  '\u1c89', '\u1c8a', '\ua7cb', '\u{10d50}', '\u{16ea0}', 'ΑΣ\u1c89', '\u1c89Σ', 'ΑΣ\u{10d50}Β',
];
const keyArb = fc.oneof(
  { arbitrary: fc.constantFrom(...KEYS), weight: 8 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'Z', '_', '-', '.', ' ', 'é', 'Σ', 'É', '\u1c89', '\ua7dc', '\u{10d51}'), minLength: 1, maxLength: 6 }), weight: 20 },
  { arbitrary: fc.constant(''), weight: 1 }, // "= v": an empty key
);
const VALUES = [
  '', '', 'v', 'AKIAEXAMPLE', 'v # c', 'v ; c', 'a=b', 'x:y', '"q"', "'q'", '%(k)s', '50%', 'https://x/start #/', '[x]',
  ' \u00a0v\u00a0 ', 'a\u0085b', 'a\u2028b', 'a\u0000b', 'a\u001cb', 'true', '\u00a0',
];
const valueArb = fc.oneof(
  { arbitrary: fc.constantFrom(...VALUES), weight: 4 },
  { arbitrary: textArb(10), weight: 4 },
  { arbitrary: fc.constant(''), weight: 2 }, // with continuation lines: a nested block (§4.3)
);

const CONTS = [
  'more', 'x = y', 'A = B', 'a = b = c', 'x: y = z', '[other]', 'k2 = v2', 'novalue', '1 = one', 'b = 2', '= x', 'a =',
  'a\u001cb = c', 'a = 1\u0085b = 2', '# c', '; c', 'Max_Concurrency = 10', 'constructor = c',
  '__proto__ = p',
];
const contArb = fc.oneof(
  { arbitrary: fc.tuple(deeperArb, fc.oneof({ arbitrary: fc.constantFrom(...CONTS), weight: 3 }, { arbitrary: textArb(8), weight: 1 })).map(([i, t]) => i + t), weight: 6 },
  { arbitrary: fc.string({ unit: WS_UNIT, maxLength: 2 }), weight: 1 }, // a blank line inside a value
);

const optionArb = () =>
  fc
    .record({ indent: indentArb, key: keyArb, pre: padArb, delim: fc.constantFrom('=', '=', '=', ':'), post: padArb, value: valueArb, conts: fc.array(contArb, { maxLength: 3 }) })
    .map((o) => {
      return [`${o.indent}${o.key}${o.pre}${o.delim}${o.post}${o.value}`, ...o.conts];
    });

const commentArb = fc.tuple(indentArb, fc.constantFrom('#', ';'), textArb(6)).map(([i, c, t]) => [i + c + t]);
const blankArb = fc.string({ unit: WS_UNIT, maxLength: 2 }).map((s) => [s]);
const JUNK = ['junk', 'no delimiter here', '[]', '[x', '[', '  ', ']', '\ufeff', '\ufeff[x]'];
const junkArb = fc.tuple(indentArb, fc.constantFrom(...JUNK)).map(([i, j]) => [i + j]);

const bodyArb = () =>
  fc
    .array(
      fc.oneof(
        { arbitrary: optionArb(), weight: 30 },
        { arbitrary: commentArb, weight: 5 },
        { arbitrary: blankArb, weight: 5 },
        { arbitrary: junkArb, weight: 1 },
      ),
      { maxLength: 5 },
    )
    .map((items) => items.flat());

const sectionArb = nameArb.chain((name) => fc.record({ name: fc.constant(name), indent: indentArb, trail: headerTrailArb, body: bodyArb() }));

const preludeArb = fc.array(
  fc.oneof({ arbitrary: commentArb, weight: 8 }, { arbitrary: blankArb, weight: 8 }, { arbitrary: optionArb(), weight: 1 }),
  { maxLength: 2 },
);

const EOL = ['\n', '\r\n', '\r'];
const iniTextArb = fc
  .record({
    bomRare: fc.integer({ min: 0, max: 39 }),
    prelude: preludeArb,
    sections: fc.array(sectionArb, { maxLength: 5 }),
    eol: fc.constantFrom(0, 0, 0, 1, 1, 2, 3),
    eols: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 64, maxLength: 64 }),
    finalEol: fc.boolean(),
  })
  .map((f) => {
    const sectionLines = f.sections.map((s) => {
      const indent = s.indent;
      return [`${indent}[${s.name}]${s.trail}`, ...s.body];
    });
    const lines = [...f.prelude.flat(), ...sectionLines.flat()];
    const eolAt = (i: number) => EOL[f.eol === 3 ? f.eols[i % 64] : f.eol];
    let text = lines.map((l, i) => (i < lines.length - 1 || f.finalEol ? l + eolAt(i) : l)).join('');
    if (f.bomRare === 0) text = '\ufeff' + text; // one in forty starts with a BOM (C17)
    return text;
  });

/** most files are valid UTF-8; one in twenty-five gets a byte that is not */
const iniBytesArb = fc.tuple(iniTextArb, fc.integer({ min: 0, max: 24 }), fc.nat(), fc.constantFrom(0xe9, 0xff, 0xc0, 0x80)).map(([text, roll, at, byte]) => {
  const bytes = Buffer.from(text, 'utf8');
  if (roll !== 0) return bytes;
  const i = bytes.length ? at % (bytes.length + 1) : 0;
  return Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]);
});

interface FullCase {
  config: string | null;
  credentials: string | null;
}
const maybeFile = fc.oneof({ arbitrary: iniBytesArb.map((b) => b.toString('base64')), weight: 9 }, { arbitrary: fc.constant(null), weight: 1 });
const fullCaseArb: fc.Arbitrary<FullCase> = fc.record({ config: maybeFile, credentials: maybeFile });

// ---------------------------------------------------------------------------------------------------------

describe('parseIni + buildProfileMap against configparser + botocore', () => {
  it('random INI files give the same sections, entries, values and profile map, or both fail (same line)', (ctx) => {
    const cases = fc.sample(iniBytesArb, { numRuns: RUNS ?? 500, seed: SEED }).map((b) => b.toString('base64'));
    const theirs = oracleOrSkip<ParseResult>(ctx, 'parse', cases);
    const failures = [];
    let ok = 0;
    for (let i = 0; i < cases.length; i++) {
      const ours = ourParse(cases[i]);
      if (ours.ok && theirs[i].ok) ok++;
      if (!agree(ours, theirs[i], isUtf8(cases[i]))) {
        failures.push({ input: cases[i], text: showBytes(cases[i]), ours, theirs: theirs[i] });
      }
    }
    expect(failures.length, report('parse', failures, cases.length)).toBe(0);
    // keep the generator honest: both outcomes must be well represented
    expect(ok / cases.length).toBeGreaterThan(0.3);
    expect(ok / cases.length).toBeLessThan(0.9);
  });

  it('random config and credentials files give the same full_config, or both fail in the same file (same line)', (ctx) => {
    const cases = fc.sample(fullCaseArb, { numRuns: RUNS ?? 200, seed: SEED + 1 });
    const theirs = oracleOrSkip<FullResult>(ctx, 'full', cases);
    const failures = [];
    for (let i = 0; i < cases.length; i++) {
      const ours = ourFull(cases[i]);
      if (!agree(ours, theirs[i], isUtf8(cases[i].config) && isUtf8(cases[i].credentials))) {
        failures.push({ input: cases[i], text: `config ${showBytes(cases[i].config)} credentials ${showBytes(cases[i].credentials)}`, ours, theirs: theirs[i] });
      }
    }
    expect(failures.length, report('full_config', failures, cases.length)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------

type PrimCase = { kind: 'shlex' | 'splitlines' | 'strip' | 'indent' | 'int' | 'expandvars' | 'expanduser'; input: string; env?: Record<string, string>; home?: string };
type PrimResult = { ok: unknown } | { error: string };

const VARS_ENV = { HOME: '/home/u', A: 'x', AB: '$A', B_: 'y', '1': 'one', E: '' };
const PASSWD = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8') : '';
const s = (units: string[], max: number) => fc.string({ unit: fc.constantFrom(...units), maxLength: max });
const PY_SPACES = ['\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

const primArb: fc.Arbitrary<PrimCase> = fc.oneof(
  s([' ', '\t', '\r', '\n', '"', "'", '\\', 'a', 'b', '#', '$', '\u000b', '\u00a0', 'é', '='], 12).map((input) => ({ kind: 'shlex' as const, input })),
  s(['a', 'b', '\n', '\r', '\u000b', '\f', '\u001c', '\u001d', '\u001e', '\u001f', '\u0085', '\u2028', '\u2029', ' '], 10).map((input) => ({ kind: 'splitlines' as const, input })),
  s([...PY_SPACES, 'a', ' ', '\ufeff', '\u200b', '\u180e'], 8).map((input) => ({ kind: 'strip' as const, input })),
  s([...PY_SPACES, 'a', '\ufeff', '\u200b'], 6).map((input) => ({ kind: 'indent' as const, input })),
  s(['1', '2', '0', '9', '_', '+', '-', ' ', '\t', '\u3000', '\u00a0', 'a', '.', '\u001c', '\u001f', '１', '٣'], 8).map((input) => ({ kind: 'int' as const, input })),
  s(['$', '{', '}', 'A', 'B', 'E', '_', '1', '/', 'é', ' ', '~'], 10).map((input) => ({ kind: 'expandvars' as const, input, env: VARS_ENV })),
  fc
    .tuple(fc.constantFrom('/home/u', '/home/u/', '/', '', 'rel/', '/a//'), s(['~', '/', 'a', 'root', 'nobody', 'x', '~root'], 5))
    .map(([home, input]) => ({ kind: 'expanduser' as const, input, home })),
);

function ourPrim(c: PrimCase): PrimResult {
  const wrap = (f: () => unknown): PrimResult => {
    try {
      return { ok: f() };
    } catch {
      return { error: 'ValueError' };
    }
  };
  switch (c.kind) {
    case 'shlex':
      return wrap(() => shlexSplit(c.input));
    case 'splitlines':
      return wrap(() => pySplitlines(c.input));
    case 'strip':
      return wrap(() => [pyStrip(c.input), pyLstrip(c.input), pyRstrip(c.input)]);
    case 'indent':
      return wrap(() => indentOf(c.input));
    case 'int': {
      const n = pyInt(c.input);
      return n === undefined ? { error: 'ValueError' } : { ok: n + 0 };
    }
    case 'expandvars':
      return wrap(() => expandVars(c.input, c.env!));
    case 'expanduser':
      return wrap(() => expandUser(c.input, { ...memContext({ files: { '/etc/passwd': PASSWD } }), home: c.home! }));
  }
}

describe('the Python string primitives the parser builds on', () => {
  it('shlex.split, str.splitlines, str.strip, NONSPACECRE, int, posixpath.expandvars and expanduser agree', (ctx) => {
    const cases = fc.sample(primArb, { numRuns: RUNS ?? 700, seed: SEED + 2 });
    const theirs = oracleOrSkip<PrimResult>(ctx, 'prims', cases);
    const failures = [];
    for (let i = 0; i < cases.length; i++) {
      const ours = ourPrim(cases[i]);
      if (JSON.stringify(ours) !== JSON.stringify(theirs[i])) {
        failures.push({ input: cases[i], text: `${cases[i].kind} ${show(cases[i].input)}${cases[i].home !== undefined ? ` HOME=${show(cases[i].home!)}` : ''}`, ours, theirs: theirs[i] });
      }
    }
    expect(failures.length, report('primitives', failures, cases.length)).toBe(0);
  });
});
