// `profiles --verify` as a table: one row per profile with its method, account and ARN, or what stopped it; then a
// summary that counts every profile once (verified, failed, needs login, needs MFA, skipped). On a terminal the rows
// are streamed as they arrive, in columns sized from the listing before any result is in.
import type { ChalkInstance } from 'chalk';
import type { ProfileVerifyRow, ProfileVerifyStatus } from '../cli/profilesVerify';
import type { ProfileEntry } from '../profiles/list';
import { renderTable } from './table';

const LABEL: Record<ProfileVerifyStatus, string> = {
  ok: '✔ ok',
  'needs-mfa': '… needs MFA',
  'needs-login': '… needs login',
  'no-credentials': '- skipped',
  rejected: '✘ rejected',
  error: '✘ error',
  timeout: '✘ timeout',
};

const HEADERS = ['PROFILE', 'STATUS', 'METHOD', 'ACCOUNT', 'ARN OR ERROR'];

export interface ProfilesVerifySummary {
  total: number;
  verified: number;
  failed: number;
  needsLogin: number;
  needsMfa: number;
  /** profiles that give no credentials at all: nothing to verify */
  skipped: number;
}

export function summarizeProfilesVerify(rows: ProfileVerifyRow[]): ProfilesVerifySummary {
  const count = (...s: ProfileVerifyStatus[]) => rows.filter((r) => s.includes(r.status)).length;
  return {
    total: rows.length,
    verified: count('ok'),
    failed: count('rejected', 'error', 'timeout'),
    needsLogin: count('needs-login'),
    needsMfa: count('needs-mfa'),
    skipped: count('no-credentials'),
  };
}

function summaryLine(rows: ProfileVerifyRow[]): string {
  const s = summarizeProfilesVerify(rows);
  return `${s.total} profile${s.total === 1 ? '' : 's'}: ${s.verified} verified, ${s.failed} failed, ${s.needsLogin} need${s.needsLogin === 1 ? 's' : ''} login, ${s.needsMfa} need${s.needsMfa === 1 ? 's' : ''} MFA, ${s.skipped} skipped (no credentials)\n`;
}

const colourOf = (c: ChalkInstance, s: ProfileVerifyStatus) =>
  s === 'ok' ? c.green : s === 'needs-mfa' || s === 'needs-login' ? c.yellow : s === 'no-credentials' ? c.dim : c.red;

function cells(r: ProfileVerifyRow): string[] {
  return [r.profile, LABEL[r.status], r.method ?? '-', r.account ?? '-', r.arn ?? detail(r)];
}

export function renderProfilesVerifyText(rows: ProfileVerifyRow[], c: ChalkInstance): string {
  if (!rows.length) return 'No profiles in the config or credentials file.\n';
  const table = renderTable(
    [
      { header: HEADERS[0] },
      { header: HEADERS[1], style: (t, i) => colourOf(c, rows[i].status)(t) },
      { header: HEADERS[2] },
      { header: HEADERS[3] },
      { header: HEADERS[4], style: (t, i) => (rows[i].status === 'ok' ? t : colourOf(c, rows[i].status)(t)) },
    ],
    rows.map(cells),
    { headerStyle: c.bold },
  );
  return `${table}\n${summaryLine(rows)}`;
}

/** the same table written a row at a time: widths come from the profile names and their expected methods */
export function profilesVerifyStream(profiles: ProfileEntry[], c: ChalkInstance) {
  const widths = [
    Math.max(HEADERS[0].length, ...profiles.map((p) => p.name.length)),
    Math.max(HEADERS[1].length, ...Object.values(LABEL).map((l) => l.length)),
    Math.max(HEADERS[2].length, ...profiles.map((p) => (p.method ?? '-').length)),
    Math.max(HEADERS[3].length, 12),
  ];
  const line = (texts: string[], style: (i: number, padded: string) => string) =>
    texts.map((t, i) => style(i, i < widths.length ? t.padEnd(widths[i]) : t)).join('  ').trimEnd() + '\n';
  return {
    header: line(HEADERS, (_i, p) => c.bold(p)),
    row: (r: ProfileVerifyRow) => line(cells(r), (i, p) => (i === 1 || (i === 4 && r.status !== 'ok') ? colourOf(c, r.status)(p) : p)),
    summary: (rows: ProfileVerifyRow[]) => `\n${summaryLine(rows)}`,
  };
}

function detail(r: ProfileVerifyRow): string {
  if (!r.error) return '';
  if (r.status === 'needs-mfa') return 'needs an MFA code: run `credchain verify --profile ' + r.profile + '` on a terminal';
  return r.error.message.split('\n')[0];
}
