// The package as a user gets it: `npm pack` in a copy of the project (prepack builds the bundles, their code caches
// and the type declarations: no `prepare`), the tarball's contents (only what runs), then an offline install of the
// tarball into a fresh folder with the dependency versions of package-lock.json from the npm cache, and the
// installed copy run: --version, a --debug stack trace naming where it is installed, and the README's Node example.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-pack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

/** the project's sources in a scratch folder, so packing builds there and never rewrites the shared dist/ */
function copyProject(): string {
  const dir = path.join(tmp, 'project');
  fs.mkdirSync(dir);
  for (const f of ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'tsconfig.types.json', 'bin', 'scripts', 'src', 'schema']) {
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/**
 * A folder whose package-lock.json installs the tarball with exactly the production dependencies of ours, each with
 * its registry URL and integrity, so `npm ci --offline` takes them from the npm cache (as `npm ci` left it).
 */
function installFolder(tarball: string): string {
  const dir = path.join(tmp, 'install');
  fs.mkdirSync(dir);
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'credchain-install-check', dependencies: { credchain: spec } },
    'node_modules/credchain': { version: pkg.version, resolved: spec, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [key, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean; version: string; resolved?: string }>)) {
    if (key === '' || entry.dev) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[key] = { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz` };
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'credchain-install-check', private: true, dependencies: { credchain: spec } }));
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'credchain-install-check', lockfileVersion: 3, requires: true, packages }));
  return dir;
}

describe('the packed package', () => {
  it('packs without prepare, ships only what runs, installs offline and runs from where it is installed', { timeout: 300_000 }, () => {
    const project = copyProject();
    const pack = run('npm', ['pack', '--json', '--pack-destination', tmp], project);
    expect(pack.status, pack.stderr).toBe(0);
    expect(pack.stdout + pack.stderr).not.toMatch(/prepare/);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[\n'))) as { filename: string; files: { path: string }[] }[];
    const files = info.files.map((f) => f.path);
    for (const f of files) expect(f, f).toMatch(/^(bin\/|dist\/|schema\/|package\.json$|README\.md$|LICENSE)/);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['bin/credchain.js', 'dist/credchain.cjs', 'dist/which.cjs', 'dist/types/index.d.ts', 'schema/which.schema.json', 'schema/verify.schema.json', 'schema/profiles.schema.json']));

    const folder = installFolder(path.join(tmp, info.filename));
    const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], folder);
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout + install.stderr).not.toMatch(/prepare/);
    const installed = path.join(folder, 'node_modules', 'credchain');
    const bin = path.join(folder, 'node_modules', '.bin', 'credchain');

    const home = path.join(tmp, 'home');
    fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAPACKED0000001234\naws_secret_access_key = s\n', { mode: 0o600 });
    const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true' };

    const version = run(bin, ['--version'], folder, env);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toBe(`credchain ${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version} (reproduces botocore 1.43.11)\n`);

    // built in `project`, installed in `folder`: the stack names the installed files
    const debug = run(bin, ['--debug', '--imds-timeout', 'soon'], folder, env);
    expect(debug.status).toBe(252);
    expect(debug.stderr).toContain(path.join(fs.realpathSync(installed), 'dist', 'credchain.cjs'));
    expect(debug.stderr).not.toContain(project);

    // the README's Node example, as written there, against the installed package
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- library-example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme)![1];
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(5);
    fs.writeFileSync(path.join(folder, 'example.js'), example);
    const node = run(process.execPath, ['example.js'], folder, env);
    expect(node.status, node.stderr).toBe(0);
    expect(node.stdout).toBe(`shared-credentials-file AKIAPACKED0000001234 from {"file":"${home}/.aws/credentials","line":2,"section":"default"}\n`);

    // the declarations the package points at describe what it exports
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const dts = fs.readFileSync(path.join(installed, pkg.types), 'utf8');
    for (const name of ['resolveChain', 'nodeContext', 'ChainReport', 'ResolveOptions']) expect(dts).toContain(name);
  });
});
