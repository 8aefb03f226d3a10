// The one door to the outside world. Providers read env, files, clock, network and processes only through a
// Context, so unit tests can run on memfs and fake clocks, and conformance tests on real temporary folders.
import type * as fsTypes from 'node:fs';

export type FileSystem = Pick<
  typeof fsTypes,
  'readFileSync' | 'statSync' | 'existsSync'
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
}

export interface Context {
  env: Readonly<Record<string, string | undefined>>;
  fs: FileSystem;
  /** milliseconds since the epoch */
  now(): number;
  sleep(ms: number): Promise<void>;
  http(req: HttpRequest): Promise<HttpResponse>;
  /** run argv[0] with argv[1..] directly, no shell; an aborted `signal` kills it */
  spawn(argv: string[], opts?: { timeoutMs?: number; cwd?: string; signal?: AbortSignal }): Promise<SpawnResult>;
  /** what Python's os.path.expanduser('~') gives: $HOME, else the passwd entry */
  home: string;
  cwd: string;
  platform: NodeJS.Platform;
  /** debug lines (--debug); a no-op otherwise */
  debug(line: string): void;
}
