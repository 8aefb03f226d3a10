// Every doctor rule has a fixture that must trigger it and one that must not: test/doctor/fixtures/<rule>-positive
// and <rule>-negative, each a HOME tree (home/) with fixture.json (env, argv, file modes, and for a positive where
// the finding is: a line, or a location). Each is laid out in a real temporary HOME and checked by runDoctor in this
// process, so a rule that fires for the wrong reason (at another line, for another variable) fails; docs/doctor-rules.md
// must document every rule.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/doctor';
import { RULES } from '../../src/doctor/registry';
import { nodeContext } from '../../src/core/nodeContext';
import { FileReadError, type Context } from '../../src/core/context';

interface FixtureMeta {
  description: string;
  rule: string;
  expect: boolean;
  env?: Record<string, string>;
  argv?: string[];
  modes?: Record<string, string>;
  line?: number;
  /**
   * where the finding is, when it is not a line of a file: {"env": "AWS_REGION"}, {"file": ".aws/credentials"} (a
   * whole file or folder, relative to HOME), or null for a finding with no place (then `profile` says what it is for)
   */
  location?: { env: string } | { file: string; line?: number } | null;
  /** with location: the profile that finding concerns */
  profile?: string;
  /** conditions a test cannot create for real (tests may run as root) */
  simulate?: { unreadable?: string[] };
}

const FIXTURES = path.join(__dirname, 'fixtures');
const dirs = fs.readdirSync(FIXTURES).filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory()).sort();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-doctor-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function materialize(name: string): { ctx: Context; meta: FixtureMeta; home: string; profile?: string } {
  const dir = path.join(FIXTURES, name);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'fixture.json'), 'utf8')) as FixtureMeta;
  const home = path.join(root, name);
  const sub = (s: string) => s.split('{HOME}').join(home);
  fs.cpSync(path.join(dir, 'home'), home, { recursive: true });
  for (const rel of fs.readdirSync(home, { recursive: true, encoding: 'utf8' })) {
    const p = path.join(home, rel);
    if (!fs.statSync(p).isFile()) continue;
    const bytes = fs.readFileSync(p);
    if (bytes.includes('{HOME}')) fs.writeFileSync(p, sub(bytes.toString('latin1')), 'latin1');
    fs.chmodSync(p, 0o600);
  }
  for (const [rel, mode] of Object.entries(meta.modes ?? {})) fs.chmodSync(path.join(home, rel), parseInt(mode, 8));
  const env: Record<string, string> = { HOME: home, PATH: '/usr/bin:/bin' };
  for (const [k, v] of Object.entries(meta.env ?? {})) env[k] = sub(v);
  let ctx: Context = { ...nodeContext({ env }), cwd: home };
  const unreadable = new Set((meta.simulate?.unreadable ?? []).map((r) => path.join(home, r)));
  if (unreadable.size) {
    const real = ctx;
    ctx = {
      ...ctx,
      fs: {
        ...real.fs,
        readFileSync: ((p: string, ...rest: unknown[]) => {
          if (unreadable.has(path.resolve(String(p)))) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
          return (real.fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
        }) as Context['fs']['readFileSync'],
      },
      // the guarded reader (every file read goes through it) opens the file: refused as open() would be
      readFile: (p: string, maxBytes: number) => {
        if (unreadable.has(path.resolve(p))) throw new FileReadError('EACCES', `cannot open ${p} (EACCES)`);
        return real.readFile!(p, maxBytes);
      },
    };
  }
  const i = (meta.argv ?? []).indexOf('--profile');
  return { ctx, meta, home, profile: i >= 0 ? meta.argv![i + 1] : undefined };
}

describe('doctor rule fixtures', () => {
  it('every rule has a positive and a negative fixture, and every fixture names a rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(ids.size).toBe(RULES.length);
    for (const r of RULES) {
      expect(dirs, `fixtures for ${r.id}`).toContain(`${r.id}-positive`);
      expect(dirs, `fixtures for ${r.id}`).toContain(`${r.id}-negative`);
    }
    for (const d of dirs) expect(ids.has(d.replace(/-(positive|negative)$/, '')), `${d} names no rule`).toBe(true);
  });

  it('every positive fixture pins where its finding is: a line, or a location', () => {
    const unpinned = dirs.filter((d) => {
      const meta = JSON.parse(fs.readFileSync(path.join(FIXTURES, d, 'fixture.json'), 'utf8')) as FixtureMeta;
      return meta.expect && meta.line === undefined && !('location' in meta);
    });
    expect(unpinned).toEqual([]);
  });

  it.each(dirs)('%s', async (name) => {
    const { ctx, meta, home, profile } = materialize(name);
    expect(meta.rule).toBe(name.replace(/-(positive|negative)$/, ''));
    expect(meta.expect).toBe(name.endsWith('-positive'));
    const report = await runDoctor(ctx, profile !== undefined ? { profile } : {});
    const hits = report.findings.filter((f) => f.rule === meta.rule);
    const shown = JSON.stringify(report.findings.map((f) => `${f.rule}: ${f.message}`), null, 2);
    if (!meta.expect) {
      expect(hits, `${name} must not report ${meta.rule}; got ${shown}`).toEqual([]);
      return;
    }
    expect(hits.length, `${name} must report ${meta.rule}; got ${shown}`).toBeGreaterThan(0);
    const rule = RULES.find((r) => r.id === meta.rule)!;
    for (const h of hits) {
      expect(h.fix.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'info']).toContain(h.severity);
      if (rule.family === 'divergences') expect(h.severity).toBe('info');
    }
    expect(hits.some((h) => h.severity === rule.severity), `${name}: one finding has the rule's severity ${rule.severity}`).toBe(true);
    if (meta.line !== undefined) {
      const lines = hits.map((h) => (h.location && 'file' in h.location ? h.location.line : undefined));
      expect(lines, `${name}: expected a finding at line ${meta.line}`).toContain(meta.line);
      for (const h of hits) if (h.location && 'file' in h.location && h.location.line !== undefined) expect(h.location.file.startsWith(home)).toBe(true);
    }
    if ('location' in meta) {
      // files relative to HOME; a pinned file without a line is a finding about the whole file
      const seen = hits.map((h) => ({
        location: h.location && 'file' in h.location ? { file: path.relative(home, h.location.file), ...(h.location.line !== undefined ? { line: h.location.line } : {}) } : h.location,
        ...(meta.profile !== undefined ? { profile: h.profile } : {}),
      }));
      const want = { location: meta.location, ...(meta.profile !== undefined ? { profile: meta.profile } : {}) };
      expect(seen, `${name}: expected a finding at ${JSON.stringify(want)}`).toContainEqual(want);
    }
  });
});

describe('docs/doctor-rules.md', () => {
  it('documents every rule with its severity', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/doctor-rules.md'), 'utf8');
    for (const r of RULES) {
      const m = new RegExp(`^### \`${r.id}\` — (error|warning|info)\\b`, 'm').exec(doc);
      expect(m, `docs/doctor-rules.md has no "### \`${r.id}\` — severity" heading`).not.toBeNull();
      expect(m![1]).toBe(r.severity);
    }
  });
});
