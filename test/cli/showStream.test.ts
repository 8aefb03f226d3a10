// `credchain show` on a large profile writes its output in pieces (a profile may hold a million settings): the pieces
// joined are exactly the text and JSON a single write would have given, wrapped lines included, secrets masked.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { fitLines } from '../../src/render/terminalText';
import { makeHome } from '../support/cli';
import { jailedEnv } from '../support/networkJail';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYSTREAMSECRET';
const KEYS = 5000;
const FILES = {
  '.aws/config': [
    '[DEFAULT]',
    'region = eu-west-1',
    '[default]',
    'output = json',
    'role_session_name = a-session-name-long-enough-to-wrap-on-a-narrow-terminal-and-then-some-more',
    ...Array.from({ length: KEYS }, (_, i) => `k${i} = value-${i}`),
    '',
  ].join('\n'),
  '.aws/credentials': [
    '[default]',
    'aws_access_key_id = AKIASTREAM0001234',
    `aws_secret_access_key = ${SECRET}`,
    'output = text',
    '',
  ].join('\n'),
};

async function show(argv: string[], home: string, columns?: number): Promise<{ code: number; parts: string[] }> {
  const parts: string[] = [];
  const env = jailedEnv({ HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' });
  const code = await main(argv, {
    stdout: (s) => parts.push(s),
    stderr: () => {},
    env,
    isTTY: columns !== undefined,
    columns,
    cwd: home,
  });
  return { code, parts };
}

describe('credchain show on a large profile', () => {
  const home = makeHome(FILES);

  it('--json is written in pieces that join into JSON.stringify(report, null, 2) + "\\n"', async () => {
    const { code, parts } = await show(['show', '--json'], home);
    expect(code).toBe(0);
    expect(parts.length).toBeGreaterThan(1);
    const text = parts.join('');
    const report = JSON.parse(text);
    expect(text).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(report.settings).toHaveLength(KEYS + 5);
    expect(report.settings[KEYS + 1]).toEqual({
      key: `k${KEYS - 1}`,
      value: `value-${KEYS - 1}`,
      file: `${home}/.aws/config`,
      line: KEYS + 5,
      section: 'default',
    });
    expect(text).not.toContain(SECRET);
  });

  it('text is written in pieces of whole lines, every setting on its own line, the secret masked', async () => {
    const { code, parts } = await show(['show', '--color', 'off'], home);
    expect(code).toBe(0);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.endsWith('\n')).toBe(true);
    const lines = parts.join('').split('\n');
    const rows = lines.filter((l) => /^ {2}k\d+ /.test(l));
    expect(rows).toHaveLength(KEYS);
    expect(rows[KEYS - 1]).toMatch(new RegExp(`^  k${KEYS - 1} +value-${KEYS - 1} +~/\\.aws/config:${KEYS + 5}$`));
    expect(parts.join('')).toContain(`******** (${SECRET.length} chars)`);
    expect(parts.join('')).not.toContain(SECRET);
  });

  it('on a terminal each line is wrapped on its own exactly as fitting the whole text at once wraps it', async () => {
    const piped = (await show(['show', '--color', 'off'], home)).parts.join('');
    for (const columns of [40, 80]) {
      const { parts } = await show(['show', '--color', 'off'], home, columns);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('')).toBe(fitLines(piped.slice(0, -1).split('\n'), columns));
    }
  });
});
