// Prints a `which` report: the JSON contract, or the text view for a person.
import type { ChainReport } from '../core/report';
import { makeChalk } from '../render/color';
import { renderWhichText } from '../render/whichText';
import { outputWidth, type CliIO } from './io';
import { wantsJson, type GlobalArgs } from './options';

/** what a boto3 client raises on its first call when get_credentials() returned None (botocore's message) */
export const NO_CREDENTIALS_ERROR = {
  type: 'NoCredentialsError',
  message:
    'Unable to locate credentials: boto3 finds none in any source of the chain (get_credentials() returns None), ' +
    'so a client raises NoCredentialsError',
} as const;

/**
 * The report as `which` shows it: when nothing resolves and nothing raised, the error is NoCredentialsError (the
 * contract: a script reads `error.type` alone), and the text and JSON views both read this same object.
 */
export function whichView(report: ChainReport): ChainReport {
  if (report.credentials || report.error) return report;
  return { ...report, error: { ...NO_CREDENTIALS_ERROR } };
}

/** `extra` adds fields to the JSON (e.g. the checks of `which --resolve`) */
export function printWhich(report: ChainReport, a: GlobalArgs, io: CliIO, home: string, extra?: object): void {
  const shown = whichView(report);
  if (wantsJson(a)) io.stdout(JSON.stringify({ ...shown, ...extra }, null, 2) + '\n');
  else io.stdout(renderWhichText(shown, makeChalk(a.color, io.env, io.isTTY), home, outputWidth(io)));
}
