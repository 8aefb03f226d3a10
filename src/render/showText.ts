// `credchain show` as text: the profile and where it is defined, each setting with its file and line (and the
// config value it overrides), the sso-session, the role chain as a tree down to its base credentials, the region,
// and the problems. Key ids are masked; secrets arrive already masked (src/profiles/show.ts).
import type { ChalkInstance } from 'chalk';
import { KIND_LABEL } from '../profiles/kinds';
import type { ChainNode, ShowReport, ShownSetting, ShownSettings } from '../profiles/show';
import { maskKey, tildify } from '../core/mask';
import { describeLocation } from './whichText';
import { escaper, lineWriter } from './terminalText';
import { escapeStrings } from '../core/escape';

/** a setting's value as its row shows it; `key` is the row's (escaped) key */
function valueOf(key: string, s: Pick<ShownSetting, 'value' | 'masked' | 'length'>, esc: Escape): string {
  const value = s.value;
  if (s.masked) return `${typeof value === 'string' ? esc(value) : value} (${s.length} chars)`;
  if (typeof value !== 'string')
    // escaped through a copy of the block, as rows always were: two keys that escape alike are shown once
    return (
      Object.entries(Object.fromEntries(Object.entries(value).map(([k, v]) => [esc(k), esc(v)])))
        .map(([k, v]) => `${k} = ${v}`)
        .join('; ') || '(empty block)'
    );
  if (key === 'aws_access_key_id') return maskKey(esc(value));
  return value === '' ? '(empty)' : esc(value);
}

type Escape = (t: string) => string;

/**
 * `f` remembered for the last string it was given: every row of a profile names the same file, so the path is
 * escaped and shortened once instead of once per row
 */
function lastOf(f: Escape): Escape {
  let seen: string | undefined;
  let shown = '';
  return (t) => (t === seen ? shown : ((seen = t), (shown = f(t))));
}

/**
 * The rows of the settings, each escaped as escapeStrings would escape it, handed to `emit` one at a time. Two
 * passes over the rows (the column widths, then the lines), each making a row and escaping its strings as it reads
 * it, so no array of a million rows, no escaped copy of them and no array of their lines is ever held. Loops, not
 * Math.max(...spread). A key longer than 48 overflows its column instead of widening it, so one huge key cannot pad
 * every line to its length; long values (a role ARN, a start URL) set the column up to a point.
 */
function settingLines(rows: ShownSettings, c: ChalkInstance, home: string, emit: (line: string) => void): void {
  if (!rows.length) return emit(c.dim('  (no settings)'));
  const esc = escaper(home);
  const fileOf = lastOf((f) => tildify(esc(f), home));
  let keyWidth = 0;
  let valueWidth = 0;
  for (const s of rows) {
    const key = esc(s.key);
    if (key.length <= 48) keyWidth = Math.max(keyWidth, key.length);
    valueWidth = Math.max(valueWidth, Math.min(48, valueOf(key, s, esc).length));
  }
  for (const s of rows) {
    const key = esc(s.key);
    const at = `${fileOf(s.file)}:${s.line}${s.inherited ? ' [DEFAULT]' : ''}`;
    emit(`  ${key.padEnd(keyWidth)}  ${valueOf(key, s, esc).padEnd(valueWidth)}  ${c.dim(at)}`);
    if (s.overrides) {
      const o = s.overrides;
      const was = `overrides ${valueOf(key, o, esc)} at ${fileOf(o.file)}:${o.line}`;
      emit(`  ${' '.repeat(keyWidth)}  ${c.dim(was)}`);
    }
  }
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

/**
 * The text of `show` handed to `write` in pieces of about 64 KB, each line fitted to `width` (the terminal's columns:
 * long lines wrap under their value; undefined keeps lines whole) as it is produced: a profile may hold a million
 * settings, and neither their lines nor the whole text is ever held at once.
 */
export function writeShowText(
  report: ShowReport,
  c: ChalkInstance,
  home: string,
  width: number | undefined,
  write: (s: string) => void,
): void {
  const out = lineWriter(write, width);
  // the settings are escaped row by row as they are printed, the rest up front
  const { settings, ...rest } = report;
  const r = escapeStrings(rest, home);
  out.line(
    `${c.bold('Profile')}  ${c.bold(r.profile)}  ${c.dim(`(${KIND_LABEL[r.kind]}${r.active ? ', active' : ''})`)}`,
  );
  r.definedIn.forEach((d, i) =>
    out.line(`  ${i === 0 ? 'defined in' : ' '.repeat(10)}  ${tildify(d.file, home)}:${d.line} [${d.section}]`),
  );
  out.line('');
  out.line(c.bold('Settings') + c.dim('  (credentials-file values override config values key by key)'));
  settingLines(settings, c, home, out.line);
  if (r.ssoSession) {
    out.line('');
    const at = r.ssoSession.definedIn
      ? `${tildify(r.ssoSession.definedIn.file, home)}:${r.ssoSession.definedIn.line}`
      : c.red('not defined');
    out.line(`${c.bold(`sso-session ${r.ssoSession.name}`)}  ${c.dim(at)}`);
    if (r.ssoSession.definedIn) settingLines(r.ssoSession.settings, c, home, out.line);
  }
  out.line('');
  out.line(c.bold('Credentials'));
  if (r.chain) {
    let depth = 0;
    for (let n: ChainNode | undefined = r.chain; n; n = n.source, depth++) {
      out.line(`  ${depth === 0 ? '' : '   '.repeat(depth - 1) + '└─ '}${nodeText(n, home)}`);
    }
    if (r.credentials?.deferred)
      out.line(c.dim('  (boto3 defers the calls above until the keys are used; `credchain verify` makes them)'));
  } else out.line(`  ${c.red(r.error ? `none: boto3 raises ${r.error.type}` : 'none')}`);
  out.line('');
  const reg = r.region;
  const regionFrom = reg.location
    ? describeLocation(reg.location, home)
    : reg.source === 'none'
      ? 'not set anywhere boto3 looks'
      : reg.source;
  out.line(`${c.bold('Region')}  ${reg.name ?? c.yellow('(none)')}  ${c.dim(`(${regionFrom})`)}`);
  if (r.problems.length) {
    out.line('');
    out.line(c.bold('Problems'));
    for (const p of r.problems) out.line(`  ${p.level === 'error' ? c.red('✘') : c.yellow('!')} ${p.message}`);
  }
  out.end();
}
