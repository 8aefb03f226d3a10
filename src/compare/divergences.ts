// Where boto3 (botocore 1.43) and the AWS SDK for JavaScript v3 disagree, as data: one rule per divergence class
// of reference/js-sdk-chain.md §4 (the `rows` are that table's row numbers), each with what either SDK does, how
// to make them agree, the aspects of the outcome it can change, and a detector that finds it in the files and
// environment at hand. `doctor` reports every rule that applies; `compare` cites the applicable rules for each
// difference between the two SDKs' actual answers.
import * as nodePath from 'node:path';
import { BotoError } from '../core/errors';
import { expandUser, expandVars } from '../ini/paths';
import { readGuarded } from '../core/readFile';
import { valueText } from '../ini/parse';
import { twoTokenName, buildProfileMap, sectionSettings, str, type Settings } from '../config/profileMap';
import { parseTimestamp } from '../python/timestamps';
import { at, entriesOf, entryLocation, headerLine, sectionLabel, sectionNamed, sectionsOf } from '../doctor/entries';
import { shellSyntax } from '../doctor/process';
import { hasStaticPair, isSso, mergedProfiles, settingAt, type Evidence, type Facts } from './facts';
import { nameInMessage } from '../ini/parse';

/** what part of the outcome a divergence can change */
export type Aspect = 'credentials' | 'token' | 'expiry' | 'region' | 'source' | 'call';

export interface DivergenceRule {
  id: string;
  /** row numbers in reference/js-sdk-chain.md §4 ("where boto3 and JS v3 differ") */
  rows: number[];
  title: string;
  boto3: string;
  js: string;
  /** one line: how to write the files / environment so that both SDKs agree */
  fix: string;
  affects: Aspect[];
  /** "selected": only about the profiles in use (the class applies to nearly every profile of its kind) */
  scope?: 'selected';
  /** seen only in the outcome (it needs credential_process to run): `compare` reports it, `doctor` cannot */
  compareOnly?: true;
  detect(f: Facts): Evidence[];
}

const env = (f: Facts) => f.ctx.env;
const E = (message: string, location: Evidence['location'], profile?: string): Evidence => ({ message, location, ...(profile !== undefined ? { profile } : {}) });

/** smithy's section-header grammar (@smithy/core 3.41 parseIni: prefixKeyRegex) */
const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

/** the profile name the JS SDK gives a config-file section (getConfigData keeps "profile.x" and "default") */
function jsConfigProfile(section: string): string | undefined {
  const m = JS_PREFIXED.exec(section);
  if (m) return m[1] === 'profile' ? m[3] : undefined;
  return section === 'default' ? 'default' : undefined;
}

function botoConfigProfile(section: string): string | undefined {
  if (section === 'default') return 'default';
  return section.startsWith('profile') ? twoTokenName(section) : undefined;
}

const EXACT_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

function envKeysSet(f: Facts): boolean {
  return !!env(f).AWS_ACCESS_KEY_ID && !!env(f).AWS_SECRET_ACCESS_KEY;
}

function roleProfiles(f: Facts): [string, Settings][] {
  return mergedProfiles(f).filter(([, s]) => s.has('role_arn'));
}

export const DIVERGENCES: DivergenceRule[] = [
  // ── profile selection and environment variables ──
  {
    id: 'js-aws-profile-skips-env',
    rows: [1],
    title: 'AWS_PROFILE together with env keys',
    boto3: 'uses the env keys: only an explicit profile removes the env provider',
    js: 'skips the env keys and uses the profile (with a "Multiple credential sources detected" warning)',
    fix: 'set either AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, not both',
    affects: ['credentials', 'token', 'expiry'],
    detect: (f) =>
      !f.opts.profile && env(f).AWS_PROFILE && envKeysSet(f)
        ? [E(`AWS_PROFILE=${env(f).AWS_PROFILE} and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are all set`, { env: 'AWS_PROFILE' })]
        : [],
  },
  {
    id: 'js-ignores-aws-default-profile',
    rows: [3],
    title: 'AWS_DEFAULT_PROFILE',
    boto3: 'honours AWS_DEFAULT_PROFILE, before AWS_PROFILE',
    js: 'never reads AWS_DEFAULT_PROFILE',
    fix: 'use AWS_PROFILE and unset AWS_DEFAULT_PROFILE',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const v = env(f).AWS_DEFAULT_PROFILE;
      return !f.opts.profile && v && v !== f.jsProfile ? [E(`AWS_DEFAULT_PROFILE=${v} selects "${v}" for boto3; the JS SDK uses "${f.jsProfile}"`, { env: 'AWS_DEFAULT_PROFILE' })] : [];
    },
  },
  {
    id: 'js-empty-profile-variable',
    rows: [4],
    title: 'AWS_PROFILE or AWS_DEFAULT_PROFILE set to the empty string',
    boto3: 'takes "" as a profile name and raises ProfileNotFound',
    js: 'treats the empty value as unset and uses "default"',
    fix: 'unset the variable instead of setting it to ""',
    affects: ['credentials', 'region'],
    detect: (f) => {
      const e = env(f);
      if (f.opts.profile !== undefined) return [];
      const name = e.AWS_DEFAULT_PROFILE === '' ? 'AWS_DEFAULT_PROFILE' : e.AWS_DEFAULT_PROFILE === undefined && e.AWS_PROFILE === '' ? 'AWS_PROFILE' : undefined;
      return name ? [E(`${name} is set to the empty string`, { env: name })] : [];
    },
  },
  {
    id: 'js-missing-profile-falls-through',
    rows: [5],
    title: 'the selected profile does not exist',
    boto3: 'raises ProfileNotFound before any provider, even with env keys',
    js: 'fails softly in the profile links and falls through to web identity, container or instance metadata',
    fix: 'select a profile that exists in the config or credentials file',
    affects: ['credentials', 'region'],
    detect: (f) => {
      try {
        f.session.scopedConfig();
        return [];
      } catch (e) {
        if (!(e instanceof BotoError) || e.type !== 'ProfileNotFound') return [];
        return [E(`profile "${f.session.profileVar}" (from ${f.session.profileSource}) exists in neither file`, f.session.profileSource.startsWith('AWS_') ? { env: f.session.profileSource } : null)];
      }
    },
  },
  {
    id: 'js-partial-env-keys',
    rows: [6],
    title: 'AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY',
    boto3: 'raises PartialCredentialsError and stops',
    js: 'skips the env link and uses later providers',
    fix: 'set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither',
    affects: ['credentials'],
    detect: (f) => (!f.opts.profile && env(f).AWS_ACCESS_KEY_ID && !env(f).AWS_SECRET_ACCESS_KEY ? [E('AWS_ACCESS_KEY_ID is set, AWS_SECRET_ACCESS_KEY is not', { env: 'AWS_SECRET_ACCESS_KEY' })] : []),
  },
  {
    id: 'js-ignores-security-token',
    rows: [7],
    title: 'AWS_SECURITY_TOKEN / aws_security_token',
    boto3: 'reads the legacy token name, before AWS_SESSION_TOKEN / aws_session_token',
    js: 'never reads it: the keys go out without their token',
    fix: 'use AWS_SESSION_TOKEN / aws_session_token',
    affects: ['token'],
    detect: (f) => {
      const out: Evidence[] = [];
      if (envKeysSet(f) && env(f).AWS_SECURITY_TOKEN) out.push(E('AWS_SECURITY_TOKEN is set', { env: 'AWS_SECURITY_TOKEN' }));
      for (const file of [f.files.credentials, f.files.config]) {
        for (const r of entriesOf(file)) if (r.entry.key === 'aws_security_token') out.push(E(`aws_security_token in ${sectionLabel(r)}`, entryLocation(r), r.profile));
      }
      return out;
    },
  },
  {
    id: 'js-returns-expired-env',
    rows: [8],
    title: 'AWS_CREDENTIAL_EXPIRATION in the past',
    boto3: 'raises RuntimeError ("refreshed credentials are still expired") when the keys are first used',
    js: 'returns the expired env credentials',
    fix: 'export fresh credentials with a future AWS_CREDENTIAL_EXPIRATION',
    affects: ['expiry'],
    detect: (f) => {
      const t = parseTimestamp(env(f).AWS_CREDENTIAL_EXPIRATION ?? '');
      return envKeysSet(f) && t && !t.naive && t.ms <= f.ctx.now() ? [E(`AWS_CREDENTIAL_EXPIRATION=${env(f).AWS_CREDENTIAL_EXPIRATION} has passed`, { env: 'AWS_CREDENTIAL_EXPIRATION' })] : [];
    },
  },
  {
    id: 'js-no-path-expansion',
    rows: [9],
    title: '$VARS or ~user in AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE',
    boto3: 'expands $VARS and ~ (expandvars, expanduser)',
    js: 'expands only a leading ~/, so the file is not found and ignored',
    fix: 'write the variable as an absolute path (or ~/…)',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      (['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const)
        .filter((v) => { const p = env(f)[v]; return p !== undefined && (p.includes('$') || (p.startsWith('~') && !p.startsWith('~/') && p !== '~')); })
        .map((v) => E(`${v}=${env(f)[v]} relies on expansion the JS SDK does not do`, { env: v })),
  },
  {
    id: 'js-empty-file-variable',
    rows: [],
    title: 'AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE set to the empty string (not in js-sdk-chain.md; @smithy/core 3.41 getConfigFilepath uses `||`)',
    boto3: 'an empty variable disables that file',
    js: 'an empty variable falls back to the default path (~/.aws/config, ~/.aws/credentials)',
    fix: 'unset the variable, or point it at a file',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      (['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const).filter((v) => env(f)[v] === '').map((v) => E(`${v} is set to the empty string`, { env: v })),
  },
  {
    id: 'js-dotted-profile-names',
    rows: [10, 11],
    title: 'profile names "profile x", "profile.x", "sso-session.s"',
    boto3: 'takes credentials-file sections as written: [profile x] is the profile "profile x"; "profile.x" does not exist',
    js: 'names credentials-file [profile x] "profile.x" and config [sso-session s] "sso-session.s"; "profile x" does not exist',
    fix: 'use plain [x] sections in the credentials file and plain profile names',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const out: Evidence[] = [];
      const chosen = f.opts.profile ?? env(f).AWS_PROFILE;
      if (chosen && /^(profile|sso-session|services)\./.test(chosen)) out.push(E(`the profile name "${chosen}" has the JS SDK's dotted form`, f.opts.profile ? null : { env: 'AWS_PROFILE' }, chosen));
      for (const s of sectionsOf(f.files.credentials)) {
        if (JS_PREFIXED.exec(s.name) && /^(profile|sso-session|services)\s/.test(s.name)) out.push(E(`[${s.name}] in the credentials file is "${s.name}" to boto3 but "${s.name.replace(/^(\S+)\s+["']?(.*?)["']?$/, '$1.$2')}" to the JS SDK`, at(f.files.credentials, s.line, s.name), s.name));
      }
      return out;
    },
  },
  // ── shared-file parsing ──
  {
    id: 'js-tolerates-broken-files',
    rows: [12, 17, 19, 20],
    title: 'files botocore cannot parse: duplicates, BOM, invalid UTF-8, junk lines',
    boto3: 'raises ConfigParseError for every profile, even when env keys are set',
    js: 'reads the file anyway: duplicates merge (last value wins), the BOM and bad bytes are tolerated, junk lines are skipped',
    fix: 'fix the file (see the parse rules): both SDKs then read the same thing',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => [f.files.config, f.files.credentials].flatMap((file) => file.issues.map((i) => E(`${i.kind} in the ${file.kind} file: ${i.why}`, at(file, i.line || undefined)))),
  },
  {
    id: 'js-case-sensitive-keys',
    rows: [13],
    title: 'key names in upper or mixed case',
    boto3: 'lower-cases key names: AWS_ACCESS_KEY_ID = … works',
    js: 'keeps the case: the key is not recognised',
    fix: 'write key names in lower case',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) =>
        entriesOf(file).filter((r) => r.entry.rawKey !== r.entry.key).map((r) => E(`"${nameInMessage(r.entry.rawKey)}" in ${sectionLabel(r)}`, entryLocation(r), r.profile)),
      ),
  },
  {
    id: 'js-no-colon-delimiter',
    rows: [14],
    title: 'key : value',
    boto3: 'accepts ":" as a delimiter',
    js: 'ignores lines without "="',
    fix: 'write key = value',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) =>
        entriesOf(file)
          .filter((r) => { const t = r.raw.trim(); const c = t.indexOf(':'); const e = t.indexOf('='); return c >= 0 && (e < 0 || c < e); })
          .map((r) => E(`"${nameInMessage(r.entry.rawKey)}" in ${sectionLabel(r)} uses ":"`, entryLocation(r), r.profile)),
      ),
  },
  {
    id: 'js-strips-inline-comments',
    rows: [15],
    title: 'inline # or ; comments after a value',
    boto3: 'keeps " # …" as part of the value (a wrong secret, a wrong region)',
    js: 'strips everything from a # or ; that follows whitespace',
    fix: 'put comments on their own lines',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) =>
        entriesOf(file)
          .filter((r) => typeof r.entry.value === 'string' && /\s[#;]/.test(r.entry.value.split('\n')[0]))
          .map((r) => E(`${nameInMessage(r.entry.key)} in ${sectionLabel(r)} has an inline comment`, entryLocation(r), r.profile)),
      ),
  },
  {
    id: 'js-ignores-continuation',
    rows: [16],
    title: 'indented continuation lines',
    boto3: 'appends an indented line to the previous value',
    js: 'ignores the indented line',
    fix: 'remove the indentation (or join the lines)',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) =>
        entriesOf(file).filter((r) => typeof r.entry.value === 'string' && r.entry.value.includes('\n')).map((r) => E(`${nameInMessage(r.entry.key)} in ${sectionLabel(r)} continues on the next line`, entryLocation(r), r.profile)),
      ),
  },
  {
    id: 'js-lone-cr',
    rows: [18],
    title: 'lone CR line endings (old Mac style)',
    boto3: 'treats \\r as a line break',
    js: 'splits lines on \\n only, so the whole file is one line and has no profiles',
    fix: 'convert the file to LF (or CRLF) line endings',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => [f.files.config, f.files.credentials].filter((file) => /\r(?!\n)/.test(file.text)).map((file) => E(`the ${file.kind} file uses lone CR line endings`, at(file))),
  },
  {
    id: 'js-empty-value',
    rows: [21],
    title: 'key = (empty value)',
    boto3: 'stores the empty string: an empty aws_access_key_id still wins as shared-credentials-file',
    js: 'does not store the key (and treats the indented lines after it as sub-keys)',
    fix: 'give the key a value, or delete the line',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) => entriesOf(file).filter((r) => r.entry.value === '').map((r) => E(`${nameInMessage(r.entry.key)} in ${sectionLabel(r)} is empty`, entryLocation(r), r.profile))),
  },
  {
    id: 'js-default-section',
    rows: [22],
    title: '[DEFAULT] section',
    boto3: 'copies [DEFAULT] keys into every section of that file (role_arn, secrets, …)',
    js: 'treats [DEFAULT] as an ordinary section (dropped from the config file)',
    fix: 'rename [DEFAULT] to [default], or move its keys into the sections that need them',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) => {
        const line = file.lines.findIndex((l) => /^\s*\[DEFAULT\]/.test(l)) + 1;
        return line ? [E(`[DEFAULT] in the ${file.kind} file`, at(file, line, 'DEFAULT'))] : [];
      }),
  },
  {
    id: 'js-profile-default-order',
    rows: [23],
    title: '[profile default] before [default] in the config file',
    boto3: 'the later section wins ([default])',
    js: '[profile default] always wins',
    fix: 'keep a single [default] section',
    affects: ['credentials', 'token', 'region'],
    detect: (f) => {
      const cfg = f.files.config;
      const plain = headerLine(cfg, 'default');
      const prefixed = sectionsOf(cfg).find((s) => s.name.startsWith('profile') && twoTokenName(s.name) === 'default');
      return plain && prefixed && prefixed.line < plain ? [E(`[${prefixed.name}] (line ${prefixed.line}) comes before [default] (line ${plain})`, at(cfg, plain, 'default'), 'default')] : [];
    },
  },
  {
    id: 'js-odd-profile-headers',
    rows: [24],
    title: 'profile headers only botocore reads: [profile  x], [profile x ], [profile "x y"], [profile x=y], [profiles x]',
    boto3: 'splits the header shell-style: two words give the profile',
    js: 'accepts only "profile" + one space + a name of word characters and -@+.%:/ (optionally quoted); other headers are dropped',
    fix: 'write [profile NAME] with one space and a simple name',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      sectionsOf(f.files.config)
        .filter((s) => botoConfigProfile(s.name) !== jsConfigProfile(s.name))
        .map((s) => {
          const b = botoConfigProfile(s.name);
          const j = jsConfigProfile(s.name);
          return E(`[${s.name}] is ${b === undefined ? 'not a profile' : `profile "${b}"`} to boto3 and ${j === undefined ? 'not a profile' : `profile "${j}"`} to the JS SDK`, at(f.files.config, s.line, s.name), b ?? j);
        }),
  },
  {
    id: 'js-proto-section',
    rows: [25],
    title: '[__proto__] section',
    boto3: 'an ordinary section',
    js: 'the parser throws and the whole file is treated as empty',
    fix: 'rename the section',
    affects: ['credentials', 'token', 'region'],
    detect: (f) =>
      [f.files.config, f.files.credentials].flatMap((file) => sectionsOf(file).filter((s) => s.name === '__proto__' || s.name === 'profile __proto__').map((s) => E(`[${s.name}] in the ${file.kind} file`, at(file, s.line, s.name)))),
  },
  {
    id: 'js-merges-across-files',
    rows: [26, 27],
    title: 'one profile\'s keys split between the two files',
    boto3: 'reads static keys from each file separately: a key id in one file and the secret in the other is PartialCredentialsError; a token in the config file is not used with keys from the credentials file',
    js: 'merges the two files key by key (credentials file winning) and uses the combination',
    fix: 'keep aws_access_key_id, aws_secret_access_key and aws_session_token together in the credentials file',
    affects: ['credentials', 'token'],
    detect: (f) => {
      const creds = f.files.credentials;
      const cfgDoc = f.files.config.doc;
      if (!creds.doc || !cfgDoc) return [];
      const cfg = buildProfileMap({ ...cfgDoc, sections: sectionsOf(f.files.config) }).profiles;
      const out: Evidence[] = [];
      for (const s of sectionsOf(creds)) {
        const c = sectionSettings(creds.doc, s);
        const p = cfg.get(s.name)?.settings;
        if (!p) continue;
        const hasAk = c.has('aws_access_key_id');
        const hasSk = c.has('aws_secret_access_key');
        if (hasAk !== hasSk && p.has(hasAk ? 'aws_secret_access_key' : 'aws_access_key_id')) {
          out.push(E(`profile "${s.name}" has ${hasAk ? 'aws_access_key_id' : 'aws_secret_access_key'} in the credentials file and ${hasAk ? 'aws_secret_access_key' : 'aws_access_key_id'} in the config file`, at(creds, s.line, s.name), s.name));
        } else if (hasAk && hasSk && !c.has('aws_session_token') && !c.has('aws_security_token') && p.has('aws_session_token')) {
          out.push(E(`profile "${s.name}" has its keys in the credentials file and aws_session_token only in the config file`, settingAt(p, 'aws_session_token'), s.name));
        }
      }
      return out;
    },
  },
  // ── provider order and profile semantics ──
  {
    id: 'js-role-arn-static-fallback',
    rows: [30],
    title: 'role_arn and static keys, without source_profile or credential_source',
    boto3: 'raises PartialCredentialsError (assume-role runs first and has no source)',
    js: 'ignores role_arn and uses the static keys',
    fix: 'add source_profile / credential_source, or remove role_arn',
    affects: ['credentials'],
    detect: (f) =>
      roleProfiles(f)
        .filter(([, s]) => !s.has('source_profile') && !s.has('credential_source') && !s.has('web_identity_token_file') && hasStaticPair(s))
        .map(([n, s]) => E(`profile "${n}" has role_arn${s.get('role_arn')!.section === 'DEFAULT' ? ' (inherited from [DEFAULT])' : ''} and static keys but no source`, settingAt(s, 'role_arn'), n)),
  },
  {
    id: 'js-role-both-sources',
    rows: [31],
    title: 'role_arn with both source_profile and credential_source',
    boto3: 'raises InvalidConfigError',
    js: 'ignores role_arn and tries the profile\'s other keys, then falls through',
    fix: 'keep either source_profile or credential_source',
    affects: ['credentials'],
    detect: (f) => roleProfiles(f).filter(([, s]) => s.has('source_profile') && s.has('credential_source')).map(([n, s]) => E(`profile "${n}" has both source_profile and credential_source`, settingAt(s, 'credential_source'), n)),
  },
  {
    id: 'js-credential-source-soft-fail',
    rows: [32, 33],
    title: 'credential_source misspelt, or finding nothing',
    boto3: 'raises InvalidConfigError (unknown name, case-sensitive) or CredentialRetrievalError (nothing found)',
    js: 'fails softly and falls through to later providers (instance metadata on EC2)',
    fix: 'write credential_source exactly as Environment, Ec2InstanceMetadata or EcsContainer, and make sure that source has credentials',
    affects: ['credentials'],
    detect: (f) =>
      roleProfiles(f)
        .filter(([, s]) => s.has('credential_source') && !s.has('source_profile'))
        .flatMap(([n, s]) => {
          const v = valueText(s.get('credential_source')!.value) ?? '';
          if (!EXACT_SOURCES.includes(v)) return [E(`profile "${n}" has credential_source = ${v}, which is not an exact source name`, settingAt(s, 'credential_source'), n)];
          if (v === 'Environment' && !envKeysSet(f)) {
            // the name is already exact: the advice is about the environment, not the spelling
            const fix = 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY where this profile is used';
            return [{ ...E(`profile "${n}" uses credential_source = Environment, but the env keys are not set`, settingAt(s, 'credential_source'), n), fix }];
          }
          return [];
        }),
  },
  {
    id: 'js-credential-source-imds-ignores-disabled',
    rows: [34],
    title: 'credential_source = Ec2InstanceMetadata with AWS_EC2_METADATA_DISABLED=true',
    boto3: 'instance metadata is disabled: CredentialRetrievalError',
    js: 'queries instance metadata anyway',
    fix: 'do not combine the two: unset AWS_EC2_METADATA_DISABLED on EC2, or use another credential_source',
    affects: ['credentials'],
    detect: (f) => {
      const disabled = (env(f).AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true';
      // credchain's --no-imds disables instance metadata for both SDKs the same way
      const why = disabled ? `AWS_EC2_METADATA_DISABLED=${env(f).AWS_EC2_METADATA_DISABLED}` : f.opts.noImds ? '--no-imds' : undefined;
      return why ? roleProfiles(f).filter(([, s]) => str(s, 'credential_source') === 'Ec2InstanceMetadata').map(([n, s]) => E(`profile "${n}" uses Ec2InstanceMetadata while ${why}`, settingAt(s, 'credential_source'), n)) : [];
    },
  },
  {
    id: 'js-credential-source-only-source-profile',
    rows: [35],
    title: 'source_profile pointing at a profile that has only credential_source',
    boto3: 'raises InvalidConfigError: the source profile must have credentials',
    js: 'accepts the credential_source profile as the source',
    fix: 'put role_arn next to that credential_source, or point source_profile at a profile with keys',
    affects: ['credentials', 'source'],
    detect: (f) => {
      const profiles = f.session.fullConfig().profiles;
      return roleProfiles(f).flatMap(([n, s]) => {
        const src = str(s, 'source_profile');
        const t = src !== undefined ? profiles.get(src)?.settings : undefined;
        return t && t.has('credential_source') && !t.has('role_arn') && !t.has('aws_access_key_id') && !t.has('aws_secret_access_key')
          ? [E(`profile "${n}" uses source_profile "${src}", which has only credential_source`, settingAt(s, 'source_profile'), n)]
          : [];
      });
    },
  },
  {
    id: 'js-role-errors-fall-through',
    rows: [36],
    title: 'source_profile missing, or a source_profile loop',
    boto3: 'raises InvalidConfigError / InfiniteLoopConfigError',
    js: 'fails softly and falls through to later providers (instance metadata on EC2)',
    fix: 'fix the source_profile chain',
    affects: ['credentials'],
    detect: (f) => {
      const profiles = f.session.fullConfig().profiles;
      return roleProfiles(f).flatMap(([n, s]) => {
        const src = str(s, 'source_profile');
        if (src === undefined || s.has('credential_source')) return [];
        if (!profiles.has(src)) return [E(`profile "${n}" names source_profile "${src}", which does not exist`, settingAt(s, 'source_profile'), n)];
        const seen = [n];
        const seenSet = new Set(seen); // a chain thousands deep: includes() per hop made this quadratic per profile
        let cur = src;
        for (;;) {
          const cs = profiles.get(cur)?.settings;
          if (!cs || hasStaticPair(cs) || cs.has('aws_access_key_id') || !cs.has('role_arn') || cs.has('credential_source')) return [];
          if (seenSet.has(cur)) return [E(`profile "${n}": source_profile loops (${[...seen, cur].join(' → ')})`, settingAt(s, 'source_profile'), n)];
          seen.push(cur);
          seenSet.add(cur);
          const next = str(cs, 'source_profile');
          if (next === undefined) return [];
          cur = next;
        }
      });
    },
  },
  {
    id: 'js-mfa-requires-callback',
    rows: [37],
    title: 'mfa_serial on an assume-role profile',
    boto3: 'defers the call and prompts on the terminal at first use',
    js: 'needs an mfaCodeProvider; without one, resolution fails at once (fromNodeProviderChain has none by default)',
    fix: 'in JS code pass mfaCodeProvider to fromIni / fromNodeProviderChain',
    affects: ['credentials'],
    detect: (f) => roleProfiles(f).filter(([, s]) => s.has('mfa_serial')).map(([n, s]) => E(`profile "${n}" has mfa_serial`, settingAt(s, 'mfa_serial'), n)),
  },
  {
    id: 'js-resolves-eagerly',
    rows: [38],
    title: 'assume-role, SSO and web identity timing',
    boto3: 'returns deferred credentials: no network until the keys are used, so errors surface later',
    js: 'calls STS / the SSO portal while resolving: errors (expired SSO token, missing token file) surface at once',
    fix: 'nothing to change; expect JS to fail earlier than boto3 (credchain verify fetches boto3\'s keys)',
    affects: ['credentials'],
    scope: 'selected',
    detect: (f) =>
      mergedProfiles(f)
        .filter(([n, s]) => (n === f.boto3Profile || n === f.jsProfile) && (s.has('role_arn') || isSso(s) || s.has('web_identity_token_file')))
        .map(([n, s]) => E(`profile "${n}" is ${s.has('role_arn') && !s.has('web_identity_token_file') ? 'an assume-role' : isSso(s) ? 'an SSO' : 'a web identity'} profile`, settingAt(s, s.has('role_arn') ? 'role_arn' : isSso(s) ? (s.has('sso_role_name') ? 'sso_role_name' : 'sso_account_id') : 'web_identity_token_file'), n)),
  },
  {
    id: 'js-static-before-web-identity',
    rows: [39],
    title: 'web_identity_token_file + role_arn and static keys in one profile',
    boto3: 'uses web identity',
    js: 'uses the static keys',
    fix: 'keep either the web identity keys or the static keys in the profile',
    affects: ['credentials'],
    detect: (f) => mergedProfiles(f).filter(([, s]) => s.has('web_identity_token_file') && s.has('role_arn') && !s.has('source_profile') && hasStaticPair(s)).map(([n, s]) => E(`profile "${n}" has web identity and static keys`, settingAt(s, 'web_identity_token_file'), n)),
  },
  {
    id: 'js-web-identity-env-order',
    rows: [40, 41],
    title: 'AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN next to profile credentials, or with --profile',
    boto3: 'env web identity comes before the shared files; an explicit profile turns the env variables off',
    js: 'the token-file link runs after the shared files and process, and also for an explicit profile',
    fix: 'do not combine env web identity with profile credentials',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      if (!e.AWS_WEB_IDENTITY_TOKEN_FILE || !e.AWS_ROLE_ARN) return [];
      if (f.opts.profile !== undefined) return [E('env web identity is set and the profile is given explicitly', { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' })];
      const s = f.session.fullConfig().profiles.get(f.jsProfile)?.settings;
      return s && (hasStaticPair(s) || s.has('credential_process') || isSso(s) || s.has('role_arn'))
        ? [E(`env web identity is set and profile "${f.jsProfile}" has credentials of its own`, { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' }, f.jsProfile)]
        : [];
    },
  },
  {
    id: 'js-web-identity-without-role',
    rows: [42],
    title: 'AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN',
    boto3: 'raises InvalidConfigError',
    js: 'ignores the token file',
    fix: 'set AWS_ROLE_ARN, or unset AWS_WEB_IDENTITY_TOKEN_FILE',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      const s = f.session.fullConfig().profiles.get(f.boto3Profile)?.settings;
      return e.AWS_WEB_IDENTITY_TOKEN_FILE && e.AWS_ROLE_ARN === undefined && f.opts.profile === undefined && !s?.has('role_arn')
        ? [E('AWS_WEB_IDENTITY_TOKEN_FILE is set without AWS_ROLE_ARN', { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' })]
        : [];
    },
  },
  {
    id: 'js-source-profile-over-web-identity',
    rows: [43],
    title: 'role_arn + web_identity_token_file + source_profile',
    boto3: 'web identity (a profile with web_identity_token_file is not an assume-role profile)',
    js: 'assume role through source_profile',
    fix: 'remove source_profile or web_identity_token_file',
    affects: ['credentials'],
    detect: (f) => mergedProfiles(f).filter(([, s]) => s.has('role_arn') && s.has('web_identity_token_file') && s.has('source_profile')).map(([n, s]) => E(`profile "${n}" has web_identity_token_file and source_profile`, settingAt(s, 'source_profile'), n)),
  },
  {
    id: 'js-profile-branch-order',
    rows: [44, 45, 48],
    title: 'two kinds of credentials in one profile: SSO + keys, SSO + credential_process, credential_process + keys in the config file',
    boto3: 'order: SSO, credentials-file keys, credential_process, config-file keys',
    js: 'order within a profile: static keys (either file), web identity, credential_process, SSO',
    fix: 'keep one kind of credentials per profile',
    affects: ['credentials', 'source'],
    detect: (f) => {
      const credsDoc = f.files.credentials.doc;
      return mergedProfiles(f).flatMap(([n, s]) => {
        if (s.has('role_arn') && (s.has('source_profile') || s.has('credential_source'))) return [];
        const inCredsFile = !!credsDoc && !!sectionNamed(f.files.credentials, n)?.entries.has('aws_access_key_id');
        const kinds: string[] = [];
        if (isSso(s) && hasStaticPair(s)) kinds.push('SSO keys and static keys');
        if (isSso(s) && s.has('credential_process')) kinds.push('SSO keys and credential_process');
        if (s.has('credential_process') && hasStaticPair(s) && !inCredsFile) kinds.push('credential_process and static keys in the config file');
        return kinds.map((k) => E(`profile "${n}" has ${k}`, settingAt(s, isSso(s) ? (s.has('sso_role_name') ? 'sso_role_name' : 'sso_account_id') : 'credential_process'), n));
      });
    },
  },
  {
    id: 'js-sso-partial',
    rows: [46, 47],
    title: 'SSO keys that botocore does not treat as SSO, or a missing sso-session section',
    boto3: 'SSO needs sso_role_name or sso_account_id (otherwise the profile is not SSO); a missing [sso-session] is InvalidConfigError',
    js: 'any sso_* key makes the profile SSO (and failing SSO stops the chain); a missing [sso-session] is a TypeError that stops the chain',
    fix: 'write complete SSO profiles (aws configure sso), or remove stray sso_* keys',
    affects: ['credentials'],
    detect: (f) => {
      const sessions = f.session.fullConfig().config.ssoSessions;
      return mergedProfiles(f).flatMap(([n, s]) => {
        const sso = [...s.keys()].filter((k) => ['sso_start_url', 'sso_region', 'sso_session', 'sso_account_id', 'sso_role_name'].includes(k));
        if (!sso.length) return [];
        const out: Evidence[] = [];
        const sess = str(s, 'sso_session');
        if (sess !== undefined && !sessions.has(sess)) out.push(E(`profile "${n}" names [sso-session ${sess}], which does not exist`, settingAt(s, 'sso_session'), n));
        const jsEarlier = (s.has('role_arn') && (s.has('source_profile') || s.has('credential_source'))) || hasStaticPair(s) || (s.has('web_identity_token_file') && s.has('role_arn')) || s.has('credential_process');
        if (!isSso(s) && !jsEarlier) out.push(E(`profile "${n}" has ${sso.join(', ')} but neither sso_role_name nor sso_account_id`, settingAt(s, sso[0]), n));
        return out;
      });
    },
  },
  {
    id: 'js-process-shell',
    rows: [50],
    title: 'credential_process with shell syntax (pipes, $VARS, ~)',
    boto3: 'splits the command with shlex and runs it without a shell',
    js: 'runs it through a shell (child_process.exec)',
    fix: 'wrap it explicitly: credential_process = sh -c "…", or use a plain absolute path',
    affects: ['credentials', 'source'],
    detect: (f) =>
      mergedProfiles(f).flatMap(([n, s]) => {
        const shell = shellSyntax(valueText(s.get('credential_process')?.value) ?? '');
        return shell ? [E(`credential_process of profile "${n}" uses ${shell}`, settingAt(s, 'credential_process'), n)] : [];
      }),
  },
  {
    id: 'js-process-failure-falls-through',
    rows: [51],
    title: 'a failing credential_process (exit ≠ 0, bad JSON, Version ≠ 1, expired)',
    boto3: 'raises and stops',
    js: 'runs it a second time (fromIni, then fromProcess), then falls through to later providers',
    fix: 'fix the credential_process',
    affects: ['credentials'],
    compareOnly: true,
    detect: (f) => {
      const p = f.outcome?.boto3.providers.find((x) => x.method === 'custom-process');
      return p?.status === 'error' && f.outcome?.boto3.error ? [E(`boto3's credential_process failed: ${f.outcome.boto3.error.type}`, null, f.boto3Profile)] : [];
    },
  },
  {
    id: 'js-login-order',
    rows: [52],
    title: 'login_session',
    boto3: 'login provider before credential_process (needs botocore[crt], else MissingDependencyException)',
    js: 'login after credential_process and SSO',
    fix: 'keep login_session profiles free of other credentials',
    affects: ['credentials'],
    detect: (f) => mergedProfiles(f).filter(([, s]) => s.has('login_session')).map(([n, s]) => E(`profile "${n}" uses login_session`, settingAt(s, 'login_session'), n)),
  },
  {
    id: 'js-no-legacy-files',
    rows: [53, 54],
    title: '~/.boto, /etc/boto.cfg, BOTO_CONFIG, AWS_CREDENTIAL_FILE',
    boto3: 'reads them (boto-config, ec2-credentials-file sources)',
    js: 'does not support them',
    fix: 'move the keys to the credentials file',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      const out: Evidence[] = [];
      if (e.AWS_CREDENTIAL_FILE !== undefined) out.push(E('AWS_CREDENTIAL_FILE is set', { env: 'AWS_CREDENTIAL_FILE' }));
      // boto's files matter only when they hold keys: a [Credentials] section with aws_access_key_id
      const holdsKeys = (p: string) => {
        try {
          // guarded: a FIFO or /dev/zero named by BOTO_CONFIG must not hang or exhaust doctor and compare
          return credentialsSectionHoldsKey(readGuarded(f.ctx, p, 64 * 1024 * 1024).toString('utf8'));
        } catch {
          return false;
        }
      };
      const candidates = e.BOTO_CONFIG !== undefined ? [expandUser(expandVars(e.BOTO_CONFIG, e), f.ctx)] : ['/etc/boto.cfg', `${f.ctx.home.replace(/\/+$/, '')}/.boto`];
      for (const p of candidates) if (p && holdsKeys(nodePath.resolve(f.ctx.cwd, p))) out.push(E(`${p} has keys in [Credentials]`, e.BOTO_CONFIG !== undefined ? { env: 'BOTO_CONFIG' } : { file: p }));
      return out;
    },
  },
  // ── container and instance metadata ──
  {
    id: 'js-imds-disabled-values',
    rows: [55],
    title: 'AWS_EC2_METADATA_DISABLED set to something other than true/false',
    boto3: 'disables instance metadata only for "true" (any case)',
    js: 'disables it for any value except exactly "false"',
    fix: 'write AWS_EC2_METADATA_DISABLED=true or unset it',
    affects: ['credentials', 'region'],
    detect: (f) => {
      const v = env(f).AWS_EC2_METADATA_DISABLED;
      return v !== undefined && v !== 'false' && v.toLowerCase() !== 'true' ? [E(`AWS_EC2_METADATA_DISABLED=${v}`, { env: 'AWS_EC2_METADATA_DISABLED' })] : [];
    },
  },
  {
    id: 'js-container-uri',
    rows: [56, 57, 60],
    title: 'container credentials URI edge cases: an empty variable, a host outside the shared allow-list',
    boto3: 'an empty variable still triggers the container source; a non-allowed host is ValueError; any loopback address is allowed (≥ 1.32)',
    js: 'an empty variable is ignored; the legacy provider accepts only localhost / 127.0.0.1 and fails with a generic error',
    fix: 'unset empty container variables; use 127.0.0.1, localhost or 169.254.170.2',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      const out: Evidence[] = [];
      for (const v of ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) if (e[v] === '') out.push(E(`${v} is set but empty`, { env: v }));
      const full = e.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      if (full && e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI === undefined) {
        let host = '';
        try {
          host = new URL(full).hostname;
        } catch {
          host = '';
        }
        if (!['localhost', '127.0.0.1', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]'].includes(host)) out.push(E(`AWS_CONTAINER_CREDENTIALS_FULL_URI names host "${host}"`, { env: 'AWS_CONTAINER_CREDENTIALS_FULL_URI' }));
      }
      return out;
    },
  },
  {
    id: 'js-imds-endpoint-mode-case',
    rows: [64],
    title: 'instance metadata endpoint mode spelt in another case',
    boto3: 'ipv4 / ipv6 in any case',
    js: 'exactly IPv4 or IPv6',
    fix: 'write IPv4 or IPv6',
    affects: ['credentials'],
    detect: (f) => {
      const out: Evidence[] = [];
      const check = (v: string | undefined, loc: Evidence['location'], profile?: string) => {
        if (v !== undefined && v !== 'IPv4' && v !== 'IPv6' && ['ipv4', 'ipv6'].includes(v.toLowerCase())) out.push(E(`endpoint mode "${v}"`, loc, profile));
      };
      check(env(f).AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, { env: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE' });
      for (const [n, s] of mergedProfiles(f)) check(str(s, 'ec2_metadata_service_endpoint_mode'), settingAt(s, 'ec2_metadata_service_endpoint_mode'), n);
      return out;
    },
  },
  // ── region ──
  {
    id: 'js-region-env-vars',
    rows: [66, 67, 68, 70],
    title: 'AWS_REGION and AWS_DEFAULT_REGION',
    boto3: 'reads AWS_DEFAULT_REGION (before the profile), never AWS_REGION',
    js: 'reads AWS_REGION (before the profile), never AWS_DEFAULT_REGION; AWS_REGION="" is an error',
    fix: 'set AWS_REGION and AWS_DEFAULT_REGION to the same region',
    affects: ['region'],
    detect: (f) => {
      const e = env(f);
      if (e.AWS_REGION === undefined && e.AWS_DEFAULT_REGION === undefined) return [];
      if (e.AWS_REGION === e.AWS_DEFAULT_REGION && e.AWS_REGION !== '') return [];
      const which = e.AWS_REGION !== undefined ? 'AWS_REGION' : 'AWS_DEFAULT_REGION';
      const desc = [e.AWS_REGION !== undefined ? `AWS_REGION=${e.AWS_REGION}` : 'no AWS_REGION', e.AWS_DEFAULT_REGION !== undefined ? `AWS_DEFAULT_REGION=${e.AWS_DEFAULT_REGION}` : 'no AWS_DEFAULT_REGION'];
      return [E(desc.join(', '), { env: which })];
    },
  },
  {
    id: 'js-region-imds',
    rows: [69],
    title: 'no region configured, instance metadata not disabled',
    boto3: 'no region (None)',
    js: 'asks instance metadata (IMDSv2) for the region (@smithy/core ≥ 3.28), unless AWS_EC2_METADATA_DISABLED has any value',
    fix: 'set the region explicitly (region in the profile, and AWS_REGION / AWS_DEFAULT_REGION)',
    affects: ['region'],
    detect: (f) => {
      const e = env(f);
      if (e.AWS_REGION !== undefined || e.AWS_DEFAULT_REGION !== undefined || e.AWS_EC2_METADATA_DISABLED !== undefined) return [];
      const profiles = f.session.fullConfig().profiles;
      if ([f.boto3Profile, f.jsProfile].some((p) => profiles.get(p)?.settings.has('region'))) return [];
      return [E('no region is configured and instance metadata is not disabled', null)];
    },
  },
  // ── other defaults ──
  {
    id: 'js-sts-call-defaults',
    rows: [71, 72, 73],
    title: 'AssumeRole call defaults',
    boto3: 'RoleSessionName botocore-session-<epoch s>; DurationSeconds only if duration_seconds is set; STS region from the last client',
    js: 'RoleSessionName aws-sdk-js-<epoch ms>; DurationSeconds always (3600); STS region from the role profile, else the caller, else us-east-1',
    fix: 'set role_session_name and duration_seconds (and region) in the profile to get the same call from both',
    affects: ['call'],
    scope: 'selected',
    detect: (f) =>
      roleProfiles(f)
        .filter(([n, s]) => (n === f.boto3Profile || n === f.jsProfile) && !s.has('web_identity_token_file') && (!s.has('role_session_name') || !s.has('duration_seconds')))
        .map(([n, s]) => E(`profile "${n}" leaves ${[!s.has('role_session_name') && 'role_session_name', !s.has('duration_seconds') && 'duration_seconds'].filter(Boolean).join(' and ')} to each SDK's default`, settingAt(s, 'role_arn'), n)),
  },
];

/** a rule's citation: "js-sdk-chain.md §4 #1" */
export function citation(r: DivergenceRule): string {
  return r.rows.length ? `js-sdk-chain.md §4 #${r.rows.join(', #')}` : 'not in js-sdk-chain.md';
}

/**
 * A [Credentials] header, then (with no "[" in between) a line starting with aws_access_key_id = or :. Line by line:
 * the one multiline regex for this backtracked quadratically over long runs of blank lines.
 */
function credentialsSectionHoldsKey(text: string): boolean {
  let inCredentials = false;
  for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    if (inCredentials && /^\s*aws_access_key_id\s*[=:]/i.test(line)) return true;
    if (/^\s*\[Credentials\]/i.test(line)) inCredentials = true;
    else if (line.includes('[')) inCredentials = false;
  }
  return false;
}
