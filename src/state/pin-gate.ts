/**
 * The git half of the pin rule (sync-state.ts `pinHolds`): the newest commit that changed a unit's files, and
 * whether the pinned commit is among its ancestors. `deploy` and `poll` hand the engine this gate, which asks it
 * with the tags it read from the unit's resource, so the pin is checked against what runs at that moment.
 */
import type { PinnedGate } from '../deploy/busy-guard.js';
import { tagKeys } from '../deploy/tags.js';
import { isAncestor, lastChangingCommit } from '../git/branch.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import { pinHolds } from './sync-state.js';

/** Files of a unit whose change redeploys it (units/relevance.ts); a path that does not exist is harmless to git log. */
const redeployingSuffixes = ['_svcdef.json', '_taskdef.json', '_input.json', '_lambdadef.json', '_lambdaeventsourcedef.json', '_lambdainput.json'];

/**
 * The files whose history says when the unit last changed: the files that redeploy it (docs/design.md#changes: not the
 * depdef, whose changes alone do not), the files its input references, and the code folder gitmoxi packages.
 */
export function renderedUnitPaths(prefix: string, rendered: RenderedUnit | undefined): string[] {
  if (!rendered) return [];
  const own = redeployingSuffixes.map((suffix) => `${prefix}${suffix}`);
  const code = rendered.definitions?.platform === 'lambda' && rendered.definitions.codePackage ? [rendered.definitions.codePackage.path] : [];
  return [...new Set([...own, ...rendered.refFiles, ...code])];
}

/** The gate for a run deploying commit `to`, whose rendered units are `after`. */
export function gitPinnedGate(repoDir: string, to: string, after: ReadonlyMap<string, RenderedUnit>): PinnedGate {
  return async (unit, tags) => {
    const pinned = tags[tagKeys.pinned];
    if (pinned === undefined) return null;
    const lastChange = await lastChangingCommit(repoDir, to, renderedUnitPaths(unit.prefix, after.get(unit.prefix)));
    const descends = lastChange !== null && lastChange !== pinned && (await isAncestor(repoDir, pinned, lastChange));
    return pinHolds(pinned, lastChange, () => descends) ? { pinned } : null;
  };
}
