// `assume-role-with-web-identity`: each of web_identity_token_file, role_arn, role_session_name from its env var if
// present (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME; ignored for an explicit profile), else
// from the profile. Deferred: the token file is read and STS called only when the keys are first used.
import { BotoError } from '../core/errors';
import { valueText } from '../ini/parse';
import type { Setting } from '../config/profileMap';
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';
import type { Claim } from './claim';

const ENV: Record<string, string> = {
  web_identity_token_file: 'AWS_WEB_IDENTITY_TOKEN_FILE',
  role_arn: 'AWS_ROLE_ARN',
  role_session_name: 'AWS_ROLE_SESSION_NAME',
};

interface Found {
  value: string;
  from: string;
  setting?: Setting;
}

/**
 * a profile selected by name claims web identity with a non-empty web_identity_token_file of its own (an empty path is
 * skipped)
 */
export const webIdentityClaim: Claim = {
  what: 'web_identity_token_file',
  key: 'web_identity_token_file',
  from: 'merged',
  test: (v) => !!valueText(v.merged.get('web_identity_token_file')?.value),
};

export function webIdentitySource(session: Session, profile: string, disableEnvVars: boolean): Outcome {
  const get = (key: string): Found | undefined => {
    if (!disableEnvVars) {
      const v = session.ctx.env[ENV[key]];
      if (v !== undefined) return { value: v, from: ENV[key] };
    }
    const s = session.profileSettings(profile)?.get(key);
    if (s)
      return { value: valueText(s.value)!, from: `${key} in profile "${profile}" (${s.file}:${s.line})`, setting: s };
    return undefined;
  };
  const token = get('web_identity_token_file');
  if (!token || !token.value) {
    const ignored =
      disableEnvVars && session.ctx.env.AWS_WEB_IDENTITY_TOKEN_FILE
        ? '; AWS_WEB_IDENTITY_TOKEN_FILE is ignored because the profile was given explicitly (--profile)'
        : '';
    if (token && !token.value)
      return {
        status: 'skipped',
        reason: tokenSourceEmpty(token),
      };
    return {
      status: 'skipped',
      reason: `no AWS_WEB_IDENTITY_TOKEN_FILE and no web_identity_token_file in profile "${profile}"${ignored}`,
    };
  }
  const role = get('role_arn');
  if (!role || !role.value) {
    return {
      status: 'error',
      error: new BotoError(
        'InvalidConfigError',
        webIdentityNoRoleArn(token, role, profile),
        'get_credentials',
        token.setting ? { file: token.setting.file, line: token.setting.line } : { env: token.from },
      ),
    };
  }
  const session_ = get('role_session_name');
  const notes: string[] = [];
  const tokenPath = token.value;
  if (tokenPath.startsWith('~')) notes.push(tokenPathTildeNotExpanded(tokenPath));
  else if (!fileExists(session, tokenPath))
    notes.push(`the token file ${tokenPath} does not exist: boto3 will raise FileNotFoundError on first use`);
  const location = token.setting
    ? { file: token.setting.file, line: token.setting.line, section: token.setting.section }
    : { env: ['AWS_WEB_IDENTITY_TOKEN_FILE', ...(role.from === 'AWS_ROLE_ARN' ? ['AWS_ROLE_ARN'] : [])] };
  return {
    status: 'won',
    reason: webIdentityDeferred(token, role),
    credentials: {
      method: 'assume-role-with-web-identity',
      accessKeyId: null,
      secretAccessKey: null,
      sessionToken: null,
      expiration: null,
      location,
      roleArn: role.value,
      deferred: {
        kind: 'web-identity',
        profile,
        roleArn: role.value,
        roleSessionName: session_?.value || undefined,
        tokenFile: tokenPath,
      },
    },
    notes: notes.length ? notes : undefined,
  };
}

function fileExists(session: Session, p: string): boolean {
  const abs = p.startsWith('/') ? p : `${session.ctx.cwd}/${p}`;
  try {
    return session.ctx.fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

// Messages

function tokenSourceEmpty(token: Found): string {
  return `${token.from} is empty${
    token.from.startsWith('AWS_') ? " (and hides the profile's web_identity_token_file)" : ''
  }`;
}

function webIdentityNoRoleArn(token: Found, role: Found | undefined, profile: string): string {
  return `The web identity token file comes from ${token.from}, but there is no role ARN${
    role ? ` (${role.from} is empty)` : ''
  }: set role_arn in profile "${profile}" or AWS_ROLE_ARN`;
}

function tokenPathTildeNotExpanded(tokenPath: string): string {
  return (
    `the token file path "${tokenPath}" starts with ~, which boto3 does not expand: it will raise ` +
    `FileNotFoundError on first use`
  );
}

function webIdentityDeferred(token: Found, role: Found): string {
  return (
    `token file from ${token.from}, role from ${role.from}; AssumeRoleWithWebIdentity is deferred until the ` +
    `keys are used`
  );
}
