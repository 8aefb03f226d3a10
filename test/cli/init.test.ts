// `credchain init bash|zsh|fish` sourced in the real shells: the `credchain` function switches AWS_PROFILE in the
// calling shell and clears what would shadow it, refuses unknown profiles without changing anything, passes other
// commands straight through, finds the binary, and completes commands and profile names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/shell/init';
import { makeHome, runCli } from '../support/cli';
import { itIn, runShell, type ShellName } from '../shell/shells';

const FILES = {
  '.aws/config': '[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n[profile "with space"]\nregion = x\n[profile prod]\nregion = y\n',
  '.aws/credentials': '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n',
};

const SHADOW = {
  AWS_ACCESS_KEY_ID: 'AKIAOLD',
  AWS_SECRET_ACCESS_KEY: 'old-secret',
  AWS_SESSION_TOKEN: 'old-token',
  AWS_SECURITY_TOKEN: 'old-security-token',
  AWS_DEFAULT_PROFILE: 'prod',
  AWS_CREDENTIAL_EXPIRATION: '2099-01-01T00:00:00Z',
};

async function setup(shell: ShellName) {
  const home = makeHome(FILES);
  const init = await runCli(['init', shell], { home });
  expect(init.code, init.stderr).toBe(0);
  const file = path.join(home, `init.${shell}`);
  fs.writeFileSync(file, init.stdout);
  return { home, file };
}

/** prints each variable as NAME=value or NAME unset, one per line, in any of the shells */
function show(shell: ShellName, names: string[]): string {
  if (shell === 'fish') return names.map((n) => `if set -q ${n}; echo "${n}=$${n}"; else; echo "${n} unset"; end`).join('\n');
  return names.map((n) => `if [ -n "\${${n}+x}" ]; then echo "${n}=$${n}"; else echo "${n} unset"; fi`).join('\n');
}

const load = (shell: ShellName, file: string) => (shell === 'fish' ? `source ${file}` : `. ${file}`);
/** echo the last command's exit status */
const status = (shell: ShellName) => (shell === 'fish' ? 'echo "status=$status"' : 'echo "status=$?"');
const VARS = ['AWS_PROFILE', ...Object.keys(SHADOW)];

describe.each(['bash', 'zsh', 'fish'] as ShellName[])('credchain init %s', (shell) => {
  itIn(shell)('`credchain use dev` sets AWS_PROFILE in this shell and clears what would shadow it, saying so on stderr', async () => {
    const { home, file } = await setup(shell);
    const r = runShell(shell, `${load(shell, file)}\ncredchain use dev\n${status(shell)}\n${show(shell, VARS)}`, { HOME: home, ...SHADOW });
    expect(r.stdout).toContain('status=0');
    expect(r.stdout).toContain('AWS_PROFILE=dev');
    for (const k of Object.keys(SHADOW)) expect(r.stdout).toContain(`${k} unset`);
    expect(r.stderr).toContain('AWS_PROFILE=dev; cleared AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN, AWS_DEFAULT_PROFILE, AWS_CREDENTIAL_EXPIRATION');
    expect(r.stderr).not.toContain('old-secret');
  });

  itIn(shell)('an unknown profile: exit 253 (a missing profile, as in which and show), the closest names, and nothing changes', async () => {
    const { home, file } = await setup(shell);
    const r = runShell(shell, `${load(shell, file)}\ncredchain use prdo\n${status(shell)}\n${show(shell, VARS)}`, { HOME: home, ...SHADOW, AWS_PROFILE: 'dev' });
    expect(r.stdout).toContain('status=253');
    expect(r.stdout).toContain('AWS_PROFILE=dev');
    for (const [k, v] of Object.entries(SHADOW)) expect(r.stdout).toContain(`${k}=${v}`);
    expect(r.stderr).toMatch(/no profile "prdo".*did you mean "prod"/);
  });

  itIn(shell)('a profile name with a space and quotes survives the round trip', async () => {
    const { home, file } = await setup(shell);
    const r = runShell(shell, `${load(shell, file)}\ncredchain use "with space"\n${show(shell, ['AWS_PROFILE'])}`, { HOME: home });
    expect(r.stdout).toContain('AWS_PROFILE=with space');
  });

  itIn(shell)('`credchain use --unset` removes the profile variables', async () => {
    const { home, file } = await setup(shell);
    const r = runShell(shell, `${load(shell, file)}\ncredchain use --unset\n${show(shell, ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'])}`, {
      HOME: home,
      AWS_PROFILE: 'dev',
      AWS_DEFAULT_PROFILE: 'prod',
    });
    expect(r.stdout).toContain('AWS_PROFILE unset');
    expect(r.stdout).toContain('AWS_DEFAULT_PROFILE unset');
  });

  itIn(shell)('every other command passes straight through, with its output and exit code', async () => {
    const { home, file } = await setup(shell);
    const r = runShell(shell, `${load(shell, file)}\ncredchain profiles --names\n${status(shell)}\ncredchain show nosuch\n${status(shell)}\ncredchain use --help\n${status(shell)}`, { HOME: home });
    expect(r.stdout).toContain('default\ndev\nwith space\nprod\nstatus=0');
    const direct = await runCli(['show', 'nosuch'], { home });
    expect(direct.code).not.toBe(0);
    expect(r.stdout).toContain(`status=${direct.code}`);
    // help goes to the terminal, never to eval
    expect(r.stdout).toMatch(/credchain use \[name\]/);
    expect(r.stdout.trim().endsWith('status=0')).toBe(true);
  });

  itIn(shell)('evaluates only what `use` marks as code: any other output (help text) is shown, never run', async () => {
    const { home, file } = await setup(shell);
    const fake = path.join(home, 'fake-credchain');
    fs.writeFileSync(fake, `#!/bin/sh\necho "touch ${home}/ran"\n`, { mode: 0o755 });
    const r = runShell(shell, `${load(shell, file)}\ncredchain use -dash\n${status(shell)}`, { HOME: home, CREDCHAIN_BIN: fake });
    expect(r.stdout).toContain(`touch ${home}/ran\nstatus=0`);
    expect(fs.existsSync(path.join(home, 'ran'))).toBe(false);
  });

  itIn(shell)('finds the binary: the node and script that printed the function, then $CREDCHAIN_BIN, then credchain on PATH', async () => {
    const { home } = await setup(shell);
    const bin = path.join(home, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'fake-credchain'), '#!/bin/sh\necho "fake $*"\n', { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'credchain'), '#!/bin/sh\necho "on-path $*"\n', { mode: 0o755 });
    const init = fs.readFileSync(path.join(home, `init.${shell}`), 'utf8');
    const env = { HOME: home, PATH: `${bin}:${process.env.PATH}` };
    const viaOverride = runShell(shell, `${load(shell, path.join(home, `init.${shell}`))}\ncredchain current --always`, { ...env, CREDCHAIN_BIN: path.join(bin, 'fake-credchain') });
    expect(viaOverride.stdout.trim()).toBe('fake current --always');
    const recorded = runShell(shell, `${load(shell, path.join(home, `init.${shell}`))}\ncredchain current --always`, env);
    expect(recorded.stdout.trim()).toBe('default');
    // the recorded script is gone (credchain moved): the function falls back to PATH
    const moved = path.join(home, `moved.${shell}`);
    fs.writeFileSync(moved, init.split(fs.realpathSync(path.resolve(__dirname, '../../bin/credchain.js'))).join('/nonexistent/credchain.js'));
    const fallback = runShell(shell, `${load(shell, moved)}\ncredchain current --always`, env);
    expect(fallback.stdout.trim()).toBe('on-path current --always');
  });
});

describe('completion', () => {
  itIn('bash')('bash: commands at the first word, profile names after use/show/exec and --profile, formats after --format', async () => {
    const { home, file } = await setup('bash');
    const complete = (words: string[]) =>
      runShell('bash', `. ${file}\nCOMP_LINE='${words.join(' ')}'; COMP_POINT=\${#COMP_LINE}\n__credchain_complete\nprintf '%s\\n' "\${COMPREPLY[@]}"\ncomplete -p credchain`, { HOME: home }).stdout;
    expect(complete(['credchain', 'e'])).toContain('exec\nexport\n');
    expect(complete(['credchain', 'use', 'd'])).toContain('default\ndev\n');
    // offered quoted, as it must be inserted on the command line
    expect(complete(['credchain', 'show', 'w'])).toContain('with\\ space\n');
    expect(complete(['credchain', '--profile', 'p'])).toContain('prod\n');
    expect(complete(['credchain', 'export', '--format', 'p'])).toContain('powershell\nprocess\n');
    expect(complete(['credchain', 'init', ''])).toContain('bash\nzsh\nfish\n');
    expect(complete(['credchain', 'exec', 'dev', '--', 'l'])).not.toContain('dev');
    expect(complete(['credchain'])).toMatch(/complete -o bashdefault -o default -F __credchain_complete credchain/);
  });

  itIn('zsh')('zsh: the same, through compadd', async () => {
    const { home, file } = await setup('zsh');
    const mock = `compadd() { if [[ $1 == -a ]]; then print -rl -- \${(P)2}; else [[ $1 == -- ]] && shift; print -rl -- "$@"; fi }\n_files() { print FILES }\n_normal() { print "NORMAL $words[1]" }`;
    const complete = (words: string[]) =>
      runShell('zsh', `. ${file}\n${mock}\nwords=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; PREFIX='${words.at(-1)}'\n__credchain_zsh_complete`, { HOME: home }).stdout;
    expect(complete(['credchain', 'e'])).toContain('exec\nexport\n');
    expect(complete(['credchain', 'use', 'd'])).toBe('default\ndev\nwith space\nprod\n');
    expect(complete(['credchain', '--profile', ''])).toBe('default\ndev\nwith space\nprod\n');
    expect(complete(['credchain', 'export', '--format', ''])).toContain('windows-cmd\n');
    expect(complete(['credchain', 'exec', 'dev', '--', 'l'])).toBe('NORMAL l\n');
  });

  itIn('fish')('fish: complete -C gives commands and profile names', async () => {
    const { home, file } = await setup('fish');
    const complete = (line: string) => runShell('fish', `source ${file}\ncomplete -C '${line}'`, { HOME: home }).stdout.split('\n').map((l) => l.split('\t')[0]);
    expect(complete('credchain ex')).toEqual(expect.arrayContaining(['exec', 'export']));
    expect(complete('credchain use ')).toEqual(expect.arrayContaining(['default', 'dev', 'with space', 'prod']));
    expect(complete('credchain --profile d')).toEqual(expect.arrayContaining(['default', 'dev']));
    expect(complete('credchain export --format p')).toEqual(expect.arrayContaining(['powershell', 'process']));
  });

  it('profile names come from `profiles --names`, which runs nothing and reaches no network', async () => {
    const home = makeHome({ ...FILES, '.aws/config': FILES['.aws/config'] + '[profile proc]\ncredential_process = /bin/sh -c "touch ran"\n' });
    const r = await runCli(['profiles', '--names'], { home, imds: true, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/x', AWS_PROFILE: 'proc' } });
    expect(r.stdout).toBe('default\ndev\nwith space\nprod\nproc\n');
    expect(fs.existsSync(path.join(home, 'ran'))).toBe(false);
  });

  it('completion offers exactly the commands `credchain --help` lists (add new commands to COMMANDS in src/shell/init.ts)', async () => {
    const help = (await runCli(['--help'])).stdout;
    const listed = [...help.matchAll(/^ {2}credchain (\S+)/gm)].map((m) => m[1]);
    expect([...COMMANDS].sort()).toEqual([...new Set(listed)].sort());
  });
});

describe('init itself', () => {
  it('refuses an unknown shell with 252', async () => {
    const r = await runCli(['init', 'tcsh']);
    expect(r.code).toBe(252);
    expect(r.stdout).toBe('');
  });

  it('passes the shell name to `use --shell`', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      expect((await runCli(['init', shell])).stdout).toContain(`use --shell ${shell}`);
    }
  });
});
