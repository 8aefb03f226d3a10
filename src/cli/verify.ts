// `credchain verify`: the `which` resolution, deferred credentials fetched, one STS GetCallerIdentity, then the CI
// expectations. Exit 0 proven, 1 an expectation failed, 253 nothing resolves (or a login/MFA code is needed), 254 AWS
// rejected the credentials, 255 AWS could not be reached. `--format github` adds workflow annotations.
import type { Argv } from 'yargs';
import { METHODS } from '../core/types';
import { parseExpectations } from '../usecases/expectations';
import { verifyChain } from '../usecases/verify';
import { makeChalk } from '../render/color';
import { renderGithubAnnotations, renderVerifyText } from '../render/verifyText';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { networkOptions, resolveOptions, timeoutMs, wantsJson, type BuiltArgs, type GlobalArgs } from './options';
import { materializeOptionsFor } from './materializeOptions';

export function verifyBuilder<T>(y: Argv<T>) {
  return networkOptions(y)
    .option('expect-account', {
      type: 'string',
      array: true,
      describe: 'fail (exit 1) unless the account is one of these (repeat or comma-separate)',
    })
    .option('expect-arn', {
      type: 'string',
      array: true,
      describe: 'fail unless the caller ARN matches this glob (* and ?; repeatable: any may match)',
    })
    .option('expect-method', {
      type: 'string',
      describe: `fail unless boto3 takes the credentials from this source (${METHODS.join(', ')})`,
    })
    .option('forbid-long-term-keys', {
      type: 'boolean',
      describe: 'fail on long-term access keys (AKIA… without a session token)',
    })
    .option('min-ttl', {
      type: 'string',
      describe: 'fail unless the credentials stay valid this long (e.g. 15m, 1h, 1h30m)',
    })
    .option('format', {
      choices: ['text', 'github'] as const,
      default: 'text' as const,
      describe: 'github: add GitHub Actions annotations (::error::) for failed checks',
    });
}

export type VerifyArgs = GlobalArgs & BuiltArgs<typeof verifyBuilder>;

export async function verifyCommand(a: VerifyArgs, io: CliIO): Promise<number> {
  const expectations = parseExpectations(a);
  const resolve = resolveOptions(a);
  // --timeout also bounds a credential_process (default: DEFAULT_HELPER_TIMEOUT_MS, as for every command)
  const ctx = { ...commandContext(a, io), ...(a.timeout !== undefined ? { helperTimeoutMs: timeoutMs(a, 0) } : {}) };
  const outcome = await verifyChain(ctx, resolve, { ...materializeOptionsFor(a, io), expectations });
  const annotations = a.format === 'github' ? renderGithubAnnotations(outcome.report) : '';
  if (wantsJson(a)) {
    io.stdout(JSON.stringify(outcome.report, null, 2) + '\n');
    // stdout is JSON: the workflow commands go to stderr, which the Actions runner reads as well
    if (annotations) io.stderr(annotations);
  } else {
    io.stdout(
      renderVerifyText(outcome.report, makeChalk(a.color, io.env, io.isTTY), ctx.home, outputWidth(io)) + annotations,
    );
  }
  return outcome.exit;
}
