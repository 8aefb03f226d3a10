// Runs the real AWS SDK for JavaScript v3 default chain — fromNodeProviderChain from
// @aws-sdk/credential-providers, loaded here lazily and nowhere else — in a given environment, and reports its
// answer in the shape of `which`. Its logger is captured to explain every link; `$source` names the winner. No
// AWS call is made unless `resolve` is set: role assumers and the SDK clients' HTTP handler are stand-ins that
// record the call (jsFakes.ts). Instance metadata is probed only where credchain's boto3 chain may probe it: with
// --no-imds, or where AWS_EC2_METADATA_DISABLED=true (which the JS SDK's credential_source = Ec2InstanceMetadata
// ignores), a JS request to a non-loopback metadata endpoint is redirected to a closed loopback port and the
// report says so. The SDK reads process.env directly, so the given environment is swapped in while it runs
// (one run at a time).
import { maskHelperText } from '../core/secretShapes';
import * as nodePath from 'node:path';
import { readFileGuarded } from '../core/nodeContext';
import { withJsBounds } from './jsBounds';
import { jsFileHazard, JS_MAX_FILE_BYTES, sdkIniLines, type SharedPaths } from './jsFileBounds';
import type { ChainLink, Location, Method } from '../core/types';
import type { JsCall, JsChainReport, JsCredentialsView, JsLink } from './jsReport';
import { linkReports, NO_PROVIDER, type LogLine } from './jsTrace';
import { methodOfSource } from './jsSource';
import { lastRoleArn, makeRecorder, NOT_FETCHED } from './jsRecorder';

export interface JsChainOptions {
  /** --profile: passed to fromNodeProviderChain as `profile` */
  profile?: string;
  /** let the JS SDK call STS and the SSO portal */
  resolve?: boolean;
  /** --no-imds */
  noImds?: boolean;
  /** --imds-timeout, seconds */
  imdsTimeoutSec?: number;
  /**
   * --endpoint-url: the STS endpoint, handed to the JS SDK as AWS_ENDPOINT_URL_STS (its configured-endpoint setting)
   */
  endpointUrl?: string;
}

/** where credchain sends a JS instance-metadata request it must not let through: nothing listens on port 1 */
const CLOSED_ENDPOINT = 'http://127.0.0.1:1/';

let queue: Promise<unknown> = Promise.resolve();

export function resolveJsChain(env: NodeJS.ProcessEnv, opts: JsChainOptions = {}): Promise<JsChainReport> {
  const run = queue.then(() => resolveOnce(env, opts));
  queue = run.catch(() => undefined);
  return run;
}

interface SdkCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  $source?: Record<string, string>;
}

type ProfileData = Record<string, Record<string, string | undefined> | undefined>;

async function resolveOnce(env: NodeJS.ProcessEnv, opts: JsChainOptions): Promise<JsChainReport> {
  const warnings: string[] = [];
  const { jsEnv, redirected } = capEnv(env, opts, warnings);
  const logs: LogLine[] = [];
  const log =
    (level: LogLine['level']) =>
    (...a: unknown[]) =>
      logs.push({
        level,
        text: a.map((x) => (typeof x === 'string' ? x : x instanceof Error ? x.message : JSON.stringify(x))).join(' '),
      });
  const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), trace: () => {} };
  const calls: JsCall[] = [];
  const recorder = opts.resolve ? undefined : makeRecorder(calls);
  // the SDK builds its own STS, SSO and SSO OIDC clients: the handler goes where each looks for one (web identity
  // from a profile reads only parentClientConfig; the SSO clients only clientConfig)
  const handler = recorder ? { requestHandler: recorder.requestHandler } : undefined;
  const init = {
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    logger,
    ignoreCache: true,
    ...(opts.imdsTimeoutSec !== undefined ? { timeout: Math.round(opts.imdsTimeoutSec * 1000) } : {}),
    ...(recorder ? { clientConfig: handler, parentClientConfig: handler, clientPlugins: [recorder.plugin] } : {}),
  };

  // helpers and requests of the real SDK are bounded while it runs (jsBounds.ts)
  return withJsBounds(env, () =>
    withProcessEnv(jsEnv, warnings, async () => {
      const ini = await import('@smithy/shared-ini-file-loader');
      const profileName = opts.profile || process.env.AWS_PROFILE || 'default';
      const paths = sharedPaths(ini.getHomeDir());
      // the files as the SDK parses them (a parse is not kept across the run: the SDK's own parses need the room)
      const loadFiles = () =>
        ini.loadSharedConfigFiles({ ignoreCache: true }).catch(() => ({ configFile: {}, credentialsFile: {} }));
      // what would hang the SDK, exhaust its memory or its stack is reported as its fate instead (jsFileBounds.ts)
      const hazard = await jsFileHazard(ini.getHomeDir(), paths, jsEnv, profileName, loadFiles);
      if (hazard) {
        return {
          sdk: 'js',
          profile: {
            name: profileName,
            source: opts.profile ? '--profile' : process.env.AWS_PROFILE ? 'AWS_PROFILE' : 'default',
          },
          region: { name: null, source: 'none', error: 'not resolved: the JS SDK was not run' },
          credentials: null,
          error: { type: 'Error', message: `${hazard}; credchain did not run the JS SDK on it` },
          providers: [],
          warnings,
          calls,
          versions: await versions(),
        };
      }
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      let creds: SdkCredentials | undefined;
      let error: { type: string; message: string } | null = null;
      try {
        creds = (await fromNodeProviderChain(init as Parameters<typeof fromNodeProviderChain>[0])()) as SdkCredentials;
      } catch (e) {
        const err = e as Error;
        error = { type: err?.name ?? 'Error', message: err?.message ?? String(e) };
      }
      const files = await loadFiles();
      const region = await jsRegion(
        opts.profile,
        env,
        files as { configFile: ProfileData; credentialsFile: ProfileData },
        paths,
      );
      // a rejection nobody handles is reported at the next turn of the event loop: let it land in the warnings
      await new Promise((r) => setImmediate(r));

      const trace = linkReports(logs, creds ? { won: true } : { won: false, error: error!.message });
      let credentials: JsCredentialsView | null = null;
      if (creds) {
        credentials = view(
          creds,
          trace.last,
          logs,
          profileName,
          files as { configFile: ProfileData; credentialsFile: ProfileData },
          paths,
          calls,
        );
        if (credentials.expiration === INVALID_DATE)
          warnings.push(invalidExpiration(oneLine(String(env.AWS_CREDENTIAL_EXPIRATION ?? '')).slice(0, 80)));
        const won = trace.providers.find((p) => p.status === 'won');
        if (won && credentials.method) won.resolvedAs = credentials.method;
      }
      if (redirected && logs.some((l) => l.text.includes('credential_source is Ec2InstanceMetadata'))) {
        warnings.push(imdsQueriedThoughDisabled(opts.noImds, env.AWS_EC2_METADATA_SERVICE_ENDPOINT));
      }
      for (const l of logs) if (l.level === 'warn') warnings.push(oneLine(l.text));
      if (error?.message === NO_PROVIDER)
        error = { type: error.type, message: `${NO_PROVIDER} (every link was skipped; see providers)` };
      const secrets = secretsOf(env, creds, files as { configFile: ProfileData; credentialsFile: ProfileData });
      const report: JsChainReport = {
        sdk: 'js',
        profile: {
          name: profileName,
          source: opts.profile ? '--profile' : process.env.AWS_PROFILE ? 'AWS_PROFILE' : 'default',
        },
        region,
        credentials,
        error,
        providers: trace.providers,
        warnings: [...new Set(warnings)],
        calls,
        versions: await versions(),
      };
      return redact(
        report,
        secrets,
        maskedCommands(files as { configFile: ProfileData; credentialsFile: ProfileData }),
      );
    }),
  );
}

/** the environment the JS SDK runs in: the given one, with credchain's instance-metadata limits applied */
function capEnv(
  env: NodeJS.ProcessEnv,
  opts: JsChainOptions,
  warnings: string[],
): { jsEnv: NodeJS.ProcessEnv; redirected: boolean } {
  const jsEnv: NodeJS.ProcessEnv = { ...env };
  // --endpoint-url names the STS endpoint; the JS SDK's way to be told one is its configured-endpoint variable
  if (opts.endpointUrl) jsEnv.AWS_ENDPOINT_URL_STS = opts.endpointUrl;
  const botoDisabled = (env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true';
  if (opts.noImds) {
    jsEnv.AWS_EC2_METADATA_DISABLED = 'true';
    warnings.push(NO_IMDS_RAN_WITHOUT_METADATA);
  }
  let redirected = false;
  // --no-imds means no instance metadata at all; AWS_EC2_METADATA_DISABLED=true still lets a loopback stand-in answer
  if (opts.noImds || (botoDisabled && !isLoopback(env.AWS_EC2_METADATA_SERVICE_ENDPOINT))) {
    jsEnv.AWS_EC2_METADATA_SERVICE_ENDPOINT = CLOSED_ENDPOINT;
    redirected = true;
  }
  return { jsEnv, redirected };
}

function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const h = new URL(url).hostname;
    return h === 'localhost' || h === '[::1]' || /^127\./.test(h);
  } catch {
    return false;
  }
}

async function withProcessEnv<T>(env: NodeJS.ProcessEnv, warnings: string[], fn: () => Promise<T>): Promise<T> {
  const savedEnv = process.env;
  const savedEmit = process.emitWarning;
  process.env = env;
  // the SDK announces its Node.js support policy through process warnings: keep them out of the output
  process.emitWarning = ((w: string | Error) => {
    // the SDK's notice about its own Node.js support policy says nothing about credentials
    if (/NodeVersionSupportWarning/.test(typeof w === 'string' ? w : `${w.name} ${w.message}`)) return;
    warnings.push(`the JS SDK warned: ${oneLine(typeof w === 'string' ? w : w.message)}`);
  }) as typeof process.emitWarning;
  // the SDK's clients start some config promises without a handler (AWS_DEFAULTS_MODE=bogus rejects one as a client
  // is built): a Node.js program exits on that; credchain reports it instead
  const unhandled = (reason: unknown) => {
    warnings.push(unhandledRejection(oneLine(reason instanceof Error ? reason.message : String(reason))));
  };
  process.on('unhandledRejection', unhandled);
  // some SDK warnings bypass the logger it was given (the "default STS region of us-east-1" notice)
  const savedWarn = console.warn;
  console.warn = (...a: unknown[]) => void warnings.push(`the JS SDK warned: ${oneLine(a.map(String).join(' '))}`);
  try {
    return await fn();
  } finally {
    process.env = savedEnv;
    process.emitWarning = savedEmit;
    console.warn = savedWarn;
    process.off('unhandledRejection', unhandled);
  }
}

/** where the JS SDK reads the shared files (only a leading ~/ is expanded) */
function sharedPaths(home: string): SharedPaths {
  const expand = (p: string) => nodePath.resolve(p.startsWith('~/') ? nodePath.join(home, p.slice(2)) : p);
  return {
    config: expand(process.env.AWS_CONFIG_FILE || nodePath.join(home, '.aws', 'config')),
    credentials: expand(process.env.AWS_SHARED_CREDENTIALS_FILE || nodePath.join(home, '.aws', 'credentials')),
  };
}

/** the line of `key` in a section, read as the JS SDK's parseIni reads it (last one wins) */
function findLine(
  path: string,
  sectionKeys: string[],
  key: string,
): { file: string; line: number; section: string } | undefined {
  let text: string;
  try {
    text = readFileGuarded(path, JS_MAX_FILE_BYTES).toString('utf8');
  } catch {
    return undefined;
  }
  const prefixed = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
  let current: string | undefined;
  let shown = '';
  let found: { file: string; line: number; section: string } | undefined;
  for (const l of sdkIniLines(text)) {
    if (l.key === undefined) {
      const m = prefixed.exec(l.header);
      current = m ? (['profile', 'sso-session', 'services'].includes(m[1]) ? `${m[1]}.${m[3]}` : undefined) : l.header;
      shown = l.header;
    } else if (current !== undefined && sectionKeys.includes(current) && l.key === key)
      found = { file: path, line: l.line, section: shown };
  }
  return found;
}

function locate(
  files: { configFile: ProfileData; credentialsFile: ProfileData },
  paths: SharedPaths,
  profile: string,
  key: string,
): Location | undefined {
  if (files.credentialsFile[profile]?.[key] !== undefined) return findLine(paths.credentials, [profile], key);
  if (files.configFile[profile]?.[key] !== undefined)
    return findLine(paths.config, profile === 'default' ? ['profile.default', 'default'] : [`profile.${profile}`], key);
  return undefined;
}

/**
 * one key of a profile as fromIni merges the two files (the credentials file wins key by key), read without copying
 * the profile: a copy of a profile with a million keys costs a second and a hundred MB each time
 */
function setting(
  files: { configFile: ProfileData; credentialsFile: ProfileData },
  profile: string,
  key: string,
): string | undefined {
  const c = files.credentialsFile[profile];
  if (c && Object.hasOwn(c, key)) return c[key];
  const f = files.configFile[profile];
  return f && Object.hasOwn(f, key) ? f[key] : undefined;
}

function view(
  c: SdkCredentials,
  last: JsLink,
  logs: LogLine[],
  profile: string,
  files: { configFile: ProfileData; credentialsFile: ProfileData },
  paths: SharedPaths,
  calls: JsCall[],
): JsCredentialsView {
  const source = { ...(c.$source ?? {}) };
  let method: Method | null;
  const named = methodOfSource(c.$source);
  if (named === 'profile-keys')
    method =
      files.credentialsFile[profile]?.aws_access_key_id !== undefined ? 'shared-credentials-file' : 'config-file';
  else if (named) method = named;
  else if (last === 'remoteProvider')
    method = logs.some((l) => l.text.includes('remoteProvider::fromHttp')) ? 'container-role' : 'iam-role';
  else if (last === 'fromEnv') method = 'env';
  else method = null;
  const data = (key: string) => setting(files, profile, key);
  const notFetched = c.accessKeyId === NOT_FETCHED;
  const v: JsCredentialsView = {
    method,
    accessKeyId: notFetched ? null : c.accessKeyId,
    hasSessionToken: notFetched ? method !== null : !!c.sessionToken,
    expiration:
      notFetched || !c.expiration
        ? null
        : isNaN(c.expiration.getTime())
          ? INVALID_DATE
          : c.expiration.toISOString().replace(/\.000Z$/, 'Z'),
    source,
  };
  const env = process.env;
  const loc = (key: string) => locate(files, paths, profile, key);
  let location: Location | undefined;
  switch (method) {
    case 'env':
      location = {
        env: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', ...(env.AWS_SESSION_TOKEN ? ['AWS_SESSION_TOKEN'] : [])],
      };
      break;
    case 'shared-credentials-file':
      location = findLine(paths.credentials, [profile], 'aws_access_key_id');
      break;
    case 'config-file':
      location = findLine(
        paths.config,
        profile === 'default' ? ['profile.default', 'default'] : [`profile.${profile}`],
        'aws_access_key_id',
      );
      break;
    case 'custom-process': {
      const command = data('credential_process');
      if (command !== undefined) location = { command: maskHelperText(command) };
      break;
    }
    case 'assume-role':
      location = loc('role_arn');
      break;
    case 'assume-role-with-web-identity':
      location = source.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN
        ? { env: ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'] }
        : loc('web_identity_token_file');
      break;
    case 'sso':
      location = loc(data('sso_session') !== undefined ? 'sso_session' : 'sso_role_name');
      break;
    case 'container-role':
      location = {
        url: env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
          ? `http://169.254.170.2${env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`
          : (env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? ''),
      };
      break;
    case 'iam-role':
      location = { url: env.AWS_EC2_METADATA_SERVICE_ENDPOINT || 'http://169.254.169.254/' };
      break;
  }
  if (location) v.location = location;
  const recordedRole =
    notFetched && (method === 'assume-role' || method === 'assume-role-with-web-identity')
      ? lastRoleArn(calls)
      : undefined;
  const roleArn =
    recordedRole ??
    (method === 'assume-role'
      ? data('role_arn')
      : method === 'assume-role-with-web-identity'
        ? source.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN
          ? env.AWS_ROLE_ARN
          : data('role_arn')
        : undefined);
  if (roleArn !== undefined) v.roleArn = roleArn;
  if (method === 'assume-role') {
    const hops = calls.filter((x) => x.api === 'sts:AssumeRole');
    if (hops.length) {
      const base = hops[0].signedBy;
      const baseProfile = sourceBase(files, profile);
      // static keys only say CREDENTIALS_PROFILE: which file they came from is read off the base profile
      if (base && base.method === null && baseProfile !== undefined) {
        base.method =
          files.credentialsFile[baseProfile]?.aws_access_key_id !== undefined
            ? 'shared-credentials-file'
            : 'config-file';
      }
      const chain: ChainLink[] = [
        { profile: baseProfile ?? '', method: base?.method ?? 'assume-role', accessKeyId: base?.accessKeyId ?? null },
      ];
      for (const h of hops) chain.push({ profile: '', method: 'assume-role', roleArn: String(h.params.RoleArn) });
      chain[chain.length - 1].profile = profile;
      v.chain = chain;
    }
  }
  if (notFetched) v.deferred = true;
  return v;
}

/** how an expiry the JS SDK could not read (new Date('garbage')) is reported: Date#toString's own words for it */
const INVALID_DATE = 'Invalid Date';

/** the profile at the bottom of a role chain, as fromIni walks it: static keys end the walk on any later hop */
function sourceBase(
  files: { configFile: ProfileData; credentialsFile: ProfileData },
  profile: string,
): string | undefined {
  let cur = profile;
  const seen = new Set<string>();
  for (let depth = 0; !seen.has(cur); depth++) {
    seen.add(cur);
    const d = (key: string) => setting(files, cur, key);
    if (depth > 0 && d('aws_access_key_id') !== undefined && d('aws_secret_access_key') !== undefined) return cur;
    const source = d('source_profile');
    if (d('role_arn') === undefined || source === undefined || d('credential_source') !== undefined)
      return depth > 0 ? cur : undefined;
    cur = source;
  }
  return undefined;
}

async function jsRegion(
  profile: string | undefined,
  env: NodeJS.ProcessEnv,
  files: { configFile: ProfileData; credentialsFile: ProfileData },
  paths: SharedPaths,
): Promise<JsChainReport['region']> {
  const { STSClient } = await import('@aws-sdk/client-sts');
  // credchain never asks instance metadata for a region; the JS SDK would, last, when nothing else names one
  const saved = process.env.AWS_EC2_METADATA_DISABLED;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const client = new STSClient(profile !== undefined ? { profile } : {});
  try {
    const name = await client.config.region();
    if (process.env.AWS_REGION !== undefined) return { name, source: 'AWS_REGION' };
    const p = profile || process.env.AWS_PROFILE || 'default';
    const where = locate(files, paths, p, 'region');
    return { name, source: 'profile', ...(where ? { location: where } : {}) } as JsChainReport['region'];
  } catch (e) {
    const imds =
      env.AWS_EC2_METADATA_DISABLED === undefined
        ? '; the JS SDK would then ask instance metadata (IMDSv2) for the region, which credchain does not do'
        : '';
    return { name: null, source: 'none', error: `${(e as Error).message}${imds}` };
  } finally {
    client.destroy();
    if (saved === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
    else process.env.AWS_EC2_METADATA_DISABLED = saved;
  }
}

async function versions(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['@aws-sdk/credential-providers', '@aws-sdk/credential-provider-node'] as const) {
    try {
      const pkg =
        name === '@aws-sdk/credential-providers'
          ? await import('@aws-sdk/credential-providers/package.json', { with: { type: 'json' } })
          : await import('@aws-sdk/credential-provider-node/package.json', { with: { type: 'json' } });
      out[name] =
        (pkg as { default?: { version: string }; version?: string }).default?.version ??
        (pkg as { version: string }).version;
    } catch {
      /* unknown */
    }
  }
  return out;
}

/** every secret the JS run could have seen: env secrets, the winner's, and secret values in the shared files */
function secretsOf(
  env: NodeJS.ProcessEnv,
  c: SdkCredentials | undefined,
  files: { configFile: ProfileData; credentialsFile: ProfileData },
): string[] {
  const out = [
    env.AWS_SECRET_ACCESS_KEY,
    env.AWS_SESSION_TOKEN,
    env.AWS_SECURITY_TOKEN,
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
    c?.secretAccessKey,
    c?.sessionToken,
  ];
  for (const f of [files.configFile, files.credentialsFile]) {
    for (const section of Object.values(f))
      for (const k of ['aws_secret_access_key', 'aws_session_token', 'aws_security_token']) out.push(section?.[k]);
  }
  return out.filter((s): s is string => !!s && s.length >= 4 && s !== NOT_FETCHED);
}

/**
 * each credential_process command line of the files that holds a secret as an argument, with its masked form: the
 * SDK quotes the command whole when it fails ("Command failed: …")
 */
function maskedCommands(files: { configFile: ProfileData; credentialsFile: ProfileData }): [string, string][] {
  const out: [string, string][] = [];
  for (const f of [files.configFile, files.credentialsFile]) {
    for (const section of Object.values(f)) {
      const command = section?.credential_process;
      if (command === undefined) continue;
      const masked = maskHelperText(command);
      if (masked !== command) out.push([command, masked]);
    }
  }
  return out;
}

/** `value` with every secret replaced by ****, and every command line of `commands` by its masked form before */
function redact<T>(value: T, secrets: string[], commands: [string, string][]): T {
  if (!secrets.length && !commands.length) return value;
  const sorted = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string')
      return sorted.reduce(
        (s, x) => s.split(x).join('****'),
        commands.reduce((s, [command, masked]) => s.split(command).join(masked), v),
      );
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * the whitespace runs holding a newline as one space; split, not a whitespace-newline-whitespace regex, which
 * backtracks quadratically on long blank runs
 */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

// Messages

function invalidExpiration(value: string): string {
  return (
    `the JS SDK returned credentials whose expiration is an Invalid Date (it does not check ` +
    `AWS_CREDENTIAL_EXPIRATION=${JSON.stringify(value)}); boto3 fails to parse it`
  );
}

function imdsQueriedThoughDisabled(noImds: boolean | undefined, endpoint: string | undefined): string {
  return (
    `the JS SDK queried instance metadata for credential_source = Ec2InstanceMetadata even though ` +
    `${noImds ? '--no-imds was given' : 'AWS_EC2_METADATA_DISABLED=true'} ` +
    `(js-credential-source-imds-ignores-disabled); credchain sent that request to ${CLOSED_ENDPOINT} instead of ` +
    `${endpoint || 'http://169.254.169.254'}`
  );
}

const NO_IMDS_RAN_WITHOUT_METADATA =
  '--no-imds: the JS SDK ran with AWS_EC2_METADATA_DISABLED=true, so its default chain did not query instance metadata';

function unhandledRejection(reason: string): string {
  return `the JS SDK left a rejected promise unhandled, which ends a Node.js program by default: ${reason}`;
}
