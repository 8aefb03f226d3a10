// The vocabulary of `credchain doctor`: a rule (stable id, severity, what it checks, the one-line fix) and the
// findings it produces, each with a location a person can open (file:line, or the environment variable).
import type { FilesInput, FindingLocation } from '../divergences/types';
import type { ScannedFile } from './scan';

export type { FindingLocation };

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** the rule's stable id, e.g. "duplicate-section" */
  rule: string;
  severity: Severity;
  message: string;
  location: FindingLocation | null;
  /** one line: what to change */
  fix: string;
  /** the profile the finding concerns, when there is one */
  profile?: string;
}

/**
 * What every rule reads: the files as scanned (with their parse problems, modes and states) and a session on the
 * repaired view; the divergence rules read the part of it that compare has too (FilesInput).
 */
export interface DoctorInput extends FilesInput {
  files: { config: ScannedFile; credentials: ScannedFile };
}

export interface Rule {
  id: string;
  /** the family file that implements it */
  family: string;
  severity: Severity;
  /** one sentence: what the rule looks for */
  summary: string;
}

/** one file of rules: the rules it owns and the check that produces their findings */
export interface RuleFamily {
  family: string;
  rules: Rule[];
  check(input: DoctorInput): Finding[] | Promise<Finding[]>;
}

/** a rule constructor bound to one family: rule('roles')('role-without-source', 'error', '…') */
export function ruleOf(family: string) {
  return (id: string, severity: Severity, summary: string): Rule => ({ id, family, severity, summary });
}
