// Where boto3 (botocore 1.43) and the AWS SDK for JavaScript v3 disagree, as data: one rule per divergence class
// of reference/js-sdk-chain.md §4 (the `rows` are that table's row numbers), each with what either SDK does, how
// to make them agree, the aspects of the outcome it can change, and a detector that finds it in the files and
// environment at hand (types.ts). One file per family, listed here in the order the rules run: `doctor` reports
// every rule that applies, in this order; `compare` cites the applicable rules for each difference between the two
// SDKs' actual answers.
import { ENVIRONMENT } from './environment';
import { FILES } from './files';
import { ROLES } from './roles';
import { WEB_IDENTITY } from './webIdentity';
import { PROFILE_KINDS } from './profileKinds';
import { PROCESS } from './process';
import { OTHER_SOURCES } from './otherSources';
import { METADATA } from './metadata';
import { REGION } from './region';
import { STS_CALL } from './stsCall';
import type { DivergenceRule } from './types';

export const DIVERGENCES: DivergenceRule[] = [
  ...ENVIRONMENT,
  ...FILES,
  ...ROLES,
  ...WEB_IDENTITY,
  ...PROFILE_KINDS,
  ...PROCESS,
  ...OTHER_SOURCES,
  ...METADATA,
  ...REGION,
  ...STS_CALL,
];

/** a rule's citation: "js-sdk-chain.md §4 #1" */
export function citation(r: DivergenceRule): string {
  return r.rows.length ? `js-sdk-chain.md §4 #${r.rows.join(', #')}` : 'not in js-sdk-chain.md';
}

export { divergenceInput } from './facts';
export type { Aspect, DivergenceInput, DivergenceRule, Evidence, FilesInput } from './types';
