// `credchain sso populate` and `credchain sso status`: profiles from IAM Identity Center, and the state of each
// cached login. populate's --region and --output are the settings written on each generated profile (its own result
// comes as JSON with --json).
import type { Argv } from 'yargs';
import { Session } from '../config/session';
import { EXIT, UsageError } from '../core/errors';
import { makeChalk } from '../render/color';
import { renderPopulateText, renderStatusText } from '../render/ssoText';
import { populate, type PopulateOutcome } from '../sso/populate';
import { DEFAULT_TEMPLATE } from '../sso/profileNames';
import { ssoStatus } from '../sso/status';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { NETWORK_GLOBALS, type BuiltArgs, type CommandRunner, type GlobalArgs, type Globals } from './options';

const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;

/** the subcommands of `sso`, for usage messages */
export const SSO_SUBCOMMANDS = ['populate', 'status'];

export function ssoBuilder(run: CommandRunner) {
  return (y: Argv<Globals>) =>
    y
      .command(
        'populate',
        'write one profile per account and role your IAM Identity Center login grants',
        populateBuilder<Globals>,
        run(populateCommand),
      )
      .command(
        'status',
        'each sso-session and start URL: is its cached login valid, until when, which profiles use it (offline)',
        statusBuilder<Globals>,
        run(statusCommand),
      )
      .demandCommand(1, `sso needs a subcommand: ${SSO_SUBCOMMANDS.join(' or ')}`);
}

function populateBuilder<T>(y: Argv<T>) {
  let out = y
    .option('sso-session', {
      type: 'string',
      requiresArg: true,
      describe: 'the [sso-session NAME] whose cached token to use (`aws sso login --sso-session NAME` first)',
    })
    .option('start-url', {
      type: 'string',
      requiresArg: true,
      describe: 'legacy form: the start URL (with --sso-region) instead of an sso-session',
    })
    .option('sso-region', { type: 'string', requiresArg: true, describe: 'legacy form: the Identity Center region' })
    .option('name', {
      type: 'string',
      requiresArg: true,
      default: DEFAULT_TEMPLATE,
      describe: 'profile-name template: {account_name} {account_id} {role_name} {account_email} {sso_session}',
    })
    .option('region', { type: 'string', requiresArg: true, describe: 'region = … on every generated profile' })
    .option('output', {
      type: 'string',
      choices: OUTPUT_FORMATS.filter((f) => f !== 'json' && f !== 'text'),
      requiresArg: true,
      describe: 'output = … on every generated profile (this command prints JSON with --json)',
    })
    .option('prune', { type: 'boolean', describe: 'remove generated profiles whose account or role is gone' })
    .option('dry-run', { type: 'boolean', describe: 'print the diff and write nothing' })
    .option('concurrency', {
      type: 'number',
      default: 8,
      requiresArg: true,
      describe: 'ListAccountRoles calls in flight at once',
    })
    .option('endpoint-url', {
      type: 'string',
      requiresArg: true,
      describe:
        'the SSO portal endpoint (else AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL, the profile’s endpoint settings)',
    });
  for (const name of NETWORK_GLOBALS) if (name !== 'endpoint-url') out = out.hide(name);
  return out;
}

/** populate's --region, --output and --endpoint-url stand for what it writes and calls, not for the global ones */
type PopulateArgs = Omit<GlobalArgs, 'region' | 'output' | 'endpointUrl'> & BuiltArgs<typeof populateBuilder>;

function statusBuilder<T>(y: Argv<T>) {
  let out = y;
  for (const name of NETWORK_GLOBALS) out = out.hide(name);
  return out;
}

async function populateCommand(a: PopulateArgs, io: CliIO): Promise<number> {
  const concurrency = Number(a.concurrency ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, not ${JSON.stringify(a.concurrency)}`);
  const ctx = commandContext(a, io);
  const outcome = await populate(ctx, {
    ssoSession: a.ssoSession,
    startUrl: a.startUrl,
    ssoRegion: a.ssoRegion,
    name: a.name,
    region: a.region,
    output: a.output,
    prune: a.prune,
    dryRun: a.dryRun,
    endpointUrl: a.endpointUrl,
    concurrency,
    lockTimeoutMs: io.env.CREDCHAIN_LOCK_TIMEOUT_MS ? Number(io.env.CREDCHAIN_LOCK_TIMEOUT_MS) : undefined,
  });
  if (a.json) {
    io.stdout(JSON.stringify(populateJson(outcome), null, 2) + '\n');
  } else {
    const text = renderPopulateText(outcome, ctx.home);
    io.stdout(text.stdout);
    io.stderr(text.stderr);
  }
  return EXIT.ok;
}

function populateJson(o: PopulateOutcome) {
  return {
    source: o.source,
    endpoint: o.endpoint,
    accounts: o.accounts,
    roles: o.roles,
    dryRun: o.edit.dryRun,
    changed: o.edit.plan.writes.length > 0,
    file: o.edit.plan.writes[0]?.path ?? null,
    backups: o.edit.backups,
    changes: o.changes,
    diff: o.edit.dryRun ? o.edit.diff : null,
  };
}

async function statusCommand(args: GlobalArgs, io: CliIO): Promise<number> {
  const ctx = commandContext(args, io);
  const list = ssoStatus(new Session(ctx, {}));
  if (args.json || args.output === 'json') {
    io.stdout(JSON.stringify({ sources: list }, null, 2) + '\n');
  } else {
    io.stdout(renderStatusText(list, makeChalk(args.color, io.env, io.isTTY), ctx.home, outputWidth(io)));
  }
  // a status report, not a check: exit 0 whatever the tokens' state
  return EXIT.ok;
}
