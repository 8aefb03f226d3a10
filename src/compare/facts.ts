// What `compare` knows: the divergence rules' input (src/divergences: the files and environment, the profile each
// SDK selects) and both SDKs' actual outcomes.
import type { ChainReport } from '../core/report';
import { str } from '../config/profileMap';
import { divergenceInput, type DivergenceInput, type FilesInput } from '../divergences/index';
import type { JsChainReport } from './jsReport';

export interface Facts extends DivergenceInput {
  /** both outcomes */
  outcome?: { boto3: ChainReport; js: JsChainReport };
}

export function gatherFacts(input: FilesInput, outcome?: Facts['outcome']): Facts {
  return { ...divergenceInput(input), ...(outcome ? { outcome } : {}) };
}

/** the profiles that take part in this resolution: the selected ones and every source_profile below them */
export function relevantProfiles(f: Facts): Set<string> {
  const profiles = f.session.fullConfig().profiles;
  const out = new Set<string>();
  const todo = [f.boto3Profile, f.jsProfile];
  while (todo.length) {
    const p = todo.pop()!;
    if (out.has(p)) continue;
    out.add(p);
    const src = str(profiles.get(p)?.settings, 'source_profile');
    if (src !== undefined) todo.push(src);
  }
  return out;
}
