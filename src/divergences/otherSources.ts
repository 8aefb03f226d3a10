// Divergences in the sources only one SDK places or knows (js-sdk-chain.md §4 #52-54): login_session's place in
// the chain, and boto's legacy files, which the JS SDK does not read.
import * as nodePath from 'node:path';
import { readGuarded } from '../core/readFile';
import { expandUser, expandVars } from '../ini/paths';
import { env, E, mergedProfiles, settingAt } from './facts';
import type { DivergenceRule, Evidence } from './types';

export const OTHER_SOURCES: DivergenceRule[] = [
  {
    id: 'js-login-order',
    rows: [52],
    title: 'login_session',
    boto3: 'login provider before credential_process (needs botocore[crt], else MissingDependencyException)',
    js: 'login after credential_process and SSO',
    fix: 'keep login_session profiles free of other credentials',
    affects: ['credentials'],
    detect: (f) =>
      mergedProfiles(f)
        .filter(([, s]) => s.has('login_session'))
        .map(([n, s]) => E(`profile "${n}" uses login_session`, settingAt(s, 'login_session'), n)),
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
      if (e.AWS_CREDENTIAL_FILE !== undefined)
        out.push(E('AWS_CREDENTIAL_FILE is set', { env: 'AWS_CREDENTIAL_FILE' }));
      // boto's files matter only when they hold keys: a [Credentials] section with aws_access_key_id
      const holdsKeys = (p: string) => {
        try {
          // guarded: a FIFO or /dev/zero named by BOTO_CONFIG must not hang or exhaust doctor and compare
          return credentialsSectionHoldsKey(readGuarded(f.ctx, p, 64 * 1024 * 1024).toString('utf8'));
        } catch {
          return false;
        }
      };
      const candidates =
        e.BOTO_CONFIG !== undefined
          ? [expandUser(expandVars(e.BOTO_CONFIG, e), f.ctx)]
          : ['/etc/boto.cfg', `${f.ctx.home.replace(/\/+$/, '')}/.boto`];
      for (const p of candidates)
        if (p && holdsKeys(nodePath.resolve(f.ctx.cwd, p)))
          out.push(
            E(`${p} has keys in [Credentials]`, e.BOTO_CONFIG !== undefined ? { env: 'BOTO_CONFIG' } : { file: p }),
          );
      return out;
    },
  },
];

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
