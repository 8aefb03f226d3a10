// The binary side of `credchain use`: with --shell it prints only code to eval (stdout), marked as such, and says
// what it cleared (stderr); without the function it changes nothing and explains how to install it; an unknown
// profile prints no code at all; hostile names are quoted so each real shell sets them and runs nothing.
import { describe, expect, it } from 'vitest';
import { USE_CODE_MARKER } from '../../src/shell/use';
import { runCli } from '../support/cli';
import { hostileHome, ran } from '../shell/hostile';
import { hasShell, runShell, type ShellName } from '../shell/shells';

const files = { '.aws/config': '[profile dev]\nregion = eu-west-1\n[profile prod]\n', '.aws/credentials': '[ci]\naws_access_key_id = A\naws_secret_access_key = s\n' };

describe('credchain use', () => {
  it('--shell bash: the code sets AWS_PROFILE and unsets the shadowing variables; stderr names those that were set', async () => {
    const r = await runCli(['use', 'dev', '--shell', 'bash'], { files, env: { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'SECRETVALUE', AWS_DEFAULT_PROFILE: 'prod' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "# credchain use: code for the shell function\nexport AWS_PROFILE='dev'\nunset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_DEFAULT_PROFILE AWS_CREDENTIAL_EXPIRATION CREDCHAIN_PROFILE\n",
    );
    expect(r.stderr).toBe('credchain: AWS_PROFILE=dev; cleared AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_PROFILE (they would shadow the profile under boto3)\n');
    expect(r.stdout + r.stderr).not.toContain('SECRETVALUE');
  });

  it('a profile defined only in the credentials file counts', async () => {
    const r = await runCli(['use', 'ci', '--shell', 'zsh'], { files });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# credchain use: code for the shell function\nexport AWS_PROFILE='ci'\n/);
    expect(r.stderr).toBe('credchain: AWS_PROFILE=ci\n');
  });

  it('--shell fish prints fish code', async () => {
    const r = await runCli(['use', 'prod', '--shell', 'fish'], { files });
    expect(r.stdout.split('\n')[1]).toBe("set -gx AWS_PROFILE 'prod'");
    expect(r.stdout).toContain('if set -q AWS_SECRET_ACCESS_KEY; set -e AWS_SECRET_ACCESS_KEY; end');
  });

  it('an unknown profile: exit 253 (as which, show and export), no code on stdout, the closest names on stderr', async () => {
    const r = await runCli(['use', 'Dev', '--shell', 'bash'], { files });
    expect(r.code).toBe(253);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no profile "Dev" in .*\.aws\/config or .*\.aws\/credentials \(did you mean "dev"\?\); nothing changed/);
  });

  it('without the shell function: nothing to eval, how to install it, and the code to paste; exit 252', async () => {
    const r = await runCli(['use', 'dev'], { files, env: { SHELL: '/usr/bin/fish' } });
    expect(r.code).toBe(252);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('credchain init fish | source');
    expect(r.stderr).toContain("set -gx AWS_PROFILE 'dev'");
    const bash = await runCli(['use', 'dev'], { files, env: { SHELL: '/bin/bash' } });
    expect(bash.stderr).toContain('eval "$(credchain init bash)"  to ~/.bashrc');
  });

  it('says when web-identity variables stay set, since boto3 prefers them to a non-role profile', async () => {
    const r = await runCli(['use', 'dev', '--shell', 'bash'], { files, env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:r' } });
    expect(r.stderr).toMatch(/AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN stay set/);
  });

  it('usage errors: no profile, a profile and --unset, --profile instead of the argument', async () => {
    for (const args of [['use', '--shell', 'bash'], ['use', 'dev', '--unset', '--shell', 'bash'], ['--profile', 'dev', 'use', '--shell', 'bash']]) {
      const r = await runCli(args, { files });
      expect(r.code, args.join(' ')).toBe(252);
      expect(r.stdout).toBe('');
    }
  });

  it('a malformed config file: exit 253 and no code', async () => {
    const r = await runCli(['use', 'dev', '--shell', 'bash'], { files: { '.aws/config': '[profile dev]\njunk\n' } });
    expect(r.code).toBe(253);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Unable to parse config file/);
  });
});

describe('credchain use never evaluates a name', () => {
  it('the code quotes every hostile name so each shell sets AWS_PROFILE to exactly that name and runs nothing', async () => {
    const h = hostileHome();
    for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
      if (!hasShell(shell)) {
        if (process.env.CI) throw new Error(`${shell} is not installed, and CI must test it`);
        continue;
      }
      const code: string[] = [];
      for (const name of h.names) {
        const r = await runCli(['use', '--shell', shell, '--', name], { home: h.home });
        expect(r.code, `${shell} ${name}: ${r.stderr}`).toBe(0);
        expect(r.stdout.startsWith(`${USE_CODE_MARKER}\n`)).toBe(true);
        code.push(r.stdout, `printf '<<%s>>\\n' "$AWS_PROFILE"`);
      }
      const out = runShell(shell, code.join('\n'), { HOME: h.home });
      expect(out.stderr).toBe('');
      expect([...out.stdout.matchAll(/^<<(.*)>>$/gm)].map((m) => m[1])).toEqual(h.names);
    }
    expect(ran(h)).toEqual([]);
  });

  it('a name with a newline, quotes and $(…) given on the command line is refused (no such profile) and no code is printed', async () => {
    const h = hostileHome();
    const r = await runCli(['use', '--shell', 'bash', `x\n$(touch ${h.markers}/nl)'"`], { home: h.home });
    expect(r.code).toBe(253);
    expect(r.stdout).toBe('');
    expect(ran(h)).toEqual([]);
  });

  it('a name that starts with "-" is given after --; a second name is a usage error', async () => {
    const h = hostileHome();
    const r = await runCli(['use', '--shell', 'bash', '--', '-dash'], { home: h.home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("export AWS_PROFILE='-dash'\n");
    const two = await runCli(['use', '--shell', 'bash', '--', '-dash', 'dev'], { home: h.home });
    expect(two.code).toBe(252);
    expect(two.stdout).toBe('');
  });

  it('whatever else `use --shell` prints (help for `use -dash`, which yargs reads as -d -a -s -h) lacks the code marker', async () => {
    const h = hostileHome();
    const r = await runCli(['use', '--shell', 'bash', '-dash'], { home: h.home });
    expect(r.stdout.startsWith(USE_CODE_MARKER)).toBe(false);
  });
});
