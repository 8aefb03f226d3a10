// `custom-process`: credential_process from the merged profile, split with shlex (no shell: no $VAR, pipes or ~),
// run while resolving, its JSON checked exactly as botocore checks it. Its stderr is shown to the user.
import { BotoError } from '../errors';
import { shlexSplit } from '../ini/pyText';
import type { Outcome } from '../chain/types';
import type { SourceContext } from '../chain/sourceContext';
import { expiryNotes, iso, parseErrorType, parseTimestamp } from './timestamps';

/** a credential_process that has not finished by then is stopped: never hang */
const PROCESS_TIMEOUT_MS = 120_000;

export async function customProcessSource(sc: SourceContext, profile: string): Promise<Outcome> {
  const settings = sc.session.profileSettings(profile);
  const setting = settings?.get('credential_process');
  if (!setting) return { status: 'skipped', reason: `profile "${profile}" has no credential_process` };
  const where = { file: setting.file, line: setting.line };
  const command = typeof setting.value === 'string' ? setting.value : JSON.stringify(setting.value);
  const at = `${setting.file}:${setting.line}`;
  if (sc.inspecting) {
    return { status: 'shadowed', reason: `credential_process \`${command}\` (${at}) would run; not run because an earlier source won` };
  }
  const fail = (type: string, message: string, notes?: string[]): Outcome => ({ status: 'error', error: new BotoError(type, message, 'get_credentials', where), notes });
  if (typeof setting.value !== 'string') return fail('AttributeError', `credential_process at ${at} is a nested block, not a command`);
  let argv: string[];
  try {
    argv = shlexSplit(setting.value);
  } catch (e) {
    return fail('ValueError', `credential_process at ${at} cannot be split into words: ${(e as Error).message}`);
  }
  if (argv.length === 0) return fail('IndexError', `credential_process at ${at} is empty: boto3 fails with IndexError (list index out of range)`);

  const started = sc.session.ctx.now();
  const r = await sc.session.ctx.spawn(argv, { timeoutMs: PROCESS_TIMEOUT_MS, cwd: sc.session.ctx.cwd });
  const elapsed = sc.session.ctx.now() - started;
  const stderrText = r.stderr.toString('utf8');
  const notes = stderrNotes(stderrText);
  if (r.startError) {
    const code = r.startError.code;
    const type = code === 'ENOENT' ? 'FileNotFoundError' : code === 'EACCES' || code === 'EISDIR' ? 'PermissionError' : 'OSError';
    return fail(type, `credential_process at ${at}: cannot run "${argv[0]}" (${code ?? r.startError.message}); it runs without a shell, so $VARS, ~ and pipes are not expanded`, notes);
  }
  if (r.signal === 'SIGKILL' && elapsed >= PROCESS_TIMEOUT_MS) {
    return { status: 'error', error: new BotoError('CredentialRetrievalError', `credential_process \`${command}\` did not finish within ${PROCESS_TIMEOUT_MS / 1000} s; credchain stopped it (boto3 would keep waiting)`, 'get_credentials', where), notes };
  }
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const undecodable = (which: string) => fail('UnicodeDecodeError', `credential_process \`${command}\` wrote ${which} that is not valid UTF-8`, notes);
  if (r.code !== 0) {
    try {
      strict.decode(r.stderr);
    } catch {
      return undecodable('stderr');
    }
    const shown = stderrText.trim().split('\n').slice(-1)[0] ?? '';
    return {
      status: 'error',
      error: new BotoError('CredentialRetrievalError', `Error when retrieving credentials from custom-process: \`${command}\` exited with ${r.code ?? r.signal}${shown ? `: ${shown}` : ''}`, 'get_credentials', where),
      notes,
    };
  }
  let stdout: string;
  try {
    stdout = strict.decode(r.stdout);
  } catch {
    return undecodable('stdout');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (e) {
    return { status: 'error', error: new BotoError('JSONDecodeError', `credential_process \`${command}\` printed something that is not JSON (${(e as Error).message}); boto3 does not wrap this error`, 'get_credentials', where), notes };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'a JSON array' : parsed === null ? 'null' : `a JSON ${typeof parsed}`;
    return { status: 'error', error: new BotoError('AttributeError', `credential_process \`${command}\` printed ${kind}, not an object`, 'get_credentials', where), notes };
  }
  const o = parsed as Record<string, unknown>;
  const version = 'Version' in o ? o.Version : '<Version key not provided>';
  if (version !== 1 && version !== true) {
    return {
      status: 'error',
      error: new BotoError('CredentialRetrievalError', `Error when retrieving credentials from custom-process: Unsupported version '${pyStr(version)}' for credential process provider, supported versions: 1`, 'get_credentials', where),
      notes,
    };
  }
  for (const k of ['AccessKeyId', 'SecretAccessKey']) {
    if (!(k in o)) {
      return { status: 'error', error: new BotoError('CredentialRetrievalError', `Error when retrieving credentials from custom-process: Missing required key in response: '${k}'`, 'get_credentials', where), notes };
    }
  }
  let expiration: string | null = null;
  if (o.Expiration !== undefined && o.Expiration !== null) {
    const t = typeof o.Expiration === 'string' ? parseTimestamp(o.Expiration, sc.session.ctx.now()) : undefined;
    if (!t) {
      return {
        status: 'error',
        error: new BotoError(typeof o.Expiration === 'string' ? parseErrorType(o.Expiration) : 'TypeError', `credential_process \`${command}\` returned an Expiration boto3 cannot parse: ${JSON.stringify(o.Expiration)}`, 'get_credentials', where),
        notes,
      };
    }
    expiration = t.naive ? String(o.Expiration) : iso(t.ms);
    notes.push(...expiryNotes(t, sc.session.ctx.now(), 'the process Expiration'));
  }
  const accountId = (o.AccountId as string) || (settings?.get('aws_account_id')?.value as string) || null;
  return {
    status: 'won',
    reason: `credential_process \`${command}\` (${at}) returned Version 1 credentials in ${elapsed} ms`,
    credentials: {
      method: 'custom-process',
      accessKeyId: keyValue(o.AccessKeyId),
      secretAccessKey: keyValue(o.SecretAccessKey),
      sessionToken: o.SessionToken === undefined || o.SessionToken === null ? null : pyStr(o.SessionToken),
      expiration,
      accountId: typeof accountId === 'string' ? accountId : null,
      location: { command },
    },
    notes: notes.length ? notes : undefined,
  };
}

function stderrNotes(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) return [];
  const shown = lines.slice(0, 20).map((l) => `stderr: ${l.length > 300 ? l.slice(0, 300) + '…' : l}`);
  if (lines.length > 20) shown.push(`stderr: … ${lines.length - 20} more lines`);
  return shown;
}

/** a key as botocore keeps it: strings as they are, null as None, anything else as its JSON text */
function keyValue(v: unknown): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Python's str() of a JSON value, for messages */
function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
