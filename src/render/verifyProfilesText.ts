// `profiles --verify` as a table: one row per profile with its method, account and ARN, or what stopped it; then a
// summary that counts every profile once (verified, failed, needs login, needs MFA, skipped). On a terminal the rows
// are streamed as they arrive, in columns sized from the listing before any result is in.
import type { ChalkInstance } from 'chalk';
import type { ProfileVerifyRow, ProfileVerifyStatus } from '../usecases/verifyProfiles';
import type { ProfileEntry } from '../profiles/list';
import { fitColumns, renderTable, tableRow, type Column } from './table';
import { displayWidth, fitLines } from './terminalText';
import { escapeStrings } from '../core/escape';

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

/** on a narrow terminal names and methods are cut with …, the ARN or error wraps under its column */
function columnsFor(c: ChalkInstance, status: (i: number) => ProfileVerifyStatus): Column[] {
  return [
    { header: HEADERS[0], fit: 'truncate', min: 12, keep: 1 },
    { header: HEADERS[1], style: (t, i) => colourOf(c, status(i))(t) },
    { header: HEADERS[2], fit: 'truncate', min: 11 },
    { header: HEADERS[3] },
    { header: HEADERS[4], style: (t, i) => (status(i) === 'ok' ? t : colourOf(c, status(i))(t)), fit: 'wrap', min: 20 },
  ];
}

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

function summaryLine(rows: ProfileVerifyRow[], width: number | undefined): string {
  const s = summarizeProfilesVerify(rows);
  return fitLines(
    [
      `${s.total} profile${s.total === 1 ? '' : 's'}: ${s.verified} verified, ${s.failed} failed, ${s.needsLogin} ` +
        `need${s.needsLogin === 1 ? 's' : ''} login, ${s.needsMfa} need${s.needsMfa === 1 ? 's' : ''} MFA, ` +
        `${s.skipped} skipped (no credentials)`,
    ],
    width,
  );
}

const colourOf = (c: ChalkInstance, s: ProfileVerifyStatus) =>
  s === 'ok' ? c.green : s === 'needs-mfa' || s === 'needs-login' ? c.yellow : s === 'no-credentials' ? c.dim : c.red;

function cells(r: ProfileVerifyRow): string[] {
  return [r.profile, LABEL[r.status], r.method ?? '-', r.account ?? '-', r.arn ?? detail(r)];
}

/** `width`: the terminal's columns; undefined (piped) keeps every value whole */
export function renderProfilesVerifyText(results: ProfileVerifyRow[], c: ChalkInstance, width?: number): string {
  if (!results.length) return 'No profiles in the config or credentials file.\n';
  const rows = escapeStrings(results);
  const table = renderTable(
    columnsFor(c, (i) => rows[i].status),
    rows.map(cells),
    { headerStyle: c.bold, width },
  );
  return `${table}\n${summaryLine(rows, width)}`;
}

/** the same table written a row at a time: widths come from the profile names and their expected methods */
export function profilesVerifyStream(profiles: ProfileEntry[], c: ChalkInstance, width?: number) {
  // loops, not Math.max(...spread): the number of profiles follows the input
  const natural = [
    HEADERS[0].length,
    0,
    HEADERS[2].length,
    Math.max(HEADERS[3].length, 12),
    columnsFor(c, () => 'ok')[4].min ?? 8,
  ];
  for (const l of Object.values(LABEL)) natural[1] = Math.max(natural[1], displayWidth(l));
  for (const p of escapeStrings(profiles)) {
    natural[0] = Math.max(natural[0], displayWidth(p.name));
    natural[2] = Math.max(natural[2], displayWidth(p.method ?? '-'));
  }
  let current: ProfileVerifyStatus = 'ok';
  const columns = columnsFor(c, () => current);
  const widths = fitColumns(columns, natural, width);
  // the last column takes what is left: its values are not known before the results arrive
  if (width !== undefined)
    widths[4] = Math.max(columns[4].min ?? 8, width - widths.slice(0, 4).reduce((a, b) => a + b, 0) - 8);
  const line = tableRow(columns, widths, { width });
  return {
    header: line(HEADERS, (_i, p) => c.bold(p)).join('\n') + '\n',
    row: (result: ProfileVerifyRow) => {
      const r = escapeStrings(result);
      current = r.status;
      return line(cells(r), (i, p) => (columns[i].style ? columns[i].style!(p, 0) : p)).join('\n') + '\n';
    },
    summary: (rows: ProfileVerifyRow[]) => `\n${summaryLine(rows, width)}`,
  };
}

function detail(r: ProfileVerifyRow): string {
  if (!r.error) return '';
  if (r.status === 'needs-mfa')
    return 'needs an MFA code: run `credchain verify --profile ' + r.profile + '` on a terminal';
  return r.error.message.split('\n')[0];
}
