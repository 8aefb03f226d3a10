// The failures of network steps, typed so commands can map them to exit codes (through CredchainError kinds) and
// JSON can name them: AWS said no (254), AWS could not be reached (255), or credchain needs something from the
// user first (an MFA code, an SSO login: 253). Botocore's own exceptions stay BotoErrors.
import {
  CredchainError,
  hasErrorType,
  type BotoErrorType,
  type CredchainErrorType,
  type SsoLoginErrorName,
} from '../core/errors';

/** AWS answered with an error: InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, AccessDenied, … */
export class AwsServiceError extends CredchainError {
  readonly type = 'ClientError' satisfies CredchainErrorType;
  constructor(
    readonly service: 'STS' | 'SSO' | 'SSO-OIDC',
    readonly operation: string,
    readonly code: string,
    readonly serviceMessage: string,
    readonly endpoint: string,
    readonly httpStatus?: number,
    hint?: string,
  ) {
    super(serviceRejected(service, operation, endpoint, code, serviceMessage, hint), 'rejected');
  }
}

/** AWS could not be reached, or answered with something that is not an AWS response */
export class AwsNetworkError extends CredchainError {
  constructor(
    /**
     * botocore's name for it: EndpointConnectionError, ReadTimeoutError, ConnectTimeoutError, …; the portal's
     * TooManyRequestsException when SSO throttling outlasts the retries
     */
    readonly type: BotoErrorType | Extract<CredchainErrorType, 'TooManyRequestsException'>,
    readonly service: string,
    readonly operation: string,
    readonly endpoint: string,
    detail: string,
  ) {
    super(`could not complete ${service} ${operation} at ${endpoint}: ${detail}`, 'unexpected');
  }
}

/** an assume-role hop needs an MFA code and there is no way to ask for one */
export class MfaCodeRequiredError extends CredchainError {
  readonly type = 'MfaCodeRequired' satisfies CredchainErrorType;
  constructor(
    readonly profile: string,
    readonly serial: string,
  ) {
    super(mfaCodeNeeded(profile, serial), 'config');
  }
}

/** the SSO token is missing, invalid or expired: only a login fixes it */
export class SsoLoginRequiredError extends CredchainError {
  constructor(
    /** botocore's exception: one of SSO_LOGIN_ERRORS */
    readonly type: SsoLoginErrorName,
    what: string,
    /** the command that fixes it: `aws sso login --profile X` or `aws sso login --sso-session Y` */
    readonly loginCommand: string,
  ) {
    super(`${what}: run \`${loginCommand}\``, 'config');
  }
}

/** the user interrupted a prompt (Ctrl-C) */
export class PromptInterruptedError extends CredchainError {
  readonly type = 'KeyboardInterrupt' satisfies CredchainErrorType;
  constructor() {
    super('interrupted', 'interrupted');
  }
}

/** the `type` to report for any error a network step may throw */
export function errorType(e: unknown): string {
  return hasErrorType(e) ? e.type : e instanceof Error ? e.name : 'Error';
}

// Messages

function serviceRejected(
  service: 'STS' | 'SSO' | 'SSO-OIDC',
  operation: string,
  endpoint: string,
  code: string,
  serviceMessage: string,
  hint: string | undefined,
): string {
  return (
    `${service} rejected ${operation} at ${endpoint}: ${code}: ` +
    `${serviceMessage || '(no message)'}${hint ? ` — ${hint}` : ''}`
  );
}

function mfaCodeNeeded(profile: string, serial: string): string {
  return (
    `profile "${profile}" needs an MFA code for ${serial}, and credchain cannot prompt for one here (no ` +
    `terminal, or CI is set): pass --mfa-code CODE`
  );
}
