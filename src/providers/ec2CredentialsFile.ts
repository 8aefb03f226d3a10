// `ec2-credentials-file`: the legacy EC2 tools file named by AWS_CREDENTIAL_FILE (present, even empty, triggers it):
// plain key=value lines, AWSAccessKeyId and AWSSecretKey. A missing or unreadable file is ConfigNotFound.
import { BotoError } from '../core/errors';
import { pySplitlines, pyStrip } from '../python/pyText';
import { expandUser, osPath } from '../ini/paths';
import { boundedReadFailure, readGuarded } from '../core/readFile';
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';

export function ec2CredentialsFileSource(session: Session): Outcome {
  const raw = session.ctx.env.AWS_CREDENTIAL_FILE;
  if (raw === undefined) return { status: 'skipped', reason: 'AWS_CREDENTIAL_FILE is not set' };
  // botocore expands ~ here, but not $VARS
  const expanded = expandUser(raw, session.ctx);
  const path = osPath(expanded, session.ctx.cwd);
  let text: string;
  try {
    const bytes = readGuarded(session.ctx, path);
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).replace(/\r\n?/g, '\n');
    } catch {
      return {
        status: 'error',
        error: new BotoError(
          'UnicodeDecodeError',
          `AWS_CREDENTIAL_FILE ${path} is not valid UTF-8`,
          'get_credentials',
          { env: 'AWS_CREDENTIAL_FILE' },
        ),
      };
    }
  } catch (e) {
    // _parse_key_val_file turns an OSError into ConfigNotFound; a FIFO or a device never gets that far in boto3
    const bounded = boundedReadFailure(e, 'ConfigNotFound');
    if (bounded)
      return {
        status: 'error',
        error: new BotoError(bounded.type, `AWS_CREDENTIAL_FILE: ${bounded.message}`, 'get_credentials', {
          env: 'AWS_CREDENTIAL_FILE',
        }),
      };
    return {
      status: 'error',
      error: new BotoError('ConfigNotFound', credentialFileNotFound(expanded, path, e), 'get_credentials', {
        env: 'AWS_CREDENTIAL_FILE',
      }),
    };
  }
  const values = new Map<string, { value: string; line: number }>();
  pySplitlines(text).forEach((line, i) => {
    const eq = line.indexOf('=');
    if (eq < 0) return;
    values.set(pyStrip(line.slice(0, eq)), { value: pyStrip(line.slice(eq + 1)), line: i + 1 });
  });
  const ak = values.get('AWSAccessKeyId');
  if (!ak) return { status: 'skipped', reason: `AWS_CREDENTIAL_FILE ${path} has no AWSAccessKeyId line` };
  const sk = values.get('AWSSecretKey');
  if (!sk) {
    return {
      status: 'error',
      error: new BotoError(
        'KeyError',
        `'AWSSecretKey': AWS_CREDENTIAL_FILE ${path} has AWSAccessKeyId (line ${ak.line}) but no AWSSecretKey`,
        'get_credentials',
        { file: path, line: ak.line },
      ),
    };
  }
  return {
    status: 'won',
    reason: `AWS_CREDENTIAL_FILE ${path} has AWSAccessKeyId (line ${ak.line}) and AWSSecretKey (line ${sk.line})`,
    credentials: {
      method: 'ec2-credentials-file',
      accessKeyId: ak.value,
      secretAccessKey: sk.value,
      sessionToken: null,
      expiration: null,
      location: { file: path, line: ak.line, section: '' },
    },
  };
}

// Messages

function credentialFileNotFound(expanded: string, path: string, e: unknown): string {
  return (
    `The specified config file (${expanded}) could not be found: AWS_CREDENTIAL_FILE points at ` +
    `${path || 'an empty path'} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`
  );
}
