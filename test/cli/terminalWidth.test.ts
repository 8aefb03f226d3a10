// Every command under a real pseudo-terminal of 80 columns, on a 52-profile config with long, CJK and emoji names:
// no line of what the terminal receives is wider than the terminal (measured in display columns, independently of
// the code under test), so nothing wraps mid-word. Piped, the same command keeps every value whole. Values holding
// control characters reach the terminal escaped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHome, runCli } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';
import { CLOSED_ENDPOINT, jailedEnv } from '../support/networkJail';
import { runUnderPty } from '../support/pty';
import { HOSTILE_PROFILE, stsStandIn, workstationFiles, WORKSTATION_PROFILES } from '../support/workstation';

/**
 * Display columns of a line as a terminal lays it out: CSI sequences take none, nor do combining marks, ZWJ and
 * variation selectors; East Asian wide characters and emoji presented as emoji take two. Written here, not taken
 * from string-width, so the test does not grade the code with its own ruler.
 */
function columnsOf(line: string): number {
  let n = 0;
  for (const ch of line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')) {
    if (/[\p{Mn}\p{Me}\u200d\ufe0e\ufe0f]/u.test(ch)) continue;
    const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\u30fc\uff01-\uff60\uffe0-\uffe6]|\p{Emoji_Presentation}/u.test(ch);
    n += wide ? 2 : 1;
  }
  return n;
}

/** the lines a person sees: a progress line rewritten with \r counts as each of its versions */
function screenLines(out: string): string[] {
  return out.split('\n').flatMap((l) => l.split('\r'));
}

/** the lines wider than `columns`, except the final one-line error (`credchain: …`), one line by contract */
function overflowing(out: string, columns: number): string[] {
  return screenLines(out).filter((l) => !l.startsWith('credchain: ') && columnsOf(l) > columns);
}

const PROFILE = 'team-platform-engineering-production-account-07-administrator-access';
const CJK = '開発-チーム-本番環境-03';
const EMOJI = '🚀-deploy-2-🔥';

let home: string;
let sts: LoopbackServer;
let env: Record<string, string>;
beforeAll(async () => {
  home = makeHome(workstationFiles());
  sts = await startLoopback({ 'POST /': stsStandIn }, { lifetimeMs: 120_000 });
  env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8', AWS_STS_REGIONAL_ENDPOINTS: 'regional' });
});
afterAll(() => sts?.close());

// [args, the exit code, a text the output must hold (so a command that printed nothing cannot pass)]
const COMMANDS: [string[], number, string | RegExp][] = [
  [[], 0, 'Sources, in boto3 order'],
  [['which', '--profile', CJK], 0, CJK],
  [['which', '--profile', EMOJI], 253, EMOJI],
  [['which', '--profile', PROFILE], 0, 'assume-role'],
  [['which', '--sdk', 'js', '--profile', PROFILE], 0, "Links, in the JS SDK's order"],
  [['verify', '--endpoint-url', CLOSED_ENDPOINT], 255, 'Checks'],
  [['profiles'], 0, 'DEFINED IN'],
  [['profiles', '--verify', '--endpoint-url', '@STS@'], 1, `${WORKSTATION_PROFILES} profiles:`],
  [['show', PROFILE], 0, 'Settings'],
  [['show', CJK], 0, 'sso-session corp'],
  [['show', EMOJI], 253, 'credential_process'],
  [['current', '--always'], 0, 'default'],
  [['doctor'], 1, 'process-command-not-found'],
  [['compare', '--profile', PROFILE], 0, 'JS chain'],
  [['sso', 'status'], 0, 'sso-session corp'],
  [['--help'], 0, 'Commands:'],
  [['export', '--help'], 0, '--format'],
  [['use', '--help'], 0, 'credchain use'],
  [['doctor', '--help'], 0, 'credchain doctor'],
  [['set', '--help'], 0, 'credchain set'],
];

describe('under an 80-column terminal', () => {
  it.concurrent.each(COMMANDS.map(([args, code, holds]) => [args.join(' ') || '(no arguments)', args, code, holds] as const))(
    '%s: no line wider than 80 columns',
    async (_name, args, code, holds) => {
      // generous deadlines: up to five of these run at once on a shared machine
      const r = await runUnderPty(args.map((a) => (a === '@STS@' ? sts.url : a)), env, { columns: 80, cwd: home, timeoutMs: 50_000 });
      expect(r.out).toMatch(typeof holds === 'string' ? new RegExp(holds.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : holds);
      expect(r.code, r.out).toBe(code);
      expect(overflowing(r.out, 80)).toEqual([]);
    },
    60_000,
  );

  it('COLUMNS overrides the terminal: profiles fits 60 columns; piped, names and places are whole', async () => {
    const narrow = await runUnderPty(['profiles'], { ...env, COLUMNS: '60' }, { columns: 80, cwd: home });
    expect(narrow.code, narrow.out).toBe(0);
    expect(overflowing(narrow.out, 60), narrow.out).toEqual([]);
    expect(narrow.out).toContain('…');
    const piped = await runCli(['profiles'], { home, env: { COLUMNS: '60' } });
    expect(piped.stdout).not.toContain('…');
    expect(piped.stdout).toContain(PROFILE);
    expect(piped.stdout).toMatch(/~\/\.aws\/config:1, ~\/\.aws\/credentials:1/);
    // one row per profile: no row split across lines when nothing is fitted
    const rows = piped.stdout.split('\n\n')[0].split('\n').slice(1);
    expect(rows).toHaveLength(WORKSTATION_PROFILES);
  });

  it('a section name holding BEL and ESC reaches the terminal escaped, on its own row', async () => {
    const r = await runUnderPty(['profiles', '--color', 'off'], env, { columns: 80, cwd: home });
    expect(r.out).not.toMatch(/[\x07\x1b]/);
    expect(r.out).toContain('bell\\x07ring');
    const shown = await runUnderPty(['show', HOSTILE_PROFILE, '--color', 'off'], env, { columns: 80, cwd: home });
    expect(shown.code, shown.out).toBe(0);
    expect(shown.out).not.toMatch(/[\x07\x1b]/);
    expect(shown.out).toContain('Profile  bell\\x07ring\\x1b[31m-red');
  });

  it('the one-line error shows a control character in a value escaped', async () => {
    const r = await runCli(['show', 'no\x1b]0;pwned\x07such'], { home });
    expect(r.code).toBe(253);
    expect(r.stderr).not.toMatch(/[\x07\x1b]/);
    expect(r.stderr).toContain('no\\x1b]0;pwned\\x07such');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('places read ~/.aws/… in text, never the absolute home', async () => {
    const r = await runUnderPty(['which', '--profile', EMOJI, '--color', 'off'], env, { columns: 80, cwd: home });
    expect(r.out).toContain('~/.aws/config:');
    expect(r.out.split('\n').filter((l) => !l.startsWith('credchain: ') && l.includes(fs.realpathSync(home) + path.sep))).toEqual([]);
    expect(r.out.split('\n').filter((l) => !l.startsWith('credchain: ') && l.includes(home + path.sep))).toEqual([]);
  });
});
