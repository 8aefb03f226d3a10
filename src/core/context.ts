// The one door to the outside world. Providers read env, files, clock, network and processes only through a
// Context, so unit tests can run on memfs and fake clocks, and conformance tests on real temporary folders.
import type * as fsTypes from 'node:fs';

export type FileSystem = Pick<typeof fsTypes, 'readFileSync' | 'statSync' | 'existsSync'>;

/**
 * Everything a write needs: profile edits (temp file, fsync, rename, the lock, the backup), the AWS CLI cache and the
 * recent-profiles list all write through this, so a test can hand in a full disk or a read-only one.
 */
export type WriteFileSystem = Pick<
  typeof fsTypes,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'fstatSync'
  | 'closeSync'
  | 'fchmodSync'
  | 'fchownSync'
  | 'renameSync'
  | 'linkSync'
  | 'unlinkSync'
  | 'mkdirSync'
  | 'readdirSync'
  | 'readFileSync'
  | 'statSync'
  | 'lstatSync'
  | 'realpathSync'
  | 'accessSync'
  | 'constants'
>;

export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** connect + read timeout in milliseconds */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Transport failures, named as botocore's retry logic distinguishes them. */
export class HttpError extends Error {
  constructor(
    readonly kind: 'connect' | 'read-timeout' | 'connect-timeout' | 'closed' | 'tls' | 'invalid-url' | 'other',
    message: string,
  ) {
    super(message);
  }
}

export interface SpawnResult {
  /** null when the process could not be started (see `startError`) */
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
  startError?: NodeJS.ErrnoException;
  signal?: NodeJS.Signals | null;
  /**
   * why credchain stopped the process (group): `timeout` (timeoutMs passed), `output` (more than maxOutputBytes),
   * `held-open` (it exited but something it started kept its output open; what it wrote before is kept)
   */
  stopped?: 'timeout' | 'output' | 'held-open';
}

export interface SpawnOptions {
  /** the process group is stopped (SIGTERM, then SIGKILL) after this long */
  timeoutMs?: number;
  cwd?: string;
  /** aborting stops the process group */
  signal?: AbortSignal;
  /** stdout or stderr larger than this stops the process group (default 1 MiB each) */
  maxOutputBytes?: number;
  /** told to a person at a terminal when the process runs for more than a second */
  waitingNotice?: string;
}

/** A guarded read that did not give bytes; `code` is the errno Python's open()/read() would meet where it has one. */
export class FileReadError extends Error {
  constructor(
    /** ENOENT, EACCES, EISDIR, ENOTDIR, ELOOP…; `not-regular` (FIFO, device, socket), `too-large` */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Context {
  env: Readonly<Record<string, string | undefined>>;
  fs: FileSystem;
  /** the door every write goes through (src/core/verifiedWrite.ts) */
  writeFs: WriteFileSystem;
  /** milliseconds since the epoch */
  now(): number;
  sleep(ms: number): Promise<void>;
  http(req: HttpRequest): Promise<HttpResponse>;
  /** run argv[0] with argv[1..] directly, no shell, as Python's subprocess execs it, in its own process group */
  spawn(argv: string[], opts?: SpawnOptions): Promise<SpawnResult>;
  /**
   * Every side file (token caches, token files, boto config, legacy credential file, CLI cache) is read through
   * this: opened without blocking, refused unless a regular file, at most `maxBytes`. Throws FileReadError. Absent
   * on test contexts: src/core/readFile.ts then reads through `fs` with the same checks.
   */
  readFile?(path: string, maxBytes: number): Buffer;
  /** how long a credential_process may run before it is stopped (default in src/providers/customProcess.ts) */
  helperTimeoutMs?: number;
  /** what Python's os.path.expanduser('~') gives: $HOME, else the passwd entry */
  home: string;
  cwd: string;
  platform: NodeJS.Platform;
  /** debug lines (--debug); a no-op otherwise */
  debug(line: string): void;
}
