// Rule family "permissions": files holding secrets that other users can read — the credentials file, the config
// file when it holds key material, and the SSO, CLI and login token caches.
import * as nodePath from 'node:path';
import { KEY_MATERIAL } from '../config/knownKeys';
import { entriesNamed } from '../divergences/entries';
import { listJson } from './expiry';
import { ruleOf, type DoctorInput, type Finding, type RuleFamily } from './types';

const R = ruleOf('permissions');

export const permissionsFamily: RuleFamily = {
  family: 'permissions',
  rules: [R('file-permissions', 'warning', 'a file holding keys or tokens is readable by the group or by others')],
  check(input) {
    const out: Finding[] = [];
    const creds = input.files.credentials;
    if (creds.state === 'ok') out.push(...mode(creds.path, creds.mode, 'the credentials file'));
    const cfg = input.files.config;
    if (cfg.state === 'ok' && holdsKeyMaterial(cfg))
      out.push(...mode(cfg.path, cfg.mode, 'the config file, which holds key material'));
    const aws = `${input.ctx.home.replace(/\/+$/, '')}/.aws`;
    for (const [dir, what] of [
      [`${aws}/sso/cache`, 'a cached SSO token'],
      [`${aws}/cli/cache`, 'role credentials cached by the AWS CLI'],
      [`${aws}/login/cache`, 'a cached login session'],
    ] as const) {
      for (const n of listJson(input, dir)) {
        const p = nodePath.join(dir, n);
        out.push(...mode(p, statMode(input, p), what));
      }
    }
    return out;
  },
};

function holdsKeyMaterial(file: DoctorInput['files']['config']): boolean {
  return KEY_MATERIAL.some((key) => !entriesNamed(file, key).next().done);
}

function statMode(input: DoctorInput, p: string): number | undefined {
  try {
    return Number(input.ctx.fs.statSync(p).mode) & 0o777;
  } catch {
    return undefined;
  }
}

function mode(path: string, m: number | undefined, what: string): Finding[] {
  if (m === undefined || (m & 0o077) === 0) return [];
  const who = m & 0o004 ? 'every user on this machine' : 'members of its group';
  return [
    {
      rule: 'file-permissions',
      severity: 'warning',
      message: `${path} (${what}) has mode ${m.toString(8).padStart(4, '0')}: ${who} can read it`,
      location: { file: path },
      fix: `chmod 600 ${path}`,
    },
  ];
}
