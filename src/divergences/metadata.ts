// Divergences in the container and instance-metadata sources (js-sdk-chain.md §4 #55-64): which values disable
// instance metadata, which container URIs each SDK accepts, how the endpoint mode is spelt.
import { str } from '../config/profileMap';
import { env, E, mergedProfiles, settingAt } from './facts';
import type { DivergenceRule, Evidence } from './types';

export const METADATA: DivergenceRule[] = [
  {
    id: 'js-imds-disabled-values',
    rows: [55],
    title: 'AWS_EC2_METADATA_DISABLED set to something other than true/false',
    boto3: 'disables instance metadata only for "true" (any case)',
    js: 'disables it for any value except exactly "false"',
    fix: 'write AWS_EC2_METADATA_DISABLED=true or unset it',
    affects: ['credentials', 'region'],
    detect: (f) => {
      const v = env(f).AWS_EC2_METADATA_DISABLED;
      return v !== undefined && v !== 'false' && v.toLowerCase() !== 'true'
        ? [E(`AWS_EC2_METADATA_DISABLED=${v}`, { env: 'AWS_EC2_METADATA_DISABLED' })]
        : [];
    },
  },
  {
    id: 'js-container-uri',
    rows: [56, 57, 60],
    title: 'container credentials URI edge cases: an empty variable, a host outside the shared allow-list',
    boto3:
      'an empty variable still triggers the container source; a non-allowed host is ValueError; any loopback ' +
      'address is allowed (≥ 1.32)',
    js:
      'an empty variable is ignored; the legacy provider accepts only localhost / 127.0.0.1 and fails with a ' +
      'generic error',
    fix: 'unset empty container variables; use 127.0.0.1, localhost or 169.254.170.2',
    affects: ['credentials'],
    detect: (f) => {
      const e = env(f);
      const out: Evidence[] = [];
      for (const v of ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'])
        if (e[v] === '') out.push(E(`${v} is set but empty`, { env: v }));
      const full = e.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      if (full && e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI === undefined) {
        let host = '';
        try {
          host = new URL(full).hostname;
        } catch {
          host = '';
        }
        if (!['localhost', '127.0.0.1', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]'].includes(host))
          out.push(
            E(`AWS_CONTAINER_CREDENTIALS_FULL_URI names host "${host}"`, {
              env: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
            }),
          );
      }
      return out;
    },
  },
  {
    id: 'js-imds-endpoint-mode-case',
    rows: [64],
    title: 'instance metadata endpoint mode spelt in another case',
    boto3: 'ipv4 / ipv6 in any case',
    js: 'exactly IPv4 or IPv6',
    fix: 'write IPv4 or IPv6',
    affects: ['credentials'],
    detect: (f) => {
      const out: Evidence[] = [];
      const check = (v: string | undefined, loc: Evidence['location'], profile?: string) => {
        if (v !== undefined && v !== 'IPv4' && v !== 'IPv6' && ['ipv4', 'ipv6'].includes(v.toLowerCase()))
          out.push(E(`endpoint mode "${v}"`, loc, profile));
      };
      check(env(f).AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, { env: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE' });
      for (const [n, s] of mergedProfiles(f))
        check(str(s, 'ec2_metadata_service_endpoint_mode'), settingAt(s, 'ec2_metadata_service_endpoint_mode'), n);
      return out;
    },
  },
];
