// The package as a user gets it, packed once and installed once for every check below: `npm pack` in a copy of the
// project (prepack builds the bundles, their code caches and the type declarations; there is no `prepare`), the
// tarball's contents (only what runs), then `npm install -g --prefix <fresh prefix> <tarball>`, the command a user
// runs, and the installed copy run from the prefix: --version, `which`, a --debug stack naming where it is
// installed, the README's Node example and the declarations.
//
// Without the network. `npm install -g --offline` cannot work from the cache the project's own `npm ci` leaves:
// installing from package-lock.json, npm fetches only tarballs and abbreviated packuments (Accept:
// application/vnd.npm.install-v1+json), while a global install of a tarball has no lockfile for its dependencies,
// so npm 11's arborist resolves each afresh and asks for the full packument (fullMetadata, Accept:
// application/json); make-fetch-happen will not answer that request with the abbreviated entry (the media types
// differ), and the first dependency fails with ENOTCACHED. So the install goes to a registry on 127.0.0.1 made here
// from package-lock.json: a packument per production package listing the locked versions (their dependencies,
// engines and integrity as the lockfile records them), and each tarball's bytes read from the npm cache by that
// integrity (npm checks it again). npm resolves the package's declared ranges against it as against the real
// registry, with a fresh cache of its own; the user's npm cache is only read.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from './support/process';

const ROOT = path.resolve(__dirname, '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  bin: Record<string, string>;
};
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-pack-')));

/** an environment with no npm_config_* from the npm that started vitest, and no proxy (the registry is loopback) */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_|proxy$/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

/** a child run without blocking this process, which serves the registry it installs from */
const runAsync = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000) =>
  runProcess(cmd, args, { cwd, env, timeoutMs });

/** the project's sources in a scratch folder, so packing builds there and never rewrites the shared dist/ */
function copyProject(): string {
  const dir = path.join(tmp, 'project');
  fs.mkdirSync(dir);
  for (const f of [
    'package.json',
    'package-lock.json',
    'README.md',
    'LICENSE',
    'tsconfig.json',
    'tsconfig.types.json',
    'bin',
    'scripts',
    'src',
    'schema',
  ]) {
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

type LockEntry = { version: string; integrity?: string; dev?: boolean; [field: string]: unknown };

/** where cacache keeps the bytes with this integrity (the first hash of the string) */
function cachedContent(cache: string, integrity: string): string {
  const [algo, b64] = integrity.split(/\s+/)[0].split(/-(.*)/s);
  const hex = Buffer.from(b64, 'base64').toString('hex');
  return path.join(cache, '_cacache', 'content-v2', algo, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

/** the loopback registry: the packed project's package-lock.json, its production packages, tarballs from the npm cache */
async function startRegistry(
  projectDir: string,
): Promise<{ url: string; served: string[]; missing: string[]; close(): Promise<void> }> {
  const lock = JSON.parse(fs.readFileSync(path.join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  // the cache the project's install filled (npm_config_cache included, as `npm test` sets it)
  const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', cwd: ROOT }).stdout.trim();
  const packuments = new Map<string, { name: string; versions: Record<string, Record<string, unknown>> }>();
  const tarballs = new Map<string, string>();
  const served: string[] = [];
  const missing: string[] = [];
  let url = '';
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev || !entry.integrity) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const file = `/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    const {
      version,
      integrity,
      dev: _dev,
      devOptional: _devOptional,
      optional: _optional,
      resolved: _resolved,
      ...fields
    } = entry;
    const p = packuments.get(name) ?? { name, versions: {} };
    p.versions[version] = {
      name,
      version,
      ...fields,
      dist: {
        integrity,
        get tarball() {
          return url + file;
        },
      },
    };
    packuments.set(name, p);
    tarballs.set(file, cachedContent(npmCache, integrity));
  }
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const tarball = tarballs.get(p);
    if (tarball) {
      if (!fs.existsSync(tarball)) {
        missing.push(p);
        res.writeHead(404).end();
        return;
      }
      served.push(p);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      fs.createReadStream(tarball).pipe(res);
      return;
    }
    const doc = packuments.get(p.slice(1));
    if (!doc) {
      missing.push(p);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const versions = Object.keys(doc.versions);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...doc, 'dist-tags': { latest: versions[versions.length - 1] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, served, missing, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let project: string;
let pack: SpawnSyncReturns<string>;
let files: string[];
let prefix: string;
let install: { status: number | null; stdout: string; stderr: string };
let registry: Awaited<ReturnType<typeof startRegistry>>;
const home = path.join(tmp, 'home');
const env = () =>
  cleanEnv({
    HOME: home,
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
  });

beforeAll(async () => {
  project = copyProject();
  pack = run('npm', ['pack', '--json', '--pack-destination', tmp], project, cleanEnv({}));
  if (pack.status !== 0) return;
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[\n'))) as {
    filename: string;
    files: { path: string }[];
  }[];
  files = info.files.map((f) => f.path);

  registry = await startRegistry(project);
  prefix = path.join(tmp, 'prefix');
  fs.mkdirSync(prefix);
  fs.writeFileSync(path.join(tmp, 'npmrc'), '');
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.writeFileSync(
    path.join(home, '.aws', 'credentials'),
    '[default]\naws_access_key_id = AKIAPACKED0000001234\naws_secret_access_key = s\n',
    { mode: 0o600 },
  );
  install = await runAsync(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--registry',
      `${registry.url}/`,
      '--cache',
      path.join(tmp, 'npm-cache'),
      '--userconfig',
      path.join(tmp, 'npmrc'),
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      path.join(tmp, info.filename),
    ],
    tmp,
    cleanEnv({ HOME: home }),
  );
}, 120_000);

afterAll(async () => {
  await registry?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('packs with prepack, no prepare', () => {
    expect(pack.status, pack.stderr).toBe(0);
    // the copy has no dist/: the files listed below exist because prepack built them
    expect(pack.stderr).toContain(`> credchain@${PKG.version} prepack`);
    expect(pack.stdout + pack.stderr).not.toMatch(/prepare/);
  });

  it('ships only what runs: the bundles and their code caches, the launcher, declarations, schemas, README, LICENSE', () => {
    expect(PKG.files).toEqual(['bin', 'dist', 'schema']);
    for (const f of files)
      expect(f, f).toMatch(
        /^(bin\/credchain\.js|dist\/[\w-]+\.cjs(\.cache)?|dist\/types\/.+\.d\.ts|schema\/\w+\.schema\.json|package\.json|README\.md|LICENSE)$/,
      );
    for (const f of files.filter((f) => f.endsWith('.cache'))) expect(files).toContain(f.slice(0, -'.cache'.length));
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/credchain.js',
        'dist/credchain.cjs',
        'dist/which.cjs',
        'dist/current.cjs',
        'dist/local.cjs',
        'dist/types/index.d.ts',
        'schema/which.schema.json',
        'schema/verify.schema.json',
        'schema/profiles.schema.json',
        'LICENSE',
      ]),
    );
  });

  it('installs globally into a fresh prefix with no prepare and no warning, every dependency the locked one', () => {
    expect(install, 'not installed: npm pack failed').toBeDefined();
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout + install.stderr).not.toMatch(/prepare/i);
    expect(install.stderr).toBe('');
    expect(install.stdout).toMatch(/^\s*added \d+ packages in /);
    expect(registry.missing).toEqual([]);
    expect(registry.served).toContain('/yargs/-/yargs-17.7.3.tgz');
  });

  it('runs from the prefix: --version and which', () => {
    expect(install?.status, 'not installed').toBe(0);
    const bin = path.join(prefix, 'bin', 'credchain');
    const version = run(bin, ['--version'], home, env());
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toBe(`credchain ${PKG.version} (reproduces botocore 1.43.11)\n`);

    const which = run('which', ['credchain'], home, env());
    expect(which.stdout).toBe(`${bin}\n`);
    expect(fs.realpathSync(bin)).toBe(path.join(prefix, 'lib', 'node_modules', 'credchain', PKG.bin.credchain));
  });

  it('a --debug stack names the installed files, not where they were built', () => {
    expect(install?.status, 'not installed').toBe(0);
    const debug = run('credchain', ['--debug', '--imds-timeout', 'soon'], home, env());
    expect(debug.status).toBe(252);
    expect(debug.stderr).toContain(path.join(prefix, 'lib', 'node_modules', 'credchain', 'dist', 'credchain.cjs'));
    expect(debug.stderr).not.toContain(project);
  });

  it("the README's Node example runs against the installed package, and its declarations name what it exports", () => {
    expect(install?.status, 'not installed').toBe(0);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /<!-- library-example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(readme)![1];
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(5);
    const dir = path.join(tmp, 'script');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'example.js'), example);
    // a globally installed package is found by require() through NODE_PATH
    const node = run(process.execPath, ['example.js'], dir, {
      ...env(),
      NODE_PATH: path.join(prefix, 'lib', 'node_modules'),
    });
    expect(node.status, node.stderr).toBe(0);
    expect(node.stdout).toBe(
      `shared-credentials-file AKIAPACKED0000001234 from {"file":"${home}/.aws/credentials","line":2,"section":"default"}\n`,
    );

    const installed = path.join(prefix, 'lib', 'node_modules', 'credchain');
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const dts = fs.readFileSync(path.join(installed, pkg.types), 'utf8');
    for (const name of ['resolveChain', 'nodeContext', 'ChainReport', 'ResolveOptions']) expect(dts).toContain(name);
  });
});
