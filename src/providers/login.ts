// `login` (botocore ≥ 1.41): a profile with login_session. botocore needs awscrt's EC support for it; without
// botocore[crt] — the default pip install — it raises MissingDependencyException while resolving, which is what
// credchain reports. The cached login session is described either way.
import type { Setting } from '../config/profileMap';
import { hexDigest } from '../core/hash';
import { BotoError } from '../core/errors';
import { valueText } from '../ini/parse';
import { expandUser, expandVars } from '../ini/paths';
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';
import type { Claim } from './claim';

export const loginClaim: Claim = {
  what: 'login_session',
  key: 'login_session',
  from: 'merged',
  test: (v) => v.merged.has('login_session'),
};

export function loginSource(session: Session, profile: string): Outcome {
  const s = session.profileSettings(profile)?.get('login_session');
  if (!s) return { status: 'skipped', reason: `profile "${profile}" has no login_session` };
  const name = valueText(s.value)!;
  const env = session.ctx.env;
  const dir =
    env.AWS_LOGIN_CACHE_DIRECTORY !== undefined
      ? expandUser(expandVars(env.AWS_LOGIN_CACHE_DIRECTORY, env), session.ctx)
      : `${session.ctx.home.replace(/\/+$/, '')}/.aws/login/cache`;
  const cache = `${dir}/${hexDigest('sha256', name)}.json`;
  const cached = session.ctx.fs.existsSync(cache);
  return {
    status: 'error',
    error: new BotoError('MissingDependencyException', loginNeedsCrt(profile, s), 'get_credentials', {
      file: s.file,
      line: s.line,
    }),
    notes: [
      cached
        ? `a cached login session exists at ${cache}`
        : `no cached login session at ${cache}: run \`aws login --profile ${profile}\``,
    ],
  };
}

// Messages

function loginNeedsCrt(profile: string, s: Setting): string {
  return (
    `Missing Dependency: profile "${profile}" uses login_session (${s.file}:${s.line}), and boto3 needs ` +
    `botocore[crt] for it: pip install "botocore[crt]"`
  );
}
