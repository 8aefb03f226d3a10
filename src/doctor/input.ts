// Builds what every doctor rule reads: both shared files scanned, and a boto3 Session on their repaired text in an
// offline Context (no network, no processes), so the real providers can validate each profile without side effects.
import type { Context } from '../core/context';
import { Session, type ResolveOptions } from '../config/session';
import { offlineContext, repairedContext, scanSharedFile } from './scan';
import type { DoctorInput } from './types';

export function prepareDoctorInput(ctx: Context, opts: ResolveOptions = {}): DoctorInput {
  const offline = offlineContext(ctx);
  const files = { config: scanSharedFile(offline, 'config'), credentials: scanSharedFile(offline, 'credentials') };
  const session = new Session(repairedContext(offline, [files.config, files.credentials]), opts);
  return { ctx: offline, opts, session, files };
}
