// `custom-process`: credential_process from the merged profile, split with shlex (no shell: no $VAR, pipes or ~), run
// while resolving as Python's subprocess runs it (no /bin/sh fallback), in its own process group and bounded in time
// and output; its JSON parsed as Python's json (NaN, Infinity) and checked as botocore checks it. Its stderr is shown
// only when it fails, as boto3's error carries it, with anything shaped like a secret masked.
import { maskHelperText } from '../core/secretShapes';
import type { SpawnResult } from '../core/context';
import { BotoError, type BotoErrorType, type PythonExceptionName } from '../core/errors';
import { shlexSplit } from '../python/pyText';
import type { Outcome } from '../core/types';
import type { SourceContext } from './sourceContext';
import type { Claim } from './claim';
import { expiryNotes, parseErrorType, parseTimestamp } from '../python/timestamps';
import { pyFloatText, pyJsonLoads, PY_JSON_MAX_DEPTH_AT_TOP } from '../python/pyJson';
import { valueText } from '../ini/parse';
import { FRAMES_PER_ROLE } from './assumeRoleDepth';
import { stderrExcerpt } from '../core/secretShapes';

/** a credential_process still running after this is stopped with everything it started (verify --timeout sets it) */
export const DEFAULT_HELPER_TIMEOUT_MS = 120_000;
/** CREDCHAIN_HELPER_TIMEOUT (seconds) bounds a helper in every command (verify --timeout sets helperTimeoutMs instead);
 * a value that is not a number of seconds is noted and the default kept, so a shell prompt's `current` never fails */
function helperTimeoutFromEnv(env: Readonly<Record<string, string | undefined>>, notes: string[]): number {
  const raw = env.CREDCHAIN_HELPER_TIMEOUT;
  if (raw === undefined || raw === '') return DEFAULT_HELPER_TIMEOUT_MS;
  const s = Number(raw);
  if (s > 0 && s <= 3600) return Math.round(s * 1000);
  notes.push(helperTimeoutNotANumber(raw));
  return DEFAULT_HELPER_TIMEOUT_MS;
}

/** stdout or stderr beyond this stops the helper: credentials JSON is a few KiB */
const MAX_OUTPUT_BYTES = 1024 * 1024;
/** the exception class Python's subprocess raises for the errno of a failed exec */
const PY_ERRNO_TYPES: Record<string, PythonExceptionName> = {
  ENOENT: 'FileNotFoundError',
  EACCES: 'PermissionError',
  EPERM: 'PermissionError',
  ENOTDIR: 'NotADirectoryError',
  EISDIR: 'IsADirectoryError',
};

export const customProcessClaim: Claim = {
  what: 'credential_process',
  key: 'credential_process',
  from: 'merged',
  test: (v) => v.merged.has('credential_process'),
};

export async function customProcessSource(sc: SourceContext, profile: string): Promise<Outcome> {
  const settings = sc.session.profileSettings(profile);
  const setting = settings?.get('credential_process');
  if (!setting) return { status: 'skipped', reason: `profile "${profile}" has no credential_process` };
  const where = { file: setting.file, line: setting.line };
  // the command line as messages and the location show it: a secret passed as an argument is masked (never run)
  const command = maskHelperText(typeof setting.value === 'string' ? setting.value : JSON.stringify(setting.value));
  const at = `${setting.file}:${setting.line}`;
  if (sc.inspecting) {
    return {
      status: 'shadowed',
      reason: `credential_process \`${command}\` (${at}) would run; not run because an earlier source won`,
    };
  }
  const fail = (type: BotoErrorType, message: string, notes?: string[]): Outcome => ({
    status: 'error',
    error: new BotoError(type, message, 'get_credentials', where),
    notes,
  });
  if (typeof setting.value !== 'string')
    return fail('AttributeError', `credential_process at ${at} is a nested block, not a command`);
  let argv: string[];
  try {
    argv = shlexSplit(setting.value);
  } catch (e) {
    return fail('ValueError', `credential_process at ${at} cannot be split into words: ${(e as Error).message}`);
  }
  if (argv.length === 0)
    return fail(
      'IndexError',
      `credential_process at ${at} is empty: boto3 fails with IndexError (list index out of range)`,
    );

  // Python refuses a NUL byte in an argument before it forks
  if (argv.some((a) => a.includes('\0')))
    return fail(
      'ValueError',
      `credential_process at ${at} contains a NUL byte: boto3 fails with ValueError (embedded null byte)`,
    );

  const ctx = sc.session.ctx;
  const notes: string[] = [];
  const timeoutMs = ctx.helperTimeoutMs ?? helperTimeoutFromEnv(ctx.env, notes);
  const started = ctx.now();
  const r = await ctx.spawn(argv, {
    timeoutMs,
    cwd: ctx.cwd,
    maxOutputBytes: MAX_OUTPUT_BYTES,
    waitingNotice: `credchain: waiting for credential_process of profile ${profile}…`,
  });
  const elapsed = ctx.now() - started;
  if (r.startError) {
    const code = r.startError.code;
    const type = PY_ERRNO_TYPES[code ?? ''] ?? 'OSError';
    const why =
      code === 'ENOEXEC'
        ? `; ${argv[0]} has no #! line, and Python does not fall back to /bin/sh`
        : '; it runs without a shell, so $VARS, ~ and pipes are not expanded';
    return fail(type, cannotRunProcess(at, argv, r.startError, code, why));
  }
  const stopped = (message: string) => ({
    status: 'error' as const,
    error: new BotoError('CredentialRetrievalError', message, 'get_credentials', where),
  });
  if (r.stopped === 'timeout') {
    return stopped(processTimedOut(command, timeoutMs));
  }
  if (r.stopped === 'output') {
    return stopped(processWroteTooMuch(command));
  }
  if (r.stopped === 'held-open') {
    notes.push(childKeptOutputOpen(command));
  }
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const undecodable = (which: string) =>
    fail('UnicodeDecodeError', `credential_process \`${command}\` wrote ${which} that is not valid UTF-8`, notes);
  if (r.code !== 0) {
    // boto3 raises CredentialRetrievalError with the decoded stderr as the message; a successful helper's stderr is
    // discarded, so it is never shown
    let stderrText: string;
    try {
      stderrText = strict.decode(r.stderr);
    } catch {
      return undecodable('stderr');
    }
    const shown = stderrExcerpt(stderrText);
    return {
      status: 'error',
      error: new BotoError(
        'CredentialRetrievalError',
        processExitedWithError(command, r, shown),
        'get_credentials',
        where,
      ),
      notes,
    };
  }
  let stdout: string;
  try {
    stdout = strict.decode(r.stdout);
  } catch {
    return undecodable('stdout');
  }
  const roles = rolesAbove(sc, profile);
  const maxDepth = roles === 0 ? PY_JSON_MAX_DEPTH_AT_TOP : PY_JSON_MAX_DEPTH_AT_TOP - 2 - FRAMES_PER_ROLE * roles;
  const loaded = pyJsonLoads(stdout, { maxDepth });
  if (!loaded.ok && loaded.type === 'RecursionError') {
    const reached =
      roles === 0
        ? ''
        : ` (boto3 runs it ${roles} role${roles === 1 ? '' : 's'} down a source_profile chain, where fewer levels fit)`;
    return {
      status: 'error',
      error: new BotoError(
        'RecursionError',
        processJsonTooDeep(command, maxDepth, reached, loaded.error),
        'get_credentials',
        where,
      ),
      notes,
    };
  }
  if (!loaded.ok) {
    return {
      status: 'error',
      error: new BotoError('JSONDecodeError', processOutputNotJson(command, loaded.error), 'get_credentials', where),
      notes,
    };
  }
  const parsed = loaded.value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'a JSON array' : parsed === null ? 'null' : `a JSON ${typeof parsed}`;
    return {
      status: 'error',
      error: new BotoError(
        'AttributeError',
        `credential_process \`${command}\` printed ${kind}, not an object`,
        'get_credentials',
        where,
      ),
      notes,
    };
  }
  const o = parsed as Record<string, unknown>;
  const version = 'Version' in o ? o.Version : '<Version key not provided>';
  if (version !== 1 && version !== true) {
    return {
      status: 'error',
      error: new BotoError('CredentialRetrievalError', unsupportedProcessVersion(version), 'get_credentials', where),
      notes,
    };
  }
  for (const k of ['AccessKeyId', 'SecretAccessKey']) {
    if (!(k in o)) {
      return {
        status: 'error',
        error: new BotoError(
          'CredentialRetrievalError',
          `Error when retrieving credentials from custom-process: Missing required key in response: '${k}'`,
          'get_credentials',
          where,
        ),
        notes,
      };
    }
  }
  let expiration: string | null = null;
  if (o.Expiration !== undefined && o.Expiration !== null) {
    const t = typeof o.Expiration === 'string' ? parseTimestamp(o.Expiration, sc.session.ctx.now()) : undefined;
    if (!t) {
      return {
        status: 'error',
        error: new BotoError(
          typeof o.Expiration === 'string' ? parseErrorType(o.Expiration) : 'TypeError',
          unparseableExpiration(command, o),
          'get_credentials',
          where,
        ),
        notes,
      };
    }
    expiration = t.text;
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

/**
 * How many roles botocore recursed through before it runs `profile`'s helper: 0 when `profile` is the session's own
 * profile, else the roles from the session's profile down its source_profile chain to `profile` (each deepens
 * the stack at json.loads by FRAMES_PER_ROLE frames, and the chain itself by two: measured through
 * boto3.Session(...).get_credentials(), 988 − 3 × roles levels load). Walks as AssumeRoleProvider does: on through
 * role profiles without static keys, cycles stopped.
 */
function rolesAbove(sc: SourceContext, profile: string): number {
  let name = sc.session.profileName;
  if (name === profile) return 0;
  const seen = new Set<string>();
  for (let roles = 1; ; roles++) {
    const s = sc.session.profileSettings(name);
    const source = s?.get('source_profile');
    if (!s || !s.has('role_arn') || s.has('web_identity_token_file') || !source || seen.has(name)) return 0;
    seen.add(name);
    const src = valueText(source.value);
    if (src === undefined) return 0;
    if (src === profile) return roles;
    const next = sc.session.profileSettings(src);
    if (!next || next.has('aws_access_key_id') || next.has('aws_secret_access_key')) return 0;
    name = src;
  }
}

/** a key as botocore keeps it: strings as they are, null as None, anything else as its JSON text */
function keyValue(v: unknown): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v : pyValueText(v);
}

/** Python's str() of a JSON value, for messages */
function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  return typeof v === 'string' ? v : pyValueText(v);
}

/** JSON text of a value, with Python's nan/inf where JSON has none */
function pyValueText(v: unknown): string {
  return (
    (typeof v === 'number' ? pyFloatText(v) : undefined) ??
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && pyFloatText(x) ? pyFloatText(x) : x))
  );
}

// Messages

function helperTimeoutNotANumber(raw: string): string {
  return (
    `CREDCHAIN_HELPER_TIMEOUT=${JSON.stringify(raw)} is not a number of seconds between 0 and 3600: the ` +
    `default, ${DEFAULT_HELPER_TIMEOUT_MS / 1000} s, applies`
  );
}

function cannotRunProcess(
  at: string,
  argv: string[],
  startError: Error,
  code: string | undefined,
  why: string,
): string {
  return (
    `credential_process at ${at}: cannot run "${argv[0]}" ` +
    `(${startError.message.includes('[Errno') ? startError.message : (code ?? startError.message)})${why}`
  );
}

function processTimedOut(command: string, timeoutMs: number): string {
  return (
    `credential_process \`${command}\` did not finish within ${timeoutMs / 1000} s; credchain stopped it and ` +
    `everything it started (boto3 would keep waiting)`
  );
}

function processWroteTooMuch(command: string): string {
  return (
    `credential_process \`${command}\` wrote more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB; credchain ` +
    `stopped it (boto3 would read it all)`
  );
}

function childKeptOutputOpen(command: string): string {
  return (
    `credential_process \`${command}\` exited, but a process it started kept its output open: boto3 would ` +
    `wait for that process to end; credchain stopped it`
  );
}

function processExitedWithError(command: string, r: SpawnResult, shown: string): string {
  return (
    `Error when retrieving credentials from custom-process: \`${command}\` exited with ` +
    `${r.code ?? r.signal}${shown ? `: ${shown}` : ' and wrote nothing on stderr'}`
  );
}

function processJsonTooDeep(command: string, maxDepth: number, reached: string, error: string): string {
  return (
    `credential_process \`${command}\` printed JSON nested more than ${maxDepth} arrays or objects ` +
    `deep${reached}, which Python's json cannot read there (boto3 does not wrap this error): ${error}`
  );
}

function processOutputNotJson(command: string, error: string): string {
  return (
    `credential_process \`${command}\` printed something that is not JSON (${error}); boto3 does not wrap ` +
    `this error`
  );
}

function unsupportedProcessVersion(version: unknown): string {
  return (
    `Error when retrieving credentials from custom-process: Unsupported version '${pyStr(version)}' for ` +
    `credential process provider, supported versions: 1`
  );
}

function unparseableExpiration(command: string, o: Record<string, unknown>): string {
  return (
    `credential_process \`${command}\` returned an Expiration boto3 cannot parse: ` +
    `${typeof o.Expiration === 'string' ? JSON.stringify(o.Expiration) : pyValueText(o.Expiration)}`
  );
}
