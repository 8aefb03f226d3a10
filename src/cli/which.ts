// `credchain which` (and bare `credchain`): the chain report. Exit 0 when credentials resolve, 253 when boto3 would
// find none or raise. `--resolve` also fetches deferred credentials (assume-role, web identity, sso) as boto3 would
// on first use, without verifying them, so the report shows the real access key id; a failed fetch exits as
// `verify` does (253, 254, 255).
import type { Argv } from 'yargs';
import { credentialsView } from '../core/report';
import { fetchCredentials } from '../usecases/verify';
import { EXIT } from '../core/errors';
import { plainWhich, resolveForWhich } from './fastEntry';
import { printWhich } from './whichOutput';
import type { CliIO } from './io';
import { materializeOptionsFor } from './materializeOptions';
import { jsWhichCommand } from './compare';
import { networkOptions, type BuiltArgs, type GlobalArgs } from './options';
import { escapeControl } from '../core/escape';

export function whichBuilder<T>(y: Argv<T>) {
  return networkOptions(y)
    .option('resolve', {
      type: 'boolean',
      describe:
        'fetch deferred credentials (AssumeRole, web identity, SSO) as boto3 would on first use; no GetCallerIdentity',
    })
    .option('sdk', {
      choices: ['boto3', 'js'] as const,
      default: 'boto3' as const,
      describe: 'whose chain: boto3 (default) or the real JS SDK v3 (fromNodeProviderChain)',
    });
}

export type WhichArgs = GlobalArgs & BuiltArgs<typeof whichBuilder>;

export async function whichCommand(a: WhichArgs, io: CliIO): Promise<number> {
  if (a.sdk === 'js') return jsWhichCommand(a, io);
  if (!a.resolve) return plainWhich(a, io);
  const { home, resolution } = await resolveForWhich(a, io);
  const { report, credentials, session } = resolution;
  let extra: object | undefined;
  let exit: number = report.credentials ? EXIT.ok : EXIT.config;
  if (credentials?.deferred) {
    const fetched = await fetchCredentials(session, credentials, materializeOptionsFor(a, io));
    if (fetched.credentials) report.credentials = credentialsView(fetched.credentials);
    extra = { checks: fetched.check ? [fetched.check] : [] };
    exit = fetched.exit;
    if (fetched.check && !fetched.check.ok)
      io.stderr(
        `credchain: could not fetch the ${credentials.method} credentials: ${escapeControl(fetched.check.message)}\n`,
      );
  }
  printWhich(report, a, io, home, extra);
  return exit;
}
