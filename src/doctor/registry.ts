// The doctor's rules, one family per file, in the order their findings are listed. Rule ids are stable: they
// appear in --json output and in docs/doctor-rules.md.
import { parseFamily } from './parse';
import { profilesFamily } from './profiles';
import { rolesFamily } from './roles';
import { credentialsFamily } from './credentials';
import { keysFamily } from './keys';
import { valuesFamily } from './values';
import { processFamily } from './process';
import { expiryFamily } from './expiry';
import { environmentFamily } from './environment';
import { permissionsFamily } from './permissions';
import { divergencesFamily } from './divergences';
import type { Rule, RuleFamily } from './types';

export const RULE_FAMILIES: RuleFamily[] = [
  parseFamily,
  profilesFamily,
  rolesFamily,
  credentialsFamily,
  keysFamily,
  valuesFamily,
  processFamily,
  expiryFamily,
  environmentFamily,
  permissionsFamily,
  divergencesFamily,
];

export const RULES: Rule[] = RULE_FAMILIES.flatMap((f) => f.rules);
