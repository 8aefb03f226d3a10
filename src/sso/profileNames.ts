// Profile names for generated profiles: a template filled from each account and role, made safe for every shell
// and for botocore (one shlex token in `[profile NAME]`, nothing a shell expands, never starting with "-"), and
// collisions settled the same way on every run: sorted by account id and role, later ones get the account id,
// then a counter.
import { UsageError } from '../core/errors';
import type { AccountRole } from './listAccess';

export const DEFAULT_TEMPLATE = '{account_name}.{role_name}';
const FIELDS = ['account_name', 'account_id', 'role_name', 'account_email', 'sso_session'] as const;
type Field = (typeof FIELDS)[number];

/** the template's fields, checked: an unknown {field} is a usage error naming the ones there are */
export function checkTemplate(template: string): void {
  if (!template.trim()) throw new UsageError('--name is empty: give a template such as ' + DEFAULT_TEMPLATE);
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(FIELDS as readonly string[]).includes(m[1])) {
      throw new UsageError(`--name: unknown field {${m[1]}}; the fields are ${FIELDS.map((f) => `{${f}}`).join(', ')}`);
    }
  }
}

/** characters a name keeps: letters, digits and . _ - + @ (safe unquoted in bash, zsh, fish and in a section header) */
export function safeName(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._+@-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export interface NamedAccess extends AccountRole {
  name: string;
}

/** fills the template for every entry and settles collisions deterministically */
export function nameProfiles(entries: AccountRole[], template: string, ssoSession: string | undefined): NamedAccess[] {
  checkTemplate(template);
  const sorted = [...entries].sort((a, b) => cmp(a.accountId, b.accountId) || cmp(a.roleName, b.roleName));
  const fill = (e: AccountRole) => {
    const values: Record<Field, string> = {
      account_name: e.accountName,
      account_id: e.accountId,
      role_name: e.roleName,
      account_email: e.emailAddress ?? '',
      sso_session: ssoSession ?? '',
    };
    return (
      safeName(template.replace(/\{([a-z_]+)\}/g, (_, f: Field) => values[f])) ||
      safeName(`${e.accountId}.${e.roleName}`)
    );
  };
  const base = sorted.map(fill);
  const count = new Map<string, number>();
  for (const n of base) count.set(n, (count.get(n) ?? 0) + 1);
  const taken = new Set<string>();
  const out: NamedAccess[] = [];
  sorted.forEach((e, i) => {
    let name = base[i];
    if (count.get(name)! > 1) name = safeName(`${name}-${e.accountId}`);
    let candidate = name;
    for (let k = 2; taken.has(candidate); k++) candidate = `${name}-${k}`;
    taken.add(candidate);
    out.push({ ...e, name: candidate });
  });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
