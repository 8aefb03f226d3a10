// The misspelling matcher behind `misspelt-key`: known keys pass, near misses get the key they meant, keys of
// other tools (far from any botocore key) are left alone.
import { describe, expect, it } from 'vitest';
import { editDistance, suggestKey } from '../../src/config/knownKeys';

describe('suggestKey', () => {
  it('leaves known keys alone', () => {
    for (const k of ['aws_access_key_id', 'region', 'sso_session', 'credential_process', 'x_security_token_expires']) expect(suggestKey(k)).toBeUndefined();
  });
  it.each([
    ['aws_secret_acess_key', 'aws_secret_access_key'],
    ['aws_acces_key_id', 'aws_access_key_id'],
    ['role-arn', 'role_arn'],
    ['source-profile', 'source_profile'],
    ['regoin', 'region'],
    ['aws_secret_key', 'aws_secret_access_key'],
    ['aws_region', 'region'],
    ['sso_acount_id', 'sso_account_id'],
    ['credentials_process', 'credential_process'],
  ])('%s → %s', (typo, meant) => expect(suggestKey(typo)).toBe(meant));
  it('ignores keys far from any botocore key (other tools keep their own keys here)', () => {
    for (const k of ['granted_sso_start_url', 'azure_tenant_id', 'saml2aws_provider', 'my_custom_setting']) expect(suggestKey(k)).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps, and stops early past the limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('regoin', 'region')).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
