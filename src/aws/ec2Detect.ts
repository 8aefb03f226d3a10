// Is this machine an EC2 instance? Off EC2 the instance-metadata address never answers, so botocore spends its
// timeout × attempts probing it and finds nothing; credchain reaches the same answer without sending a packet to
// a link-local address. Only a positive "not EC2" skips the probe: Linux without an Amazon DMI vendor or a Xen
// "ec2" hypervisor id. Elsewhere (macOS, Windows) the answer is unknown and boto3's probe is made.
import type { Context } from '../core/context';

const DMI = [
  '/sys/devices/virtual/dmi/id/sys_vendor',
  '/sys/devices/virtual/dmi/id/board_vendor',
  '/sys/devices/virtual/dmi/id/bios_vendor',
];
const XEN_UUID = '/sys/hypervisor/uuid';

export interface Ec2Evidence {
  /** true: EC2; false: certainly not EC2; undefined: cannot tell */
  onEc2: boolean | undefined;
  evidence: string;
}

export function ec2Evidence(ctx: Pick<Context, 'fs' | 'platform'>): Ec2Evidence {
  if (ctx.platform !== 'linux') return { onEc2: undefined, evidence: `platform ${ctx.platform}` };
  const read = (p: string) => {
    try {
      return String(ctx.fs.readFileSync(p, 'utf8')).trim();
    } catch {
      return undefined;
    }
  };
  const seen: string[] = [];
  for (const p of DMI) {
    const v = read(p);
    if (v === undefined) continue;
    if (/amazon|ec2/i.test(v)) return { onEc2: true, evidence: `${p} = ${v}` };
    seen.push(`${p.split('/').pop()} = ${v}`);
  }
  const uuid = read(XEN_UUID);
  if (uuid !== undefined) {
    if (/^ec2/i.test(uuid)) return { onEc2: true, evidence: `${XEN_UUID} starts with ec2` };
    seen.push(`hypervisor uuid ${uuid.slice(0, 8)}…`);
  }
  return { onEc2: false, evidence: seen.length ? seen.join(', ') : 'no DMI vendor and no hypervisor id' };
}
