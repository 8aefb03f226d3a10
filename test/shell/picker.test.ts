// The `credchain use` picker as a person uses it: a real bash, zsh and fish under tmux with the function from
// `credchain init`, `credchain use` typed with no name, a filter typed, Enter, then $AWS_PROFILE read in that same
// shell; Esc leaves it unchanged; recently used profiles come first; rows fit a narrow terminal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, makeHome, runCli } from '../support/cli';
import { jailedEnv } from '../support/networkJail';
import { itIn, type ShellName } from './shells';
import { hasTmux, TmuxShell } from './tmux';

const CONFIG = `[default]
region = eu-west-1
[profile dev]
role_arn = arn:aws:iam::123456789012:role/developer
source_profile = default
region = us-east-2
[profile prod-admin]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = eu-central-1
[profile staging-readonly]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = ReadOnly
[profile a-profile-with-a-very-long-name-that-cannot-fit-in-a-narrow-terminal-at-all]
credential_process = /bin/true
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

const live: TmuxShell[] = [];
afterEach(() => {
  for (const t of live.splice(0)) t.close();
});

/** an interactive shell with credchain on PATH and its init loaded */
async function shellWithInit(shell: ShellName, size?: { columns: number; rows: number }): Promise<{ t: TmuxShell; home: string }> {
  const home = makeHome({ '.aws/config': CONFIG, '.aws/credentials': '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n' });
  const bin = path.join(home, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'credchain'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
  const argv = shell === 'bash' ? ['bash', '--norc', '--noprofile'] : shell === 'zsh' ? ['zsh', '-f'] : ['fish', '--no-config'];
  const env = jailedEnv({ HOME: home, PATH: `${bin}:/usr/bin:/bin`, TERM: 'xterm', PS1: '$ ' });
  const t = new TmuxShell(argv, env, size);
  live.push(t);
  t.type(shell === 'fish' ? 'credchain init fish | source; echo READY' : 'eval "$(credchain init ' + shell + ')"; echo READY');
  t.press('Enter');
  await t.waitFor(/^READY$/m);
  return { t, home };
}

// under CI a missing tmux fails the test (TmuxShell cannot start) instead of skipping it
describe.skipIf(!hasTmux() && !process.env.CI)('credchain use with no name: a picker', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    itIn(shell)(`${shell}: type a filter, Enter switches the shell's AWS_PROFILE; Esc changes nothing`, async () => {
      const { t } = await shellWithInit(shell);
      t.type('credchain use');
      t.press('Enter');
      await t.waitFor(/Switch to profile/);
      // fuzzy on the role name: "rdonly" finds staging-readonly's ReadOnly
      t.type('rdonly');
      await t.waitFor(/❯ +staging-readonly/);
      t.press('Enter');
      await t.waitFor(/AWS_PROFILE=staging-readonly/);
      t.type('echo "P1=$AWS_PROFILE"');
      t.press('Enter');
      await t.waitFor(/^P1=staging-readonly$/m);

      t.type('credchain use');
      t.press('Enter');
      await t.waitFor(/P1=staging-readonly[\s\S]*Switch to profile/);
      t.press('Escape');
      await t.waitFor(/cancelled; nothing changed/);
      t.type('echo "P2=$AWS_PROFILE"');
      t.press('Enter');
      await t.waitFor(/^P2=staging-readonly$/m);
    });
  }

  itIn('bash')('recently used profiles come first, the active one is marked, rows fit a 60-column terminal', async () => {
    const { t, home } = await shellWithInit('bash', { columns: 60, rows: 20 });
    for (const p of ['dev', 'prod-admin']) {
      t.type(`credchain use ${p}`);
      t.press('Enter');
      await t.waitFor(new RegExp(`AWS_PROFILE=${p}`));
    }
    t.type('clear; credchain use');
    t.press('Enter');
    await t.waitFor(/Switch to profile/);
    await t.waitFor(/navigate/);
    const rows = t.visible().filter((l) => /^\s*[❯ ] [● ] \S/.test(l));
    // recent first (the last used on top), then by name; a name too long for its column is cut with …
    expect(rows.map((l) => l.replace(/^[❯ ]\s?[● ]\s/, '').split(/\s+/)[0])).toEqual(['prod-admin', 'dev', 'a-profile-with-a-ve…', 'default', 'staging-readonly']);
    expect(rows[0]).toMatch(/● prod-admin/);
    for (const l of t.visible()) expect([...l].length).toBeLessThanOrEqual(60);
    t.press('Escape');
    await t.waitFor(/cancelled/);
    expect(JSON.parse(fs.readFileSync(path.join(home, '.local/state/credchain/recent-profiles.json'), 'utf8'))).toEqual(['prod-admin', 'dev']);
    expect(fs.existsSync(path.join(home, '.aws', 'recent-profiles.json'))).toBe(false);
  });
});

describe('credchain use with no name and no terminal', () => {
  it('stays a usage error (252) and prints no code', async () => {
    const r = await runCli(['use', '--shell', 'bash'], { files: { '.aws/config': CONFIG } });
    expect(r.code).toBe(252);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('which profile?');
  });
});
