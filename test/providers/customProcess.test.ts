// credential_process as botocore runs it: shlex split, no shell, Version 1 JSON, the same errors; stderr shown.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/chain/session';
import { customProcessSource } from '../../src/providers/customProcess';
import type { SpawnResult } from '../../src/context';
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
  it('a non-zero exit is CredentialRetrievalError with stderr shown [H06]', async () => {
    const o = await run('/p', { code: 3, stderr: Buffer.from('oops: token expired\n') }).outcome;
    expect(o.status === 'error' && o.error.type).toBe('CredentialRetrievalError');
    expect(o.notes).toEqual(['stderr: oops: token expired']);
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
