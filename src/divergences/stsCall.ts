// Divergences in the AssumeRole call itself (js-sdk-chain.md §4 #71-73): session name, duration and STS region
// each SDK uses by default.
import { E, roleProfiles, settingAt } from './facts';
import type { Settings } from '../config/profileMap';
import type { DivergenceRule } from './types';

export const STS_CALL: DivergenceRule[] = [
  {
    id: 'js-sts-call-defaults',
    rows: [71, 72, 73],
    title: 'AssumeRole call defaults',
    boto3:
      'RoleSessionName botocore-session-<epoch s>; DurationSeconds only if duration_seconds is set; STS region ' +
      'from the last client',
    js:
      'RoleSessionName aws-sdk-js-<epoch ms>; DurationSeconds always (3600); STS region from the role profile, ' +
      'else the caller, else us-east-1',
    fix: 'set role_session_name and duration_seconds (and region) in the profile to get the same call from both',
    affects: ['call'],
    scope: 'selected',
    detect: (f) =>
      roleProfiles(f)
        .filter(
          ([n, s]) =>
            (n === f.boto3Profile || n === f.jsProfile) &&
            !s.has('web_identity_token_file') &&
            (!s.has('role_session_name') || !s.has('duration_seconds')),
        )
        .map(([n, s]) => E(callLeftToDefaults(n, s), settingAt(s, 'role_arn'), n)),
  },
];

// Messages

function callLeftToDefaults(profile: string, s: Settings): string {
  return (
    `profile "${profile}" leaves ` +
    `${[!s.has('role_session_name') && 'role_session_name', !s.has('duration_seconds') && 'duration_seconds'].filter(Boolean).join(' and ')} ` +
    `to each SDK's default`
  );
}
