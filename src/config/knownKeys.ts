// The keys botocore 1.43 and the AWS CLI read from the shared files, which of them are key material (they belong
// in the credentials file), and a small edit-distance match for misspellings.

/** key material: belongs in the credentials file */
export const SECRET_KEYS = ['aws_secret_access_key', 'aws_session_token', 'aws_security_token'] as const;
export const KEY_MATERIAL = ['aws_access_key_id', ...SECRET_KEYS] as const;

/** keys that belong with key material in the credentials file without being settings */
const CREDENTIAL_COMPANIONS = ['aws_account_id', 'aws_credential_scope', 'x_security_token_expires'];

/** settings botocore, boto3 and the AWS CLI read from a profile (config file) */
const SETTINGS = [
  'region',
  'output',
  'role_arn',
  'source_profile',
  'credential_source',
  'role_session_name',
  'external_id',
  'mfa_serial',
  'duration_seconds',
  'web_identity_token_file',
  'credential_process',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_session',
  'sso_registration_scopes',
  'login_session',
  'ca_bundle',
  'cli_pager',
  'cli_auto_prompt',
  'cli_binary_format',
  'cli_history',
  'cli_timestamp_format',
  'cli_follow_urlparam',
  'cli_help_output',
  'max_attempts',
  'retry_mode',
  'parameter_validation',
  'tcp_keepalive',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'sts_regional_endpoints',
  's3',
  'use_dualstack_endpoint',
  'use_fips_endpoint',
  'metadata_service_timeout',
  'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'imds_use_ipv6',
  'defaults_mode',
  'account_id_endpoint_mode',
  'request_checksum_calculation',
  'response_checksum_validation',
  'sigv4a_signing_region_set',
  'disable_request_compression',
  'request_min_compression_size_bytes',
  'auth_scheme_preference',
  'csm_enabled',
  'csm_port',
  'csm_host',
  'csm_client_id',
  'api_versions',
  'disable_host_prefix_injection',
  'sdk_ua_app_id',
  'aws_sdk_ua_app_id',
];

export const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([
  ...KEY_MATERIAL,
  ...CREDENTIAL_COMPANIONS,
  ...SETTINGS,
]);

/** keys that may hold a nested block (`s3 =` followed by indented lines) */
export const NESTED_KEYS: ReadonlySet<string> = new Set(['s3', 'api_versions', 'services', 'dynamodb', 's3api']);

export function isKeyMaterial(key: string): boolean {
  return (KEY_MATERIAL as readonly string[]).includes(key);
}

export function isSecret(key: string): boolean {
  return (SECRET_KEYS as readonly string[]).includes(key);
}

/** keys that are fine in the credentials file */
export function belongsInCredentials(key: string): boolean {
  return isKeyMaterial(key) || CREDENTIAL_COMPANIONS.includes(key);
}

/** spellings people write for keys that are too far from the real name for edit distance alone */
const ALIASES: Record<string, string> = {
  aws_access_key: 'aws_access_key_id',
  access_key_id: 'aws_access_key_id',
  access_key: 'aws_access_key_id',
  aws_secret_key: 'aws_secret_access_key',
  secret_access_key: 'aws_secret_access_key',
  secret_key: 'aws_secret_access_key',
  aws_secret_access_key_id: 'aws_secret_access_key',
  session_token: 'aws_session_token',
  aws_token: 'aws_session_token',
  security_token: 'aws_security_token',
  default_region: 'region',
  aws_region: 'region',
  aws_default_region: 'region',
  mfa_arn: 'mfa_serial',
  sso_url: 'sso_start_url',
  sso_account: 'sso_account_id',
  sso_role: 'sso_role_name',
};

/** edit distance counting an insertion, deletion, substitution or swap of two neighbours as one edit (optimal
 * string alignment); stops early and returns max + 1 once it exceeds `max` */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** the known key a misspelt key most likely meant, or undefined when it is known or not close to anything */
export function suggestKey(key: string): string | undefined {
  if (KNOWN_KEYS.has(key)) return undefined;
  // the same few keys recur in every profile of a large config: each is matched once
  if (SUGGESTED.has(key)) return SUGGESTED.get(key);
  const out = matchKey(key);
  if (SUGGESTED.size < 10_000) SUGGESTED.set(key, out);
  return out;
}
const SUGGESTED = new Map<string, string | undefined>();

function matchKey(key: string): string | undefined {
  const normal = key.replace(/-/g, '_');
  if (KNOWN_KEYS.has(normal)) return normal;
  if (ALIASES[normal]) return ALIASES[normal];
  // short keys get one edit, longer ones two
  const max = normal.length <= 6 ? 1 : 2;
  let best: { key: string; d: number } | undefined;
  for (let i = 0; i < normal.length; i++) COUNTS[normal.charCodeAt(i)]++;
  try {
    for (const k of KNOWN_CHARS) {
      // each edit changes the character counts by at most 2 (a swap by none): half their difference is a lower
      // bound, which rules out almost every known key without the quadratic distance (doctor runs this per key line)
      if (Math.abs(normal.length - k.key.length) > max) continue;
      let diff = normal.length;
      for (const [c, n] of k.chars) diff += Math.abs(COUNTS[c] - n) - COUNTS[c];
      if (Math.ceil(diff / 2) > max) continue;
      const d = editDistance(normal, k.key, max);
      if (d <= max && (!best || d < best.d)) best = { key: k.key, d };
    }
  } finally {
    for (let i = 0; i < normal.length; i++) COUNTS[normal.charCodeAt(i)] = 0;
  }
  return best?.key;
}

/** each known key with its character counts, in KNOWN_KEYS order */
const KNOWN_CHARS = [...KNOWN_KEYS].map((key) => {
  const m = new Map<number, number>();
  for (let i = 0; i < key.length; i++) m.set(key.charCodeAt(i), (m.get(key.charCodeAt(i)) ?? 0) + 1);
  return { key, chars: [...m] };
});
/** the counts of the key being matched, by UTF-16 code unit (as editDistance compares), zero between calls */
const COUNTS = new Int32Array(65536);
