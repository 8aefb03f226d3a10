// `config-file`: static keys in ~/.aws/config (AWS_CONFIG_FILE) for the profile, by the config file's own profile
// map ([profile x] / [default]); credentials-file values do not count here.
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';
import { staticKeys } from './staticKeys';
import { describeAbsentFile } from './fileNotes';
import type { Claim } from './claim';

/** static keys in the config file: the config file's own profile has an access key id */
export const configFileClaim: Claim = {
  what: 'static keys in the config file',
  key: 'aws_access_key_id',
  from: 'configProfile',
  test: (v) => !!v.configProfile?.has('aws_access_key_id'),
};

export function configFileSource(session: Session, profile: string): Outcome {
  const f = session.files.config();
  if (!f.doc) return { status: 'skipped', reason: describeAbsentFile('config file', f) };
  // the config file's own profile map (full_config built it already; credentials-file values do not count here)
  const p = session.fullConfig().config.profiles.get(profile);
  if (!p) return { status: 'skipped', reason: `${f.path} defines no profile "${profile}"` };
  return staticKeys(p.settings, {
    method: 'config-file',
    provider: 'config-file',
    tokens: true,
    accountId: true,
    where: `[${p.source.section}] in ${f.path}`,
  });
}
