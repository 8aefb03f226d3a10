// One profile in full: its merged settings with the file and line of each (and the config value a credentials-file
// value overrides), the sso-session it names, the role chain down to its base credentials as the resolver found
// it (src/chain), and every problem boto3 would trip over. Secret values are replaced by their length here, so no
// renderer can print them: the values of every key that looks like a secret (src/core/secrets.ts: misspellings such as
// aws_secret_acess_key included), and keys that are themselves secret material (a wrapped token read as a key).
import type { Resolution } from '../chain/boto3Chain';
import { PROFILE_SOURCES } from '../providers/profileChain';
import type { CredentialsView } from '../core/report';
import type { RegionReport } from '../config/region';
import type { Credentials, DeferredPlan, Location, Method } from '../core/types';
import type { IniValue } from '../ini/parse';
import { valueText } from '../ini/parse';
import { isSecretKey, looksLikeSecretName, MASK, maskedBlock, maskedName, maskSecretShapes } from '../core/secrets';
import { KNOWN_KEYS } from '../config/knownKeys';
import { maskHelperText } from '../core/secretShapes';
import type { ProfileSource, Setting, Settings } from '../config/profileMap';
import { KIND_LABEL, type ProfileKind } from './kinds';
import type { ProfileEntry } from './list';

export interface ShownSetting {
  /** the key, or a placeholder when the key itself is secret material (keyMasked) */
  key: string;
  keyMasked?: boolean;
  /** MASK for secrets */
  value: IniValue;
  /** the length of a masked value */
  length?: number;
  masked?: boolean;
  file: string;
  line: number;
  section: string;
  /** inherited from the file's [DEFAULT] section */
  inherited?: boolean;
  /** the config-file value this credentials-file value replaces (botocore merges key by key) */
  overrides?: Omit<ShownSetting, 'key' | 'overrides'>;
}

export interface ChainNode {
  /** null when the credentials come from outside any profile (env, container, instance metadata) */
  profile: string | null;
  method: Method;
  roleArn?: string;
  accessKeyId?: string | null;
  location?: Location;
  roleSessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  durationSeconds?: number;
  ssoAccountId?: string;
  ssoRoleName?: string;
  ssoSession?: string;
  webIdentityTokenFile?: string;
  /** the credentials that sign this node's AssumeRole call */
  source?: ChainNode;
}

export interface Problem {
  level: 'error' | 'warning';
  message: string;
}

export interface ShowReport {
  profile: string;
  kind: ProfileKind;
  method: Method | null;
  active: boolean;
  definedIn: ProfileSource[];
  settings: ShownSettings;
  ssoSession: { name: string; definedIn: ProfileSource | null; settings: ShownSettings } | null;
  region: RegionReport;
  credentials: CredentialsView | null;
  chain: ChainNode | null;
  error: { type: string; message: string } | null;
  problems: Problem[];
}

export interface ShowInput {
  entry: ProfileEntry;
  merged: Settings;
  /** the profile as the config file alone defines it */
  configSettings?: Settings;
  ssoSession?: { name: string; settings: Settings; source: ProfileSource };
  /** resolveChain with this profile given explicitly (what `which --profile NAME` does) */
  resolution: Resolution;
  /** notes about the shell's selection that concern this profile */
  activeNotes: string[];
}

/** what the secret tests found for a key, as bits: one byte a row in ShownSettings */
const KEY_MASKED = 1;
const SECRET = 2;
const TESTED = 4;

function secretBits(key: string): number {
  if (looksLikeSecretName(key)) return TESTED | KEY_MASKED | SECRET;
  return TESTED | (isSecretKey(key) ? SECRET : 0);
}

export function shownSetting(s: Setting): ShownSetting {
  return maskedRow(s, secretBits(s.key));
}

/**
 * the value of a key that is not a secret's: as written for the keys boto3 reads (ids, ARNs, URLs, paths, whose
 * formats are known: an SSO role ARN can look random) but a command line, with its secret-shaped runs masked for any
 * other key, where nothing says what a user put (a token under `note`)
 */
function shownText(key: string, value: string): string {
  // a command line may carry a secret as an argument: masked as a helper's output is
  if (key === 'credential_process') return maskHelperText(value);
  return KNOWN_KEYS.has(key) ? value : maskSecretShapes(value);
}

/** a setting as shown, masked as `bits` (what secretBits found for its key) say */
function maskedRow(s: Setting, bits: number): ShownSetting {
  const keyMasked = (bits & KEY_MASKED) !== 0;
  const secret = (bits & SECRET) !== 0;
  const value = secret ? MASK : typeof s.value === 'string' ? shownText(s.key, s.value) : maskedBlock(s.value);
  const out: ShownSetting = {
    key: keyMasked ? maskedName(s.key) : s.key,
    value,
    file: s.file,
    line: s.line,
    section: s.section,
  };
  if (keyMasked) out.keyMasked = true;
  if (secret) {
    out.masked = true;
    out.length = valueText(s.value)!.length;
  }
  if (s.section === 'DEFAULT') out.inherited = true;
  return out;
}

/**
 * A profile's settings as shown, each row made (and masked) only when it is read: a profile may hold a million
 * settings, and their rows all at once took more memory than the parsed files. The text renderer reads the rows
 * twice (the column widths, then the lines), so what the secret tests found for each row, most of a row's cost, is
 * kept from the first reading, one byte a row. JSON.stringify writes it as the array of its rows (toJSON);
 * writeJsonChunked writes it a chunk of rows at a time. Settings maps are never written to, so a row's index names
 * the same setting on every reading.
 */
export class ShownSettings implements Iterable<ShownSetting> {
  readonly #settings: Settings;
  readonly #config: Settings | undefined;
  readonly #bits: Uint8Array;

  /** `config`: the profile as the config file alone defines it, for the values the credentials file overrides */
  constructor(settings: Settings, config?: Settings) {
    this.#settings = settings;
    this.#config = config;
    this.#bits = new Uint8Array(settings.size);
  }

  get length(): number {
    return this.#settings.size;
  }

  *[Symbol.iterator](): Iterator<ShownSetting> {
    const bits = this.#bits;
    let i = 0;
    for (const s of this.#settings.values()) {
      let b = bits[i];
      if (!(b & TESTED)) b = bits[i] = secretBits(s.key);
      i++;
      const out = maskedRow(s, b);
      const before = this.#config?.get(s.key);
      if (before && before !== s) {
        // the config's setting under the same key: what the tests found for the key holds for it too
        const was = maskedRow(before, before.key === s.key ? b : secretBits(before.key));
        const { key: _k, overrides: _o, ...rest } = was;
        out.overrides = rest;
      }
      yield out;
    }
  }

  toJSON(): ShownSetting[] {
    return [...this];
  }
}

/** the resolver's role chain, this profile first, each node holding what signs it */
export function chainTree(c: Credentials, profile: string): ChainNode {
  const links = c.chain ?? [
    { profile, method: c.method, accessKeyId: c.accessKeyId, roleArn: c.roleArn, location: c.location },
  ];
  const nodes: ChainNode[] = links.map((l) => {
    const n: ChainNode = {
      profile: PROFILE_METHODS.has(l.method) || l.method === 'assume-role' ? l.profile : null,
      method: l.method,
    };
    if (l.roleArn !== undefined) n.roleArn = l.roleArn;
    if (l.accessKeyId !== undefined) n.accessKeyId = l.accessKeyId;
    if (l.location) n.location = l.location;
    return n;
  });
  // the deferred plans run top-down alongside the links (source first): attach what each call will send
  let cur: Credentials | undefined = c;
  for (let i = nodes.length - 1; i >= 0 && cur; i--) {
    if (cur.deferred) Object.assign(nodes[i], planDetails(cur.deferred));
    cur = cur.deferred?.kind === 'assume-role' ? cur.deferred.source : undefined;
  }
  for (let i = nodes.length - 1; i > 0; i--) nodes[i].source = nodes[i - 1];
  return nodes[nodes.length - 1];
}

/** methods that read a profile (the others come from the environment or the machine) */
const PROFILE_METHODS = new Set<Method>(PROFILE_SOURCES.map((s) => s.method));

function planDetails(p: DeferredPlan): Partial<ChainNode> {
  if (p.kind === 'assume-role') {
    const d: Partial<ChainNode> = {};
    if (p.roleSessionName !== undefined) d.roleSessionName = p.roleSessionName;
    if (p.externalId !== undefined) d.externalId = p.externalId;
    if (p.mfaSerial !== undefined) d.mfaSerial = p.mfaSerial;
    if (p.durationSeconds !== undefined) d.durationSeconds = p.durationSeconds;
    return d;
  }
  if (p.kind === 'sso')
    return { ssoAccountId: p.accountId, ssoRoleName: p.roleName, ...(p.session ? { ssoSession: p.session } : {}) };
  return {
    roleArn: p.roleArn,
    webIdentityTokenFile: p.tokenFile,
    ...(p.roleSessionName ? { roleSessionName: p.roleSessionName } : {}),
  };
}

export function showProfile(input: ShowInput): ShowReport {
  const { entry, resolution } = input;
  const { report } = resolution;
  const problems: Problem[] = [];
  if (report.error)
    problems.push({ level: 'error', message: `boto3 raises ${report.error.type}: ${report.error.message}` });
  else if (!report.credentials)
    problems.push({
      level: 'error',
      message: 'boto3 finds no credentials for this profile (a client raises NoCredentialsError)',
    });
  else if (entry.method !== null && report.credentials.method !== entry.method) {
    problems.push({
      level: 'warning',
      message: `boto3 uses ${report.credentials.method} credentials, not this profile's ${KIND_LABEL[entry.kind]}`,
    });
  } else if (entry.kind === 'settings-only') {
    problems.push({
      level: 'warning',
      message: `the profile holds no credentials of its own: boto3 falls through to ${report.credentials.method}`,
    });
  }
  for (const u of entry.unused)
    problems.push({
      level: 'warning',
      message: `boto3 never uses this profile's ${u}: it is ${KIND_LABEL[entry.kind]}`,
    });
  for (const n of entry.notes) problems.push({ level: 'warning', message: n });
  for (const n of input.activeNotes) problems.push({ level: 'warning', message: n });
  for (const w of report.warnings) problems.push({ level: 'warning', message: w });
  if (report.region.name === null && !report.region.source.startsWith('unresolved')) {
    problems.push({
      level: 'warning',
      message: NO_REGION,
    });
  }
  const sso = input.ssoSession;
  return {
    profile: entry.name,
    kind: entry.kind,
    method: entry.method,
    active: entry.active,
    definedIn: entry.definedIn,
    settings: new ShownSettings(input.merged, input.configSettings),
    ssoSession:
      entry.ssoSession === null
        ? null
        : {
            name: entry.ssoSession,
            definedIn: sso?.source ?? null,
            settings: new ShownSettings(sso?.settings ?? new Map()),
          },
    region: report.region,
    credentials: report.credentials,
    chain: resolution.credentials ? chainTree(resolution.credentials, entry.name) : null,
    error: report.error ? { type: report.error.type, message: report.error.message } : null,
    problems,
  };
}

// Messages

const NO_REGION =
  'no region: boto3 clients raise NoRegionError unless one is passed (set region in the profile or AWS_DEFAULT_REGION)';
