// The shapes `credchain export` hands credentials over in: shell statements (env, env-no-export, fish, powershell,
// windows-cmd), a .env file, the credential_process Version 1 JSON, and credchain's own JSON. Shell formats also
// clear the variables that would pair stale values with the new keys (boto3 reads AWS_SECURITY_TOKEN before
// AWS_SESSION_TOKEN).
import type { HandedCredentials, Handover } from '../usecases/handover';
import { assign, unset, type Dialect } from './quote';

export const EXPORT_FORMATS = [
  'env',
  'env-no-export',
  'fish',
  'powershell',
  'windows-cmd',
  'dotenv',
  'process',
  'json',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** the variables to set, in order, and the credential variables to remove because they would be stale */
export function credentialEnv(h: Handover): { set: [string, string][]; unset: string[] } {
  const c = h.credentials;
  const set: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ];
  const remove = ['AWS_SECURITY_TOKEN'];
  if (c.sessionToken !== null) set.push(['AWS_SESSION_TOKEN', c.sessionToken]);
  else remove.unshift('AWS_SESSION_TOKEN');
  if (c.expiration !== null) set.push(['AWS_CREDENTIAL_EXPIRATION', c.expiration]);
  else remove.push('AWS_CREDENTIAL_EXPIRATION');
  if (h.region !== null) set.push(['AWS_DEFAULT_REGION', h.region], ['AWS_REGION', h.region]);
  return { set, unset: remove };
}

const DIALECT: Partial<Record<ExportFormat, { dialect: Dialect; exported: boolean; clear: boolean }>> = {
  env: { dialect: 'posix', exported: true, clear: true },
  'env-no-export': { dialect: 'posix', exported: false, clear: false },
  fish: { dialect: 'fish', exported: true, clear: true },
  powershell: { dialect: 'powershell', exported: true, clear: true },
  'windows-cmd': { dialect: 'cmd', exported: true, clear: true },
  dotenv: { dialect: 'dotenv', exported: true, clear: false },
};

/** the credential_process Version 1 document (botocore reads AccessKeyId, SecretAccessKey, SessionToken, Expiration) */
export function processJson(c: HandedCredentials): Record<string, unknown> {
  const o: Record<string, unknown> = { Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey };
  if (c.sessionToken !== null) o.SessionToken = c.sessionToken;
  if (c.expiration !== null) o.Expiration = c.expiration;
  return o;
}

export function renderExport(format: ExportFormat, h: Handover): string {
  if (format === 'process') return JSON.stringify(processJson(h.credentials), null, 2) + '\n';
  if (format === 'json') {
    const c = h.credentials;
    return (
      JSON.stringify(
        {
          profile: h.profile,
          method: h.method,
          region: h.region,
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          sessionToken: c.sessionToken,
          expiration: c.expiration,
        },
        null,
        2,
      ) + '\n'
    );
  }
  const d = DIALECT[format]!;
  const env = credentialEnv(h);
  const lines = env.set.map(([k, v]) => assign(d.dialect, k, v, d.exported));
  if (d.clear) lines.push(...unset(d.dialect, env.unset));
  return lines.join('\n') + '\n';
}
