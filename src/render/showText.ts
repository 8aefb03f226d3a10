// `credchain show` as text: the profile and where it is defined, each setting with its file and line (and the
// config value it overrides), the sso-session, the role chain as a tree down to its base credentials, the region,
// and the problems. Key ids are masked; secrets arrive already masked (src/profiles/show.ts).
import type { ChalkInstance } from 'chalk';
import { KIND_LABEL } from '../profiles/kinds';
import type { ChainNode, ShowReport, ShownSetting } from '../profiles/show';
import { maskKey, tildify } from '../core/mask';
import { describeLocation } from './whichText';
import { escaper, fitLines } from './terminalText';
import { escapeStrings } from '../core/escape';

function valueOf(s: Pick<ShownSetting, 'key' | 'value' | 'masked' | 'length'>): string {
  if (s.masked) return `${s.value} (${s.length} chars)`;
  if (s.key === 'aws_access_key_id' && typeof s.value === 'string') return maskKey(s.value);
  if (typeof s.value !== 'string')
    return (
      Object.entries(s.value)
        .map(([k, v]) => `${k} = ${v}`)
        .join('; ') || '(empty block)'
    );
  return s.value === '' ? '(empty)' : s.value;
}

/** one setting with its strings escaped as escapeStrings would (a copy per row, not of the whole report) */
function escapedSetting(s: ShownSetting, esc: (t: string) => string): ShownSetting {
  const text = (v: ShownSetting['value']) =>
    typeof v === 'string' ? esc(v) : Object.fromEntries(Object.entries(v).map(([k, x]) => [esc(k), esc(x)]));
  const out: ShownSetting = { ...s, key: esc(s.key), value: text(s.value), file: esc(s.file), section: esc(s.section) };
  if (s.overrides) out.overrides = { ...s.overrides, value: text(s.overrides.value), file: esc(s.overrides.file) };
  return out;
}

function settingLines(raw: ShownSetting[], c: ChalkInstance, home: string): string[] {
  if (!raw.length) return [c.dim('  (no settings)')];
  const esc = escaper(home);
  // two passes over the rows, each escaping as it goes, so no escaped copy of a million settings is ever held.
  // Loops, not Math.max(...spread). A key longer than 48 overflows its column instead of widening it, so one huge key
  // cannot pad every line to its length; long values (a role ARN, a start URL) set the column up to a point.
  let keyWidth = 0;
  let valueWidth = 0;
  for (const r of raw) {
    const s = escapedSetting(r, esc);
    if (s.key.length <= 48) keyWidth = Math.max(keyWidth, s.key.length);
    valueWidth = Math.max(valueWidth, Math.min(48, valueOf(s).length));
  }
  const out: string[] = [];
  for (const r of raw) {
    const s = escapedSetting(r, esc);
    const at = `${tildify(s.file, home)}:${s.line}${s.inherited ? ' [DEFAULT]' : ''}`;
    out.push(`  ${s.key.padEnd(keyWidth)}  ${valueOf(s).padEnd(valueWidth)}  ${c.dim(at)}`);
    if (s.overrides) {
      const o = s.overrides;
      const was = `overrides ${valueOf({ key: s.key, ...o })} at ${tildify(o.file, home)}:${o.line}`;
      out.push(`  ${' '.repeat(keyWidth)}  ${c.dim(was)}`);
    }
  }
  return out;
}

function nodeText(n: ChainNode, home: string): string {
  const who = n.profile ?? '(no profile)';
  let what: string;
  if (n.method === 'assume-role') what = `assumes ${n.roleArn}`;
  else if (n.method === 'sso')
    what =
      `sso: account ${n.ssoAccountId ?? '?'}, role ` +
      `${n.ssoRoleName ?? '?'}${n.ssoSession ? `, sso-session ${n.ssoSession}` : ''}`;
  else if (n.method === 'assume-role-with-web-identity')
    what = `web identity: assumes ${n.roleArn} with the token in ${n.webIdentityTokenFile}`;
  else what = `${n.method}${n.accessKeyId !== undefined ? ` ${maskKey(n.accessKeyId)}` : ''}`;
  const extras: string[] = [];
  if (n.mfaSerial) extras.push(`mfa ${n.mfaSerial}`);
  if (n.externalId !== undefined) extras.push(`external id ${n.externalId}`);
  if (n.roleSessionName && n.method === 'assume-role') extras.push(`session name ${n.roleSessionName}`);
  if (n.durationSeconds !== undefined) extras.push(`${n.durationSeconds} s`);
  const where = n.location ? `  (${describeLocation(n.location, home)})` : '';
  return `${who}: ${what}${extras.length ? ` [${extras.join(', ')}]` : ''}${where}`;
}

/** `width`: the terminal's columns (long lines wrap under their value); undefined keeps lines whole */
export function renderShowText(report: ShowReport, c: ChalkInstance, home: string, width?: number): string {
  // the settings (a profile may hold a million) are escaped row by row as they are printed, the rest up front
  const { settings, ...rest } = report;
  const r = escapeStrings(rest, home);
  const out: string[] = [];
  out.push(
    `${c.bold('Profile')}  ${c.bold(r.profile)}  ${c.dim(`(${KIND_LABEL[r.kind]}${r.active ? ', active' : ''})`)}`,
  );
  r.definedIn.forEach((d, i) =>
    out.push(`  ${i === 0 ? 'defined in' : ' '.repeat(10)}  ${tildify(d.file, home)}:${d.line} [${d.section}]`),
  );
  out.push('');
  out.push(c.bold('Settings') + c.dim('  (credentials-file values override config values key by key)'));
  for (const l of settingLines(settings, c, home)) out.push(l);
  if (r.ssoSession) {
    out.push('');
    const at = r.ssoSession.definedIn
      ? `${tildify(r.ssoSession.definedIn.file, home)}:${r.ssoSession.definedIn.line}`
      : c.red('not defined');
    out.push(`${c.bold(`sso-session ${r.ssoSession.name}`)}  ${c.dim(at)}`);
    if (r.ssoSession.definedIn) for (const l of settingLines(r.ssoSession.settings, c, home)) out.push(l);
  }
  out.push('');
  out.push(c.bold('Credentials'));
  if (r.chain) {
    let depth = 0;
    for (let n: ChainNode | undefined = r.chain; n; n = n.source, depth++) {
      out.push(`  ${depth === 0 ? '' : '   '.repeat(depth - 1) + '└─ '}${nodeText(n, home)}`);
    }
    if (r.credentials?.deferred)
      out.push(c.dim('  (boto3 defers the calls above until the keys are used; `credchain verify` makes them)'));
  } else out.push(`  ${c.red(r.error ? `none: boto3 raises ${r.error.type}` : 'none')}`);
  out.push('');
  const reg = r.region;
  const regionFrom = reg.location
    ? describeLocation(reg.location, home)
    : reg.source === 'none'
      ? 'not set anywhere boto3 looks'
      : reg.source;
  out.push(`${c.bold('Region')}  ${reg.name ?? c.yellow('(none)')}  ${c.dim(`(${regionFrom})`)}`);
  if (r.problems.length) {
    out.push('');
    out.push(c.bold('Problems'));
    for (const p of r.problems) out.push(`  ${p.level === 'error' ? c.red('✘') : c.yellow('!')} ${p.message}`);
  }
  return fitLines(out, width);
}
