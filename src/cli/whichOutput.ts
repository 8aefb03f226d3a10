// Prints a `which` report: the JSON contract, or the text view for a person.
import type { ChainReport } from '../chain/report';
import { makeChalk } from '../render/color';
import { renderWhichText } from '../render/whichText';
import type { CliIO } from './io';
import { wantsJson, type GlobalArgs } from './options';

/** `extra` adds fields to the JSON (e.g. the checks of `which --resolve`) */
export function printWhich(report: ChainReport, a: GlobalArgs, io: CliIO, home: string, extra?: object): void {
  if (wantsJson(a)) io.stdout(JSON.stringify({ ...report, ...extra }, null, 2) + '\n');
  else io.stdout(renderWhichText(report, makeChalk(a.color, io.env, io.isTTY), home));
}
