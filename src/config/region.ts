// Region as boto3 resolves it: --region (Session(region_name=…)), then AWS_DEFAULT_REGION (even empty), then the
// profile's region (credentials file beating config). AWS_REGION is not read by boto3.
import { BotoError } from '../core/errors';
import { valueText } from '../ini/parse';
import type { Location } from '../core/types';
import type { Session } from './session';

export interface RegionReport {
  name: string | null;
  source: string;
  location?: Location;
}

export function resolveRegion(session: Session): RegionReport {
  try {
    const v = session.configVar({ instance: session.opts.region, key: 'region', env: ['AWS_DEFAULT_REGION'] });
    if (v.source === 'instance') return { name: v.value as string, source: '--region' };
    if (v.source === 'unset') return { name: null, source: 'none' };
    if (v.setting) {
      return {
        name: valueText(v.value) ?? null,
        source: 'profile',
        location: { file: v.setting.file, line: v.setting.line, section: v.setting.section },
      };
    }
    return { name: valueText(v.value) ?? null, source: v.source };
  } catch (e) {
    if (e instanceof BotoError) return { name: null, source: `unresolved: ${e.type}` };
    throw e;
  }
}
