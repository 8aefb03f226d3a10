// A source_profile chain too deep to hand to the JS SDK. Its fromIni walks source_profile by recursion (two async
// frames and a copy of the profiles visited per hop): a few thousand hops exceed a default Node.js stack, and V8
// then prints the overflow on stderr from inside its promise machinery, where no handler can catch it. boto3 raises
// RecursionError a few hundred hops deep, so no chain that works comes near the bound: past it, credchain does not
// run the JS SDK, as it does not hand it a FIFO. The hops are counted here in a loop, never by recursion.

/** the most source_profile hops credchain lets the JS SDK recurse through (it runs 1,500 fine in-process) */
export const MAX_JS_HOPS = 1000;

type Profiles = Record<string, Record<string, string | undefined> | undefined>;

/** the shared files as the SDK's loadSharedConfigFiles returns them */
export interface SdkFiles {
  configFile: Profiles;
  credentialsFile: Profiles;
}

/**
 * How many source_profile hops fromIni would recurse through from `profile` (@aws-sdk/credential-provider-ini
 * resolveProfileData: a profile with role_arn and source_profile recurses into its source; a source visited before,
 * or a profile with static keys after the first, ends the walk), counted up to `max + 1`.
 */
export function jsSourceProfileHops(files: SdkFiles, profile: string, max = MAX_JS_HOPS): number {
  // fromIni merges the two files key by key, the credentials file winning
  const get = (name: string) => ({
    ...(Object.hasOwn(files.configFile, name) ? files.configFile[name] : {}),
    ...(Object.hasOwn(files.credentialsFile, name) ? files.credentialsFile[name] : {}),
  });
  const visited = new Set<string>();
  let cur = profile;
  let hops = 0;
  while (hops <= max) {
    const p = get(cur);
    if (hops > 0 && typeof p.aws_access_key_id === 'string' && typeof p.aws_secret_access_key === 'string') return hops;
    // a source already visited is the SDK's "Detected a cycle" error: the walk ends there
    if (typeof p.role_arn !== 'string' || typeof p.source_profile !== 'string' || visited.has(p.source_profile))
      return hops;
    visited.add(p.source_profile);
    cur = p.source_profile;
    hops++;
  }
  return hops;
}

/** Why the JS SDK must not be run on these files: the selected profile's chain is too deep for it. */
export function chainTooDeepForJs(files: SdkFiles, profile: string): string | undefined {
  return jsSourceProfileHops(files, profile) <= MAX_JS_HOPS ? undefined : sourceProfileChainTooDeep(profile);
}

// Messages

function sourceProfileChainTooDeep(profile: string): string {
  return (
    `the source_profile chain from profile "${profile}" is more than ${MAX_JS_HOPS} hops deep: the JS SDK's ` +
    `fromIni recurses once per hop and overflows a default Node.js stack within a few thousand hops`
  );
}
