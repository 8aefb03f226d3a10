// boto3's credential chain as one piece of data, in botocore's order, with the rules that shape it written next
// to it. resolveChain() walks it: the first source with credentials wins, an error stops the walk (botocore has no
// fallback after an error), and every later source is only inspected — nothing run, nothing called — so the
// report can say what it would have found.
import type { Context } from '../core/context';
import { BotoError } from '../core/errors';
import type { Credentials, Method, Outcome, ProviderReport } from '../core/types';
import { Session, type ResolveOptions } from '../config/session';
import type { SharedFiles } from '../config/sharedFiles';
import type { SourceContext } from '../providers/sourceContext';
import { credentialsView, type ChainReport } from '../core/report';
import { PROFILE_SOURCES } from '../providers/profileChain';
import { explicitSource } from '../providers/explicit';
import { envSource } from '../providers/env';
import { assumeRoleSource } from '../providers/assumeRole';
import { ec2CredentialsFileSource } from '../providers/ec2CredentialsFile';
import { botoConfigSource } from '../providers/botoConfig';
import { containerRoleSource } from '../providers/containerRole';
import { imdsSettings, instanceMetadataSource, type ImdsSettings } from '../providers/instanceMetadata';
import { resolveRegion } from '../config/region';
import { chainWarnings } from './warnings';

interface SourceSpec {
  method: Method;
  load(sc: SourceContext): Outcome | Promise<Outcome>;
}

/** botocore's create_credential_resolver(): pre-profile, the profile sources, post-profile */
export const BOTO3_CHAIN: SourceSpec[] = [
  { method: 'env', load: (sc) => envSource(sc.session.ctx) },
  { method: 'assume-role', load: (sc) => assumeRoleSource(sc, sc.session.profileName) },
  // Rule "an explicit profile removes the web-identity env vars": the profile's web identity reads only the profile.
  ...PROFILE_SOURCES.map((p) => ({
    method: p.method,
    load: (sc: SourceContext) => p.load(sc, sc.session.profileName, sc.session.explicitProfile),
  })),
  { method: 'ec2-credentials-file', load: (sc) => ec2CredentialsFileSource(sc.session) },
  { method: 'boto-config', load: (sc) => botoConfigSource(sc.session) },
  { method: 'container-role', load: (sc) => containerRoleSource(sc) },
  { method: 'iam-role', load: (sc) => instanceMetadataSource(sc) },
];

/** Rule "only an explicit profile removes env": --profile drops the env provider; AWS_PROFILE does not. */
export function envRemoved(session: Session): boolean {
  return session.explicitProfile;
}

/**
 * Rule "boto3.Session() looks up data_path while it is constructed": a named profile that exists nowhere raises
 * ProfileNotFound there, and a malformed file raises ConfigParseError, unless AWS_DATA_PATH answers the lookup.
 */
function constructBoto3Session(session: Session): void {
  session.configVar({ key: 'data_path', env: ['AWS_DATA_PATH'] });
}

export interface Resolution {
  report: ChainReport;
  /** the winner with its key material (never rendered; for export/exec/verify) */
  credentials: Credentials | null;
  session: Session;
}

export async function resolveChain(ctx: Context, opts: ResolveOptions = {}, files?: SharedFiles): Promise<Resolution> {
  const session = new Session(ctx, opts, files);
  const providers: ProviderReport[] = [];
  let winner: Credentials | null = null;
  let error: BotoError | null = null;
  const notes: string[] = [];

  ctx.debug(`profile: ${session.profileName} (${session.profileSource}); explicit: ${session.explicitProfile}`);
  const explicit = explicitSource(opts);
  let imds: ImdsSettings | undefined;
  try {
    constructBoto3Session(session);
    if (explicit.status === 'won') winner = explicit.credentials;
    else imds = imdsSettings(session);
  } catch (e) {
    if (!(e instanceof BotoError)) throw e;
    error = e;
  }
  providers.push(report('explicit', explicit));
  if (explicit.notes) notes.push(...explicit.notes);

  const sc: SourceContext = { session, inspecting: winner !== null, imds: imds ?? inertImds() };
  for (const spec of BOTO3_CHAIN) {
    if (error) {
      providers.push({
        method: spec.method,
        status: 'not-reached',
        reason: 'not reached: boto3 stopped at the error above',
      });
      continue;
    }
    if (spec.method === 'env' && envRemoved(session)) {
      const held = ctx.env.AWS_ACCESS_KEY_ID ? ': AWS_ACCESS_KEY_ID is set but ignored' : '';
      providers.push({
        method: 'env',
        status: 'skipped',
        reason: `removed from the chain because the profile was given explicitly (--profile)${held}`,
      });
      continue;
    }
    let outcome: Outcome;
    const started = ctx.now();
    try {
      outcome = await spec.load(sc);
    } catch (e) {
      if (!(e instanceof BotoError)) throw e;
      outcome = { status: 'error', error: e };
    }
    ctx.debug(sourceTimingDebug(spec.method, sc.inspecting, outcome, ctx.now() - started));
    if (sc.inspecting) {
      providers.push(inspected(spec.method, outcome));
      continue;
    }
    providers.push(report(spec.method, outcome));
    if (outcome.status === 'won') {
      winner = outcome.credentials;
      if (outcome.notes) notes.push(...outcome.notes);
      sc.inspecting = true;
    } else if (outcome.status === 'error') {
      error = outcome.error;
    }
  }

  const region = resolveRegion(session);
  const r: ChainReport = {
    sdk: 'boto3',
    profile: { name: session.profileName, source: session.profileSource },
    region,
    credentials: winner ? credentialsView(winner) : null,
    error: error
      ? { type: error.type, message: error.message, ...(error.where ? { location: whereToLocation(error.where) } : {}) }
      : null,
    providers,
    warnings: [...chainWarnings(session, providers, region), ...notes],
  };
  return { report: r, credentials: winner, session };
}

function whereToLocation(w: NonNullable<BotoError['where']>) {
  if (w.env) return { env: [w.env] };
  return { file: w.file ?? '', line: w.line ?? 0, section: '' };
}

function report(method: Method, o: Outcome): ProviderReport {
  const base: ProviderReport =
    o.status === 'error'
      ? { method, status: 'error', reason: o.reason ?? `${o.error.type}: ${o.error.message}` }
      : { method, status: o.status, reason: o.reason };
  if (o.status === 'won' || (o.status === 'shadowed' && o.credentials)) {
    const c = o.status === 'won' ? o.credentials : o.credentials!;
    base.location = c.location;
    base.accessKeyId = c.accessKeyId;
  }
  if (o.notes?.length) base.notes = o.notes;
  return base;
}

/** a source evaluated after the winner: what it holds is shadowed; what it would raise is never reached */
function inspected(method: Method, o: Outcome): ProviderReport {
  if (o.status === 'won')
    return { ...report(method, o), status: 'shadowed', reason: `${o.reason} — shadowed by the winner` };
  if (o.status === 'error')
    return { method, status: 'not-reached', reason: `not reached; it would raise ${o.error.type}: ${o.error.message}` };
  return report(method, o);
}

/** IMDS settings when the resolver was never built (explicit credentials or an early error): probe nothing */
function inertImds(): ImdsSettings {
  return imdsSettings.inert();
}

// Messages

function sourceTimingDebug(method: Method, inspected: boolean, outcome: Outcome, ms: number): string {
  return `${method}${inspected ? ' (inspected)' : ''}: ${outcome.status} in ${ms} ms — ${
    outcome.status === 'error' ? `${outcome.error.type}: ${outcome.error.message}` : outcome.reason
  }`;
}
