// `credchain sso populate`: one profile per account and role an IAM Identity Center token grants. The token is the
// one `aws sso login` cached (read, and refreshed for an sso-session, exactly as botocore does), the listing comes
// from the portal through the real SSO client, and the config file is written through the profile editor: locked,
// backed up, verified and replaced atomically, or only diffed with --dry-run. Nothing is written when any call fails.
import { Session } from '../config/session';
import type { Context } from '../core/context';
import { CredchainError, UsageError } from '../core/errors';
import { parseIni } from '../ini/parse';
import { SsoLoginRequiredError } from '../aws/awsErrors';
import { resolveEndpoint } from '../aws/endpoints';
import { loadSsoToken } from '../aws/ssoToken';
import { runEdit, type EditOutcome, type EditPlanner } from '../profiles/editRun';
import type { EditPlan } from '../profiles/edit';
import { listAccess, type AccountRole } from './listAccess';
import { DEFAULT_TEMPLATE, nameProfiles } from './profileNames';
import { planPopulate, type PopulateChange, type PopulateSource } from './populatePlan';
import { ssoSessionNamed, ssoSources } from './ssoSources';

export interface PopulateOptions {
  ssoSession?: string;
  startUrl?: string;
  ssoRegion?: string;
  /** the profile-name template (DEFAULT_TEMPLATE) */
  name?: string;
  region?: string;
  output?: string;
  prune?: boolean;
  dryRun?: boolean;
  /** --endpoint-url for the portal */
  endpointUrl?: string;
  concurrency?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  /** test hook: the lock wait */
  lockTimeoutMs?: number;
}

export interface PopulateOutcome {
  source: PopulateSource;
  endpoint: string;
  accounts: number;
  roles: number;
  changes: PopulateChange[];
  edit: EditOutcome;
}

export async function populate(ctx: Context, o: PopulateOptions): Promise<PopulateOutcome> {
  const session = new Session(ctx, {});
  const { source, startUrl, ssoRegion, loginCommand, tokenKey } = sourceOf(session, o);
  let accessToken: string;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const maxAttempts = o.maxAttempts ?? 5;
  try {
    accessToken = await loadSsoToken(
      session,
      { profile: '', startUrl, ssoRegion, session: tokenKey },
      { timeoutMs, maxAttempts },
    );
  } catch (e) {
    // the token loader names a profile login for the legacy form; populate has no profile, so say what fits
    if (e instanceof SsoLoginRequiredError)
      throw new SsoLoginRequiredError(e.type, e.message.replace(/: run `[^`]*`$/, ''), loginCommand);
    throw e;
  }
  const endpoint = resolveEndpoint(session, 'sso', ssoRegion, o.endpointUrl);
  const entries: AccountRole[] = await listAccess({
    endpoint: endpoint.url,
    ssoRegion,
    accessToken,
    loginCommand,
    concurrency: o.concurrency,
    maxAttempts,
    timeoutMs,
  });
  const named = nameProfiles(entries, o.name ?? DEFAULT_TEMPLATE, o.ssoSession);
  let changes: PopulateChange[] = [];
  const planner: EditPlanner = (files): EditPlan => {
    if (files.config.disabled)
      throw new CredchainError(
        'the config file is disabled (AWS_CONFIG_FILE is set but empty), so sso populate cannot write to it',
        'config',
      );
    const creds =
      files.credentials.text === null || files.credentials.disabled
        ? []
        : parseIni(files.credentials.text, files.credentials.path).sections.map((s) => s.name);
    const plan = planPopulate(
      files.config.text,
      files.config.path,
      source,
      named,
      { region: o.region, output: o.output, prune: o.prune },
      new Set(creds),
    );
    changes = plan.changes;
    const writes =
      plan.text !== (files.config.text ?? '')
        ? [{ file: 'config' as const, path: files.config.path, before: files.config.text, after: plan.text }]
        : [];
    return { op: { kind: 'sso-populate' }, writes, changes: [], warnings: [] };
  };
  const edit = await runEdit(ctx, planner, { dryRun: o.dryRun, lockTimeoutMs: o.lockTimeoutMs });
  return {
    source,
    endpoint: endpoint.url,
    accounts: new Set(entries.map((e) => e.accountId)).size,
    roles: entries.length,
    changes,
    edit,
  };
}

function sourceOf(session: Session, o: PopulateOptions) {
  if (o.ssoSession !== undefined && o.startUrl !== undefined)
    throw new UsageError('give --sso-session NAME or --start-url URL --sso-region REGION, not both');
  if (o.ssoSession !== undefined) {
    const s = ssoSessionNamed(session, o.ssoSession);
    const source: PopulateSource = { kind: 'sso-session', session: s.name };
    return {
      source,
      startUrl: s.startUrl,
      ssoRegion: s.ssoRegion,
      loginCommand: s.loginCommand,
      tokenKey: s.name as string | undefined,
    };
  }
  if (o.startUrl === undefined)
    throw new UsageError('sso populate needs --sso-session NAME (or --start-url URL --sso-region REGION)');
  if (!o.ssoRegion) throw new UsageError('--start-url needs --sso-region REGION');
  // a legacy token is cached under the start URL; any profile that names the URL can log in for it
  const user = ssoSources(session).find((s) => s.kind === 'start-url' && s.startUrl === o.startUrl);
  const loginCommand = user ? user.loginCommand : `aws configure sso (no profile names ${o.startUrl} yet)`;
  const source: PopulateSource = { kind: 'start-url', startUrl: o.startUrl, ssoRegion: o.ssoRegion };
  return { source, startUrl: o.startUrl, ssoRegion: o.ssoRegion, loginCommand, tokenKey: undefined };
}
