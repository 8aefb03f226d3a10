// Rule family "divergences": every boto3 / JS SDK v3 divergence class (src/divergences/, from
// reference/js-sdk-chain.md §4) that applies to the files and environment at hand. Informational: the files work
// for boto3, but a Node.js program reading them would get something else; `credchain compare` shows the effect.
import { citation, DIVERGENCES, divergenceInput } from '../divergences/index';
import type { Finding, RuleFamily } from './types';

/** the classes doctor can see offline (one needs credential_process to run: only `compare` reports it) */
const OFFLINE = DIVERGENCES.filter((d) => !d.compareOnly);

export const divergencesFamily: RuleFamily = {
  family: 'divergences',
  rules: OFFLINE.map((d) => ({
    id: d.id,
    family: 'divergences',
    severity: 'info' as const,
    summary: `${d.title} (${citation(d)})`,
  })),
  check(input) {
    const facts = divergenceInput(input);
    return OFFLINE.flatMap((d) =>
      d.detect(facts).map((ev): Finding => ({
        rule: d.id,
        severity: 'info',
        message: `${ev.message}: boto3 ${d.boto3}; the JS SDK v3 ${d.js} (${citation(d)})`,
        location: ev.location,
        fix: ev.fix ?? d.fix,
        ...(ev.profile !== undefined ? { profile: ev.profile } : {}),
      })),
    );
  },
};
