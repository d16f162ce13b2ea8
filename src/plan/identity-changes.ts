/**
 * Identity in the plan (docs/isolation.md): a unit whose service or function changed between the two commits
 * replaces the old one; a folder rename is one unit, updated or replaced; two units that resolve to the same
 * resource at `to` are both invalid, since deploying either would take the other's service or function. Pure.
 */
import type { Problem } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { classifyPath } from '../units/suffixes.js';
import type { PlannedUnit, UnitIdentity } from './types.js';

export function sameIdentity(a: UnitIdentity | null | undefined, b: UnitIdentity | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return identityKey(a) === identityKey(b);
}

function identityKey(identity: UnitIdentity): string {
  return identity.platform === 'ecs'
    ? `ecs ${identity.region ?? ''} ${identity.cluster} ${identity.serviceName}`
    : `lambda ${identity.region ?? ''} ${identity.functionName}`;
}

/** `service web in cluster demo (us-east-1)`, `function hello (eu-west-1)`. */
export function describeIdentity(identity: UnitIdentity): string {
  const region = identity.region === null ? '' : ` (${identity.region})`;
  return identity.platform === 'ecs' ? `service ${identity.serviceName} in cluster ${identity.cluster}${region}` : `function ${identity.functionName}${region}`;
}

/**
 * A deletion and an addition are one unit when git saw the files move from one prefix to the other, or when both
 * resolve to the same resource (README: a rename is an update). With another identity the moved unit
 * replaces the old resource. A deletion whose successor is invalid is held back: deleting it now would remove
 * what the successor is meant to update, or leave nothing running until the successor is fixed.
 */
export function pairRenames(units: PlannedUnit[]): PlannedUnit[] {
  const deletions = units.filter((u) => u.action === 'delete');
  const consumed = new Set<PlannedUnit>();
  const held = new Map<PlannedUnit, string>();
  const paired = units.map((unit) => {
    if (unit.reason !== 'added' || (unit.action !== 'deploy' && unit.action !== 'invalid')) return unit;
    const twin = deletions.find((d) => !consumed.has(d) && !held.has(d) && (movedFrom(unit, d.prefix) || sameIdentity(d.identity, unit.identity)));
    if (twin === undefined) return unit;
    if (unit.action === 'invalid') {
      held.set(twin, unit.prefix);
      return unit;
    }
    consumed.add(twin);
    const replaces = twin.identity !== null && !sameIdentity(twin.identity, unit.identity) ? { replaces: twin.identity } : {};
    return { ...unit, reason: 'modified' as const, renamedFrom: twin.prefix, ...replaces, changedFiles: [...twin.changedFiles, ...unit.changedFiles] };
  });
  return paired
    .filter((unit) => !consumed.has(unit))
    .map((unit) => {
      const successor = held.get(unit);
      if (successor === undefined) return unit;
      const problem: Problem = {
        code: 'E_DEF_INVALID',
        message: `not deleted: its files moved to '${successor}', which is invalid; the deletion waits until '${successor}' deploys`,
        location: { file: unit.changedFiles[0]?.path ?? unit.prefix },
        hint: `Fix '${successor}' (its problems are listed with it).`,
      };
      return { ...unit, action: 'invalid' as const, problems: [problem] };
    });
}

function movedFrom(unit: PlannedUnit, oldPrefix: string): boolean {
  return unit.changedFiles.some((file) => file.status === 'renamed' && file.oldPath !== undefined && classifyPath(file.oldPath)?.prefix === oldPrefix);
}

/**
 * The resource a unit replaces is deleted once the new one is healthy; when another unit resolves to it at `to`
 * (two units swapped names), it is that unit's now and must stay.
 */
export function withoutClaimedReplaces(units: PlannedUnit[], claims: readonly IdentityClaim[]): PlannedUnit[] {
  return units.map((unit) => {
    const replaced = unit.replaces;
    if (replaced === undefined) return unit;
    const owner = claims.find((claim) => claim.prefix !== unit.prefix && sameIdentity(claim.identity, replaced));
    if (owner === undefined) return unit;
    const { replaces: _kept, ...rest } = unit;
    return { ...rest, warnings: [...unit.warnings, `${describeIdentity(replaced)} is not replaced: '${owner.prefix}' resolves to it now`] };
  });
}

/** One unit at `to` whose identity is known, and where its name (serviceName, FunctionName) is written. */
export interface IdentityClaim {
  prefix: string;
  identity: UnitIdentity;
  location: SourceLocation;
}

/** For every unit that shares its identity with another: a problem naming the others. */
export function identityConflicts(claims: readonly IdentityClaim[]): Map<string, Problem> {
  const byKey = new Map<string, IdentityClaim[]>();
  for (const claim of claims) {
    const key = identityKey(claim.identity);
    byKey.set(key, [...(byKey.get(key) ?? []), claim]);
  }
  const problems = new Map<string, Problem>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const claim of group) {
      const others = group.filter((c) => c !== claim).map((c) => `'${c.prefix}'`);
      problems.set(claim.prefix, {
        code: 'E_DEF_INVALID',
        message: `unit '${claim.prefix}' and ${others.join(', ')} resolve to the same ${describeIdentity(claim.identity)}: deploying one would take over the other's`,
        location: claim.location,
        hint: 'Give each unit its own serviceName (ECS) or FunctionName (Lambda), or delete the copy.',
      });
    }
  }
  return problems;
}
