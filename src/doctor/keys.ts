// Rule family "keys": key names. A misspelt key is silently ignored by boto3 (edit distance against the keys
// botocore and the AWS CLI read), and keys in the wrong file: key material in the config file (it works, via the
// config-file source, but secrets belong in the credentials file) and settings in the credentials file.
import { belongsInCredentials, isKeyMaterial, KNOWN_KEYS, suggestKey } from '../config/knownKeys';
import { entriesOf, entryLocation, sectionLabel, type EntryRef } from '../divergences/entries';
import { ruleOf, type Finding, type RuleFamily } from './types';
import { nameInMessage } from '../ini/parse';
import { bothFiles } from '../divergences/types';

const R = ruleOf('keys');

export const keysFamily: RuleFamily = {
  family: 'keys',
  rules: [
    R('misspelt-key', 'warning', 'a key name close to one boto3 or the AWS CLI reads, but not it (boto3 ignores it)'),
    R('key-material-in-config', 'warning', 'access keys, secrets or session tokens in the config file'),
    R(
      'settings-in-credentials',
      'info',
      'profile settings (region, role_arn, sso_*, credential_process, …) in the credentials file',
    ),
  ],
  check(input) {
    const out: Finding[] = [];
    for (const f of bothFiles(input)) {
      // the section test once per section, not per key line
      let section: string | undefined;
      let skip = false;
      for (const r of entriesOf(f)) {
        if (r.sectionName !== section) {
          section = r.sectionName;
          // sso-session and services sections have their own keys; nested blocks are not checked
          skip = /^(sso-session|services)[\s]/.test(section);
        }
        if (skip) continue;
        const key = r.entry.key;
        const suggestion = suggestKey(key);
        if (suggestion) {
          out.push({
            rule: 'misspelt-key',
            severity: 'warning',
            message: misspeltKey(nameInMessage(r.entry.rawKey), sectionLabel(r), suggestion),
            location: entryLocation(r),
            fix: `rename it to ${suggestion}`,
            ...profileOf(r),
          });
          continue;
        }
        if (f.kind === 'config' && isKeyMaterial(key)) {
          out.push({
            rule: 'key-material-in-config',
            severity: 'warning',
            message: keyMaterialInConfig(key, sectionLabel(r)),
            location: entryLocation(r),
            fix: `move ${key} to the [${r.profile ?? r.sectionName}] section of the credentials file`,
            ...profileOf(r),
          });
        } else if (f.kind === 'credentials' && KNOWN_KEYS.has(key) && !belongsInCredentials(key)) {
          out.push({
            rule: 'settings-in-credentials',
            severity: 'info',
            message: settingInCredentials(key, sectionLabel(r)),
            location: entryLocation(r),
            fix: moveSettingToConfig(key, r.sectionName),
            ...profileOf(r),
          });
        }
      }
    }
    return out;
  },
};

/** the finding's profile field, made only for a key line that has a finding */
function profileOf(r: EntryRef): { profile?: string } {
  return r.profile !== undefined ? { profile: r.profile } : {};
}

// Messages

function misspeltKey(name: string, section: string, suggestion: string): string {
  return (
    `"${name}" in ${section} is not a key boto3 reads; it ignores the ` +
    `line${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`
  );
}

function keyMaterialInConfig(key: string, section: string): string {
  return (
    `${key} in ${section}: boto3 accepts it (as the config-file source, after credential_process), but key ` +
    `material belongs in the credentials file, which tools keep private (mode 0600) and never print`
  );
}

function settingInCredentials(key: string, section: string): string {
  return (
    `${key} in ${section}: boto3 merges it into the profile, but settings belong in the config file, where ` +
    `the AWS CLI and other tools look for them`
  );
}

function moveSettingToConfig(key: string, sectionName: string): string {
  return `move ${key} to [${sectionName === 'default' ? 'default' : `profile ${sectionName}`}] in the config file`;
}
