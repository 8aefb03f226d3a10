// `shared-credentials-file`: static keys in ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE), section named exactly
// as the profile. botocore reads only this file here, not the merged view.
import type { LoadedIni } from '../config/sharedFileLoader';
import type { Outcome } from '../core/types';
import type { Session } from '../config/session';
import { sectionSettings } from '../config/profileMap';
import { sectionNamed } from '../ini/parse';
import { staticKeys } from './staticKeys';
import { describeAbsentFile } from './fileNotes';
import type { Claim } from './claim';

/** static keys in the credentials file: the section named like the profile has an access key id */
export const sharedCredentialsFileClaim: Claim = {
  what: 'static keys in the credentials file',
  key: 'aws_access_key_id',
  from: 'credentialsSection',
  test: (v) => !!v.credentialsSection?.has('aws_access_key_id'),
};

export function sharedCredentialsFileSource(session: Session, profile: string): Outcome {
  const f = session.files.credentials();
  if (!f.doc) return { status: 'skipped', reason: describeAbsentFile('credentials file', f) };
  const section = sectionNamed(f.doc, profile);
  if (!section) {
    return {
      status: 'skipped',
      reason: noProfileSection(f, profile),
    };
  }
  return staticKeys(sectionSettings(f.doc, section), {
    method: 'shared-credentials-file',
    provider: 'shared-credentials-file',
    tokens: true,
    accountId: true,
    where: `[${profile}] in ${f.path}`,
  });
}

// Messages

function noProfileSection(f: LoadedIni, profile: string): string {
  return `${f.path} has no [${profile}] section${
    f.state === 'unreadable' ? ` (the file is unreadable: ${f.readError}; boto3 treats it as empty)` : ''
  }`;
}
