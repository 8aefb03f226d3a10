// The shell code `credchain use` hands to the function `credchain init` installs: set AWS_PROFILE and remove what
// would shadow it under boto3 (env keys win over AWS_PROFILE, AWS_DEFAULT_PROFILE is read before it), plus the
// variables that only describe those keys.
import { assign, unset, type Dialect } from './quote';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type ShellName = (typeof SHELLS)[number];

export function dialectOf(shell: ShellName): Dialect {
  return shell === 'fish' ? 'fish' : 'posix';
}

/** what `use PROFILE` removes: the variables boto3 would let win over AWS_PROFILE, and those describing them */
export const SHADOWING = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_DEFAULT_PROFILE',
  // describes the env keys removed above; a prompt would show a stale expiry
  'AWS_CREDENTIAL_EXPIRATION',
  // marks the credentials of a `credchain exec` shell, which are gone once the keys are
  'CREDCHAIN_PROFILE',
];

/** what `use --unset` removes */
export const PROFILE_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];

export interface UseChange {
  /** the profile to set, or null to unset the profile variables */
  profile: string | null;
  /** removed whether set or not (the binary cannot see the shell's unexported variables) */
  remove: string[];
}

export function useChange(profile: string | null): UseChange {
  return profile === null ? { profile, remove: PROFILE_VARS } : { profile, remove: SHADOWING };
}

/**
 * The first line of the code `use --shell` prints. The shell function evaluates its output only when it starts with
 * this line, so nothing else the binary may print (help for `credchain use -dash`, which yargs reads as -d -a -s -h)
 * is ever evaluated.
 */
export const USE_CODE_MARKER = '# credchain use: code for the shell function';

/** what the shell function evaluates: the marker, then the statements */
export function useCode(shell: ShellName, change: UseChange): string {
  return `${USE_CODE_MARKER}\n${useStatements(shell, change)}`;
}

/** the statements alone, for a person to paste */
export function useStatements(shell: ShellName, change: UseChange): string {
  const d = dialectOf(shell);
  // the name is quoted for the shell (src/shell/quote.ts): the eval sets it, never runs it
  const lines = change.profile === null ? [] : [assign(d, 'AWS_PROFILE', change.profile)];
  lines.push(...unset(d, change.remove));
  return lines.join('\n') + '\n';
}

/** the variables of `names` that are set (non-empty or empty) in env, for telling the user what was cleared */
export function presentIn(env: NodeJS.ProcessEnv, names: string[]): string[] {
  return names.filter((n) => env[n] !== undefined);
}
