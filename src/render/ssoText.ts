// Text for `sso populate` and `sso status`. Tokens never appear; paths read as ~/… like everywhere else.
import type { PopulateOutcome } from '../sso/populate';
import type { SsoStatus } from '../sso/status';
import { tildify } from '../core/mask';
import { fitLines } from './terminalText';
import { escapeControl, escapeStrings } from '../core/escape';
import type { ChalkInstance as Chalk } from 'chalk';

const VERB: Record<string, string> = {
  added: 'added',
  updated: 'updated',
  renamed: 'renamed',
  removed: 'removed',
  stale: 'stale (its account or role is gone; --prune removes it)',
  clash: 'skipped',
};

export function renderPopulateText(
  outcome: PopulateOutcome,
  home: string,
  width?: number,
): { stdout: string; stderr: string } {
  const o = escapeStrings(outcome, home);
  const counts = new Map<string, number>();
  for (const c of o.changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const lines: string[] = [];
  for (const c of o.changes) {
    if (c.action === 'unchanged') continue;
    const what = `${c.profile}  (account ${c.accountId}, role ${c.roleName})`;
    if (c.action === 'renamed') lines.push(`renamed ${c.detail} → ${what}`);
    else if (c.action === 'clash') lines.push(`skipped ${what}: the name is taken by ${c.detail}`);
    else lines.push(`${VERB[c.action]} ${what}`);
  }
  const source = o.source.kind === 'sso-session' ? `sso-session ${o.source.session}` : `${o.source.startUrl}`;
  const parts = ['added', 'updated', 'renamed', 'removed', 'unchanged', 'stale', 'clash']
    .filter((k) => counts.get(k))
    .map((k) => `${counts.get(k)} ${k === 'clash' ? 'skipped (name taken)' : k}`);
  const file = o.edit.plan.writes[0]?.path;
  const wrote = o.edit.dryRun
    ? 'dry run: nothing was written'
    : o.edit.plan.writes.length
      ? `wrote ` +
        `${tildify(file!, home)}${
          o.edit.backups.length
            ? ` (previous version saved as ${o.edit.backups.map((b) => tildify(b, home)).join(', ')})`
            : ''
        }`
      : 'the config file already matches: nothing was written';
  const summary =
    `${o.roles} role${o.roles === 1 ? '' : 's'} in ${o.accounts} ` +
    `account${o.accounts === 1 ? '' : 's'} from ${source}: ${parts.join(', ') || 'nothing to do'}; ${wrote}`;
  // the diff is a patch: never wrapped, its tabs and newlines kept, any other control character escaped
  const diff = outcome.edit.diff
    .split('\n')
    .map((l) => l.split('\t').map(escapeControl).join('\t'))
    .join('\n');
  return { stdout: o.edit.dryRun ? diff : '', stderr: fitLines([...lines, summary], width) };
}

/** `width`: the terminal's columns (long lines wrap under their value); undefined keeps lines whole */
export function renderStatusText(statuses: SsoStatus[], c: Chalk, home: string, width?: number): string {
  const list = escapeStrings(statuses, home);
  if (!list.length) return NO_SSO_CONFIGURATION;
  const out: string[] = [];
  for (const s of list) {
    const mark = s.state === 'valid' ? c.green('✔') : s.state === 'refreshable' ? c.yellow('↻') : c.red('✘');
    const title = s.kind === 'sso-session' ? `sso-session ${s.name}` : `start URL ${s.name}`;
    out.push(`${mark} ${c.bold(title)}  ${s.detail}${s.expiresAt ? ` (until ${s.expiresAt})` : ''}`);
    if (s.startUrl && s.kind === 'sso-session')
      out.push(`    start URL  ${s.startUrl}${s.ssoRegion ? `  (${s.ssoRegion})` : ''}`);
    out.push(`    defined    ${tildify(s.file, home)}:${s.line}`);
    out.push(`    token      ${tildify(s.tokenFile, home)}`);
    out.push(`    profiles   ${s.profiles.length ? s.profiles.join(', ') : '(none)'}`);
    if (s.state !== 'valid' && s.state !== 'refreshable') out.push(`    fix        ${s.loginCommand}`);
  }
  return fitLines(out, width);
}

// Messages

const NO_SSO_CONFIGURATION =
  'No IAM Identity Center configuration: the config file has no [sso-session …] section and no profile with ' +
  'sso_start_url.\n';
