// What every source receives: the session (context, files, lookups), whether it is only being inspected because
// an earlier source already won (then nothing may run or touch the network), and the IMDS settings botocore
// resolves while building its resolver.
import type { ImdsSettings } from './instanceMetadata';
import type { Session } from '../config/session';

export interface SourceContext {
  session: Session;
  /** true once an earlier source won: report what this source holds, run nothing, call nothing */
  inspecting: boolean;
  imds: ImdsSettings;
}
