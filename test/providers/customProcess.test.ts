// credential_process as botocore runs it: shlex split, no shell, Version 1 JSON, the same errors; stderr shown only on
// failure and masked. The second half runs real helpers through the real context: process groups, bounds, exec errors.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../src/config/session';
import { customProcessSource } from '../../src/providers/customProcess';
import type { Context, SpawnResult } from '../../src/core/context';
import { nodeContext } from '../../src/core/nodeContext';
import { memContext } from '../support/memContext';

function run(command: string, result: Partial<SpawnResult> | ((argv: string[]) => Partial<SpawnResult>), inspecting = false) {
  const ctx = memContext({
    files: { '.aws/config': `[default]\ncredential_process = ${command}\n` },
    spawn: async (argv) => {
      const r = typeof result === 'function' ? result(argv) : result;
      return { code: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), ...r };
    },
  });
  const session = new Session(ctx);
  return { ctx, outcome: customProcessSource({ session, inspecting, imds: undefined as never }, 'default') };
}
const out = (o: unknown) => ({ stdout: Buffer.from(JSON.stringify(o)) });

describe('credential_process', () => {
  it('runs the shlex-split argv without a shell: $HOME stays literal [H10]', async () => {
    const { ctx, outcome } = run('/bin/echo "$HOME/x" \'a b\'', out({ Version: 1, AccessKeyId: 'AK', SecretAccessKey: 'SK' }));
    expect((await outcome).status).toBe('won');
    expect(ctx.spawned[0]).toEqual(['/bin/echo', '$HOME/x', 'a b']);
  });
  it.each([
    [{ Version: 2, AccessKeyId: 'A', SecretAccessKey: 'S' }, 'CredentialRetrievalError'],
    [{ Version: '1', AccessKeyId: 'A', SecretAccessKey: 'S' }, 'CredentialRetrievalError'],
    [{ AccessKeyId: 'A', SecretAccessKey: 'S' }, 'CredentialRetrievalError'],
    [{ Version: 1, AccessKeyId: 'A' }, 'CredentialRetrievalError'],
    [[1, 2], 'AttributeError'],
    [{ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S', Expiration: 'garbage' }, 'ParserError'],
  ])('%j raises %s [H03, H05, H04, H08, H20, H15]', async (json, type) => {
    const o = await run('/p', out(json)).outcome;
    expect(o.status === 'error' && o.error.type).toBe(type);
  });
  it('Version true and 1.0 are accepted; null SessionToken and Expiration are fine [H23, H24, H18, H25]', async () => {
    for (const v of [true, 1.0]) {
      const o = await run('/p', out({ Version: v, AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: null, Expiration: null })).outcome;
      expect(o.status === 'won' && o.credentials).toMatchObject({ accessKeyId: 'A', sessionToken: null, expiration: null });
    }
  });
  it('a non-zero exit is CredentialRetrievalError with stderr in the message, as boto3 has it [H06]', async () => {
    const o = await run('/p', { code: 3, stderr: Buffer.from('oops: token expired\n') }).outcome;
    expect(o.status === 'error' && o.error.type).toBe('CredentialRetrievalError');
    expect(o.status === 'error' && o.error.message).toContain('exited with 3: oops: token expired');
    expect(o.notes ?? []).toEqual([]);
  });
  it('not JSON is JSONDecodeError; a missing command is FileNotFoundError; empty is IndexError [H07, H09, H17]', async () => {
    const bad = await run('/p', { stdout: Buffer.from('nope') }).outcome;
    expect(bad.status === 'error' && bad.error.type).toBe('JSONDecodeError');
    const missing = await run('/nope', { code: null, startError: Object.assign(new Error('spawn /nope ENOENT'), { code: 'ENOENT' }) }).outcome;
    expect(missing.status === 'error' && missing.error.type).toBe('FileNotFoundError');
    const ctx = memContext({ files: { '.aws/config': '[default]\ncredential_process =\n' } });
    const empty = await customProcessSource({ session: new Session(ctx), inspecting: false, imds: undefined as never }, 'default');
    expect(empty.status === 'error' && empty.error.type).toBe('IndexError');
  });
  it('inspecting never runs the process [H22]', async () => {
    const { ctx, outcome } = run('/p', out({}), true);
    expect((await outcome).status).toBe('shadowed');
    expect(ctx.spawned).toEqual([]);
  });
});

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIGx4c1Zq3Gh5SQ8nMk3aD2RNbVgjEXAMPLEtokenPART0123456789';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXBhcnQ';

describe('credential_process stderr', () => {
  it('is not shown when the helper succeeds (boto3 discards it)', async () => {
    const o = await run('/p', { ...out({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S' }), stderr: Buffer.from(`debug: using ${SECRET}\n`) }).outcome;
    expect(o.status).toBe('won');
    expect(JSON.stringify(o)).not.toContain('debug: using');
  });
  it('is masked and capped when the helper fails', async () => {
    const noise = 'x'.repeat(5000);
    const stderr = `${noise}\nkey AKIAIOSFODNN7EXAMPLE secret ${SECRET}\ntoken ${TOKEN}\nAuthorization: Bearer abc.def-ghi_jkl\njwt ${JWT}\npassword=hunter22 failed\n`;
    const o = await run('/p', { code: 1, stderr: Buffer.from(stderr) }).outcome;
    const msg = o.status === 'error' ? o.error.message : '';
    for (const leak of [SECRET, TOKEN, JWT, 'AKIAIOSFODNN7EXAMPLE', 'abc.def-ghi_jkl', 'hunter22', noise]) expect(msg).not.toContain(leak);
    expect(msg).toContain('****************MPLE');
    expect(msg).toContain('failed');
    expect(msg.length).toBeLessThan(700);
    expect(msg).not.toMatch(/\n/);
  });
});

describe('the helper bound', () => {
  it('comes from CREDCHAIN_HELPER_TIMEOUT; a bad value is a note and the 120 s default, not a failure', async () => {
    const seen: (number | undefined)[] = [];
    const resolve = async (value: string) => {
      const ctx = memContext({ env: { CREDCHAIN_HELPER_TIMEOUT: value }, files: { '.aws/config': '[default]\ncredential_process = /p\n' } });
      // records the bound it is given, and answers good credentials
      const spawn: Context['spawn'] = async (_argv, opts) => {
        seen.push(opts?.timeoutMs);
        return { code: 0, stdout: Buffer.from(JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S' })), stderr: Buffer.alloc(0) };
      };
      return customProcessSource({ session: new Session({ ...ctx, spawn }), inspecting: false, imds: undefined as never }, 'default');
    };
    expect((await resolve('2.5')).status).toBe('won');
    const bad = await resolve('abc');
    expect(bad.status).toBe('won');
    expect(bad.notes?.join(' ')).toContain('CREDCHAIN_HELPER_TIMEOUT="abc"');
    expect(seen).toEqual([2500, 120_000]);
  });
});

describe('credential_process JSON as Python reads it', () => {
  it('NaN, Infinity and -Infinity are accepted outside strings', async () => {
    const o = await run('/p', { stdout: Buffer.from('{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Extra": NaN, "More": [Infinity, -Infinity]}') }).outcome;
    expect(o.status === 'won' && o.credentials.accessKeyId).toBe('A');
  });
  it('an Expiration of Infinity is TypeError; Version NaN is an unsupported version', async () => {
    const inf = await run('/p', { stdout: Buffer.from('{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": Infinity}') }).outcome;
    expect(inf.status === 'error' && inf.error.type).toBe('TypeError');
    expect(inf.status === 'error' && inf.error.message).toContain('inf');
    const nan = await run('/p', { stdout: Buffer.from('{"Version": NaN, "AccessKeyId": "A", "SecretAccessKey": "S"}') }).outcome;
    expect(nan.status === 'error' && nan.error.message).toContain("Unsupported version 'nan'");
  });
  it('-NaN and +Infinity are not JSON for Python either', async () => {
    for (const v of ['-NaN', '+Infinity', 'nan']) {
      const o = await run('/p', { stdout: Buffer.from(`{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "X": ${v}}`) }).outcome;
      expect(o.status === 'error' && o.error.type).toBe('JSONDecodeError');
    }
  });
});

describe('credential_process through the real context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credchain-proc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const creds = '{"Version": 1, "AccessKeyId": "AKIDREAL", "SecretAccessKey": "S"}';
  let n = 0;
  /** resolves `credential_process = <command>` with real processes; `script` is written to proc.sh first */
  async function real(command: string, opts: { script?: string; mode?: number; timeoutMs?: number; env?: Record<string, string> } = {}) {
    const home = join(dir, `h${n++}`);
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), `[default]\ncredential_process = ${command.replaceAll('{HOME}', home)}\n`);
    if (opts.script !== undefined) writeFileSync(join(home, 'proc.sh'), opts.script.replaceAll('{HOME}', home), { mode: opts.mode ?? 0o755 });
    const ctx: Context = { ...nodeContext({ env: { HOME: home, PATH: '/usr/bin:/bin', ...opts.env } }), cwd: home, helperTimeoutMs: opts.timeoutMs };
    const started = Date.now();
    const outcome = await customProcessSource({ session: new Session(ctx), inspecting: false, imds: undefined as never }, 'default');
    return { outcome, ms: Date.now() - started, home };
  }
  const gone = async (pidFile: string) => {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 40; i++) {
      // a killed orphan may stay a zombie until PID 1 reaps it: dead all the same
      try {
        if (/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))) return true;
      } catch {
        return true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };

  it('a helper that leaves a child holding stdout is not waited for; the child is killed', async () => {
    const { outcome, ms, home } = await real(`/bin/sh {HOME}/proc.sh`, { script: `sleep 600 &\necho $! > {HOME}/bg.pid\necho '${creds}'\n` });
    expect(outcome.status === 'won' && outcome.credentials.accessKeyId).toBe('AKIDREAL');
    expect(outcome.notes?.join(' ')).toContain('kept its output open');
    expect(ms).toBeLessThan(1500);
    expect(await gone(join(home, 'bg.pid'))).toBe(true);
  });
  it('a helper that ignores SIGTERM is killed with its group at the timeout', async () => {
    const { outcome, ms, home } = await real(`/bin/sh {HOME}/proc.sh`, { timeoutMs: 300, script: `trap '' TERM\nsleep 600 &\necho $! > {HOME}/bg.pid\nwait\n` });
    expect(outcome.status === 'error' && outcome.error.type).toBe('CredentialRetrievalError');
    expect(outcome.status === 'error' && outcome.error.message).toContain('did not finish within 0.3 s');
    expect(ms).toBeLessThan(6000);
    expect(await gone(join(home, 'bg.pid'))).toBe(true);
  });
  it('a helper that floods stdout is stopped at the output cap', async () => {
    const { outcome, ms } = await real('/usr/bin/yes');
    expect(outcome.status === 'error' && outcome.error.message).toContain('wrote more than 1 MiB');
    expect(ms).toBeLessThan(6000);
  });
  it('a script without #! is OSError [Errno 8] Exec format error, never run through /bin/sh', async () => {
    const { outcome, home } = await real('{HOME}/proc.sh', { script: `touch {HOME}/ran\necho '${creds}'\n` });
    expect(outcome.status === 'error' && outcome.error.type).toBe('OSError');
    expect(outcome.status === 'error' && outcome.error.message).toContain('Exec format error');
    expect(existsSync(join(home, 'ran'))).toBe(false);
  });
  it("'' is PermissionError: each PATH entry joined with '' is a directory", async () => {
    const { outcome } = await real("''");
    expect(outcome.status === 'error' && outcome.error.type).toBe('PermissionError');
  });
  it('a bare name is looked up in PATH as Python does; a non-executable file there is PermissionError', async () => {
    const ok = await real('proc.sh', { script: `#!/bin/sh\necho '${creds}'\n`, env: { PATH: '/nonexistent:{HOME}' } });
    // {HOME} in env is not substituted by real(): use the empty PATH entry (the working directory) instead
    expect(ok.outcome.status === 'error' && ok.outcome.error.type).toBe('FileNotFoundError');
    const cwd = await real('proc.sh', { script: `#!/bin/sh\necho '${creds}'\n`, env: { PATH: '/nonexistent:' } });
    expect(cwd.outcome.status === 'won' && cwd.outcome.credentials.accessKeyId).toBe('AKIDREAL');
    const noexec = await real('proc.sh', { script: `#!/bin/sh\necho '${creds}'\n`, mode: 0o644, env: { PATH: ':/nonexistent' } });
    expect(noexec.outcome.status === 'error' && noexec.outcome.error.type).toBe('PermissionError');
  });
  it('a helper still running after a second on a terminal is announced', async () => {
    const lines: string[] = [];
    const home = join(dir, 'notice');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), `[profile slow]\ncredential_process = /bin/sh ${home}/proc.sh\n`);
    writeFileSync(join(home, 'proc.sh'), `sleep 1.3\necho '${creds}'\n`);
    const ctx: Context = { ...nodeContext({ env: { HOME: home, PATH: '/usr/bin:/bin' }, notice: (l) => lines.push(l) }), cwd: home };
    const o = await customProcessSource({ session: new Session(ctx), inspecting: false, imds: undefined as never }, 'slow');
    expect(o.status === 'error' ? o.error.message : o.status).toBe('won');
    expect(lines).toEqual(['credchain: waiting for credential_process of profile slow…']);
  });
});

describe('which file runs, and how exec fails: against Python subprocess itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credchain-exec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ok = `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIDPY", "SecretAccessKey": "S"}'\n`;
  const w = (rel: string, text: string, mode = 0o755) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text, { mode });
  };
  w('bad/tool', 'echo hi\n');
  w('good/tool', ok);
  w('empty/tool', '');
  w('noexec/tool', ok, 0o644);
  w('noint/tool', '#!/nonexistent/interpreter\n');
  w('abs-ok', ok);
  mkdirSync(join(dir, 'isdir/tool'), { recursive: true });
  symlinkSync(join(dir, 'loop'), join(dir, 'loop'));

  /** what Python's Popen raises for argv with PATH, or 'ran' */
  function python(argv: string[], path: string): string {
    const code = 'import subprocess,sys,json\ntry:\n  subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).wait()\n  print("ran")\nexcept Exception as e:\n  print(type(e).__name__)';
    // python3 found through the test's own PATH; the command's PATH is the one under test
    const r = spawnSync(PYTHON, ['-c', code, JSON.stringify(argv)], { cwd: dir, env: { PATH: path }, encoding: 'utf8' });
    return (r.stdout ?? '').trim();
  }
  async function ours(argv: string[], path: string): Promise<string> {
    const ctx: Context = { ...nodeContext({ env: { HOME: dir, PATH: path } }), cwd: dir };
    const cmd = argv.map((a) => `'${a}'`).join(' ');
    const files = { '.aws/config': `[default]\ncredential_process = ${cmd}\n` };
    mkdirSync(join(dir, '.aws'), { recursive: true });
    writeFileSync(join(dir, '.aws/config'), files['.aws/config']);
    const o = await customProcessSource({ session: new Session(ctx), inspecting: false, imds: undefined as never }, 'default');
    return o.status === 'won' ? 'ran' : o.status === 'error' ? o.error.type : o.status;
  }
  // the interpreter itself, not a pyenv shim (a shim needs PATH to find it)
  const PYTHON = (spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout ?? '').trim();
  it.skipIf(!PYTHON && !process.env.CI).each([
    [['tool'], `${dir}/bad:${dir}/good`],
    [['tool'], `${dir}/bad`],
    [['tool'], `${dir}/empty`],
    [['tool'], `${dir}/noexec:${dir}/bad`],
    [['tool'], `${dir}/isdir`],
    [['tool'], `${dir}/noint`],
    [['tool'], `/nonexistent:${dir}/good`],
    [[''], '/usr/bin:/bin'],
    [[`${dir}/abs-ok`], ''],
    [[`${dir}/bad/tool`], '/usr/bin'],
    [[`${dir}/loop`], '/usr/bin'],
    [['bad/tool'], '/usr/bin'],
    [[`${dir}/abs-ok/`], '/usr/bin'],
  ])('%j with PATH %s', async (argv, path) => {
    const expected = python(argv, path);
    expect(['ran', 'OSError', 'PermissionError', 'FileNotFoundError', 'NotADirectoryError']).toContain(expected);
    // Python's "ran" is our "won" (the script prints good credentials) or a JSON error (it printed something else)
    const got = await ours(argv, path);
    expect(expected === 'ran' ? ['ran', 'JSONDecodeError', 'CredentialRetrievalError'] : [expected]).toContain(got);
  });
});
