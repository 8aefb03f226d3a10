// One error hierarchy for the whole tool. BotoError mirrors what botocore would raise; CredchainError carries
// credchain's own failures (usage, I/O, AWS rejection). Exit codes are mapped in one place: exitCodeFor().

/** When botocore would raise: while building/walking the chain, or later when key material is first read. */
export type ErrorStage = 'get_credentials' | 'access';

/** The exceptions that only `aws sso login` cures: botocore's SSO token errors (credchain's SsoLoginRequiredError). */
export const SSO_LOGIN_ERRORS = ['SSOTokenLoadError', 'UnauthorizedSSOTokenError', 'TokenRetrievalError'] as const;

/**
 * The botocore.exceptions classes credchain reproduces, by class name (checked against botocore 1.43.11's
 * exceptions.py by test/core/errorNames.test.ts).
 */
export const BOTOCORE_EXCEPTIONS = [
  // configuration
  'ProfileNotFound',
  'ConfigNotFound',
  'ConfigParseError',
  'InvalidConfigError',
  'InfiniteLoopConfigError',
  'NoRegionError',
  'InvalidRegionError',
  'InvalidSTSRegionalEndpointsConfigError',
  'InvalidIMDSEndpointError',
  'InvalidIMDSEndpointModeError',
  'ParamValidationError',
  'MissingDependencyException',
  // credentials
  'NoCredentialsError',
  'PartialCredentialsError',
  'CredentialRetrievalError',
  'MetadataRetrievalError',
  ...SSO_LOGIN_ERRORS,
  // transport
  'HTTPClientError',
  'EndpointConnectionError',
  'ConnectTimeoutError',
  'ReadTimeoutError',
  'ConnectionClosedError',
  'SSLError',
  'PaginationError',
] as const;

/**
 * What botocore lets escape from Python and the libraries it calls: built-ins, json's JSONDecodeError,
 * dateutil's ParserError, decimal's InvalidOperation, botocore.parsers' ResponseParserError.
 */
export const PYTHON_EXCEPTIONS = [
  'TypeError',
  'ValueError',
  'KeyError',
  'IndexError',
  'AttributeError',
  'RuntimeError',
  'RecursionError',
  'MemoryError',
  'OverflowError',
  'EOFError',
  'UnicodeDecodeError',
  'OSError',
  'FileNotFoundError',
  'PermissionError',
  'IsADirectoryError',
  'NotADirectoryError',
  'JSONDecodeError',
  'ParserError',
  'InvalidOperation',
  'ResponseParserError',
] as const;

export type BotocoreExceptionName = (typeof BOTOCORE_EXCEPTIONS)[number];
export type PythonExceptionName = (typeof PYTHON_EXCEPTIONS)[number];
export type SsoLoginErrorName = (typeof SSO_LOGIN_ERRORS)[number];
/**
 * What BotoError.type holds: the class name of the exception botocore would raise, or CredchainUnsupported where
 * botocore would go on but credchain cannot (a header value Node's HTTP client refuses: src/aws/botoHttp.ts).
 */
export type BotoErrorType = BotocoreExceptionName | PythonExceptionName | 'CredchainUnsupported';

/** the `type` credchain's own errors carry (src/aws/awsErrors.ts): botocore's ClientError, and names of its own */
export type CredchainErrorType = 'ClientError' | 'MfaCodeRequired' | 'KeyboardInterrupt' | 'TooManyRequestsException';

/**
 * Whether an error's `type`, reported as a plain string (any error may reach a report: errorType() in
 * src/aws/awsErrors.ts), is `name`: a comparison tsc checks, since `name` must be one credchain knows.
 */
export function isErrorType(t: string | undefined, name: BotoErrorType | CredchainErrorType): boolean {
  return t === name;
}

/** whether `t` names one of the SSO exceptions only a login cures */
export function isSsoLoginError(t: string | undefined): t is SsoLoginErrorName {
  return (SSO_LOGIN_ERRORS as readonly (string | undefined)[]).includes(t);
}

/** An exception botocore (or Python, where botocore lets one escape) would raise. `type` is the class name. */
export class BotoError extends Error {
  constructor(
    readonly type: BotoErrorType,
    message: string,
    readonly stage: ErrorStage = 'get_credentials',
    /** where the problem sits, for the report */
    readonly where?: { file?: string; line?: number; env?: string },
  ) {
    super(message);
    this.name = type;
  }
}

export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 252,
  config: 253,
  rejected: 254,
  unexpected: 255,
  interrupted: 130,
} as const;

export type ExitKind = keyof typeof EXIT;

/** credchain's own error: a one-line message and an exit kind. */
export class CredchainError extends Error {
  constructor(
    message: string,
    readonly kind: ExitKind = 'unexpected',
  ) {
    super(message);
  }
}

export class UsageError extends CredchainError {
  constructor(message: string) {
    super(message, 'usage');
  }
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof CredchainError) return EXIT[err.kind];
  if (err instanceof BotoError) return EXIT.config;
  return EXIT.unexpected;
}

/**
 * Whether `e` names the exception it stands for in a `type`: a BotoError, or one of credchain's errors that carry
 * botocore's name (src/aws/awsErrors.ts). Its message then explains it on its own.
 */
export function hasErrorType(e: unknown): e is { type: string; message: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { type?: unknown }).type === 'string' &&
    (e as { type: string }).type !== ''
  );
}
