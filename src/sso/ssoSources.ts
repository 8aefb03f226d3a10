// The IAM Identity Center sources a config names: each [sso-session NAME] section, and each legacy start URL a
// profile carries itself (sso_start_url + sso_region without sso_session), with the profiles that depend on each.
// `sso status` and `sso populate` both start here.
import type { Session } from '../config/session';
import { CredchainError } from '../core/errors';
import { valueText } from '../ini/parse';
import { closestNames } from '../core/closest';
import { str } from '../config/profileMap';
import { isSsoProfile } from '../providers/sso';

export interface SsoSource {
  kind: 'sso-session' | 'start-url';
  /** the sso-session name, or the start URL */
  name: string;
  startUrl?: string;
  ssoRegion?: string;
  /** where it is defined: the sso-session section, or the first profile that names the URL */
  file: string;
  line: number;
  /** profiles that take their token from it, sorted */
  profiles: string[];
  /** the key of its token in ~/.aws/sso/cache (the session name, or the start URL) */
  cacheKey: string;
  /** the command that gets it a token */
  loginCommand: string;
}

export function ssoSources(session: Session): SsoSource[] {
  const full = session.fullConfig();
  const out = new Map<string, SsoSource>();
  for (const [name, s] of full.config.ssoSessions) {
    out.set(`s:${name}`, {
      kind: 'sso-session',
      name,
      startUrl: str(s.settings, 'sso_start_url'),
      ssoRegion: str(s.settings, 'sso_region'),
      file: s.source.file,
      line: s.source.line,
      profiles: [],
      cacheKey: name,
      loginCommand: `aws sso login --sso-session ${name}`,
    });
  }
  for (const [profile, p] of full.profiles) {
    const settings = p.settings;
    const sessionName = valueText(settings.get('sso_session')?.value);
    if (sessionName !== undefined) {
      out.get(`s:${sessionName}`)?.profiles.push(profile);
      continue;
    }
    const url = str(settings, 'sso_start_url');
    if (url === undefined || !isSsoProfile(settings)) continue;
    const key = `u:${url}`;
    let src = out.get(key);
    if (!src) {
      const at = settings.get('sso_start_url')!;
      src = {
        kind: 'start-url',
        name: url,
        startUrl: url,
        ssoRegion: str(settings, 'sso_region'),
        file: at.file,
        line: at.line,
        profiles: [],
        cacheKey: url,
        loginCommand: `aws sso login --profile ${profile}`,
      };
      out.set(key, src);
    }
    src.profiles.push(profile);
  }
  for (const s of out.values()) s.profiles.sort();
  return [...out.values()];
}

/** the [sso-session NAME] to populate from, with its start URL and region; a config error naming what is missing */
export function ssoSessionNamed(session: Session, name: string): SsoSource & { startUrl: string; ssoRegion: string } {
  const all = ssoSources(session).filter((s) => s.kind === 'sso-session');
  const src = all.find((s) => s.name === name);
  if (!src) {
    const close = closestNames(
      name,
      all.map((s) => s.name),
    );
    const known = all.length
      ? `; the config has ${all.map((s) => s.name).join(', ')}`
      : '; the config has no [sso-session …] section';
    throw new CredchainError(
      `no [sso-session ${name}] in the config file${close.length ? ` (did you mean ${close.join(', ')}?)` : known}`,
      'config',
    );
  }
  const missing = ['sso_start_url', 'sso_region'].filter((k) =>
    k === 'sso_start_url' ? !src.startUrl : !src.ssoRegion,
  );
  if (missing.length)
    throw new CredchainError(
      `[sso-session ${name}] (${src.file}:${src.line}) has no ${missing.join(' or ')}`,
      'config',
    );
  return src as SsoSource & { startUrl: string; ssoRegion: string };
}
