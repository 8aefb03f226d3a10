// Text for `credchain compare` (boto3 and the JS SDK side by side, each difference with the rules that explain it)
// and for `credchain which --sdk js` (the JS chain alone, link by link). Key ids are masked; nothing is computed.
import type { ChalkInstance } from 'chalk';
import type { Comparison, RuleMatch } from '../compare/compare';
import { describeBoto3, describeJs } from '../compare/compare';
import type { JsChainReport } from '../compare/jsReport';
import type { Location, Status } from '../core/types';
import { describeLocation } from './whichText';
import { describeFindingLocation } from './doctorText';
import { maskKey } from '../core/mask';
import { renderTable } from './table';
import { fitLines } from './terminalText';
import { escapeStrings } from '../core/escape';

const MARK: Record<Status, string> = { won: '✔', skipped: '·', shadowed: '◐', error: '✘', 'not-reached': '○' };

function sdkLabel(js: JsChainReport): string {
  const v = js.versions['@aws-sdk/credential-providers'];
  return `JS SDK v3${v ? ` (credential-providers ${v})` : ''}`;
}

/** `width`: the terminal's columns (the two answers wrap in their columns); undefined keeps lines whole */
export function renderCompareText(comparison: Comparison, c: ChalkInstance, home: string, width?: number): string {
  const cmp = escapeStrings(comparison, home);
  const { boto3: b, js: j } = cmp;
  const out: string[] = [];
  const rows: [string, string, string][] = [
    ['profile', `${b.profile.name} (${b.profile.source})`, `${j.profile.name} (${j.profile.source})`],
    [
      'region',
      b.region.name === null ? '(none)' : `${b.region.name} (${b.region.source})`,
      j.region.name === null ? '(none)' : `${j.region.name} (${j.region.source})`,
    ],
    ['credentials', describeBoto3(b), describeJs(j)],
    [
      'from',
      describeLocation(b.credentials?.location, home) || '—',
      describeLocation(j.credentials?.location as Location | undefined, home) || '—',
    ],
  ];
  const table = renderTable(
    [
      { header: '', style: (t) => c.dim(t) },
      { header: 'boto3', fit: 'wrap', min: 16 },
      { header: sdkLabel(j), fit: 'wrap', min: 16, style: (t, n) => (rows[n][1] === rows[n][2] ? t : c.yellow(t)) },
    ],
    rows,
    { headerStyle: (h) => c.bold(h), width },
  );
  out.push(table.trimEnd());
  out.push('');
  if (cmp.differences.length) {
    out.push(c.bold('Differences'));
    for (const d of cmp.differences) {
      out.push(`  ${c.red('≠')} ${c.bold(d.aspect)}: boto3 ${d.boto3}; JS ${d.js}`);
      if (!d.rules.length) out.push(c.dim('      no rule in js-sdk-chain.md explains this difference'));
      for (const r of d.rules) out.push(...ruleLines(r, c, home, '      '));
    }
    out.push('');
  }
  if (cmp.latent.length) {
    out.push(c.bold('Divergences that apply here but did not change the answer'));
    for (const r of cmp.latent) out.push(...ruleLines(r, c, home, '  '));
    out.push('');
  }
  out.push(c.bold(`JS chain (fromNodeProviderChain)`));
  out.push(...linkLines(j, c));
  if (j.calls.length) {
    out.push('');
    out.push(
      c.bold(
        j.calls.some((x) => !x.made)
          ? 'AWS calls the JS SDK would make (recorded, not sent; --resolve sends them)'
          : 'AWS calls the JS SDK made',
      ),
    );
    for (const call of j.calls) out.push(`  ${callLine(call)}`);
  }
  const warnings = [...b.warnings.map((w) => `boto3: ${w}`), ...j.warnings.map((w) => `JS: ${w}`)];
  if (warnings.length) {
    out.push('');
    out.push(c.bold('Warnings'));
    for (const w of warnings) out.push(`  ${c.yellow('!')} ${w}`);
  }
  out.push('');
  out.push(
    cmp.verdict === 'agree'
      ? c.green('boto3 and the JS SDK agree')
      : cmp.verdict === 'neither-resolves'
        ? c.red('neither boto3 nor the JS SDK resolves credentials')
        : c.red(sdksDisagree(cmp.differences.length)),
  );
  return fitLines(out, width);
}

function ruleLines(r: RuleMatch, c: ChalkInstance, home: string, indent: string): string[] {
  const out = [`${indent}${c.cyan(r.id)} ${c.dim(`(${r.citation})`)}: ${r.title}`];
  for (const e of r.evidence) {
    const where = describeFindingLocation(e.location, home);
    out.push(`${indent}  here: ${e.message}${where ? c.dim(`  ${where}`) : ''}`);
  }
  out.push(`${indent}  boto3 ${r.boto3}; JS ${r.js}`);
  out.push(`${indent}  ${c.green('to agree:')} ${r.fix}`);
  return out;
}

function linkLines(j: JsChainReport, c: ChalkInstance): string[] {
  const col: Record<Status, (s: string) => string> = {
    won: c.green,
    skipped: c.dim,
    shadowed: c.yellow,
    error: c.red,
    'not-reached': c.dim,
  };
  const w = Math.max(...j.providers.map((p) => p.method.length));
  return j.providers.map(
    (p) =>
      `  ${col[p.status](MARK[p.status])} ${p.method.padEnd(w)}  ${col[p.status](p.status.padEnd(11))} ` +
      `${firstLine(p.reason)}${p.resolvedAs ? c.dim(`  (${p.resolvedAs})`) : ''}`,
  );
}

function callLine(call: JsChainReport['calls'][number]): string {
  const params = Object.entries(call.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const signer = call.signedBy
    ? `, signed with ${call.signedBy.method ?? 'static keys'} ${maskKey(call.signedBy.accessKeyId)}`
    : '';
  return `${call.api} ${params}${signer}`;
}

/** a JS SDK message's first line; the report is escaped by then, so its newlines read `\n` */
function firstLine(escaped: string): string {
  return escaped.split('\\n')[0];
}

/** `credchain which --sdk js`; `width` as for compare */
export function renderJsWhichText(report: JsChainReport, c: ChalkInstance, home: string, width?: number): string {
  const j = escapeStrings(report, home);
  const out: string[] = [];
  out.push(`${c.bold('SDK')}          ${sdkLabel(j)}, fromNodeProviderChain`);
  out.push(
    `${c.bold('Profile')}      ${j.profile.name}  ` +
      `${c.dim(`(${j.profile.source === 'default' ? 'no profile selected' : `from ${j.profile.source}`})`)}`,
  );
  out.push(
    `${c.bold('Region')}       ${j.region.name ?? c.yellow('(none)')}  ` +
      `${c.dim(j.region.name === null ? `(${j.region.error ?? 'not set'})` : `(from ${j.region.source})`)}`,
  );
  out.push('');
  const cr = j.credentials;
  if (cr) {
    out.push(
      `${c.bold('Credentials')}  ${c.green.bold(cr.method ?? 'unattributed')}  ` +
        `${c.dim(
          `($source: ${
            Object.entries(cr.source)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ') || 'none'
          })`,
        )}`,
    );
    const notFetched = c.dim('not fetched: the AWS call was recorded, not made (--resolve makes it)');
    out.push(`  access key   ${cr.deferred ? notFetched : maskKey(cr.accessKeyId)}`);
    if (cr.roleArn) out.push(`  role         ${cr.roleArn}`);
    if (cr.location) out.push(`  from         ${describeLocation(cr.location, home)}`);
    if (!cr.deferred)
      out.push(
        `  session      ${cr.hasSessionToken ? 'temporary (has a session token)' : 'long-term (no session token)'}`,
      );
    if (cr.expiration) out.push(`  expires      ${cr.expiration}`);
  } else if (j.error) {
    out.push(`${c.bold('Credentials')}  ${c.red.bold(`the JS SDK fails: ${j.error.type}`)}`);
    out.push(`  ${firstLine(j.error.message)}`);
  }
  out.push('');
  out.push(c.bold("Links, in the JS SDK's order"));
  out.push(...linkLines(j, c));
  if (j.calls.length) {
    out.push('');
    out.push(c.bold('AWS calls'));
    for (const call of j.calls) out.push(`  ${callLine(call)}${call.made ? '' : c.dim('  (recorded, not sent)')}`);
  }
  if (j.warnings.length) {
    out.push('');
    out.push(c.bold('Warnings'));
    for (const w of j.warnings) out.push(`  ${c.yellow('!')} ${w}`);
  }
  return fitLines(out, width);
}

// Messages

function sdksDisagree(differences: number): string {
  return `boto3 and the JS SDK disagree (${differences} difference${differences === 1 ? '' : 's'})`;
}
