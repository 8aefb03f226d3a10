// The picker's rows and ranking, and the recent-profiles state file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzyScore, rankRows, type PickRow } from '../../src/profiles/pickList';
import { readRecent, recentFile, recordRecent } from '../../src/shell/recent';
import { nodeContext } from '../../src/core/nodeContext';

const row = (name: string, o: Partial<PickRow> = {}): PickRow => ({ name, kind: 'static', account: '', role: '', region: '', ssoSession: '', active: false, ...o });
const ROWS = [
  row('prod-admin', { account: '111111111111', role: 'AdministratorAccess', ssoSession: 'corp' }),
  row('staging', { account: '222222222222', role: 'ReadOnly', ssoSession: 'corp' }),
  row('dev', { account: '333333333333', role: 'from default' }),
  row('default'),
];

describe('rankRows', () => {
  it('with no filter: recent first in recency order, then by name', () => {
    expect(rankRows(ROWS, '', ['staging', 'dev']).map((r) => r.name)).toEqual(['staging', 'dev', 'default', 'prod-admin']);
  });
  it('a substring beats a fuzzy match; matches on account id, role and sso session count', () => {
    expect(rankRows(ROWS, 'dev', []).map((r) => r.name)[0]).toBe('dev');
    expect(rankRows(ROWS, '2222', []).map((r) => r.name)).toEqual(['staging']);
    expect(rankRows(ROWS, 'rdonly', []).map((r) => r.name)).toEqual(['staging']);
    expect(rankRows(ROWS, 'admin', []).map((r) => r.name)[0]).toBe('prod-admin');
    expect(rankRows(ROWS, 'corp', []).map((r) => r.name).sort()).toEqual(['prod-admin', 'staging']);
    expect(rankRows(ROWS, 'zzz', [])).toEqual([]);
  });
  it('fuzzyScore: -1 when not a subsequence, higher for contiguous and word-start matches', () => {
    expect(fuzzyScore('staging-readonly', 'xyz')).toBe(-1);
    expect(fuzzyScore('staging-readonly', 'read')).toBeGreaterThan(fuzzyScore('staging-readonly', 'rdly'));
    expect(fuzzyScore('prod-admin', 'pa')).toBeGreaterThan(fuzzyScore('prodxadmin', 'pa'));
  });
});

describe('recent profiles', () => {
  const ctxFor = (env: NodeJS.ProcessEnv, home: string) => ({ ...nodeContext({ env }), home, env });
  it('lives under XDG_STATE_HOME (else ~/.local/state), most recent first, at most 50, mode 0600', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-recent-'));
    const ctx = ctxFor({ HOME: home }, home);
    expect(recentFile({}, home)).toBe(path.join(home, '.local/state/credchain/recent-profiles.json'));
    expect(recentFile({ XDG_STATE_HOME: '/x/state' }, home)).toBe('/x/state/credchain/recent-profiles.json');
    for (let i = 0; i < 60; i++) expect(recordRecent(ctx, `p${i}`)).toBeUndefined();
    recordRecent(ctx, 'p10');
    const list = readRecent(ctx);
    expect(list).toHaveLength(50);
    expect(list.slice(0, 3)).toEqual(['p10', 'p59', 'p58']);
    expect(fs.statSync(recentFile({}, home)).mode & 0o777).toBe(0o600);
  });
  it('a broken or unwritable state file never stops a switch', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-recent-'));
    fs.mkdirSync(path.join(home, '.local/state/credchain'), { recursive: true });
    fs.writeFileSync(path.join(home, '.local/state/credchain/recent-profiles.json'), '{broken');
    const ctx = ctxFor({ HOME: home }, home);
    expect(readRecent(ctx)).toEqual([]);
    const blocked = ctxFor({ HOME: home, XDG_STATE_HOME: path.join(home, 'file') }, home);
    fs.writeFileSync(path.join(home, 'file'), 'not a folder');
    expect(recordRecent(blocked, 'dev')).toMatch(/could not save the recent-profiles list/);
  });
});
