// One error hierarchy for the whole tool. BotoError mirrors what botocore would raise; CredchainError carries
// credchain's own failures (usage, I/O, AWS rejection). Exit codes are mapped in one place: exitCodeFor().

/** When botocore would raise: while building/walking the chain, or later when key material is first read. */
export type ErrorStage = 'get_credentials' | 'access';

/** An exception botocore (or Python, where botocore lets one escape) would raise. `type` is the class name. */
export class BotoError extends Error {
  constructor(
    readonly type: string,
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
