// Off EC2 the default metadata address is never contacted: boto3's answer there is known without a packet.
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../src/chain/boto3Chain';
import { ec2Evidence } from '../../src/aws/ec2Detect';
import { HttpError } from '../../src/core/context';
import { memContext } from '../support/memContext';

describe('EC2 detection', () => {
  it('Linux without DMI or a hypervisor id is certainly not EC2', () => {
    expect(ec2Evidence(memContext()).onEc2).toBe(false);
  });
  it('an Amazon DMI vendor or a Xen ec2 uuid is EC2', () => {
    expect(ec2Evidence(memContext({ files: { '/sys/devices/virtual/dmi/id/sys_vendor': 'Amazon EC2\n' } })).onEc2).toBe(true);
    expect(ec2Evidence(memContext({ files: { '/sys/hypervisor/uuid': 'ec2e1916-9099-7caf-fd21-012345abcdef\n' } })).onEc2).toBe(true);
    expect(ec2Evidence(memContext({ files: { '/sys/devices/virtual/dmi/id/sys_vendor': 'QEMU\n' } })).onEc2).toBe(false);
  });
  it('elsewhere it cannot tell', () => {
    expect(ec2Evidence({ ...memContext(), platform: 'darwin' }).onEc2).toBeUndefined();
  });
});

describe('iam-role off EC2', () => {
  const run = async (env: Record<string, string>, files: Record<string, string> = {}, opts = {}) => {
    const ctx = memContext({ env: { AWS_EC2_METADATA_DISABLED: 'false', ...env }, files, http: async (req) => { throw new HttpError('connect-timeout', `connect timeout (${req.url})`); } });
    const r = await resolveChain(ctx, opts);
    return { r, ctx, imds: r.report.providers.find((p) => p.method === 'iam-role')! };
  };
  it('is skipped without a request, with the reason, and the answer is boto3\'s: no credentials', async () => {
    const { r, ctx, imds } = await run({});
    expect(ctx.requests).toEqual([]);
    expect(imds.status).toBe('skipped');
    expect(imds.reason).toMatch(/not an EC2 instance/);
    expect(r.report.credentials).toBeNull();
    expect(r.report.error).toBeNull();
  });
  it('with IMDSv1 disabled it is boto3\'s MetadataRetrievalError, still without a request', async () => {
    const { r, ctx } = await run({ AWS_EC2_METADATA_V1_DISABLED: 'true' });
    expect(ctx.requests).toEqual([]);
    expect(r.report.error?.type).toBe('MetadataRetrievalError');
  });
  it('on EC2, or with --force-imds, or with a custom endpoint, the probe is made', async () => {
    const onEc2 = await run({}, { '/sys/devices/virtual/dmi/id/board_vendor': 'Amazon EC2' });
    expect(onEc2.ctx.requests[0]?.url).toMatch(/^http:\/\/169\.254\.169\.254\/latest\/api\/token$/);
    const forced = await run({}, {}, { forceImds: true });
    expect(forced.ctx.requests.length).toBeGreaterThan(0);
    const custom = await run({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9/' });
    expect(custom.ctx.requests[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:9\//);
  });
});
