/**
 * What a unit ran before its current content, rendered from git: the newest commit older than the one that runs whose
 * rendered definitions differ from what runs now. An operator rollback of a Lambda function needs it, since a
 * successful deployment deletes the version it replaced (docs/design.md#lambda): the earlier content is published
 * again.
 */
import { lastChangingCommit } from '../git/branch.js';
import type { UnitDefinitions } from '../defs/validate.js';
import { makePlan } from './make-plan.js';
import { deployableUnit } from './run-units.js';
import type { DeployableUnit } from './types.js';

export interface PreviousContent {
  commit: string;
  unit: DeployableUnit;
  definitions: UnitDefinitions;
}

/** Commits looked at before giving up: each is a render, and a long run of no-op changes is unusual. */
const maxCommits = 20;

export async function renderPreviousContent(options: {
  repoDir: string;
  /** The commit whose content runs now. */
  runs: string;
  prefix: string;
  /** The files whose history says when the unit changed. */
  paths: readonly string[];
  /** The hash of what runs now; a commit rendering the same is skipped. */
  currentHash: string | null;
  defaultRegion: string | null;
}): Promise<PreviousContent | null> {
  let cursor = options.runs;
  for (let looked = 0; looked < maxCommits; looked += 1) {
    const commit = await lastChangingCommit(options.repoDir, `${cursor}^`, options.paths);
    if (commit === null) return null;
    const content = await renderUnitAt({ repoDir: options.repoDir, commit, prefix: options.prefix, defaultRegion: options.defaultRegion });
    if (content !== null && content.unit.hash !== options.currentHash) return content;
    cursor = commit;
  }
  return null;
}

/** The unit's content rendered at one commit, as a deployment of that commit would see it; null when it does not render there. */
export async function renderUnitAt(options: {
  repoDir: string;
  commit: string;
  prefix: string;
  defaultRegion: string | null;
}): Promise<PreviousContent | null> {
  const { repoDir, commit, prefix, defaultRegion } = options;
  const planned = await makePlan({ repoDir, from: '', to: commit, env: {}, defaultRegion, force: true, units: [prefix], identityCheck: false });
  const found = planned.plan.units.find((u) => u.prefix === prefix && u.action === 'deploy');
  const unit = found === undefined ? null : deployableUnit(found);
  const definitions = planned.after.get(prefix)?.definitions;
  return unit !== null && definitions ? { commit, unit, definitions } : null;
}
