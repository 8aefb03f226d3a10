// The folder picture of docs/architecture.md, checked on the real imports: each folder of src/ imports only the
// folders below it (no import goes up, so no cycle between folders), and only the context's implementation and the
// command line touch node:fs or process.env at run time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

/** lower numbers sit lower; folders on one level may not import each other unless listed in SIDEWAYS */
const LAYER: Record<string, number> = {
  python: 0,
  core: 1,
  ini: 2,
  config: 3,
  aws: 4,
  providers: 5,
  chain: 6,
  divergences: 7,
  usecases: 8,
  profiles: 8,
  doctor: 8,
  compare: 8,
  sso: 9,
  shell: 9,
  render: 10,
  cli: 11,
  '.': 12,
};

function sourceFiles(root = SRC): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(root, f));
}

const folderOf = (file: string, root = SRC) => path.relative(root, file).split(path.sep).slice(0, -1)[0] ?? '.';

/** every relative import from a folder to one on its own layer or above */
function layerViolations(root: string): string[] {
  const wrong: string[] = [];
  for (const f of sourceFiles(root)) {
    const from = folderOf(f, root);
    for (const { spec } of imports(f)) {
      if (!spec.startsWith('.')) continue;
      const to = folderOf(path.resolve(path.dirname(f), spec) + '.ts', root);
      if (to !== from && LAYER[to] >= LAYER[from]) wrong.push(`${path.relative(root, f)} -> ${spec} (${from} -> ${to})`);
    }
  }
  return wrong;
}

/** runtime imports (type-only imports are erased and bind nothing at run time, but they still count for layers) */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) out.push({ spec: m[3], typeOnly: !!m[2] });
  // `import('x')` in a type position (`let st: import('node:fs').Stats`, `typeof import('x')`) binds nothing
  for (const m of text.matchAll(/(?<!typeof |: |<)import\('([^']+)'\)|getBuiltinModule\('([^']+)'\)/g)) out.push({ spec: m[1] ?? m[2], typeOnly: false });
  return out;
}

describe('the layers of src/', () => {
  const files = sourceFiles();

  it('every folder of src/ has a place in the picture', () => {
    const folders = new Set(files.map((f) => folderOf(f)));
    expect([...folders].filter((f) => LAYER[f] === undefined)).toEqual([]);
  });

  it('no import goes up a layer or sideways between folders of one layer', () => {
    expect(layerViolations(SRC)).toEqual([]);
  });

  it('the check catches an import that goes up, and one between two folders of a layer', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-layers-'));
    const put = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    put('core/a.ts', "import { walk } from '../chain/b';\n");
    put('chain/b.ts', "import type { A } from '../core/a';\nexport const walk = 1;\n");
    put('doctor/c.ts', "export { x } from '../compare/d';\n");
    put('compare/d.ts', 'export const x = 1;\n');
    expect(layerViolations(root)).toEqual(['core/a.ts -> ../chain/b (core -> chain)', 'doctor/c.ts -> ../compare/d (doctor -> compare)']);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('only the context, the command line and the JS SDK stand-ins touch node:fs or process.env at run time', () => {
    const allowedFs = new Set(['core/nodeContext.ts', 'python/pythonExec.ts', 'profiles/editLock.ts', 'compare/jsFileBounds.ts']);
    const allowedEnv = new Set(['core/nodeContext.ts', 'core/helperProcess.ts', 'compare/jsChain.ts']);
    const fsUsers: string[] = [];
    const envUsers: string[] = [];
    for (const f of files) {
      const rel = path.relative(SRC, f);
      if (rel.startsWith('cli/')) continue;
      if (imports(f).some((i) => !i.typeOnly && i.spec === 'node:fs') && !allowedFs.has(rel)) fsUsers.push(rel);
      const code = fs.readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      if (/process\.env\b/.test(code) && !allowedEnv.has(rel)) envUsers.push(rel);
    }
    expect(fsUsers).toEqual([]);
    expect(envUsers).toEqual([]);
  });
});
