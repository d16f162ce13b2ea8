/**
 * `gitmoxi completion bash|zsh|fish`: a completion script generated from the commands and options commander
 * knows, so it cannot drift from the CLI. Completes command names, each command's flags and the global flags;
 * values (revisions, units, files) are left to the shell's default file completion.
 */
import type { Command, Option } from 'commander';
import { GitmoxiError } from '../errors.js';

const completionShells = ['bash', 'zsh', 'fish'] as const;

interface Flag {
  name: string;
  takesValue: boolean;
  description: string;
}

interface Shape {
  globals: Flag[];
  commands: { name: string; description: string; flags: Flag[] }[];
}

export function completionScript(shell: string, program: Command): string {
  const shape = shapeOf(program);
  switch (shell) {
    case 'bash':
      return bashScript(shape);
    case 'zsh':
      return zshScript(shape);
    case 'fish':
      return fishScript(shape);
    default:
      throw new GitmoxiError('E_USAGE', `no completion for the shell '${shell}'`, { hint: `Choose one of: ${completionShells.join(', ')}.` });
  }
}

function shapeOf(program: Command): Shape {
  const flags = (options: readonly Option[]): Flag[] =>
    options
      .filter((o) => o.long !== undefined && !o.hidden)
      .map((o) => ({ name: o.long ?? '', takesValue: o.required || o.optional, description: o.description }));
  return {
    globals: [...flags(program.options), { name: '--help', takesValue: false, description: 'show help' }],
    commands: program.commands.filter((c) => c.name() !== 'help').map((c) => ({ name: c.name(), description: c.description(), flags: flags(c.options) })),
  };
}

function bashScript(shape: Shape): string {
  const valueFlags = [...new Set([...shape.globals, ...shape.commands.flatMap((c) => c.flags)].filter((f) => f.takesValue).map((f) => f.name))];
  const globals = shape.globals.map((f) => f.name).join(' ');
  const cases = shape.commands.map((c) => `    ${c.name}) words="${c.flags.map((f) => f.name).join(' ')} $globals" ;;`);
  return `# gitmoxi completion for bash: source it, or save it as ~/.local/share/bash-completion/completions/gitmoxi
_gitmoxi() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i words
  local globals="${globals}"
  # The word after a flag that takes a value is that value: leave it to file completion.
  case " ${valueFlags.join(' ')} " in *" $prev "*) return 0 ;; esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      -*) case " ${valueFlags.join(' ')} " in *" \${COMP_WORDS[i]} "*) ((i++)) ;; esac ;;
      *) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$command" in
    "") words="${shape.commands.map((c) => c.name).join(' ')} $globals" ;;
${cases.join('\n')}
    *) words="$globals" ;;
  esac
  if [[ -z "$command" || "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$words" -- "$cur")); fi
}
complete -o default -F _gitmoxi gitmoxi
`;
}

function zshScript(shape: Shape): string {
  const spec = (f: Flag) => `'${f.name}[${zshEscape(f.description)}]${f.takesValue ? ':value:_files' : ''}'`;
  const globals = shape.globals.map(spec).join(' ');
  const described = shape.commands.map((c) => `    '${c.name}:${zshEscape(c.description)}'`);
  const cases = shape.commands.map((c) => `    (${c.name}) _arguments ${[...c.flags.map(spec), globals].join(' ')} '*:file:_files' ;;`);
  return `#compdef gitmoxi
# gitmoxi completion for zsh: save it as _gitmoxi in a folder of $fpath
_gitmoxi() {
  local -a commands
  commands=(
${described.join('\n')}
  )
  local i command=""
  for ((i = 2; i < CURRENT; i++)); do
    if [[ $words[i] != -* ]]; then command=$words[i]; break; fi
  done
  if [[ -z $command ]]; then
    _describe -t commands 'gitmoxi command' commands
    _arguments ${globals}
    return
  fi
  case $command in
${cases.join('\n')}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _gitmoxi "$@"; else compdef _gitmoxi gitmoxi; fi
`;
}

function fishScript(shape: Shape): string {
  const line = (f: Flag, condition: string) =>
    `complete -c gitmoxi${condition} -l ${f.name.slice(2)}${f.takesValue ? ' -r' : ''} -d '${fishEscape(f.description)}'`;
  const names = shape.commands.map((c) => c.name).join(' ');
  return [
    '# gitmoxi completion for fish: save it as ~/.config/fish/completions/gitmoxi.fish',
    'complete -c gitmoxi -f',
    ...shape.commands.map((c) => `complete -c gitmoxi -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d '${fishEscape(c.description)}'`),
    ...shape.globals.map((f) => line(f, '')),
    ...shape.commands.flatMap((c) => c.flags.map((f) => line(f, ` -n '__fish_seen_subcommand_from ${c.name}'`))),
    '',
  ].join('\n');
}

function zshEscape(text: string): string {
  return text.replaceAll("'", "'\\''").replaceAll('[', '\\[').replaceAll(']', '\\]').replaceAll(':', '\\:');
}

function fishEscape(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
}
