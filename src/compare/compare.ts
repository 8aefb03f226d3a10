// boto3 and the JS SDK side by side: what differs between their answers (credentials, session token, expiry,
// assume-role source, region), and for each difference the divergence rules (src/divergences) that apply to the
// profiles in use and can change that aspect. Rules that apply but changed nothing are listed as latent.
import type { ChainReport } from '../core/report';
import { maskKey } from '../core/mask';
import { citation, DIVERGENCES, type Aspect, type DivergenceRule, type Evidence } from '../divergences/index';
import { relevantProfiles, type Facts } from './facts';
import type { JsChainReport } from './jsReport';

export interface RuleMatch {
  id: string;
  citation: string;
  title: string;
  boto3: string;
  js: string;
  fix: string;
  evidence: Evidence[];
}

export interface Difference {
  aspect: Aspect;
  boto3: string;
  js: string;
  /** the rules that explain it; empty when no known divergence does */
  rules: RuleMatch[];
}

export type Verdict = 'agree' | 'disagree' | 'neither-resolves';

export interface Comparison {
  verdict: Verdict;
  differences: Difference[];
  /** divergences that apply to the profiles in use but did not change the answer */
  latent: RuleMatch[];
  boto3: ChainReport;
  js: JsChainReport;
}

const MINTED = new Set(['assume-role', 'assume-role-with-web-identity', 'sso', 'custom-process']);

export function compareReports(boto3: ChainReport, js: JsChainReport, facts: Facts): Comparison {
  const diffs: { aspect: Aspect; boto3: string; js: string }[] = [];
  const b = boto3.credentials;
  const j = js.credentials;
  const bSays = describeBoto3(boto3);
  const jSays = describeJs(js);
  // keys minted per call (STS, the SSO portal, a credential_process) differ between two runs by design
  const keysComparable = b && !MINTED.has(b.method);
  if (
    !!b !== !!j ||
    (b &&
      j &&
      (b.method !== j.method ||
        (keysComparable && differs(b.accessKeyId, j.accessKeyId)) ||
        differs(b.roleArn, j.roleArn)))
  ) {
    diffs.push({ aspect: 'credentials', boto3: bSays, js: jSays });
  } else if (b && j) {
    if (!b.deferred && !j.deferred && b.hasSessionToken !== j.hasSessionToken) {
      diffs.push({
        aspect: 'token',
        boto3: b.hasSessionToken ? 'sends a session token' : 'sends no session token',
        js: j.hasSessionToken ? 'sends a session token' : 'sends no session token',
      });
    }
    const expired = b.expiration && !b.deferred && Date.parse(b.expiration) <= facts.ctx.now();
    if (expired && (!j.expiration || Date.parse(j.expiration) <= facts.ctx.now())) {
      diffs.push({
        aspect: 'expiry',
        boto3: `raises RuntimeError when the keys are first used (they expired at ${b.expiration})`,
        js: 'returns the expired credentials',
      });
    }
    const bs = b.chain?.[0];
    const jsrc = j.chain?.[0];
    if (
      b.method === 'assume-role' &&
      bs &&
      jsrc &&
      (bs.method !== jsrc.method || differs(bs.accessKeyId, jsrc.accessKeyId))
    ) {
      diffs.push({
        aspect: 'source',
        boto3: `signs AssumeRole with ${bs.method} ${maskKey(bs.accessKeyId)} (profile ${bs.profile})`,
        js: `signs AssumeRole with ${jsrc.method} ${maskKey(jsrc.accessKeyId)}`,
      });
    }
  }
  if ((boto3.region.name ?? null) !== (js.region.name ?? null)) {
    diffs.push({
      aspect: 'region',
      boto3:
        boto3.region.name === null ? 'no region' : `${JSON.stringify(boto3.region.name)} (from ${boto3.region.source})`,
      js:
        js.region.name === null
          ? `no region${js.region.error ? ` (${js.region.error})` : ''}`
          : `${JSON.stringify(js.region.name)} (from ${js.region.source})`,
    });
  }

  const relevant = relevantProfiles(facts);
  const applicable = DIVERGENCES.map((r) => ({
    r,
    evidence: r.detect(facts).filter((e) => e.profile === undefined || relevant.has(e.profile)),
  })).filter((x) => x.evidence.length);
  const used = new Set<string>();
  const differences: Difference[] = diffs.map((d) => {
    const rules = applicable.filter((x) => x.r.affects.includes(d.aspect)).map((x) => match(x.r, x.evidence));
    for (const r of rules) used.add(r.id);
    return { ...d, rules };
  });
  const latent = applicable.filter((x) => !used.has(x.r.id)).map((x) => match(x.r, x.evidence));
  const verdict: Verdict = !b && !j ? 'neither-resolves' : differences.length ? 'disagree' : 'agree';
  return { verdict, differences, latent, boto3, js };
}

function match(r: DivergenceRule, evidence: Evidence[]): RuleMatch {
  return { id: r.id, citation: citation(r), title: r.title, boto3: r.boto3, js: r.js, fix: r.fix, evidence };
}

/** two key ids (or ARNs) that are both known and not equal */
function differs(a: string | null | undefined, b: string | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && a !== b;
}

export function describeBoto3(r: ChainReport): string {
  const c = r.credentials;
  if (c)
    return `${c.method}${c.roleArn ? ` ${c.roleArn}` : ''}${c.accessKeyId ? ` ${maskKey(c.accessKeyId)}` : c.deferred ? ' (deferred)' : ''}`;
  if (r.error) return `raises ${r.error.type}`;
  return 'no credentials (None)';
}

export function describeJs(r: JsChainReport): string {
  const c = r.credentials;
  if (c)
    return `${c.method ?? 'unattributed credentials'}${c.roleArn ? ` ${c.roleArn}` : ''}${
      c.accessKeyId ? ` ${maskKey(c.accessKeyId)}` : c.deferred ? ' (call recorded, not made)' : ''
    }`;
  if (r.error)
    return (
      `fails: ` +
      `${r.error.type}${
        r.error.message.startsWith('Could not load credentials from any providers')
          ? ' (no provider had credentials)'
          : `: ${r.error.message.split('\n')[0]}`
      }`
    );
  return 'no credentials';
}
