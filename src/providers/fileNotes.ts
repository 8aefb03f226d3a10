// Sentences for files that are not there, shared by the file-based sources.
import type { LoadedIni } from '../config/sharedFiles';

export function describeAbsentFile(what: string, f: LoadedIni): string {
  switch (f.state) {
    case 'disabled':
      return `${f.source} is set but empty, which disables the ${what} (boto3 does not fall back to the default path)`;
    case 'not-a-file':
      return `the ${what} ${f.path} is not a regular file`;
    default:
      return `no ${what} at ${f.path}${f.source !== 'default' ? ` (from ${f.source})` : ''}`;
  }
}
