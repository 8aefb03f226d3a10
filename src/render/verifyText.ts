// The `verify` report as text: which credentials (masked), where from and how they were fetched, the identity STS
// proved, then every check with what was expected and found. When nothing resolves, the full `which` report
// explains why. GitHub workflow annotations for `--format github`. Nothing is computed here.
import type { ChalkInstance } from 'chalk';
import type { StepCheck, VerifyReport } from '../usecases/verify';
import type { ChainReport } from '../core/report';
import { maskKey, tildify } from '../core/mask';
import { describeLocation, renderWhichText } from './whichText';
import { fitLines } from './terminalText';
import { escapeStrings } from '../core/escape';

/** `width`: the terminal's columns (long lines wrap under their value); undefined keeps lines whole */
export function renderVerifyText(report: VerifyReport, c: ChalkInstance, home: string, width?: number): string {
  const r = escapeStrings(report, home);
  if (!r.credentials)
    return (
      renderWhichText(r as unknown as ChainReport, c, home, width) + '\n' + fitLines(renderChecks(r.checks, c), width)
    );
  const out: string[] = [];
  const cr = r.credentials;
  const profileSrc = r.profile.source === 'default' ? 'no profile selected' : `from ${r.profile.source}`;
  out.push(`${c.bold('Profile')}      ${r.profile.name}  ${c.dim(`(${profileSrc})`)}`);
  const regionSrc = r.region.location
    ? `from ${describeLocation(r.region.location, home)}`
    : r.region.source === 'none'
      ? 'not set anywhere boto3 looks'
      : `from ${r.region.source}`;
  out.push(`${c.bold('Region')}       ${r.region.name ?? c.yellow('(none)')}  ${c.dim(`(${regionSrc})`)}`);
  out.push('');
  out.push(
    `${c.bold('Credentials')}  ${c.green.bold(cr.method)}  ` +
      `${cr.accessKeyId === null ? c.dim('(not fetched)') : maskKey(cr.accessKeyId)}`,
  );
  if (cr.roleArn) out.push(`  role         ${cr.roleArn}`);
  out.push(`  from         ${describeLocation(cr.location, home)}`);
  if (cr.accessKeyId !== null) {
    out.push(
      `  session      ` +
        `${cr.hasSessionToken ? 'temporary (has a session token)' : 'long-term (no session token)'}${
          cr.expiration ? `, expires ${cr.expiration}` : ''
        }`,
    );
  }
  const fetched = r.checks.find((k) => k.check === 'fetch-credentials');
  for (const s of fetched?.steps ?? []) {
    const how =
      s.from === 'cache'
        ? `from the AWS CLI cache ${tildify(s.cacheFile ?? '', home)}`
        : `${s.from === 'sso' ? 'from the SSO portal' : 'from STS'} at ${s.endpoint}`;
    const cached =
      s.from !== 'cache' && s.cacheFile && !s.note ? c.dim(`; cached in ${tildify(s.cacheFile, home)}`) : '';
    out.push(
      `  fetched      ${s.profile}: ${s.roleArn ?? s.kind} ` +
        `${how}${cached}${s.note && s.from !== 'cache' ? c.dim(` (${s.note})`) : ''}`,
    );
  }
  if (cr.chain && cr.chain.length > 1) {
    out.push('  chain');
    cr.chain.forEach((l, i) => {
      const what = l.roleArn
        ? `assumes ${l.roleArn}`
        : l.accessKeyId !== undefined
          ? `${l.method} ${maskKey(l.accessKeyId)}`
          : l.method;
      out.push(`    ${'  '.repeat(i)}${i === 0 ? '' : '└ '}${l.profile}: ${what}`);
    });
  }
  if (r.identity) {
    const id = r.identity;
    out.push('');
    out.push(`${c.bold('Identity')}     ${c.green.bold(id.arn)}`);
    out.push(`  account      ${id.account}`);
    out.push(`  type         ${id.principalType}`);
    if (id.userName) out.push(`  user         ${id.userName}`);
    if (id.roleName) out.push(`  role         ${id.roleName}`);
    if (id.permissionSet)
      out.push(`  permission   ${id.permissionSet} ${c.dim('(IAM Identity Center permission set)')}`);
    if (id.roleSessionName) out.push(`  session      ${id.roleSessionName}`);
    out.push(`  user id      ${id.userId}`);
    out.push(`  proven by    ${c.dim(`STS GetCallerIdentity at ${id.endpoint}`)}`);
  }
  out.push('');
  out.push(...renderChecks(r.checks, c));
  return fitLines(out, width);
}

function renderChecks(checks: StepCheck[], c: ChalkInstance): string[] {
  const out = [c.bold('Checks')];
  for (const k of checks)
    out.push(`  ${k.ok ? c.green('✔') : c.red('✘')} ${k.check.padEnd(21)} ${k.ok ? k.message : c.red(k.message)}`);
  return out;
}

/** GitHub Actions workflow commands: an error per failed check, a notice for a proven identity */
export function renderGithubAnnotations(r: VerifyReport): string {
  const lines: string[] = [];
  for (const k of r.checks)
    if (!k.ok) lines.push(`::error title=${escapeProperty(`credchain verify: ${k.check}`)}::${escapeData(k.message)}`);
  if (r.identity && r.checks.every((k) => k.ok)) {
    lines.push(
      `::notice ` +
        `title=${escapeProperty('credchain verify')}::${escapeData(
          `${r.credentials?.method} credentials for ${r.identity.arn} (account ${r.identity.account})`,
        )}`,
    );
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
