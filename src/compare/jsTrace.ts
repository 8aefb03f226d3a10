// Turns what the JS SDK logged while fromNodeProviderChain ran into one report per link. credential-provider-node
// logs "defaultProvider::fromX" when a link starts, and every CredentialsProviderError logs its message on
// construction ("@smithy/property-provider -> …" when the chain moves on, "(!)" when it stops). The env link logs
// nothing before it skips for AWS_PROFILE, so lines before the first marker belong to it.
import type { Status } from '../core/types';
import { JS_LINKS, type JsLink, type JsLinkReport } from './jsReport';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

const MARKER = /defaultProvider::(fromEnv|fromSSO|fromIni|fromProcess|fromTokenFile|remoteProvider)\b/;
const SOFT = /^@smithy\/property-provider -> ([\s\S]*)$/;
const HARD = /^@smithy\/property-provider \(!\) ([\s\S]*)$/;
export const NO_PROVIDER = 'Could not load credentials from any providers';
/** messages of the SDK's setting lookups (env, then config file), logged on the way: not why a link failed */
const LOOKUP = /not set in env, checking config file next|^Not found in (ENV|config files)/;

export interface TraceResult {
  providers: JsLinkReport[];
  /** the link that produced the credentials or the error that stopped the chain */
  last: JsLink;
}

export function linkReports(logs: LogLine[], outcome: { won: true } | { won: false; error: string }): TraceResult {
  const lines = new Map<JsLink, LogLine[]>(JS_LINKS.map((l) => [l, []]));
  let current: JsLink = 'fromEnv';
  const reached = new Set<JsLink>(['fromEnv']);
  for (const l of logs) {
    const m = MARKER.exec(l.text);
    if (m && !/remoteProvider::/.test(l.text)) {
      current = m[1] as JsLink;
      reached.add(current);
    }
    lines.get(current)!.push(l);
  }
  // the terminal link throws "Could not load credentials from any providers" after the last real link
  const exhausted = !outcome.won && outcome.error === NO_PROVIDER;
  const providers = JS_LINKS.map((link): JsLinkReport => {
    const own = lines.get(link)!;
    const notes = own.map((l) => `${l.level === 'debug' ? '' : `${l.level}: `}${l.text}`);
    const soft = own
      .map((l) => SOFT.exec(l.text)?.[1])
      .filter((x): x is string => x !== undefined && x !== NO_PROVIDER && !LOOKUP.test(x));
    const hard = own
      .map((l) => HARD.exec(l.text)?.[1])
      .filter((x): x is string => x !== undefined && x !== NO_PROVIDER);
    let status: Status;
    let reason: string;
    if (!reached.has(link)) {
      status = 'not-reached';
      reason = outcome.won
        ? 'not reached: an earlier link returned credentials'
        : 'not reached: the chain stopped at the error above';
    } else if (link !== current || exhausted) {
      status = 'skipped';
      reason =
        soft.at(-1) ??
        hard.at(-1) ??
        'failed; the SDK logged no reason (errors such as a refused or timed-out request are not logged)';
    } else if (outcome.won) {
      status = 'won';
      reason = 'returned credentials';
    } else {
      status = 'error';
      reason = hard.at(-1) ?? outcome.error;
    }
    return { method: link, status, reason, ...(notes.length ? { notes } : {}) };
  });
  return { providers, last: current };
}
