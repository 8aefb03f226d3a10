// `credchain doctor`: lint the shared files and the environment. Offline: nothing is run, nothing is fetched, so its
// help hides the global options that only steer network steps. Exit 1 when a finding reaches --fail-on (error by
// default: something boto3 would raise on), 0 otherwise. --rule / --ignore choose rules by their stable ids.
import type { Argv } from 'yargs';
import { runDoctor, type DoctorReport } from '../doctor/doctor';
import { RULES } from '../doctor/registry';
import type { Severity } from '../doctor/types';
import { EXIT, UsageError } from '../core/errors';
import { closestNames } from '../core/closest';
import { makeChalk } from '../render/color';
import { writeDoctorAnnotations } from '../render/doctorAnnotations';
import { writeDoctorText } from '../render/doctorText';
import { writeJsonChunked } from '../render/jsonChunks';
import { commandContext } from './commandContext';
import { outputWidth, type CliIO } from './io';
import { NETWORK_GLOBALS, resolveOptions, wantsJson, type BuiltArgs, type GlobalArgs } from './options';

const SEVERITIES = ['error', 'warning', 'info'] as const;

export function doctorBuilder<T>(y: Argv<T>) {
  let out = y
    .option('fail-on', {
      choices: SEVERITIES,
      default: 'error' as Severity,
      requiresArg: true,
      describe: 'exit 1 when a finding is at least this severe',
    })
    .option('format', {
      choices: ['text', 'github'] as const,
      default: 'text' as const,
      requiresArg: true,
      describe: 'github: also print GitHub Actions annotations (::error file=…,line=…::) for each finding',
    })
    .option('rule', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'check only these rule ids (repeat or comma-separate)',
    })
    .option('ignore', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'skip these rule ids (repeat or comma-separate)',
    });
  for (const name of NETWORK_GLOBALS) out = out.hide(name);
  return out;
}

export type DoctorArgs = GlobalArgs & BuiltArgs<typeof doctorBuilder>;

export async function doctorCommand(a: DoctorArgs, io: CliIO): Promise<number> {
  const only = ruleIds('--rule', a.rule);
  const skip = ruleIds('--ignore', a.ignore);
  const ctx = commandContext(a, io);
  const report = selectRules(await runDoctor(ctx, resolveOptions(a)), only, skip);
  // written in pieces: 130,000 findings are 28 MB of text and 54 MB of JSON
  if (wantsJson(a)) {
    writeJsonChunked(report as unknown as Record<string, unknown>, io.stdout);
    // stdout is JSON: the workflow commands go to stderr, which the Actions runner reads as well
    if (a.format === 'github') writeDoctorAnnotations(report, io.stderr);
  } else {
    writeDoctorText(report, makeChalk(a.color, io.env, io.isTTY), ctx.home, outputWidth(io), io.stdout);
    if (a.format === 'github') writeDoctorAnnotations(report, io.stdout);
  }
  const threshold = SEVERITIES.indexOf(a.failOn ?? 'error');
  return report.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold) ? EXIT.checkFailed : EXIT.ok;
}

/** the ids given to --rule or --ignore (repeated or comma-separated); UsageError for an id no rule has */
function ruleIds(option: string, given: string[] | undefined): Set<string> | undefined {
  if (!given) return undefined;
  const known = RULES.map((r) => r.id);
  const ids = given
    .flatMap((g) => g.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const near = closestNames(id, known, 3);
    throw new UsageError(noSuchRule(option, id, near));
  }
  return new Set(ids);
}

/** the report with only the chosen rules' findings, its summary counted again */
function selectRules(r: DoctorReport, only: Set<string> | undefined, skip: Set<string> | undefined): DoctorReport {
  if (!only && !skip) return r;
  const findings = r.findings.filter((f) => (!only || only.has(f.rule)) && !skip?.has(f.rule));
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return { ...r, findings, summary };
}

// Messages

function noSuchRule(option: string, id: string, near: string[]): string {
  return (
    `${option}: no rule ` +
    `'${id}'${
      near.length
        ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`
        : ' (the ids are listed in docs/doctor-rules.md)'
    }`
  );
}
