/**
 * The planned units a deployment runs, checked once: a deployment needs its hash, Region, identity and strategy,
 * a deletion its Region and strategy. Pure; pre-flight (src/deploy/preflight.ts) reports what is missing, for every
 * unit at once, before anything changes.
 */
import type { DeletionUnit, DeployableUnit, PlannedUnit, RunUnit } from './types.js';

/** The unit as the engine runs it, or why it cannot run (one line per problem). */
type RunUnitCheck = { kind: 'ok'; unit: RunUnit } | { kind: 'refused'; problems: string[] };

export function checkRunUnit(unit: PlannedUnit): RunUnitCheck {
  if (unit.action === 'deploy') {
    const deployable = deployableUnit(unit);
    return deployable !== null ? { kind: 'ok', unit: deployable } : { kind: 'refused', problems: missingOf(unit) };
  }
  if (unit.action === 'delete') {
    const { region, strategy } = unit;
    if (region !== null && strategy !== null) {
      const deletion: DeletionUnit = { ...unit, action: 'delete', region, strategy, hash: null };
      return { kind: 'ok', unit: deletion };
    }
    return { kind: 'refused', problems: missingOf(unit) };
  }
  return { kind: 'refused', problems: [`${unit.prefix}: ${unit.action} units are not deployed`] };
}

/** The unit with everything a strategy needs, or null when something is missing. */
export function deployableUnit(unit: PlannedUnit): DeployableUnit | null {
  const { platform, strategy, region, identity, hash } = unit;
  if (unit.action !== 'deploy' || platform === null || strategy === null || region === null || identity === null || hash === null) return null;
  return { ...unit, action: 'deploy', platform, strategy, region, identity, hash };
}

function missingOf(unit: PlannedUnit): string[] {
  const problems: string[] = [];
  if (unit.region === null) problems.push(`${unit.prefix}: no region (set environment.region in its depdef, --region, or AWS_REGION)`);
  if (unit.action === 'deploy' && unit.identity === null) problems.push(`${unit.prefix}: its definitions name no service or function`);
  if (unit.action === 'deploy' && unit.hash === null) problems.push(`${unit.prefix}: its definitions were not rendered`);
  return problems;
}
