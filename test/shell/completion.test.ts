// Completion treats profile names as data in bash, zsh and fish: names holding $(…), backticks, ; | && >, quotes,
// spaces, globs, variables and backslashes are offered (quoted for the command line), completed by a prefix and
// accepted with Enter, and not one of the commands in them runs (the marker folder stays empty). Through each
// shell's completion entry point, then by real Tab presses in an interactive shell under tmux.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { hostileHome, ran, type HostileHome } from './hostile';
import { hasShell, itIn, runShell, type ShellName } from './shells';
import { hasTmux, TmuxShell } from './tmux';

async function setup(shell: ShellName): Promise<HostileHome & { file: string }> {
  const h = hostileHome();
  const init = await runCli(['init', shell], { home: h.home });
  expect(init.code, init.stderr).toBe(0);
  const file = path.join(h.home, `init.${shell}`);
  fs.writeFileSync(file, init.stdout);
  return { ...h, file };
}

/** a prefix as a person types it: every character that means something to `shell` escaped with a backslash */
function typed(shell: ShellName, s: string): string {
  return s.replace(shell === 'fish' ? /[\s$()\\;|&*?[\]"'<>{}~#%^]/g : /[\s$()\\;|&*?[\]"'<>`{}~#!^:=]/g, (c) => `\\${c}`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('completion never evaluates a profile name', () => {
  itIn('bash')('bash: every candidate, read back by the shell as a word, is exactly one name; nothing runs', async () => {
    const h = await setup('bash');
    // each candidate is what Tab inserts; `eval printf` reads it back as the shell will when Enter is pressed
    // inside a quote the user opened, readline inserts the candidate after it and closes the quote: $Q$c$Q
    const script = `. ${h.file}\nCOMP_LINE="$LINE"; COMP_POINT=\${#COMP_LINE}\n__credchain_complete\nfor c in "\${COMPREPLY[@]}"; do eval "printf '<%s>\\n' $Q$c$Q"; done`;
    const names = (prefix: string, quote = '', before = 'credchain use') => {
      const r = runShell('bash', script, { HOME: h.home, LINE: `${before} ${prefix}`, Q: quote });
      expect(r.stderr).toBe('');
      return [...r.stdout.matchAll(/^<(.*)>$/gm)].map((m) => m[1]);
    };
    expect(names('').sort()).toEqual([...h.names].sort());
    expect(names('', '', 'credchain show --profile').sort()).toEqual([...h.names].sort());
    // a word that starts with "-" is an option: no names (such a profile is `credchain use -- -dash`, see use.test.ts)
    for (const { prefix, name } of h.unique) expect(names(typed('bash', prefix)), prefix).toEqual(name.startsWith('-') ? [] : [name]);
    // a prefix typed unescaped where that is harmless, and inside quotes the user opened
    // readline replaces only what follows a break character (":"), so the candidate is the rest of the name
    expect(names('a:')).toEqual(['b=c']);
    expect(names("'sp", "'")).toEqual([`sp ace$(touch ${h.markers}/m1)`]);
    expect(names('"$(t', '"')).toEqual([]);
    expect(names('"\\$(t', '"')).toEqual([`$(touch ${h.markers}/m2)`]);
    expect(names('"\\`t', '"')).toEqual([`\`touch ${h.markers}/m3\``]);
    expect(ran(h)).toEqual([]);
  });

  itIn('zsh')('zsh: names reach compadd as one array, unevaluated and unquoted (compadd quotes what it inserts)', async () => {
    const h = await setup('zsh');
    const mock = `compadd() { if [[ $1 == -a ]]; then print -rl -- "\${(@P)2}"; else [[ $1 == -- ]] && shift; print -rl -- "$@"; fi }\n_files() { print FILES }`;
    const r = runShell('zsh', `. ${h.file}\n${mock}\nwords=(credchain use ''); CURRENT=3; PREFIX=''\n__credchain_zsh_complete`, { HOME: h.home });
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual([...h.names].sort());
    expect(ran(h)).toEqual([]);
  });

  itIn('fish')('fish: complete -C lists every name as it is; nothing runs', async () => {
    const h = await setup('fish');
    const complete = (line: string) =>
      runShell('fish', `source ${h.file}\ncomplete -C "$LINE"`, { HOME: h.home, LINE: line })
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(complete('credchain use ').sort()).toEqual([...h.names].sort());
    for (const { prefix, name } of h.unique) expect(complete(`credchain use ${typed('fish', prefix)}`), prefix).toEqual([name]);
    expect(ran(h)).toEqual([]);
  });
});

const INTERACTIVE: Record<ShellName, { argv: string[]; load: (file: string) => string; show: string }> = {
  bash: { argv: ['bash', '--norc', '--noprofile'], load: (f) => `. ${f}`, show: `printf '<<%s>>\\n' "$AWS_PROFILE"; unset AWS_PROFILE` },
  zsh: { argv: ['zsh', '-f'], load: (f) => `autoload -Uz compinit && compinit -u -D && . ${f}`, show: `printf '<<%s>>\\n' "$AWS_PROFILE"; unset AWS_PROFILE` },
  fish: { argv: ['fish', '--no-config'], load: (f) => `source ${f}`, show: `printf '<<%s>>\\n' "$AWS_PROFILE"; set -e AWS_PROFILE` },
};

describe('Tab in a real interactive shell (tmux)', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as ShellName[]) {
    const run = hasTmux() && hasShell(shell) ? it : process.env.CI ? itIn(shell) : it.skip;
    run(`${shell}: "credchain use PREFIX<Tab><Enter>" switches to exactly the hostile name, and nothing in it runs`, async () => {
      const h = await setup(shell);
      const cfg = INTERACTIVE[shell];
      const term = new TmuxShell(cfg.argv, { HOME: h.home, PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true' });
      try {
        term.type(`${cfg.load(h.file)}; echo loaded-ok`);
        term.press('Enter');
        await term.waitFor(/^loaded-ok$/m);
        // one Tab on the empty word lists every name and inserts nothing that runs
        term.type('credchain use ');
        term.press('Tab', 'Tab');
        await new Promise((r) => setTimeout(r, 1500));
        term.press('C-c');
        const cases = h.unique.filter((u) => !u.name.startsWith('-'));
        for (const [i, { prefix }] of cases.entries()) {
          term.type(`credchain use ${typed(shell, prefix)}`);
          term.press('Tab', 'Enter');
          term.type(`echo case-${i}; ${cfg.show}`);
          term.press('Enter');
          await term.waitFor(new RegExp(`^case-${i}\\n<<.*>>$`, 'm'));
        }
        const screen = term.screen();
        for (const [i, { name, prefix }] of cases.entries()) {
          expect(screen, `${shell} ${prefix}`).toMatch(new RegExp(`^case-${i}\\n<<${escapeRe(name)}>>$`, 'm'));
        }
        expect(ran(h)).toEqual([]);
      } finally {
        term.close();
      }
    }, 90_000);
  }
});
