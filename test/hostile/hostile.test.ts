// The hostile-input suite: every read command against every input of cases.ts, each input in its own process bounded
// in time (killed as a group at the bound) and measured in memory (max RSS). Every command must end, with a
// documented exit code, a message and no stack trace; `which --json` (or the input's first command) must end as the
// input says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOSTILE_INPUTS } from './cases';
import { runAll, type InputRun } from './run';
import { startHostileServers, type HostileServers } from './servers';

/** per input: all its commands; the slowest legitimate ones wait out a 1 s helper or endpoint timeout a few times */
const BOUND_MS = 30_000;
const MAX_RSS_KB = 400 * 1024;
const EXIT_CODES = [0, 1, 253, 254, 255];
const STACK = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

let servers: HostileServers;
let root: string;
let results: InputRun[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-hostile-'));
  servers = await startHostileServers(110_000);
  // most inputs wait (on a timeout, an endpoint, a helper) rather than compute: more at once than cores is fine
  results = await runAll(HOSTILE_INPUTS, root, servers, 8, BOUND_MS);
}, 120_000);

afterAll(async () => {
  await servers?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
  if (process.env.CREDCHAIN_HOSTILE_TIMES === '1') {
    for (const r of [...results].sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log(`${r.ms} ms, ${Math.round((r.maxRssKb ?? 0) / 1024)} MB: ${r.input.name}`);
  }
});

/** everything wrong with one input's run, as sentences */
function problems(r: InputRun): string[] {
  const out: string[] = [];
  if (r.killed) out.push(`killed at ${BOUND_MS} ms; unfinished: ${r.unfinished.map((c) => c.join(' ')).join(', ')}`);
  if (r.maxRssKb !== null && r.maxRssKb > MAX_RSS_KB) out.push(`max RSS ${Math.round(r.maxRssKb / 1024)} MB`);
  if (r.driverStderr.trim()) out.push(`driver stderr: ${r.driverStderr.slice(0, 300)}`);
  for (const c of r.runs) {
    const cmd = c.argv.join(' ').slice(0, 80);
    if (c.code === 'threw' || !EXIT_CODES.includes(c.code)) out.push(`${cmd}: exit ${c.code}`);
    if (STACK.test(c.stderr)) out.push(`${cmd}: stack trace on stderr`);
    if (/unexpected error/.test(c.stderr)) out.push(`${cmd}: ${c.stderr.trim().split('\n')[0].slice(0, 300)}`);
    // an error ends with one line; a report on stdout may come with warnings
    if (c.code !== 0 && !c.stdout.trim() && c.stderr.trim().split('\n').length !== 1) out.push(`${cmd}: exit ${c.code} with ${c.stderr.trim().split('\n').length} lines on stderr: ${c.stderr.slice(0, 300)}`);
    if (c.code !== 0 && !c.stdout.trim() && !c.stderr.trim()) out.push(`${cmd}: exit ${c.code} with no message`);
  }
  const first = r.runs[0];
  if (first && typeof first.code === 'number') {
    if (!r.input.exit.includes(first.code)) out.push(`${first.argv.join(' ')}: exit ${first.code}, expected ${r.input.exit.join(' or ')}: ${(first.stderr + first.stdout).slice(0, 400)}`);
    if (r.input.says && !r.input.says.test(first.stdout + first.stderr)) out.push(`${first.argv.join(' ')}: does not say ${r.input.says}: ${(first.stderr + first.stdout).slice(0, 400)}`);
  }
  return out;
}

describe('hostile inputs', () => {
  it('has at least 60 inputs, and every read command meets them', () => {
    expect(HOSTILE_INPUTS.length).toBeGreaterThanOrEqual(60);
    const commands = new Set(results.flatMap((r) => r.runs.map((c) => c.argv.filter((a) => !a.startsWith('-') && !a.includes('/'))[0] ?? 'which')));
    for (const c of ['which', 'show', 'profiles', 'current', 'doctor', 'verify', 'compare']) expect(commands).toContain(c);
  });
  it.each(HOSTILE_INPUTS.map((i) => [i.name]))('%s', (name) => {
    const r = results.find((x) => x.input.name === name)!;
    expect(problems(r)).toEqual([]);
  });
});
