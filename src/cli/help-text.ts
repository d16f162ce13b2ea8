/**
 * What each command's `--help` shows after its options: a few examples and the exit codes it can end with
 * (README: Exit codes). Kept as data beside program.ts so that the help stays short to read and easy to test.
 */

interface CommandHelp {
  examples: readonly string[];
  exitCodes: readonly (readonly [code: number, meaning: string])[];
}

const invalid: readonly [code: number, meaning: string] = [2, 'invalid flags, configuration or definitions: nothing was changed in AWS'];

const deployCodes: CommandHelp['exitCodes'] = [
  [0, 'every affected unit deployed, or nothing to do'],
  [1, 'a unit failed and was rolled back, or another run drives it (busy)'],
  invalid,
  [3, 'a unit failed and could not be restored: an operator must look'],
  [4, 'interrupted (SIGINT/SIGTERM) after bringing units to a safe state'],
];

const commandHelp: Record<string, CommandHelp> = {
  plan: {
    examples: [
      'gitmoxi plan                                   # in CI: the range comes from the event',
      'gitmoxi plan --working-tree                    # uncommitted edits, against HEAD',
      'gitmoxi plan --from origin/main --unit services/web/web --json > plan.json',
    ],
    exitCodes: [[0, 'planned (nothing is ever changed in AWS)'], invalid],
  },
  deploy: {
    examples: [
      'gitmoxi deploy                                 # in CI: the range comes from the event',
      'gitmoxi deploy --from HEAD~1 --report report.json',
      'gitmoxi deploy --unit services/web/web --force --endpoint-url http://127.0.0.1:4566',
    ],
    exitCodes: deployCodes,
  },
  rehearse: {
    examples: [
      'gitmoxi rehearse --from origin/main                          # this branch, as its merge would deploy it',
      'gitmoxi rehearse --from HEAD~1 --scenario rehearse/breaker.yaml',
      'gitmoxi rehearse --scenario rehearse/alarm.yaml --json',
    ],
    exitCodes: [
      [0, 'the deploy of this range would deploy every affected unit'],
      [1, 'a unit would fail and be rolled back'],
      [2, 'invalid flags, scenario file or definitions (or --profile / --endpoint-url given)'],
      [3, 'a unit would fail and could not be restored'],
      [4, 'interrupted (SIGINT/SIGTERM)'],
    ],
  },
  render: {
    examples: [
      'gitmoxi render services/web/web',
      'gitmoxi render services/web/web --working-tree             # uncommitted edits included',
      'gitmoxi render services/web/web_taskdef.json --at HEAD~1 --json',
    ],
    exitCodes: [
      [0, 'rendered'],
      [2, 'the unit does not render or is invalid (the problems follow the text)'],
    ],
  },
  status: {
    examples: [
      'gitmoxi status',
      'gitmoxi status services/web/web --json',
      'gitmoxi status --exit-code                     # a CI gate: 1 when a unit is out of sync',
    ],
    exitCodes: [[0, 'shown'], [1, 'with --exit-code: a unit is OutOfSync or Missing'], invalid],
  },
  diff: {
    examples: [
      'gitmoxi diff',
      'gitmoxi diff services/web/web --at origin/main',
      'gitmoxi diff --exit-code                       # a CI gate: 1 when a unit differs from what runs',
    ],
    exitCodes: [
      [0, 'compared'],
      [1, 'with --exit-code: a unit differs from what runs or is not deployed'],
      [2, 'invalid flags or definitions'],
    ],
  },
  verify: {
    examples: ['gitmoxi verify', 'gitmoxi verify services/web/web --at HEAD~1'],
    exitCodes: [
      [0, 'the account has what every unit needs'],
      [2, 'something a unit needs is missing, or invalid flags or definitions'],
    ],
  },
  init: {
    examples: ['gitmoxi init --service prod/web --dir services/web --inputs', 'gitmoxi init --function hello --code-s3 s3://artifacts/hello.zip --adopt'],
    exitCodes: [
      [0, 'the files were written'],
      [2, 'invalid flags, a file that exists already (init never overwrites), or no such service or function'],
    ],
  },
  poll: {
    examples: [
      'gitmoxi poll                                   # one pass, for cron',
      'gitmoxi poll --branch main --watch 300',
      'gitmoxi poll --retry-failed --report report.json',
    ],
    exitCodes: [[0, 'every differing unit deployed, nothing to do, or another poll holds the lock'], ...deployCodes.slice(1)],
  },
  rollback: {
    examples: [
      'gitmoxi rollback services/web/web --yes',
      'gitmoxi rollback services/web/web --to-revision 41 --yes',
      'gitmoxi rollback functions/hello/hello --unpin',
    ],
    exitCodes: [
      [0, 'rolled back (and pinned), or unpinned'],
      [2, 'refused: no --yes without a terminal, declined, nothing to go back to, or another run holds the lock'],
      [3, 'the restored version did not become stable: an operator must look'],
    ],
  },
  sim: {
    examples: [
      'gitmoxi sim --time-scale 20 --scenario my-infra.yaml',
      'AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url http://127.0.0.1:4566 ecs list-clusters',
    ],
    exitCodes: [[0, 'stopped by SIGINT/SIGTERM'], invalid],
  },
  demo: {
    examples: ['gitmoxi demo', 'gitmoxi demo --time-scale 20 --keep'],
    exitCodes: [
      [0, 'every step ended as the story says'],
      [1, 'a step ended otherwise'],
    ],
  },
  completion: {
    examples: [
      'gitmoxi completion bash > ~/.local/share/bash-completion/completions/gitmoxi',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh expands ${fpath[1]} in the command the user copies.
      'gitmoxi completion zsh > "${fpath[1]}/_gitmoxi"',
      'gitmoxi completion fish > ~/.config/fish/completions/gitmoxi.fish',
    ],
    exitCodes: [
      [0, 'printed'],
      [2, 'an unknown shell'],
    ],
  },
};

/** The text after a command's options in its `--help`. */
export function helpFooter(command: string): string {
  const help = commandHelp[command];
  if (help === undefined) return '';
  const examples = help.examples.map((line) => `  $ ${line}`);
  const codes = help.exitCodes.map(([code, meaning]) => `  ${code}  ${meaning}`);
  return `\nExamples:\n${examples.join('\n')}\n\nExit codes:\n${codes.join('\n')}\n`;
}
