/**
 * Where a unit that does not render at `from` ran: its identity at the newest older commit where it rendered.
 * A deletion needs it to know what to delete, and an identity change to know what it replaces (docs/isolation.md).
 * Reads git only; walks back the way previous-content.ts does, commit by commit of the unit's own files.
 */
import { lastChangingCommit } from '../git/branch.js';
import { openTree } from '../git/read.js';
import { groupUnits } from '../units/group.js';
import { suffixRules } from '../units/suffixes.js';
import { identityOf, unitRegion } from './plan.js';
import { renderUnit } from './render-unit.js';
import { RepoFiles } from './repo-files.js';
import type { UnitIdentity } from './types.js';

/** Commits looked at before giving up: each is a render, and a unit broken for longer than this is unusual. */
const maxCommits = 10;

export async function lastRenderedIdentity(options: {
  repoDir: string;
  from: string;
  prefix: string;
  defaultRegion: string | null;
}): Promise<UnitIdentity | null> {
  const paths = suffixRules.map((rule) => `${options.prefix}${rule.suffix}`);
  let cursor = options.from;
  for (let looked = 0; looked < maxCommits; looked += 1) {
    // The unit's files at `cursor^` are those of the newest commit before `cursor` that changed them.
    const commit = await lastChangingCommit(options.repoDir, `${cursor}^`, paths);
    if (commit === null) return null;
    const identity = await identityAt(options.repoDir, commit, options.prefix, options.defaultRegion);
    if (identity !== null) return identity;
    cursor = commit;
  }
  return null;
}

async function identityAt(repoDir: string, commit: string, prefix: string, defaultRegion: string | null): Promise<UnitIdentity | null> {
  const reader = await openTree(repoDir, commit);
  try {
    const present = [...(await reader.readMany(suffixRules.map((rule) => `${prefix}${rule.suffix}`)))]
      .filter(([, bytes]) => bytes !== null)
      .map(([path]) => path);
    const unit = groupUnits(present).get(prefix);
    if (unit === undefined) return null;
    const rendered = await renderUnit(new RepoFiles(reader), unit, { validate: false });
    return rendered.problems.length > 0 ? null : identityOf(rendered, unitRegion(rendered) ?? defaultRegion);
  } finally {
    reader.close();
  }
}
