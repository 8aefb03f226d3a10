// The `which` report as text for a person at 2 a.m.: the answer first (which credentials, from where), then every
// source in chain order with its status and reason, then warnings. Key ids are masked; nothing is computed here.
import type { ChalkInstance } from 'chalk';
import type { ChainReport } from '../core/report';
import type { Location, Status } from '../core/types';
import { maskKey, tildify } from '../core/mask';
import { fitLines } from './terminalText';
import { escapeStrings } from '../core/escape';

export function describeLocation(l: Location | undefined, home: string): string {
  if (!l) return '';
  if ('file' in l) return `${tildify(l.file, home)}${l.line ? `:${l.line}` : ''}${l.section ? ` [${l.section}]` : ''}`;
  if ('env' in l) return l.env.join(', ');
  if ('url' in l) return l.url;
  if ('argv' in l) return l.argv.join(' ');
  return `\`${l.command}\``;
}

const MARK: Record<Status, string> = { won: '✔', skipped: '·', shadowed: '◐', error: '✘', 'not-reached': '○' };

/** `width`: the terminal's columns (lines wrap under their value); undefined keeps lines whole */
export function renderWhichText(report: ChainReport, c: ChalkInstance, home: string, width?: number): string {
  const r = escapeStrings(report, home);
  const out: string[] = [];
  const statusColor: Record<Status, (s: string) => string> = {
    won: c.green,
    skipped: c.dim,
    shadowed: c.yellow,
    error: c.red,
    'not-reached': c.dim,
  };
  const profileSrc = r.profile.source === 'default' ? 'no profile selected' : `from ${r.profile.source}`;
  out.push(`${c.bold('Profile')}      ${r.profile.name}  ${c.dim(`(${profileSrc})`)}`);
  const regionSrc = r.region.location
    ? `from ${describeLocation(r.region.location, home)}`
    : r.region.source === 'none'
      ? 'not set anywhere boto3 looks'
      : r.region.source.startsWith('unresolved')
        ? r.region.source
        : `from ${r.region.source}`;
  out.push(`${c.bold('Region')}       ${r.region.name ?? c.yellow('(none)')}  ${c.dim(`(${regionSrc})`)}`);
  out.push('');
  if (r.credentials) {
    const cr = r.credentials;
    out.push(`${c.bold('Credentials')}  ${c.green.bold(cr.method)}`);
    out.push(
      `  access key   ` +
        `${
          cr.deferred && cr.accessKeyId === null
            ? c.dim('not fetched yet (boto3 defers this call until the keys are used; `credchain verify` fetches them)')
            : maskKey(cr.accessKeyId)
        }`,
    );
    if (cr.roleArn) out.push(`  role         ${cr.roleArn}`);
    out.push(`  from         ${describeLocation(cr.location, home)}`);
    if (!cr.deferred)
      out.push(
        `  session      ${cr.hasSessionToken ? 'temporary (has a session token)' : 'long-term (no session token)'}`,
      );
    if (cr.expiration) out.push(`  expires      ${cr.expiration}`);
    if (cr.chain && cr.chain.length > 1) {
      out.push('  chain');
      cr.chain.forEach((l, i) => {
        const what = l.roleArn
          ? `assumes ${l.roleArn}`
          : l.accessKeyId !== undefined
            ? `${l.method} ${maskKey(l.accessKeyId)}`
            : l.method;
        out.push(
          `    ${'  '.repeat(i)}${i === 0 ? '' : '└ '}${l.profile}: ` +
            `${what}${l.location && !l.roleArn ? c.dim(`  ${describeLocation(l.location, home)}`) : ''}`,
        );
      });
    }
  } else if (r.error && r.error.type !== 'NoCredentialsError') {
    out.push(`${c.bold('Credentials')}  ${c.red.bold(`boto3 raises ${r.error.type}`)}`);
    out.push(`  ${r.error.message}`);
    if (r.error.location) out.push(c.dim(`  at ${describeLocation(r.error.location as Location, home)}`));
  } else {
    // no credentials: the JSON says error.type NoCredentialsError, and so does this line
    out.push(
      `${c.bold('Credentials')}  ${c.red.bold('none')}  ` +
        `${c.dim('(boto3 returns None; a client would raise NoCredentialsError: Unable to locate credentials)')}`,
    );
  }
  out.push('');
  out.push(c.bold('Sources, in boto3 order'));
  const methodWidth = Math.max(...r.providers.map((p) => p.method.length));
  for (const p of r.providers) {
    const col = statusColor[p.status];
    const key = p.accessKeyId ? `  ${maskKey(p.accessKeyId)}` : '';
    out.push(`  ${col(MARK[p.status])} ${p.method.padEnd(methodWidth)}  ${col(p.status.padEnd(11))} ${p.reason}${key}`);
    // the winner's notes are listed once, under Warnings
    for (const n of p.notes ?? []) if (!r.warnings.includes(n)) out.push(c.dim(`      ${n}`));
  }
  if (r.warnings.length) {
    out.push('');
    out.push(c.bold('Warnings'));
    for (const w of r.warnings) out.push(`  ${c.yellow('!')} ${w}`);
  }
  return fitLines(out, width);
}
