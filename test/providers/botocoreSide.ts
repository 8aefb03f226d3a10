// Real botocore against loopback servers, for the IMDS and container provider tests: each case gets its own server
// (same routes as the credchain side's), botocore's full chain runs with nothing else configured
// (test/conformance/oracle.py --messages --time-scale), and the answer holds what botocore returned or raised, the
// requests its server counted, and the timeouts and sleeps botocore asked for. Tests compare credchain with it
// instead of stating botocore's retries, timeouts and messages by hand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Outcome } from '../../src/core/types';
import type { HttpRequest } from '../../src/core/context';
import { makeRoot, probeOracle, removeRoot, runOracle, type OracleScenario } from '../conformance/harness';
import { startLoopback, type LoopbackServer, type RecordedRequest, type Route } from '../support/loopback';

const ORACLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'oracle.py');
const probe = probeOracle();
/** why botocore cannot run here, if it cannot */
export const botocoreProblem = 'problem' in probe ? probe.problem : undefined;
/** skip the comparisons without botocore on a developer machine; under CI they must run (and fail) */
export const skipBotocore = !!botocoreProblem && !process.env.CI;

export interface BotocoreCase {
  routes: Record<string, Route>;
  /** the environment for a server (its URL is known only once it listens) */
  env: (s: LoopbackServer) => Record<string, string>;
  /** close the server before botocore runs: connection refused */
  closed?: boolean;
}

export interface BotocoreAnswer {
  method: string | null;
  accessKeyId: string | null;
  error: { type: string; message: string } | null;
  /** botocore's server (http://127.0.0.1:PORT), to read its messages as if they named credchain's */
  url: string;
  /** "METHOD /path" of every request botocore's server received */
  seen: string[];
  /** those requests in full (headers, body) */
  requests: RecordedRequest[];
  /** per request, the timeout botocore set, in seconds */
  timeouts: number[];
  /** sleeps between attempts, in seconds */
  sleeps: number[];
}

/** every case through botocore at once (waits scaled by timeScale); resolves to name → answer */
export async function botocoreOn(cases: Record<string, BotocoreCase>, timeScale: number): Promise<Map<string, BotocoreAnswer>> {
  if (botocoreProblem) throw new Error(`botocore unavailable: ${botocoreProblem}`);
  const root = makeRoot('botocore-side');
  const servers = new Map<string, LoopbackServer>();
  try {
    const scenarios: OracleScenario[] = [];
    for (const [id, c] of Object.entries(cases)) {
      const s = await startLoopback(c.routes, { lifetimeMs: 120_000 });
      servers.set(id, s);
      const env = c.env(s);
      if (c.closed) await s.close();
      const home = path.join(root, id);
      fs.mkdirSync(home);
      const none = path.join(home, 'none');
      // nothing configured: botocore's chain reaches the container and IMDS providers with only the case's env
      scenarios.push({ id, home, argv: [], env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', AWS_CONFIG_FILE: none, AWS_SHARED_CREDENTIALS_FILE: none, BOTO_CONFIG: none, ...env } });
    }
    const outcomes = await runOracle(ORACLE, scenarios, 8, ['--messages', '--time-scale', String(timeScale)]);
    const answers = new Map<string, BotocoreAnswer>();
    for (const { id } of scenarios) {
      const o = outcomes.get(id);
      if (!o || 'oracleError' in o) throw new Error(`botocore failed on ${id}: ${o ? o.oracleError : 'no result'}`);
      const r = o.result;
      answers.set(id, {
        method: r.method,
        accessKeyId: r.accessKeyId,
        error: r.error as BotocoreAnswer['error'],
        url: servers.get(id)!.url,
        seen: servers.get(id)!.requests.map((q) => `${q.method} ${q.path}`),
        requests: servers.get(id)!.requests,
        timeouts: o.timing?.timeouts ?? [],
        sleeps: o.timing?.sleeps ?? [],
      });
    }
    return answers;
  } finally {
    await Promise.all([...servers.values()].map((s) => s.close()));
    removeRoot(root);
  }
}

/**
 * credchain's outcome must be botocore's: the same credentials, the same exception, or none at all. `url` is
 * credchain's server: botocore's message names its own server, so that URL is swapped for credchain's.
 */
export function expectSameOutcome(o: Outcome, b: BotocoreAnswer, url?: string): void {
  if (b.method) {
    expect(o.status === 'won' ? { method: o.credentials.method, accessKeyId: o.credentials.accessKeyId } : o).toEqual({ method: b.method, accessKeyId: b.accessKeyId });
  } else if (b.error) {
    expect(o.status === 'error' ? o.error.type : o).toBe(b.error.type);
    // credchain's message is botocore's, with where the value came from added
    expect(o.status === 'error' && o.error.message).toContain(url ? b.error.message.replaceAll(b.url, url) : b.error.message);
  } else {
    expect(o.status, 'botocore found no credentials (None)').toBe('skipped');
  }
}

/** one credchain run on its own server with a case's routes and environment */
export interface SideRun {
  o: Outcome;
  s: LoopbackServer;
  /** the requests credchain's transport was asked to make */
  asked: HttpRequest[];
  /** sleeps credchain asked for, in ms */
  sleeps: number[];
}

export interface AgreeOptions {
  /** compare the exception's message (default); off where the TLS library's own words differ */
  message?: boolean;
  /** compare each request's timeout (default); off where one side refuses a request before its transport */
  timeouts?: boolean;
  /** request headers that must be the same on both servers */
  headers?: string[];
}

/** botocore on its own server did what credchain did: outcome, message, requests (and headers), timeouts, sleeps */
export function expectBotocoreAgrees(answers: Map<string, BotocoreAnswer> | undefined, name: string, r: SideRun, opts: AgreeOptions = {}): void {
  if (skipBotocore) return;
  const b = answers?.get(name);
  if (!b) throw new Error(`botocore gave no answer for ${name}`);
  expectSameOutcome(r.o, opts.message === false && b.error ? { ...b, error: { ...b.error, message: '' } } : b, r.s.url);
  expect(r.s.requests.map((q) => `${q.method} ${q.path}`), 'requests, as each server counted them').toEqual(b.seen);
  const pick = (q: RecordedRequest) => Object.fromEntries((opts.headers ?? []).map((h) => [h, q.headers[h]]));
  expect(r.s.requests.map(pick), `${(opts.headers ?? []).join(', ')} of each request`).toEqual(b.requests.map(pick));
  if (opts.timeouts !== false) expect(r.asked.map((q) => q.timeoutMs / 1000), 'timeout of each request, in seconds').toEqual(b.timeouts);
  expect(r.sleeps.map((ms) => ms / 1000), 'sleeps between attempts, in seconds').toEqual(b.sleeps);
}
