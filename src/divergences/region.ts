// Divergences in the region (js-sdk-chain.md §4 #66-70): the variables each SDK reads, and the JS SDK's question to
// instance metadata when none is configured.
import { env, E } from './facts';
import type { DivergenceRule } from './types';

export const REGION: DivergenceRule[] = [
  {
    id: 'js-region-env-vars',
    rows: [66, 67, 68, 70],
    title: 'AWS_REGION and AWS_DEFAULT_REGION',
    boto3: 'reads AWS_DEFAULT_REGION (before the profile), never AWS_REGION',
    js: 'reads AWS_REGION (before the profile), never AWS_DEFAULT_REGION; AWS_REGION="" is an error',
    fix: 'set AWS_REGION and AWS_DEFAULT_REGION to the same region',
    affects: ['region'],
    detect: (f) => {
      const e = env(f);
      if (e.AWS_REGION === undefined && e.AWS_DEFAULT_REGION === undefined) return [];
      if (e.AWS_REGION === e.AWS_DEFAULT_REGION && e.AWS_REGION !== '') return [];
      const which = e.AWS_REGION !== undefined ? 'AWS_REGION' : 'AWS_DEFAULT_REGION';
      const desc = [
        e.AWS_REGION !== undefined ? `AWS_REGION=${e.AWS_REGION}` : 'no AWS_REGION',
        e.AWS_DEFAULT_REGION !== undefined ? `AWS_DEFAULT_REGION=${e.AWS_DEFAULT_REGION}` : 'no AWS_DEFAULT_REGION',
      ];
      return [E(desc.join(', '), { env: which })];
    },
  },
  {
    id: 'js-region-imds',
    rows: [69],
    title: 'no region configured, instance metadata not disabled',
    boto3: 'no region (None)',
    js:
      'asks instance metadata (IMDSv2) for the region (@smithy/core ≥ 3.28), unless AWS_EC2_METADATA_DISABLED ' +
      'has any value',
    fix: 'set the region explicitly (region in the profile, and AWS_REGION / AWS_DEFAULT_REGION)',
    affects: ['region'],
    detect: (f) => {
      const e = env(f);
      if (e.AWS_REGION !== undefined || e.AWS_DEFAULT_REGION !== undefined || e.AWS_EC2_METADATA_DISABLED !== undefined)
        return [];
      const profiles = f.session.fullConfig().profiles;
      if ([f.boto3Profile, f.jsProfile].some((p) => profiles.get(p)?.settings.has('region'))) return [];
      return [E('no region is configured and instance metadata is not disabled', null)];
    },
  },
];
