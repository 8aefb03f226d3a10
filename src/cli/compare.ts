// `credchain compare` and `credchain which --sdk js`. compare resolves with boto3's chain and with the real JS SDK
// v3 chain in the same environment and explains each difference. Exit 0 when both agree, 1 when they disagree,
// 253 when neither resolves. `which --sdk js` prints the JS chain alone (0 resolved, 253 not). Neither calls AWS
// unless --resolve is given.
import type { Argv } from 'yargs';
import { resolveChain } from '../chain/boto3Chain';
import { credentialsView, type ChainReport } from '../core/report';
import type { Context } from '../core/context';
import type { ResolveOptions } from '../config/session';
import { fetchCredentials } from '../usecases/verify';
import { compareReports } from '../compare/compare';
import { gatherFacts } from '../compare/facts';
import { resolveJsChain } from '../compare/jsChain';
import { prepareDoctorInput } from '../doctor/input';
import { sessionFile } from '../doctor/scan';
import type { DoctorInput } from '../doctor/types';
import { SharedFiles } from '../config/sharedFiles';
import { EXIT, UsageError } from '../core/errors';
import { makeChalk } from '../render/color';
import { renderCompareText, renderJsWhichText } from '../render/compareText';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { networkOptions, resolveOptions, wantsJson, type BuiltArgs, type GlobalArgs } from './options';
import { materializeOptionsFor } from './materializeOptions';
import { escapeControl } from '../core/escape';

export function compareBuilder<T>(y: Argv<T>) {
  return networkOptions(y).option('resolve', {
    type: 'boolean',
    describe: 'let both SDKs call AWS (AssumeRole, web identity, SSO); by default the JS calls are recorded, not sent',
  });
}

export type CompareArgs = GlobalArgs & BuiltArgs<typeof compareBuilder>;

function jsOptions(a: CompareArgs) {
  const opts = resolveOptions(a);
  if (opts.explicit) throw new UsageError(EXPLICIT_KEYS_NOT_COMPARED);
  return {
    opts,
    js: {
      profile: opts.profile,
      resolve: a.resolve === true,
      noImds: opts.noImds,
      imdsTimeoutSec: opts.imdsTimeoutSec,
      endpointUrl: a.endpointUrl,
    },
  };
}

export async function compareCommand(a: CompareArgs, io: CliIO): Promise<number> {
  const { opts, js: jsOpts } = jsOptions(a);
  const ctx = commandContext(a, io);
  // a large config is held in memory once at any moment: the JS SDK runs first and its parses are let go, then the
  // files are scanned once for the divergence facts, and boto3 resolves over that same scan
  const js = await resolveJsChain(io.env, jsOpts);
  const input = prepareDoctorInput(ctx, opts);
  const report = await boto3Report(ctx, opts, a, io, scannedAsLoaded(ctx, input));
  const cmp = compareReports(report, js, gatherFacts(input, { boto3: report, js }));
  if (wantsJson(a)) io.stdout(JSON.stringify(cmp, null, 2) + '\n');
  else io.stdout(renderCompareText(cmp, makeChalk(a.color, io.env, io.isTTY), ctx.home, outputWidth(io)));
  return cmp.verdict === 'agree' ? EXIT.ok : cmp.verdict === 'disagree' ? EXIT.checkFailed : EXIT.config;
}

/**
 * doctor's scan of the shared files as the Session's loader would have loaded them, when the scan repaired nothing
 * (no parse error, no BOM, nothing too large to read); otherwise undefined, and boto3 loads the files itself and
 * raises as it would
 */
function scannedAsLoaded(ctx: Context, input: DoctorInput): SharedFiles | undefined {
  const { config, credentials } = input.files;
  if ([config, credentials].some((f) => f.state === 'too-large' || f.issues.length)) return undefined;
  return new SharedFiles(ctx, { config: sessionFile(config), credentials: sessionFile(credentials) });
}

/** boto3's answer alone, over `files` when they are already parsed */
async function boto3Report(
  ctx: Context,
  opts: ResolveOptions,
  a: CompareArgs,
  io: CliIO,
  files: SharedFiles | undefined,
): Promise<ChainReport> {
  const { report, credentials, session } = await resolveChain(ctx, opts, files);
  if (a.resolve && credentials?.deferred) {
    const fetched = await fetchCredentials(session, credentials, materializeOptionsFor(a, io));
    if (fetched.credentials) report.credentials = credentialsView(fetched.credentials);
    else if (fetched.check) io.stderr(boto3FetchFailed(credentials.method, escapeControl(fetched.check.message)));
  }
  return report;
}

/** `which --sdk js`: the JS chain alone, in the shape of `which` */
export async function jsWhichCommand(a: CompareArgs, io: CliIO): Promise<number> {
  const { js: jsOpts } = jsOptions(a);
  const ctx = commandContext(a, io);
  const js = await resolveJsChain(io.env, jsOpts);
  if (wantsJson(a)) io.stdout(JSON.stringify(js, null, 2) + '\n');
  else io.stdout(renderJsWhichText(js, makeChalk(a.color, io.env, io.isTTY), ctx.home, outputWidth(io)));
  return js.credentials ? EXIT.ok : EXIT.config;
}

// Messages

const EXPLICIT_KEYS_NOT_COMPARED =
  '--access-key-id / --secret-access-key / --session-token are not part of the JS default chain; compare resolves ' +
  'the default chains only';

function boto3FetchFailed(method: string, message: string): string {
  return `credchain: boto3 side: could not fetch the ${method} credentials: ${message}\n`;
}
