// `profiles --verify` as a table: one row per profile with its method, account and ARN, or what stopped it.
import type { ChalkInstance } from 'chalk';
import type { ProfileVerifyRow, ProfileVerifyStatus } from '../cli/profilesVerify';
import { renderTable } from './table';

const LABEL: Record<ProfileVerifyStatus, string> = {
  ok: '✔ ok',
  'needs-mfa': '… needs MFA',
  'needs-login': '… needs login',
  'no-credentials': '✘ none',
  rejected: '✘ rejected',
  error: '✘ error',
  timeout: '✘ timeout',
};

export function renderProfilesVerifyText(rows: ProfileVerifyRow[], c: ChalkInstance): string {
  if (!rows.length) return 'No profiles in the config or credentials file.\n';
  const colour = (s: ProfileVerifyStatus) => (s === 'ok' ? c.green : s === 'needs-mfa' || s === 'needs-login' ? c.yellow : c.red);
  const table = renderTable(
    [
      { header: 'PROFILE' },
      { header: 'STATUS', style: (t, i) => colour(rows[i].status)(t) },
      { header: 'METHOD' },
      { header: 'ACCOUNT' },
      { header: 'ARN OR ERROR', style: (t, i) => (rows[i].status === 'ok' ? t : colour(rows[i].status)(t)) },
    ],
    rows.map((r) => [r.profile, LABEL[r.status], r.method ?? '-', r.account ?? '-', r.arn ?? detail(r)]),
    { headerStyle: c.bold },
  );
  const failed = rows.filter((r) => !['ok', 'needs-mfa', 'needs-login'].includes(r.status)).length;
  const ok = rows.filter((r) => r.status === 'ok').length;
  return `${table}\n${ok} of ${rows.length} verified${failed ? `, ${failed} failed` : ''}\n`;
}

function detail(r: ProfileVerifyRow): string {
  if (!r.error) return '';
  if (r.status === 'needs-mfa') return 'needs an MFA code: run `credchain verify --profile ' + r.profile + '` on a terminal';
  return r.error.message.split('\n')[0];
}
