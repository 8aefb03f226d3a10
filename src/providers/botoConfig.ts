// `boto-config`: boto2's [Credentials] section, from BOTO_CONFIG only when that variable is present (empty or
// missing means skip, no fallback), else /etc/boto.cfg then ~/.boto. Tokens are ignored; the profile does not matter.
import { loadIniPath } from '../config/sharedFiles';
import { sectionSettings } from '../config/profileMap';
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';
import { staticKeys } from './staticKeys';

export function botoConfigSource(session: Session): Outcome {
  const env = session.ctx.env;
  const candidates = env.BOTO_CONFIG !== undefined ? [env.BOTO_CONFIG] : ['/etc/boto.cfg', '~/.boto'];
  const looked: string[] = [];
  for (const c of candidates) {
    const f = loadIniPath(session.ctx, c, env.BOTO_CONFIG !== undefined ? 'BOTO_CONFIG' : 'default');
    if (!f.doc) {
      looked.push(
        `${c === '' ? '(empty BOTO_CONFIG)' : f.path}: ${f.state === 'not-a-file' ? 'not a file' : 'missing'}`,
      );
      continue;
    }
    const section = f.doc.sections.find((s) => s.name === 'Credentials');
    if (!section || !section.entries.has('aws_access_key_id')) {
      looked.push(`${f.path}: no [Credentials] aws_access_key_id`);
      continue;
    }
    return staticKeys(sectionSettings(f.doc, section), {
      method: 'boto-config',
      provider: 'boto-config',
      tokens: false,
      accountId: false,
      where: `[Credentials] in ${f.path}`,
    });
  }
  return {
    status: 'skipped',
    reason: noBotoConfigCredentials(looked, env),
  };
}

// Messages

function noBotoConfigCredentials(looked: string[], env: Readonly<Record<string, string | undefined>>): string {
  return `no boto config credentials (${looked.join('; ')}${
    env.BOTO_CONFIG !== undefined ? '; BOTO_CONFIG is set, so ~/.boto is not tried' : ''
  })`;
}
