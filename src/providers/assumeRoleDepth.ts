// How deep a role chain botocore can resolve. AssumeRoleProvider follows source_profile by recursion, three Python
// frames per role (_load_creds_via_assume_role → _resolve_source_credentials → _resolve_credentials_from_profile),
// under Python's default recursion limit of 1000, so a chain a few hundred roles deep raises RecursionError from
// get_credentials(). Whether it does depends on the roles and on how deep the chain's ending reaches: frames needed =
// 3 × roles + the ending's frames, an error when that passes 1000.
//
// The ending frames were measured on botocore 1.43.11 under CPython 3.11, called as a script calls it, from the
// module's top level: the smallest sys.setrecursionlimit() each ending resolves under is 3 × roles + ENDING_FRAMES
// (+1 for that top-level frame). test/chain/deepChain.test.ts runs botocore on both sides of the boundary for each.
import type { Method } from '../core/types';

export const PYTHON_RECURSION_LIMIT = 1000;
export const FRAMES_PER_ROLE = 3;

/** where the walk down the chain ends, and so how many frames beyond the roles botocore needs there */
export type ChainEnding =
  | 'both-sources' // source_profile and credential_source: InvalidConfigError
  | 'no-source' // neither: PartialCredentialsError
  | 'invalid-credential-source' // InvalidConfigError
  | 'missing-source-profile' // InvalidConfigError
  | 'cycle' // InfiniteLoopConfigError
  | `credential-source:${'Environment' | 'EcsContainer' | 'Ec2InstanceMetadata'}:${'won' | 'none'}`
  | `source-profile:${Method | 'none'}` // the source profile's own chain: the method that answered (or none)
  | 'source-profile:custom-process:no-credentials-file';

const ENDING_FRAMES: Record<string, number> = {
  'both-sources': 7,
  'no-source': 7,
  'invalid-credential-source': 8,
  'missing-source-profile': 8,
  cycle: 11,
  'credential-source:Environment:won': 13,
  'credential-source:Environment:none': 10,
  // the HTTP fetch reaches deeper than any file source; a failed fetch is counted like a successful one
  'credential-source:EcsContainer:won': 22,
  'credential-source:EcsContainer:none': 10,
  'credential-source:Ec2InstanceMetadata:won': 19,
  'credential-source:Ec2InstanceMetadata:none': 12,
  'source-profile:assume-role-with-web-identity': 18,
  'source-profile:sso': 17,
  'source-profile:shared-credentials-file': 16,
  'source-profile:login': 16,
  'source-profile:custom-process': 16,
  // measured at the chain's depth: without a credentials file the helper's run reaches one frame further
  'source-profile:custom-process:no-credentials-file': 17,
  'source-profile:config-file': 17,
  'source-profile:none': 17,
};

/** the fewest frames any ending needs: past this many roles nothing can end without RecursionError */
const MIN_ENDING_FRAMES = Object.values(ENDING_FRAMES).reduce((a, b) => Math.min(a, b));
export const MAX_ROLES_WALKED = Math.floor((PYTHON_RECURSION_LIMIT - MIN_ENDING_FRAMES) / FRAMES_PER_ROLE) + 1;

export function framesNeeded(roles: number, ending: ChainEnding): number {
  return FRAMES_PER_ROLE * roles + (ENDING_FRAMES[ending] ?? ENDING_FRAMES['source-profile:none']);
}

export function exceedsRecursionLimit(roles: number, ending: ChainEnding): boolean {
  return framesNeeded(roles, ending) > PYTHON_RECURSION_LIMIT;
}
