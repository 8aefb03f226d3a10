// Role chains of a chosen length, one per way a chain can end, as HOME trees: p1 … pN are roles, each sourcing the
// one below; p0 is the ending. Shared by the deep-chain test (which runs botocore on them) and nothing else.
import type { ChainEnding } from '../../src/providers/assumeRoleDepth';

export interface ChainShape {
  name: string;
  ending: ChainEnding;
  /** p0 is itself a role (credential_source, both, neither, a cycle): it counts among the roles */
  p0IsRole: boolean;
  p0: (home: string) => string;
  credentials?: string;
  env?: Record<string, string>;
  extraFiles?: Record<string, string>;
  /** what botocore gives when the frames suffice */
  fits: { method?: string; error?: string };
}

const ROLE0 = '[profile p0]\nrole_arn = arn:aws:iam::123456789012:role/r0\n';
const PROC = `echo '{"Version": 1, "AccessKeyId": "AKIAEXAMPLEPROC00001", "SecretAccessKey": "s"}'\n`;
const KEYS = 'aws_access_key_id = AKIAEXAMPLEBASE00001\naws_secret_access_key = s\n';

export const SHAPES: ChainShape[] = [
  { name: 'keys in the credentials file', ending: 'source-profile:shared-credentials-file', p0IsRole: false, p0: () => '[profile p0]\nregion = us-east-1\n', credentials: `[p0]\n${KEYS}`, fits: { method: 'assume-role' } },
  { name: 'keys in the config file', ending: 'source-profile:config-file', p0IsRole: false, p0: () => `[profile p0]\n${KEYS}`, fits: { method: 'assume-role' } },
  {
    name: 'credential_source = Environment',
    ending: 'credential-source:Environment:won',
    p0IsRole: true,
    p0: () => `${ROLE0}credential_source = Environment\n`,
    env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEENV000001', AWS_SECRET_ACCESS_KEY: 's' },
    fits: { method: 'assume-role' },
  },
  { name: 'credential_source = Environment, no keys', ending: 'credential-source:Environment:none', p0IsRole: true, p0: () => `${ROLE0}credential_source = Environment\n`, fits: { error: 'CredentialRetrievalError' } },
  {
    name: 'web_identity_token_file',
    ending: 'source-profile:assume-role-with-web-identity',
    p0IsRole: false,
    p0: (home) => `[profile p0]\nrole_arn = arn:aws:iam::123456789012:role/w0\nweb_identity_token_file = ${home}/token\n`,
    extraFiles: { token: 'tok' },
    fits: { method: 'assume-role' },
  },
  {
    name: 'sso',
    ending: 'source-profile:sso',
    p0IsRole: false,
    p0: () => '[profile p0]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = R\n',
    fits: { method: 'assume-role' },
  },
  {
    name: 'credential_process',
    ending: 'source-profile:custom-process:no-credentials-file',
    p0IsRole: false,
    p0: (home) => `[profile p0]\ncredential_process = /bin/sh ${home}/proc.sh\n`,
    extraFiles: { 'proc.sh': PROC },
    fits: { method: 'assume-role' },
  },
  {
    name: 'credential_process, with a credentials file',
    ending: 'source-profile:custom-process',
    p0IsRole: false,
    p0: (home) => `[profile p0]\ncredential_process = /bin/sh ${home}/proc.sh\n`,
    credentials: '',
    extraFiles: { 'proc.sh': PROC },
    fits: { method: 'assume-role' },
  },
  { name: 'a source profile without credentials', ending: 'source-profile:none', p0IsRole: false, p0: () => '[profile p0]\nregion = us-east-1\n', fits: { error: 'InvalidConfigError' } },
  { name: 'a missing source profile', ending: 'missing-source-profile', p0IsRole: false, p0: () => '', fits: { error: 'InvalidConfigError' } },
  { name: 'both source_profile and credential_source', ending: 'both-sources', p0IsRole: true, p0: () => `${ROLE0}source_profile = p1\ncredential_source = Environment\n`, fits: { error: 'InvalidConfigError' } },
  { name: 'neither source_profile nor credential_source', ending: 'no-source', p0IsRole: true, p0: () => ROLE0, fits: { error: 'PartialCredentialsError' } },
  { name: 'an invalid credential_source', ending: 'invalid-credential-source', p0IsRole: true, p0: () => `${ROLE0}credential_source = Bogus\n`, fits: { error: 'InvalidConfigError' } },
  { name: 'a cycle back to the top', ending: 'cycle', p0IsRole: true, p0: () => '', fits: { error: 'InfiniteLoopConfigError' } },
];

/** the HOME files for a chain of `roles` roles ending as `shape` says; the profile to ask for */
export function chainHome(shape: ChainShape, roles: number, home: string): { files: Record<string, string>; top: string } {
  const n = shape.p0IsRole ? roles - 1 : roles;
  const parts: string[] = [shape.ending === 'cycle' ? `${ROLE0}source_profile = p${n}\n` : shape.p0(home)];
  for (let i = 1; i <= n; i++) parts.push(`[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = p${i - 1}\n`);
  const files: Record<string, string> = { '.aws/config': parts.join('') };
  if (shape.credentials !== undefined) files['.aws/credentials'] = shape.credentials;
  for (const [rel, text] of Object.entries(shape.extraFiles ?? {})) files[rel] = text;
  return { files, top: `p${n}` };
}
