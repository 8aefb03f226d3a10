// Endpoints for the clients credchain makes (STS, SSO, SSO-OIDC), resolved as botocore 1.43 resolves them: an
// explicit URL (create_client(endpoint_url=…), here --endpoint-url), else the configured endpoints unless
// ignore_configured_endpoint_urls (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section, the
// profile's endpoint_url), else the service's rules: regional by default, https://sts.amazonaws.com for STS without a
// region or with sts_regional_endpoints = legacy in a legacy region, FIPS and dual-stack variants.
import type { Setting } from '../config/profileMap';
import { BotoError } from '../core/errors';
import type { IniValue } from '../ini/parse';
import type { Session, ConfigValue } from '../config/session';

export type ServiceId = 'sts' | 'sso' | 'sso-oidc';

export interface ResolvedEndpoint {
  url: string;
  /** the region requests are signed for (null: none, and botocore would raise NoRegionError when signing) */
  region: string | null;
  /**
   * where the URL came from, for messages: "--endpoint-url", "AWS_ENDPOINT_URL_STS", "the default regional endpoint", …
   */
  source: string;
}

const HOST_PREFIX: Record<ServiceId, string> = { sts: 'sts', sso: 'portal.sso', 'sso-oidc': 'oidc' };
const FIPS_PREFIX: Record<ServiceId, string> = { sts: 'sts-fips', sso: 'portal.sso-fips', 'sso-oidc': 'oidc-fips' };

/** botocore/data/partitions.json: the regions each partition claims, and its DNS suffixes */
const PARTITIONS = [
  { id: 'aws', re: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, dns: 'amazonaws.com', dualStack: 'api.aws' },
  { id: 'aws-cn', re: /^cn-\w+-\d+$/, dns: 'amazonaws.com.cn', dualStack: 'api.amazonwebservices.com.cn' },
  { id: 'aws-eusc', re: /^eusc-(de)-\w+-\d+$/, dns: 'amazonaws.eu', dualStack: 'api.amazonwebservices.eu' },
  { id: 'aws-iso', re: /^us-iso-\w+-\d+$/, dns: 'c2s.ic.gov', dualStack: 'api.aws.ic.gov' },
  { id: 'aws-iso-b', re: /^us-isob-\w+-\d+$/, dns: 'sc2s.sgov.gov', dualStack: 'api.aws.scloud' },
  { id: 'aws-iso-e', re: /^eu-isoe-\w+-\d+$/, dns: 'cloud.adc-e.uk', dualStack: 'api.cloud-aws.adc-e.uk' },
  { id: 'aws-iso-f', re: /^us-isof-\w+-\d+$/, dns: 'csp.hci.ic.gov', dualStack: 'api.aws.hci.ic.gov' },
  { id: 'aws-us-gov', re: /^us-gov-\w+-\d+$/, dns: 'amazonaws.com', dualStack: 'api.aws' },
];

/** botocore.args.LEGACY_GLOBAL_STS_REGIONS */
const LEGACY_GLOBAL_STS_REGIONS = [
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'aws-global',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

const GLOBAL_STS = 'https://sts.amazonaws.com';
/** botocore.utils.validate_region_name: a host label (empty allowed), not all digits */
const REGION_NAME = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/;

/** aws.partition(): a region the partition names (its "-global" pseudo-region), its pattern, else the aws partition */
export function partitionOf(region: string): (typeof PARTITIONS)[number] {
  return PARTITIONS.find((p) => region === `${p.id}-global` || p.re.test(region)) ?? PARTITIONS[0];
}

/** botocore.utils.ensure_boolean: only a str equal to "true" in any case is true */
function ensureBoolean(v: IniValue | undefined): boolean {
  return typeof v === 'string' && v.toLowerCase() === 'true';
}

/**
 * The endpoint a `session.create_client(service, region_name=region, endpoint_url=explicit)` would call.
 * Throws the BotoError botocore raises: InvalidConfigError (a missing services section), InvalidRegionError,
 * InvalidSTSRegionalEndpointsConfigError, ValueError (an empty region).
 */
export function resolveEndpoint(
  session: Session,
  service: ServiceId,
  region: string | null,
  explicit?: string,
): ResolvedEndpoint {
  if (region !== null && !REGION_NAME.test(region)) {
    throw new BotoError(
      'InvalidRegionError',
      `Provided region_name '${region}' doesn't match a supported format.`,
      'access',
    );
  }
  if (explicit !== undefined && explicit !== '')
    return { url: explicit, region: region || null, source: '--endpoint-url' };
  const configured = configuredEndpoint(session, service);
  if (configured) return { ...configured, region: region || null };
  const fips = ensureBoolean(session.configVar({ key: 'use_fips_endpoint', env: ['AWS_USE_FIPS_ENDPOINT'] }).value);
  const dualStack = ensureBoolean(
    session.configVar({ key: 'use_dualstack_endpoint', env: ['AWS_USE_DUALSTACK_ENDPOINT'] }).value,
  );
  if (region === null) {
    // botocore resolves STS without a region to the aws-global pseudo-region; other services cannot be called
    if (service === 'sts')
      return { url: GLOBAL_STS, region: 'us-east-1', source: 'the global STS endpoint (no region is configured)' };
    throw new BotoError('NoRegionError', 'You must specify a region.', 'access');
  }
  if (region === '') {
    throw new BotoError(
      'ValueError',
      `Invalid endpoint: https://${HOST_PREFIX[service]}..amazonaws.com (the region is set but empty)`,
      'access',
    );
  }
  if (
    service === 'sts' &&
    !fips &&
    !dualStack &&
    stsRegionalEndpoints(session) === 'legacy' &&
    LEGACY_GLOBAL_STS_REGIONS.includes(region)
  ) {
    return {
      url: GLOBAL_STS,
      region: 'us-east-1',
      source: `the global STS endpoint (sts_regional_endpoints = legacy, region ${region})`,
    };
  }
  if (service === 'sts' && region === 'aws-global' && !fips && !dualStack)
    return { url: GLOBAL_STS, region: 'us-east-1', source: 'the global STS endpoint (region aws-global)' };
  const p = partitionOf(region);
  let url: string;
  if (fips && dualStack) url = `https://${FIPS_PREFIX[service]}.${region}.${p.dualStack}`;
  else if (fips)
    url =
      p.id === 'aws-us-gov'
        ? `https://${HOST_PREFIX[service]}.${region}.amazonaws.com`
        : `https://${FIPS_PREFIX[service]}.${region}.${p.dns}`;
  else if (dualStack) url = `https://${HOST_PREFIX[service]}.${region}.${p.dualStack}`;
  else url = `https://${HOST_PREFIX[service]}.${region}.${p.dns}`;
  const variant = fips && dualStack ? 'FIPS dual-stack' : fips ? 'FIPS' : dualStack ? 'dual-stack' : 'regional';
  return { url, region, source: `the ${variant} endpoint for ${region}` };
}

/** sts_regional_endpoints / AWS_STS_REGIONAL_ENDPOINTS; empty or unset means "regional" since botocore 1.40 */
function stsRegionalEndpoints(session: Session): 'legacy' | 'regional' {
  const v = session.configVar({ key: 'sts_regional_endpoints', env: ['AWS_STS_REGIONAL_ENDPOINTS'] });
  const value = v.value === undefined || v.value === '' ? 'regional' : v.value;
  if (value !== 'legacy' && value !== 'regional') {
    throw new BotoError('InvalidSTSRegionalEndpointsConfigError', invalidStsRegionalEndpoints(value, v), 'access');
  }
  return value;
}

/** ConfiguredEndpointProvider, behind ignore_configured_endpoint_urls; empty values are skipped, as botocore does */
function configuredEndpoint(session: Session, service: ServiceId): { url: string; source: string } | undefined {
  if (
    ensureBoolean(
      session.configVar({ key: 'ignore_configured_endpoint_urls', env: ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] }).value,
    )
  )
    return undefined;
  const snake = service.replace(/-/g, '_');
  const env = session.ctx.env;
  const serviceVar = `AWS_ENDPOINT_URL_${snake.toUpperCase()}`;
  if (env[serviceVar]) return { url: env[serviceVar]!, source: serviceVar };
  if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' };
  const scoped = session.scopedConfig();
  const services = scoped.get('services');
  if (services) {
    const name = typeof services.value === 'string' ? services.value : JSON.stringify(services.value);
    const section = session.fullConfig().config.services.get(name);
    if (!section || section.settings.size === 0) {
      throw new BotoError('InvalidConfigError', servicesSectionMissing(name, services), 'access', {
        file: services.file,
        line: services.line,
      });
    }
    const block = section.settings.get(snake);
    if (block && typeof block.value === 'string') {
      throw new BotoError('AttributeError', servicesEntryNotNested(snake, block), 'access', {
        file: block.file,
        line: block.line,
      });
    }
    const url = block && typeof block.value === 'object' ? block.value.endpoint_url : undefined;
    if (url) return { url, source: `[services ${name}] ${snake}.endpoint_url (${block!.file}:${block!.line})` };
  }
  const global = scoped.get('endpoint_url');
  if (global && global.value) {
    return {
      url: typeof global.value === 'string' ? global.value : JSON.stringify(global.value),
      source: `endpoint_url at ${global.file}:${global.line}`,
    };
  }
  return undefined;
}

// Messages

function invalidStsRegionalEndpoints(value: IniValue, v: ConfigValue<IniValue>): string {
  return `STS regional endpoints option ${typeof value === 'string' ? value : JSON.stringify(value)} is invalid. Valid options are: "legacy", "regional" (from ${
    v.source === 'profile' ? `sts_regional_endpoints at ${v.setting!.file}:${v.setting!.line}` : v.source
  })`;
}

function servicesSectionMissing(name: string, services: Setting): string {
  return (
    `The profile is configured to use the services section but the "${name}" services configuration does not ` +
    `exist (services = ${name} at ${services.file}:${services.line}; add [services ${name}] to the config file)`
  );
}

function servicesEntryNotNested(snake: string, block: Setting): string {
  return (
    `'str' object has no attribute 'get' (${snake} = ${block.value} at ${block.file}:${block.line} must be a ` +
    `nested block: "${snake} =" then an indented "endpoint_url = …")`
  );
}
