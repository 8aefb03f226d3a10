// Which keys and strings count as secrets (src/core/secrets.ts), and `show`'s masking built on it: misspelt secret keys,
// keys naming secret material, and keys or nested entries that are themselves secret material.
import { describe, expect, it } from 'vitest';
import { shownSetting } from '../src/profiles/show';
import { isSecretKey, looksLikeSecret, looksLikeSecretName, maskSecretShapes } from '../src/core/secrets';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD0aBcD';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('isSecretKey', () => {
  it('the secret keys boto3 reads, in any case, and their misspellings', () => {
    for (const k of ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'aws_session_token', 'aws_security_token', 'AWSSecretKey', 'aws_secret_acess_key', 'aws_secret_access_keys', 'aws_sesion_token', 'aws_secuirty_token', 'aws-secret-access-key']) {
      expect(isSecretKey(k), k).toBe(true);
    }
  });

  it('keys whose words name secret material', () => {
    for (const k of ['secret_key', 'aws_secret', 'session_token', 'my_password', 'db_passwd', 'api_key', 'private_key', 'github_token', 'bearer']) expect(isSecretKey(k), k).toBe(true);
  });

  it('not the settings, the access key id, or paths and expiries of secrets', () => {
    for (const k of ['region', 'aws_access_key_id', 'aws_access_key', 'role_arn', 'source_profile', 'sso_start_url', 'sso_session', 'credential_process', 'external_id', 'mfa_serial', 'web_identity_token_file', 'x_security_token_expires', 'aws_account_id', 'tcp_keepalive', 's3', 'output']) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });
});

describe('looksLikeSecret', () => {
  it('secret access keys, session tokens and JWTs, also inside text', () => {
    for (const s of [SECRET, TOKEN, JWT, `stderr: bad key ${SECRET} here`]) expect(looksLikeSecret(s), s).toBe(true);
  });

  it('not access key ids, ARNs, paths, dates, URLs, names', () => {
    for (const s of ['AKIAIOSFODNN7EXAMPLE', 'arn:aws:iam::123456789012:role/Admin', '/home/User1/dotfiles/aws/creds', '2026-11-22T10:00:00Z', 'https://my-sso-portal.awsapps.com/start', 'MyProfileName2024Production', 'aws_secret_access_key', 'my-profile-name-2024']) {
      expect(looksLikeSecret(s), s).toBe(false);
    }
  });

  it('a lower-cased secret is still a secret-shaped name (the parser lower-cases keys)', () => {
    expect(looksLikeSecretName(TOKEN.toLowerCase())).toBe(true);
    expect(looksLikeSecretName(SECRET.toLowerCase())).toBe(true);
    for (const k of ['aws_secret_access_key', 'request_min_compression_size_bytes', 'sigv4a_signing_region_set', 'profile-2024-01-02-eu-west-1']) expect(looksLikeSecretName(k), k).toBe(false);
  });

  it('maskSecretShapes keeps the text around a secret and its length', () => {
    expect(maskSecretShapes(`key ${SECRET} at /home/u/x`)).toBe('key ****(40 chars) at /home/u/x');
  });

  it('a run of ten million characters (where a regex overflows the engine stack) is judged, masked and kept', () => {
    const run = 'v'.repeat(10 * 1024 * 1024);
    expect(looksLikeSecret(run)).toBe(false);
    expect(looksLikeSecretName(run)).toBe(false);
    expect(maskSecretShapes(run)).toBe(run);
    const shaped = SECRET.repeat(256 * 1024);
    expect(looksLikeSecret(`x ${shaped}`)).toBe(true);
    expect(maskSecretShapes(`x ${shaped} y`)).toBe(`x ****(${shaped.length} chars) y`);
  });

  it('finds runs as the regular expressions it replaces did', () => {
    // the rules as they were written with regular expressions, checked on strings short enough for the regex engine
    const RUN = /[A-Za-z0-9+/=_.-]{20,}/g;
    const shaped = (r: string) => {
      const lower = (r.match(/[a-z]/g) ?? []).length;
      const upper = (r.match(/[A-Z]/g) ?? []).length;
      return lower > 0 && /[0-9+/=]/.test(r) && upper * 5 >= lower + upper;
    };
    const oldLooks = (t: string) => [...t.matchAll(RUN)].some((m) => shaped(m[0]));
    const oldMask = (t: string) => t.replace(RUN, (m) => (shaped(m) ? `****(${m.length} chars)` : m));
    const oldName = (t: string) =>
      oldLooks(t) ||
      [...t.matchAll(/[a-z0-9+/=]{24,}/g)].some((m) => /[a-z]/.test(m[0]) && (m[0].replace(/[^0-9]/g, '').length >= 3 || /[+/=]/.test(m[0])));
    const pieces = ['a', 'B', '7', '+', '/', '=', '_', '.', '-', ' ', ':', 'é', SECRET.slice(0, 12), 'abcdefghij', '0123'];
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 3000; i++) {
      const t = Array.from({ length: next(40) }, () => pieces[next(pieces.length)]).join('');
      expect(looksLikeSecret(t), t).toBe(oldLooks(t));
      expect(maskSecretShapes(t), t).toBe(oldMask(t));
      expect(looksLikeSecretName(t), t).toBe(oldName(t));
    }
  });
});

describe('show masks every value whose key looks like a secret', () => {
  const at = { file: '/f', line: 1, section: 's' };
  it('a misspelt secret key is masked with its length', () => {
    expect(shownSetting({ key: 'aws_secret_acess_key', value: SECRET, ...at })).toEqual({ key: 'aws_secret_acess_key', value: '********', masked: true, length: 40, ...at });
  });

  it('a key that is secret material (a wrapped token read as a key) is masked, and so is its value', () => {
    const s = shownSetting({ key: TOKEN.toLowerCase(), value: '', ...at });
    expect(s).toMatchObject({ keyMasked: true, masked: true, value: '********' });
    expect(JSON.stringify(s).toLowerCase()).not.toContain(TOKEN.slice(0, 12).toLowerCase());
  });

  it('a nested block under a plain key: secret-looking entries masked one by one, the rest kept', () => {
    const block = Object.assign(Object.create(null), { endpoint_url: 'https://x', api_token: 'abc', [TOKEN.toLowerCase()]: '', note: SECRET });
    const s = shownSetting({ key: 's3', value: block, ...at });
    const text = JSON.stringify(s);
    expect(text).toContain('https://x');
    for (const leak of ['abc', TOKEN.slice(0, 12).toLowerCase(), SECRET.slice(0, 12)]) expect(text).not.toContain(leak);
  });
});
