// Warnings about the environment that do not change the outcome but surprise people: the variables boto3 ignores
// or lets win, as reference/peers.md lists them.
import type { ProviderReport } from '../core/types';
import type { Session } from '../config/session';
import type { RegionReport } from '../config/region';

export function chainWarnings(session: Session, providers: ProviderReport[], region: RegionReport): string[] {
  const env = session.ctx.env;
  const w: string[] = [];
  if (env.AWS_REGION !== undefined && env.AWS_REGION !== region.name) {
    w.push(awsRegionIgnored(env, region));
  }
  if (
    env.AWS_DEFAULT_PROFILE !== undefined &&
    env.AWS_PROFILE !== undefined &&
    env.AWS_DEFAULT_PROFILE !== env.AWS_PROFILE &&
    session.profileSource === 'AWS_DEFAULT_PROFILE'
  ) {
    w.push(defaultProfileHidesProfile(env));
  }
  const envWon = providers.find((p) => p.method === 'env')?.status === 'won';
  if (envWon && (session.profileSource === 'AWS_PROFILE' || session.profileSource === 'AWS_DEFAULT_PROFILE')) {
    w.push(envKeysBeatProfile(session));
  }
  const imds = providers.find((p) => p.method === 'iam-role');
  if (
    session.opts.noImds &&
    imds?.status === 'not-reached' &&
    !providers.some((p) => p.status === 'won' || p.status === 'error')
  ) {
    w.push('--no-imds: instance metadata was not queried, so boto3 could still find credentials there (on EC2)');
  }
  return w;
}

// Messages

function awsRegionIgnored(env: Readonly<Record<string, string | undefined>>, region: RegionReport): string {
  return `AWS_REGION=${env.AWS_REGION} is set, but boto3 ignores AWS_REGION: it uses ${
    region.name ? `${region.name} (from ${region.source})` : 'no region'
  }; set AWS_DEFAULT_REGION too`;
}

function defaultProfileHidesProfile(env: Readonly<Record<string, string | undefined>>): string {
  return (
    `AWS_DEFAULT_PROFILE=${env.AWS_DEFAULT_PROFILE} hides AWS_PROFILE=${env.AWS_PROFILE}: botocore reads ` +
    `AWS_DEFAULT_PROFILE first (the AWS CLI v2 and the JS SDK read AWS_PROFILE)`
  );
}

function envKeysBeatProfile(session: Session): string {
  return (
    `${session.profileSource}=${session.profileVar} is set, but boto3 uses the keys in AWS_ACCESS_KEY_ID: ` +
    `only an explicit profile (--profile, Session(profile_name=…)) removes env credentials. The JS SDK v3 would ` +
    `use the profile instead`
  );
}
