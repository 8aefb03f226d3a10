// Whether a profile claims a source: the test each provider applies to a profile's settings before it does anything
// else (the JS SDK's isSsoProfile, granted's ProfileMatchesType). Each provider exports its own, and uses it itself;
// `profiles` and `show` name a profile's kind from the same tests, in the chain's order (src/profiles/kinds.ts).
import type { Settings } from '../config/profileMap';

/** the three places a profile's settings are seen from: merged (credentials file over config), each file alone */
export interface ProfileViews {
  merged: Settings;
  credentialsSection?: Settings;
  configProfile?: Settings;
}

export interface Claim {
  /** what to call the claiming settings when another source wins, e.g. "credential_process" */
  what: string;
  /** the key whose line is quoted for it */
  key: string;
  from: keyof ProfileViews;
  test(v: ProfileViews): boolean;
}
