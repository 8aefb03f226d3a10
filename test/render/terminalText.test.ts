// The terminal text rules: one escaping function for control characters, deep escaping of a report, paths under
// HOME as ~/ in messages, display width for CJK and emoji, tables and lines fitted to a width.
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tildifyText } from '../../src/core/mask';
import { renderTable } from '../../src/render/table';
import { displayWidth, fitLines, lineWriter, terminalColumns, wrapDisplay } from '../../src/render/terminalText';
import { escapeControl, escapeStrings } from '../../src/core/escape';

describe('escapeControl', () => {
  it('shows C0, DEL and C1 characters as escapes and leaves printable text alone', () => {
    expect(escapeControl('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeControl('\x1b[31mred\x07')).toBe('\\x1b[31mred\\x07');
    expect(escapeControl('\x00\x7f\x85\x9b')).toBe('\\x00\\x7f\\x85\\x9b');
    expect(escapeControl('開発 🚀 café ~/.aws/config:3')).toBe('開発 🚀 café ~/.aws/config:3');
    // idempotent: a renderer may receive a report another renderer already escaped
    expect(escapeControl(escapeControl('x\ny'))).toBe('x\\ny');
  });

  it('every character from U+0000 to U+009F is either printable ASCII or escaped', () => {
    for (let cp = 0; cp <= 0x9f; cp++) {
      const shown = escapeControl(String.fromCharCode(cp));
      expect(/^[\x20-\x7e]+$/.test(shown), `U+${cp.toString(16)}`).toBe(true);
    }
  });
});

describe('escapeStrings', () => {
  it('escapes every string however deep, copies instead of changing the report, and tildifies paths under home', () => {
    const report = { name: 'a\x1bb', list: [{ reason: 'line1\nline2', file: '/home/u/.aws/config' }], n: 3, none: null };
    const shown = escapeStrings(report, '/home/u');
    expect(shown).toEqual({ name: 'a\\x1bb', list: [{ reason: 'line1\\nline2', file: '~/.aws/config' }], n: 3, none: null });
    expect(report.list[0].reason).toBe('line1\nline2');
  });

  it('walks a deep chain without recursion', () => {
    let deep: Record<string, unknown> = { v: 'end\n' };
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    let out = escapeStrings(deep) as Record<string, unknown>;
    while (out.next) out = out.next as Record<string, unknown>;
    expect(out.v).toBe('end\\n');
  });
});

describe('tildifyText', () => {
  it('abbreviates paths under home where a path starts, not a longer directory sharing the prefix', () => {
    expect(tildifyText('credential_process at /home/al/.aws/config:3: cannot run', '/home/al')).toBe('credential_process at ~/.aws/config:3: cannot run');
    expect(tildifyText("'/home/al/x' and /home/alice/y", '/home/al/')).toBe("'~/x' and /home/alice/y");
    expect(tildifyText('/var/home/al/x', '/home/al')).toBe('/var/home/al/x');
  });
});

describe('display width', () => {
  it('counts CJK and emoji as two columns and colour codes as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('開発')).toBe(4);
    expect(displayWidth('🚀x')).toBe(3);
    expect(displayWidth(new Chalk({ level: 2 }).red('red'))).toBe(3);
  });

  it('takes the width from COLUMNS, then the terminal, and none when not a terminal', () => {
    expect(terminalColumns({ COLUMNS: '60' }, true, 120)).toBe(60);
    expect(terminalColumns({ COLUMNS: 'wide' }, true, 120)).toBe(120);
    expect(terminalColumns({}, true, undefined)).toBe(80);
    expect(terminalColumns({ COLUMNS: '60' }, false, 120)).toBeUndefined();
  });
});

describe('renderTable', () => {
  const columns = [
    { header: 'NAME', fit: 'truncate' as const, min: 6, keep: 1 },
    { header: 'KIND' },
    { header: 'WHERE', fit: 'wrap' as const, min: 20 },
  ];
  const rows = [
    ['開発-チーム-本番環境', 'sso', '~/.aws/config:12, ~/.aws/credentials:3'],
    ['🚀-deploy', 'process', '~/.aws/config:40'],
  ];

  it('aligns by display width when it has room, and keeps every value whole without a width', () => {
    const lines = renderTable(columns, rows).trimEnd().split('\n');
    // the KIND column starts at the same display column on every line
    const kindAt = lines.map((l) => displayWidth(l.slice(0, l.search(/KIND|sso|process/))));
    expect(new Set(kindAt).size).toBe(1);
    expect(lines[1]).toContain('~/.aws/config:12, ~/.aws/credentials:3');
  });

  it('fits a width: the other columns give up room first, a cut cell ends in …, a wrapped one continues under itself', () => {
    const text = renderTable(columns, rows, { width: 50 });
    const lines = text.trimEnd().split('\n');
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(50);
    const whereAt = displayWidth(lines[0].slice(0, lines[0].indexOf('WHERE')));
    // the second place continues on the next line, starting under WHERE
    const cont = lines[2];
    expect(cont.slice(0, cont.search(/\S/)).length).toBe(whereAt);
    expect(text).toContain('~/.aws/credentials:3');
    expect(text).toMatch(/…/);
  });
});

describe('fitLines', () => {
  it('wraps a long line under its value, keeps short lines, and leaves everything whole without a width', () => {
    const lines = ['Region       eu-west-1  (from ~/.aws/config:174 [profile a-very-long-profile-name-for-testing])', 'short'];
    expect(fitLines(lines, undefined)).toBe(lines.join('\n') + '\n');
    const out = fitLines(lines, 60).trimEnd().split('\n');
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(60);
    expect(out[1].search(/\S/)).toBe('Region       eu-west-1  '.length);
    expect(out.at(-1)).toBe('short');
  });

  it('a mark line continues under its text; colour codes survive and take no width', () => {
    const c = new Chalk({ level: 2 });
    const line = `  ${c.yellow('!')} ${'word '.repeat(30).trim()}`;
    const out = fitLines([line], 40).trimEnd().split('\n');
    expect(out.length).toBeGreaterThan(1);
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(out[1].startsWith('    word')).toBe(true);
    expect(out[0]).toContain('\x1b[33m!');
  });
});

describe('fitLines on a narrow terminal', () => {
  it('fits a line to fewer columns than a value needs instead of failing', () => {
    const line = '  role_arn  arn:aws:iam::123456789012:role/Admin  ~/.aws/config:3';
    for (const width of [1, 5, 12, 19]) {
      const out = fitLines([line], width).trimEnd().split('\n');
      for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(width);
      expect(out.join('').replace(/ /g, '')).toBe(line.replace(/ /g, ''));
    }
  });
});

describe('lineWriter', () => {
  const written = (entries: string[], width: number | undefined, chunk: number) => {
    const parts: string[] = [];
    const out = lineWriter((s) => parts.push(s), width, chunk);
    for (const e of entries) out.line(e);
    out.end();
    return parts;
  };

  it('writes whole lines in pieces of about `chunk` characters that join into fitLines of the same entries', () => {
    const entries = Array.from({ length: 500 }, (_, i) => `  k${i}  ${'value '.repeat(i % 20)} ~/.aws/config:${i}`);
    for (const width of [undefined, 30, 80]) {
      const parts = written(entries, width, 1024);
      expect(parts.length).toBeGreaterThan(10);
      for (const p of parts) expect(p.endsWith('\n')).toBe(true);
      expect(parts.join('')).toBe(fitLines(entries, width));
    }
  });

  it('equals fitLines for any entries, newlines, colour codes and wide characters included', () => {
    const c = new Chalk({ level: 2 });
    const piece = fc.oneof(fc.string(), fc.constantFrom('  ', '\n', '開発', '🚀', 'arn:aws:iam::1:role/x-y', c.dim('x')));
    const entry = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const width = fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 20 }), width, fc.integer({ min: 1, max: 99 }), (e, w, n) => {
        expect(written(e, w, n).join('')).toBe(fitLines(e, w));
      }),
      { numRuns: 300 },
    );
  });
});

describe('wrapDisplay', () => {
  it('breaks a word wider than the column after - / : where it can, never adding a space inside a line', () => {
    const text = 'profile "team-platform-engineering-production-account-07-administrator-access" assumes arn:aws:iam::123456789007:role/Org';
    const lines = wrapDisplay(text, 33);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(33);
    expect(lines).toEqual(['profile', '"team-platform-engineering-', 'production-account-07-', 'administrator-access" assumes', 'arn:aws:iam::123456789007:role/', 'Org']);
    // nothing lost, nothing added: the lines joined back are the text
    expect(lines.join(' ').replace(/- /g, '-').replace(/\/ /g, '/')).toBe(text);
  });
});
