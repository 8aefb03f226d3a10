// Builds what every doctor rule reads: both shared files scanned (read once, parsed with repairs), and a boto3
// Session over those same parsed documents in an offline Context (no network, no processes), so the real providers
// can validate each profile without side effects and without reading or parsing the files again.
import type { Context } from '../core/context';
import { Session, type ResolveOptions } from '../config/session';
import { SharedFiles } from '../config/sharedFiles';
import { offlineContext, scanSharedFile, sessionFile } from './scan';
import type { DoctorInput } from './types';

export function prepareDoctorInput(ctx: Context, opts: ResolveOptions = {}): DoctorInput {
  const offline = offlineContext(ctx);
  const files = { config: scanSharedFile(offline, 'config'), credentials: scanSharedFile(offline, 'credentials') };
  const shared = new SharedFiles(offline, {
    config: sessionFile(files.config),
    credentials: sessionFile(files.credentials),
  });
  return { ctx: offline, opts, session: new Session(offline, opts, shared), files };
}
