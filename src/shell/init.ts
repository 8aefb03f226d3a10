// What `credchain init bash|zsh|fish` prints: a shell function named `credchain` that runs the real binary, evals
// what `credchain use` prints (the only way to change the calling shell's variables) and passes every other
// command straight through; plus completion of commands, options and profile names. Completion asks
// `credchain profiles --names`, which reads the two files and nothing else.
import { EXPORT_FORMATS } from './exportFormats';
import { quoteFish, quotePosix } from './quote';
import { SHELLS, USE_CODE_MARKER, type ShellName } from './use';

/** the commands completion offers; test/cli/init.test.ts checks them against `credchain --help` */
export const COMMANDS = [
  'which',
  'verify',
  'profiles',
  'show',
  'use',
  'current',
  'exec',
  'export',
  'init',
  'set',
  'unset',
  'remove',
  'rename',
  'copy',
  'doctor',
  'compare',
  'sso',
  'version',
];

/** the commands whose first argument is a profile */
export const PROFILE_ARG_COMMANDS = ['use', 'show', 'exec', 'export', 'set', 'unset', 'remove', 'rename', 'copy'];

export interface BinaryLocation {
  /** the node executable that ran `init` */
  node: string;
  /** the launcher script (bin/credchain.js), symlinks resolved */
  script: string;
}

export interface InitOptions {
  bin: BinaryLocation;
}

export function installHint(shell: string): string {
  const how: Record<ShellName, [string, string]> = {
    bash: ['eval "$(credchain init bash)"', '~/.bashrc'],
    zsh: ['eval "$(credchain init zsh)"', '~/.zshrc (after compinit)'],
    fish: ['credchain init fish | source', '~/.config/fish/config.fish'],
  };
  if ((SHELLS as readonly string[]).includes(shell)) {
    const [line, file] = how[shell as ShellName];
    return `Install it: add  ${line}  to ${file}, then open a new shell.`;
  }
  return (
    `Install it (then open a new ` +
    `shell):\n${SHELLS.map((s) => `  ${s}: add  ${how[s][0]}  to ${how[s][1]}`).join('\n')}`
  );
}

export function initScript(shell: ShellName, o: InitOptions): string {
  return shell === 'fish' ? fishScript(o) : posixScript(shell, o);
}

function posixScript(shell: 'bash' | 'zsh', o: InitOptions): string {
  const node = quotePosix(o.bin.node);
  const script = quotePosix(o.bin.script);
  const commands = COMMANDS.join(' ');
  const common = `# credchain shell integration for ${shell}: \`credchain use PROFILE\` switches AWS_PROFILE in this shell.
# Install: ${
    shell === 'bash'
      ? 'eval "$(credchain init bash)" in ~/.bashrc'
      : 'eval "$(credchain init zsh)" in ~/.zshrc, after compinit'
  }

# the binary: $CREDCHAIN_BIN if set, else the node and script that printed this, else credchain on PATH
__credchain_bin() {
  if [ -n "\${CREDCHAIN_BIN:-}" ]; then
    "$CREDCHAIN_BIN" "$@"
  elif [ -x ${node} ] && [ -f ${script} ]; then
    ${node} ${script} "$@"
  else
    command credchain "$@"
  fi
}

credchain() {
  if [ "\${1-}" = use ]; then
    shift
    case " $* " in
      *" -h "* | *" --help "*) __credchain_bin use "$@"; return ;;
    esac
    local __credchain_code
    __credchain_code="$(__credchain_bin use --shell ${shell} "$@")" || return
    # evaluate only what \`use\` marks as code; anything else (help text) is shown, never run
    case "$__credchain_code" in
      ${quotePosix(USE_CODE_MARKER)}*) eval "$__credchain_code" ;;
      *) [ -z "$__credchain_code" ] || printf '%s\\n' "$__credchain_code" ;;
    esac
  else
    __credchain_bin "$@"
  fi
}
`;
  const formats = EXPORT_FORMATS.join(' ');
  if (shell === 'bash') {
    return (
      common +
      `
# The words of the line up to the cursor, split as the shell will split them (blanks outside quotes), kept as typed:
# COMP_WORDS also splits at : = ( and the other COMP_WORDBREAKS, which profile names may hold. __cc_brk is where,
# in the last word, the part readline replaces begins (after the last unquoted break character or an opening quote);
# __cc_plain is the last word with its quoting removed (what the shell will pass).
__credchain_split() {
  local line="\${COMP_LINE:0:COMP_POINT}" c i esc= keep
  __cc_words=('') __cc_quote= __cc_brk=0 __cc_plain=
  for ((i = 0; i < \${#line}; i++)); do
    c="\${line:i:1}" keep=1
    if [[ -n $esc ]]; then
      esc=
    elif [[ $__cc_quote == "'" ]]; then
      [[ $c == "'" ]] && __cc_quote= keep=
    elif [[ $__cc_quote == '"' ]]; then
      if [[ $c == '\\' ]]; then esc=1 keep=; elif [[ $c == '"' ]]; then __cc_quote= keep=; fi
    else
      case "$c" in
        ' ' | $'\\t' | $'\\n') [[ -n "\${__cc_words[-1]}" ]] && __cc_words+=(''); __cc_brk=0 __cc_plain=; continue ;;
        '\\') esc=1 keep= ;;
        "'" | '"') __cc_quote="$c" keep= __cc_brk=$((\${#__cc_words[-1]} + 1)) ;;
        *) [[ "$COMP_WORDBREAKS" == *"$c"* ]] && __cc_brk=$((\${#__cc_words[-1]} + 1)) ;;
      esac
    fi
    __cc_words[-1]+="$c"
    [[ -n $keep ]] && __cc_plain+="$c"
  done
}

# Profile names are data, never code. They are read line by line and matched here, never through compgen -W (which
# expands $(…), backticks and variables in its word list), and each is offered quoted for where it goes (printf %q,
# or escaped for the quote the user opened), so accepting one inserts the name literally and Enter runs nothing in it.
__credchain_profiles() {
  local word="$1" keep="\${1:0:__cc_brk}" name q
  COMPREPLY=()
  while IFS= read -r name; do
    if [[ $__cc_quote == "'" ]]; then
      [[ "$name" == *"'"* ]] && continue
      q="$name"
    elif [[ $__cc_quote == '"' ]]; then
      q="\${name//\\\\/\\\\\\\\}"; q="\${q//\\$/\\\\\\$}"; q="\${q//\\\`/\\\\\\\`}"; q="\${q//\\"/\\\\\\"}"
    else
      printf -v q '%q' "$name"
    fi
    if [[ -n $__cc_quote ]]; then
      [[ "$q" == "\${word:__cc_brk}"* ]] && COMPREPLY+=("$q")
    elif [[ "$q" == "$word"* ]] || [[ "$name" == "$__cc_plain"* && "$q" == "$keep"* ]]; then
      # readline replaces only the part after the last break character: offer the rest
      COMPREPLY+=("\${q:\${#keep}}")
    fi
  done < <(__credchain_bin profiles --names 2>/dev/null)
}

__credchain_complete() {
  local -a __cc_words
  local __cc_quote __cc_brk __cc_plain
  __credchain_split
  local n=$((\${#__cc_words[@]} - 1)) i
  local cur="\${__cc_words[n]}" prev="\${__cc_words[n-1]}"
  COMPREPLY=()
  for ((i = 1; i < n; i++)); do [ "\${__cc_words[i]}" = -- ] && return 0; done
  case "$prev" in
    --profile) __credchain_profiles "$cur"; return 0 ;;
    --format) COMPREPLY=($(compgen -W "${formats}" -- "$cur")); return 0 ;;
    --shell) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return 0 ;;
    --output) COMPREPLY=($(compgen -W "text json" -- "$cur")); return 0 ;;
    --color) COMPREPLY=($(compgen -W "auto on off" -- "$cur")); return 0 ;;
  esac
  if [ "$n" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands}" -- "$cur"))
    return 0
  fi
  case "$cur" in -*) return 0 ;; esac
  if [ "$n" -eq 2 ]; then
    case "\${__cc_words[1]}" in
      ${PROFILE_ARG_COMMANDS.join(' | ')}) __credchain_profiles "$cur" ;;
      init) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
    esac
  fi
  return 0
}
complete -o bashdefault -o default -F __credchain_complete credchain
`
    );
  }
  return (
    common +
    `
__credchain_zsh_complete() {
  local -a __cc
  local __cc_dashes=\${words[(i)--]}
  if (( __cc_dashes < CURRENT )); then
    shift __cc_dashes words
    (( CURRENT -= __cc_dashes ))
    _normal
    return
  fi
  case "\${words[CURRENT-1]}" in
    --profile) __cc=(\${(f)"$(__credchain_bin profiles --names 2>/dev/null)"}); compadd -a __cc; return ;;
    --format) compadd -- ${formats}; return ;;
    --shell) compadd -- bash zsh fish; return ;;
    --output) compadd -- text json; return ;;
    --color) compadd -- auto on off; return ;;
  esac
  if (( CURRENT == 2 )); then
    compadd -- ${commands}
    return
  fi
  if (( CURRENT == 3 )) && [[ "$PREFIX" != -* ]]; then
    case "\${words[2]}" in
      ${PROFILE_ARG_COMMANDS.join(' | ')}) __cc=(\${(f)"$(__credchain_bin profiles --names 2>/dev/null)"}); compadd -a __cc; return ;;
      init) compadd -- bash zsh fish; return ;;
    esac
  fi
  _files
}
if (( $+functions[compdef] )); then
  compdef __credchain_zsh_complete credchain
fi
`
  );
}

function fishScript(o: InitOptions): string {
  const node = quoteFish(o.bin.node);
  const script = quoteFish(o.bin.script);
  const commands = COMMANDS.join(' ');
  const profiles = `'(__credchain_bin profiles --names 2>/dev/null)'`;
  return `# credchain shell integration for fish: \`credchain use PROFILE\` switches AWS_PROFILE in this shell.
# Install: credchain init fish | source   (in ~/.config/fish/config.fish)

# the binary: $CREDCHAIN_BIN if set, else the node and script that printed this, else credchain on PATH
function __credchain_bin
    if set -q CREDCHAIN_BIN; and test -n "$CREDCHAIN_BIN"
        $CREDCHAIN_BIN $argv
    else if test -x ${node}; and test -f ${script}
        ${node} ${script} $argv
    else
        command credchain $argv
    end
end

function credchain --description 'credchain: which AWS credentials, and switching profiles in this shell'
    if test (count $argv) -ge 1; and test "$argv[1]" = use; and not contains -- --help $argv; and not contains -- -h $argv
        set -l __credchain_code (__credchain_bin use --shell fish $argv[2..-1])
        or return
        # evaluate only what \`use\` marks as code; anything else (help text) is shown, never run
        if test "$__credchain_code[1]" = ${quoteFish(USE_CODE_MARKER)}
            printf '%s\\n' $__credchain_code | source
        else
            printf '%s\\n' $__credchain_code
        end
    else
        __credchain_bin $argv
    end
end

complete -c credchain -f -n __fish_use_subcommand -a '${commands}'
complete -c credchain -f -n '__fish_seen_subcommand_from ${PROFILE_ARG_COMMANDS.join(' ')}; and test (count (commandline -opc)) -eq 2' -a ${profiles}
complete -c credchain -f -n '__fish_seen_subcommand_from init; and test (count (commandline -opc)) -eq 2' -a 'bash zsh fish'
complete -c credchain -f -l profile -r -a ${profiles}
complete -c credchain -f -l format -r -a '${EXPORT_FORMATS.join(' ')}'
complete -c credchain -f -l shell -r -a 'bash zsh fish'
complete -c credchain -f -l output -r -a 'text json'
complete -c credchain -f -l color -r -a 'auto on off'
`;
}
