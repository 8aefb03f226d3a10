// Turns the winner of the chain into key material, doing the calls botocore defers until first use:
// AssumeRole (hop by hop down a role chain, with the MFA code prompted for or given), AssumeRoleWithWebIdentity
// (unsigned, the token file read as Python reads it) and SSO GetRoleCredentials (with the cached bearer token).
// Each role is looked up in the AWS CLI's ~/.aws/cli/cache first — outer hop first, as botocore's fetchers do —
// and written there after a call, so a second run neither prompts nor calls AWS. Static credentials pass through.
import * as nodePath from 'node:path';
import type { Session } from '../config/session';
import type { Credentials, DeferredPlan } from '../core/types';
import { resolveRegion } from '../config/region';
import { BotoError, CredchainError, type PythonExceptionName } from '../core/errors';
import { pyInt } from '../python/pyText';
import { iso } from '../python/timestamps';
import { MfaCodeRequiredError } from '../aws/awsErrors';
import {
  assumeRoleCacheKey,
  cliCacheDir,
  cliCacheTimestamp,
  jsonFileCache,
  ssoCacheKey,
  type CachedRole,
  type CredentialCache,
} from '../aws/cliCache';
import { resolveEndpoint, type ResolvedEndpoint } from '../aws/endpoints';
import { getRoleCredentials } from '../aws/ssoClient';
import { loadSsoToken, ssoLoginCommand } from '../aws/ssoToken';
import {
  assumeRole,
  assumeRoleWithWebIdentity,
  validateParams,
  type AssumedRole,
  type KeyMaterial,
  type StsTarget,
} from '../aws/stsClient';
import { osPath } from '../ini/paths';
import { boundedReadFailure, readGuarded } from '../core/readFile';

/** what a network step may ask of the terminal */
export interface MaterializeIO {
  /** ask for a line (an MFA code); only used when `interactive` */
  prompt?(message: string): Promise<string>;
  /** show that a slow step is running; returns the function that clears it */
  progress?(label: string): () => void;
}

/** one fetched role, for reports: where its keys came from */
export interface FetchStep {
  profile: string;
  kind: DeferredPlan['kind'];
  from: 'cache' | 'sts' | 'sso';
  roleArn?: string;
  /** the CLI cache file read or written */
  cacheFile?: string;
  endpoint?: string;
  /** why the cache was not used, or why it could not be written */
  note?: string;
}

export interface MaterializeOptions {
  /** the code for an mfa_serial hop (--mfa-code) */
  mfaCode?: string;
  /** a person is at a terminal: prompting is allowed */
  interactive: boolean;
  /** read and write ~/.aws/cli/cache (default true) */
  useCache?: boolean;
  /** --endpoint-url: the STS endpoint, as create_client(endpoint_url=…) */
  endpointUrl?: string;
  io?: MaterializeIO;
  /** per request attempt (default 10 s) */
  timeoutMs?: number;
  /** cancels every call (a per-profile deadline) */
  signal?: AbortSignal;
  /** filled with one entry per role fetched or found in the cache, innermost first */
  steps?: FetchStep[];
  /** another cache than ~/.aws/cli/cache */
  cache?: CredentialCache;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * credentials with key material; throws BotoError, AwsServiceError, AwsNetworkError, MfaCodeRequiredError,
 * SsoLoginRequiredError
 */
export async function materializeCredentials(
  session: Session,
  creds: Credentials,
  opts: MaterializeOptions,
): Promise<Credentials> {
  return new Materializer(session, opts).materialize(creds);
}

/** total attempts per call: max_attempts / AWS_MAX_ATTEMPTS as botocore reads it, else the SDKs' standard 3 */
export function maxAttemptsFor(session: Session): number {
  try {
    const v = session.configVar({ key: 'max_attempts', env: ['AWS_MAX_ATTEMPTS'] }).value;
    const n = typeof v === 'string' ? pyInt(v) : undefined;
    return n !== undefined && n >= 1 ? Math.min(n, 10) : 3;
  } catch {
    return 3;
  }
}

/** the STS endpoint and signing region for this session (the session region, as botocore's STS client uses) */
export function stsEndpoint(session: Session, endpointUrl?: string): ResolvedEndpoint {
  return resolveEndpoint(session, 'sts', resolveRegion(session).name, endpointUrl);
}

class Materializer {
  private readonly cache: CredentialCache | undefined;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private sts?: ResolvedEndpoint;

  constructor(
    private readonly session: Session,
    private readonly opts: MaterializeOptions,
  ) {
    this.cache =
      opts.useCache === false ? undefined : (opts.cache ?? jsonFileCache(session.ctx, cliCacheDir(session.ctx.home)));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxAttempts = maxAttemptsFor(session);
  }

  async materialize(creds: Credentials): Promise<Credentials> {
    const plan = creds.deferred;
    if (!plan) {
      if (creds.accessKeyId === null) {
        throw new CredchainError(
          `the ${creds.method} credentials were only inspected, never loaded, so they cannot be used`,
          'unexpected',
        );
      }
      return creds;
    }
    if (plan.kind === 'assume-role') return this.assumeRole(creds, plan);
    if (plan.kind === 'web-identity') return this.webIdentity(creds, plan);
    return this.sso(creds, plan);
  }

  private stsTarget(): StsTarget {
    this.sts ??= stsEndpoint(this.session, this.opts.endpointUrl);
    return { endpoint: this.sts, timeoutMs: this.timeoutMs, maxAttempts: this.maxAttempts, signal: this.opts.signal };
  }

  private now(): number {
    return this.session.ctx.now();
  }

  private async assumeRole(
    creds: Credentials,
    plan: Extract<DeferredPlan, { kind: 'assume-role' }>,
  ): Promise<Credentials> {
    const args: Record<string, string | number> = { RoleArn: plan.roleArn };
    // botocore generates a session name when none (or an empty one) is configured, and leaves it out of the cache key
    if (plan.roleSessionName) args.RoleSessionName = plan.roleSessionName;
    if (plan.externalId !== undefined) args.ExternalId = plan.externalId;
    if (plan.mfaSerial !== undefined) args.SerialNumber = plan.mfaSerial;
    if (plan.durationSeconds !== undefined) args.DurationSeconds = plan.durationSeconds;
    const key = assumeRoleCacheKey(args);
    const step: FetchStep = { profile: plan.profile, kind: 'assume-role', from: 'sts', roleArn: plan.roleArn };
    const hit = this.fromCache(key, step);
    if (hit) return withCachedRole(creds, hit);

    const tokenCode = plan.mfaSerial !== undefined ? await this.mfaCode(plan.profile, plan.mfaSerial) : undefined;
    const source = await this.materialize(plan.source);
    const params = {
      ...(args as { RoleArn: string }),
      RoleSessionName: plan.roleSessionName || `botocore-session-${Math.floor(this.now() / 1000)}`,
      ...(tokenCode !== undefined ? { TokenCode: tokenCode } : {}),
    };
    validateParams(params);
    const target = this.stsTarget();
    step.endpoint = target.endpoint.url;
    const out = await this.progress(`STS AssumeRole ${plan.roleArn}`, () =>
      assumeRole(target, keyMaterial(source), params),
    );
    return this.assumed(creds, out, key, step);
  }

  private async webIdentity(
    creds: Credentials,
    plan: Extract<DeferredPlan, { kind: 'web-identity' }>,
  ): Promise<Credentials> {
    const args: Record<string, string> = { RoleArn: plan.roleArn };
    if (plan.roleSessionName) args.RoleSessionName = plan.roleSessionName;
    const key = assumeRoleCacheKey(args);
    const step: FetchStep = { profile: plan.profile, kind: 'web-identity', from: 'sts', roleArn: plan.roleArn };
    const hit = this.fromCache(key, step);
    if (hit) return withCachedRole(creds, hit);

    const params = {
      RoleArn: plan.roleArn,
      RoleSessionName: plan.roleSessionName || `botocore-session-${Math.floor(this.now() / 1000)}`,
      WebIdentityToken: this.readTokenFile(plan.tokenFile),
    };
    validateParams(params);
    const target = this.stsTarget();
    step.endpoint = target.endpoint.url;
    const out = await this.progress(`STS AssumeRoleWithWebIdentity ${plan.roleArn}`, () =>
      assumeRoleWithWebIdentity(target, params),
    );
    return this.assumed(creds, out, key, step);
  }

  private async sso(creds: Credentials, plan: Extract<DeferredPlan, { kind: 'sso' }>): Promise<Credentials> {
    const key = ssoCacheKey({
      roleName: plan.roleName,
      accountId: plan.accountId,
      sessionName: plan.session,
      startUrl: plan.startUrl,
    });
    const step: FetchStep = { profile: plan.profile, kind: 'sso', from: 'sso' };
    const hit = this.fromCache(key, step);
    if (hit)
      return withKeys(creds, hit.accessKeyId, hit.secretAccessKey, hit.sessionToken, hit.expiresAt, plan.accountId);

    const request = {
      profile: plan.profile,
      startUrl: plan.startUrl,
      ssoRegion: plan.ssoRegion,
      session: plan.session,
    };
    const o = { timeoutMs: this.timeoutMs, maxAttempts: this.maxAttempts };
    const accessToken = await this.progress(`SSO token for ${plan.session ?? plan.startUrl}`, () =>
      loadSsoToken(this.session, request, o),
    );
    const endpoint = resolveEndpoint(this.session, 'sso', plan.ssoRegion);
    step.endpoint = endpoint.url;
    const rc = await this.progress(`SSO GetRoleCredentials ${plan.roleName} in ${plan.accountId}`, () =>
      getRoleCredentials(
        this.session.ctx,
        endpoint,
        { roleName: plan.roleName, accountId: plan.accountId, accessToken, loginCommand: ssoLoginCommand(request) },
        o,
      ),
    );
    // botocore keeps whole seconds ('%Y-%m-%dT%H:%M:%SZ')
    const expiresAt = Math.floor(rc.expiration / 1000) * 1000;
    this.checkNotExpired(expiresAt);
    this.toCache(key, step, {
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: rc.accessKeyId,
        SecretAccessKey: rc.secretAccessKey,
        SessionToken: rc.sessionToken,
        Expiration: iso(expiresAt),
        AccountId: plan.accountId,
      },
    });
    this.record(step);
    return withKeys(creds, rc.accessKeyId, rc.secretAccessKey, rc.sessionToken, expiresAt, plan.accountId);
  }

  private assumed(creds: Credentials, out: AssumedRole, key: string, step: FetchStep): Credentials {
    const c = out.Credentials;
    const expiresAt = c.Expiration.getTime();
    this.checkNotExpired(expiresAt);
    const accountId = accountOf(out.AssumedRoleUser?.Arn);
    const { RequestId, Attempts, ...answer } = out;
    this.toCache(key, step, {
      ...answer,
      Credentials: {
        ...c,
        Expiration: cliCacheTimestamp(c.Expiration),
        ...(accountId ? { AccountId: accountId } : {}),
      },
      ResponseMetadata: { RequestId, HTTPStatusCode: 200, RetryAttempts: Math.max(0, (Attempts ?? 1) - 1) },
    });
    this.record(step);
    return withKeys(creds, c.AccessKeyId, c.SecretAccessKey, c.SessionToken, expiresAt, accountId);
  }

  private checkNotExpired(expiresAt: number): void {
    if (expiresAt <= this.now()) {
      throw new BotoError('RuntimeError', refreshedStillExpired(expiresAt), 'access');
    }
  }

  private fromCache(key: string, step: FetchStep): CachedRole | undefined {
    if (!this.cache) return undefined;
    const r = this.cache.get(key, this.now());
    step.cacheFile = r.file;
    if ('miss' in r) {
      step.note = r.miss;
      this.session.ctx.debug(`cache ${r.file}: ${r.miss}`);
      return undefined;
    }
    this.session.ctx.debug(`cache ${r.file}: hit, valid until ${iso(r.hit.expiresAt)}`);
    this.record({ ...step, from: 'cache', note: undefined });
    return r.hit;
  }

  private toCache(key: string, step: FetchStep, value: Record<string, unknown>): void {
    if (!this.cache) return;
    try {
      step.cacheFile = this.cache.put(key, value);
      step.note = undefined;
    } catch (e) {
      // the keys are good; failing to remember them must not fail the command
      step.note = cacheWriteFailed(this.cache.dir, key, e);
      this.session.ctx.debug(step.note);
    }
  }

  private record(step: FetchStep): void {
    this.opts.steps?.push(step);
  }

  private async mfaCode(profile: string, serial: string): Promise<string> {
    if (this.opts.mfaCode !== undefined) return this.opts.mfaCode;
    if (this.opts.interactive && this.opts.io?.prompt)
      return (await this.opts.io.prompt(`Enter MFA code for ${serial}: `)).trim();
    throw new MfaCodeRequiredError(profile, serial);
  }

  private async progress<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const stop = this.opts.io?.progress?.(label);
    try {
      return await fn();
    } finally {
      stop?.();
    }
  }

  /** FileWebIdentityTokenLoader: open(path).read() — text mode, UTF-8, universal newlines, nothing stripped */
  private readTokenFile(path: string): string {
    const ctx = this.session.ctx;
    let bytes: Buffer;
    try {
      bytes = readGuarded(ctx, osPath(path, ctx.cwd));
    } catch (e) {
      const bounded = boundedReadFailure(e, 'OSError');
      if (bounded) throw new BotoError(bounded.type, `the web identity token file ${bounded.message}`, 'access');
      const code = (e as NodeJS.ErrnoException).code;
      const [type, errno, text]: [PythonExceptionName, number, string] =
        code === 'ENOENT'
          ? ['FileNotFoundError', 2, 'No such file or directory']
          : code === 'EISDIR'
            ? ['IsADirectoryError', 21, 'Is a directory']
            : code === 'EACCES'
              ? ['PermissionError', 13, 'Permission denied']
              : ['OSError', 5, String(code)];
      throw new BotoError(type, `[Errno ${errno}] ${text}: '${path}' (the web identity token file)`, 'access');
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BotoError(
        'UnicodeDecodeError',
        `'utf-8' codec can't decode the web identity token file ${path}`,
        'access',
      );
    }
    return text.replace(/\r\n?/g, '\n');
  }
}

function keyMaterial(c: Credentials): KeyMaterial {
  if (c.accessKeyId === null || c.secretAccessKey === null) {
    throw new BotoError('TypeError', sourceCannotSign(c), 'access');
  }
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
}

/** the keys of a cached AssumeRole / AssumeRoleWithWebIdentity answer; the account from the cache, else its ARN */
function withCachedRole(c: Credentials, hit: CachedRole): Credentials {
  const account = hit.accountId ?? accountOf(hit.assumedRoleArn);
  return withKeys(c, hit.accessKeyId, hit.secretAccessKey, hit.sessionToken, hit.expiresAt, account);
}

function withKeys(
  c: Credentials,
  accessKeyId: string,
  secretAccessKey: string,
  sessionToken: string,
  expiresAt: number,
  accountId?: string,
): Credentials {
  const { deferred: _deferred, ...rest } = c;
  return {
    ...rest,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: iso(expiresAt),
    ...(accountId ? { accountId } : {}),
  };
}

/** the account of an assumed-role ARN, as botocore's _add_account_id_to_response reads it */
function accountOf(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts[0] === 'arn' && parts.length >= 6 && parts[4] ? parts[4] : undefined;
}

// Messages

function refreshedStillExpired(expiresAt: number): string {
  return (
    `Credentials were refreshed, but the refreshed credentials are still expired. (they expired at ` +
    `${iso(expiresAt)}: check the clock)`
  );
}

function cacheWriteFailed(dir: string, key: string, e: unknown): string {
  return (
    `could not write the cache ${nodePath.join(dir, `${key}.json`)}: ` +
    `${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`
  );
}

function sourceCannotSign(c: Credentials): string {
  return (
    `the ${c.method} source credentials have no ` +
    `${c.accessKeyId === null ? 'access key id' : 'secret access key'}, so the AssumeRole request cannot be signed`
  );
}
