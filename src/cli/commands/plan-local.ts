/**
 * `plan` on a developer's machine: `--working-tree` plans the uncommitted checkout against HEAD (or --from), and
 * without it the plan says what it left out. Outside CI there is no event to take the range from, so a plan
 * without --from also says how the from-commit was chosen.
 */
import { isCi } from '../../config/config.js';
import { GitmoxiError } from '../../errors.js';
import { findRepoRoot } from '../../git/git.js';
import { uncommittedUnitFiles, workingTreeCommit } from '../../git/working-tree.js';
import type { Plan } from '../../plan/types.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import type { PlanOptions } from './plan.js';

export interface LocalPlanOptions extends PlanOptions {
  /** Plan the checkout's files, uncommitted edits included, as `--to`. */
  workingTree?: boolean;
}

/** The options the planner gets: with --working-tree, `to` is the checkout as a commit and `from` HEAD by default. */
export async function localPlanOptions(options: LocalPlanOptions, global: GlobalOptions, io: CommandIo): Promise<PlanOptions> {
  const { workingTree, ...rest } = options;
  if (!workingTree) return rest;
  if (rest.to !== undefined) {
    throw new GitmoxiError('E_USAGE', '--working-tree and --to both say what to plan', {
      hint: 'Drop --to: --working-tree plans the checkout as it is, against HEAD or --from.',
    });
  }
  const commit = await workingTreeCommit(await findRepoRoot(global.repo));
  io.stderr.write(
    `note: planning the working tree (uncommitted edits included, as commit ${commit.slice(0, 12)} on no branch) against ${rest.from ?? 'HEAD'}\n`,
  );
  return { ...rest, from: rest.from ?? 'HEAD', to: commit };
}

/** After the plan, on stderr: uncommitted unit files it did not read, and where `from` came from. */
export async function explainLocalPlan(plan: Plan, options: LocalPlanOptions, io: CommandIo): Promise<void> {
  if (options.workingTree || isCi(io.env)) return;
  if (options.to === undefined) {
    const dirty = await uncommittedUnitFiles(plan.repo);
    if (dirty.length > 0) {
      const named = dirty.slice(0, 3).join(', ') + (dirty.length > 3 ? `, and ${dirty.length - 3} more` : '');
      io.stderr.write(
        `warning: uncommitted edits to unit files are not in this plan (${named}): plan reads commits; pass --working-tree to plan the checkout as it is\n`,
      );
    }
  }
  if (options.from === undefined && plan.from === null) {
    io.stderr.write(
      `note: no --from, and no CI event to take one from: every unit at ${plan.to.slice(0, 12)} is planned as new. ` +
        'Pass --from with the commit deployed last (gitmoxi status shows it per unit), or --from HEAD~1 for the last commit alone.\n',
    );
  }
}
