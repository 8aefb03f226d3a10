// materializeCredentials on an in-memory world: static credentials pass through, an inspected placeholder is refused,
// an MFA hop never calls anything without a code, the prompt says what botocore's getpass says, the outer hop's
// cache entry is used before anything below it is touched, and SSO follows the portal's answer.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../src/chain/boto3Chain';
import type { Credentials } from '../../src/core/types';
import { MfaCodeRequiredError } from '../../src/aws/awsErrors';
import { assumeRoleCacheKey, jsonFileCache } from '../../src/aws/cliCache';
import { materializeCredentials, type FetchStep } from '../../src/usecases/materialize';
import { CredchainError } from '../../src/core/errors';
import { FIXED_NOW, memContext } from '../support/memContext';

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';
const CONFIG = `[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n[profile mfa]\nrole_arn = ${ROLE}\nsource_profile = sso\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n[profile sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n`;
const tokenFile = `.aws/sso/cache/${createHash('sha1').update('https://x.awsapps.com/start').digest('hex')}.json`;
const tmpCache = () => jsonFileCache({ fs, writeFs: fs }, fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-mat-')));

async function winner(ctx: ReturnType<typeof memContext>, profile: string) {
  const r = await resolveChain(ctx, { profile });
  return { session: r.session, creds: r.credentials! };
}

describe('materializeCredentials', () => {
  it('static credentials come back unchanged, without any call', async () => {
    const ctx = memContext({ files: { '.aws/config': CONFIG } });
    const { session, creds } = await winner(ctx, 'base');
    expect(await materializeCredentials(session, creds, { interactive: false, useCache: false })).toBe(creds);
    expect(ctx.requests).toEqual([]);
  });

  it('refuses credentials that were only inspected', async () => {
    const ctx = memContext({ files: { '.aws/config': CONFIG } });
    const { session } = await winner(ctx, 'base');
    const placeholder: Credentials = { method: 'custom-process', accessKeyId: null, secretAccessKey: null, sessionToken: null, expiration: null, location: { command: 'x' } };
    await expect(materializeCredentials(session, placeholder, { interactive: false })).rejects.toThrow(CredchainError);
    expect(ctx.requests).toEqual([]);
  });

  it('an MFA hop without a code and without a terminal fails before any call, naming the profile and serial', async () => {
    const ctx = memContext({ files: { '.aws/config': CONFIG } });
    const { session, creds } = await winner(ctx, 'mfa');
    const e = await materializeCredentials(session, creds, { interactive: false, useCache: false }).catch((x) => x);
    expect(e).toBeInstanceOf(MfaCodeRequiredError);
    expect(e.message).toBe('profile "mfa" needs an MFA code for arn:aws:iam::123456789012:mfa/me, and credchain cannot prompt for one here (no terminal, or CI is set): pass --mfa-code CODE');
    expect(ctx.requests).toEqual([]);
  });

  it('prompts with botocore\'s text when interactive; a cache hit on the outer hop touches nothing below it', async () => {
    const ctx = memContext({ files: { '.aws/config': CONFIG } });
    const { session, creds } = await winner(ctx, 'mfa');
    const prompts: string[] = [];
    const prompt = async (m: string) => {
      prompts.push(m);
      throw new CredchainError('stop here', 'interrupted');
    };
    await expect(materializeCredentials(session, creds, { interactive: true, useCache: false, io: { prompt } })).rejects.toThrow('stop here');
    expect(prompts).toEqual(['Enter MFA code for arn:aws:iam::123456789012:mfa/me: ']);

    const cache = tmpCache();
    // the key botocore computes for this hop: RoleArn and SerialNumber, no generated session name
    cache.put(assumeRoleCacheKey({ RoleArn: ROLE, SerialNumber: 'arn:aws:iam::123456789012:mfa/me' }), {
      Credentials: { AccessKeyId: 'ASIACACHED', SecretAccessKey: 'cs', SessionToken: 'ct', Expiration: '2026-11-23T09:00:00UTC' },
      AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/s' },
    });
    const steps: FetchStep[] = [];
    const got = await materializeCredentials(session, creds, { interactive: true, cache, steps, io: { prompt } });
    expect(got).toMatchObject({ method: 'assume-role', accessKeyId: 'ASIACACHED', sessionToken: 'ct', expiration: '2026-11-23T09:00:00Z', accountId: '123456789012', roleArn: ROLE });
    expect(got.deferred).toBeUndefined();
    expect(steps).toEqual([expect.objectContaining({ profile: 'mfa', from: 'cache' })]);
    expect(prompts).toHaveLength(1);
    // the SSO source below was never asked (no token file exists; it would have thrown)
    expect(ctx.requests).toEqual([]);
    expect(FIXED_NOW).toBeLessThan(Date.parse('2026-11-23T09:00:00Z') - 15 * 60_000);
  });

  it('SSO: the portal request botocore sends, the answer as credentials, the expiry in whole seconds', async () => {
    const ctx = memContext({
      files: { '.aws/config': CONFIG, [tokenFile]: JSON.stringify({ accessToken: 'tok', expiresAt: '2026-11-23T12:00:00Z' }) },
      http: async () => ({ status: 200, headers: {}, body: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 'ss', sessionToken: 'st', expiration: FIXED_NOW + 3_600_500 } }) }),
    });
    const { session, creds } = await winner(ctx, 'sso');
    const got = await materializeCredentials(session, creds, { interactive: false, useCache: false });
    expect(ctx.requests).toEqual([
      expect.objectContaining({ method: 'GET', url: 'https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?role_name=Admin&account_id=123456789012', headers: { 'x-amz-sso_bearer_token': 'tok' } }),
    ]);
    expect(got).toMatchObject({ method: 'sso', accessKeyId: 'ASIASSO', secretAccessKey: 'ss', sessionToken: 'st', expiration: '2026-11-23T09:00:00Z', accountId: '123456789012' });
  });
});
