/**
 * What `gitmoxi rollback` will do to one unit, decided before anything changes, so that it can be shown and
 * confirmed: per platform and strategy, from what runs now (and, for Lambda with no earlier version left, from
 * git: the unit's earlier content).
 */
import type { EcsUnitDefinitions, UnitDefinitions } from '../../defs/validate.js';
import { planBlueGreenRollback, type BlueGreenRollbackPlan } from '../../deploy/operator-rollback/rollback-ecs-bluegreen.js';
import { planEcsRollback, type EcsRollbackPlan } from '../../deploy/operator-rollback/rollback-ecs.js';
import { planLambdaRollback, type LambdaRollbackPlan } from '../../deploy/operator-rollback/rollback-lambda.js';
import type { RegionPorts } from '../../deploy/ports.js';
import { tagKeys } from '../../deploy/tags.js';
import { GitmoxiError } from '../../errors.js';
import { renderPreviousContent, type PreviousContent } from '../../plan/previous-content.js';
import type { PlannedUnit } from '../../plan/types.js';
import type { LiveUnit } from '../../state/live-state.js';
import { arnName as revision } from '../../short-names.js';

export type RollbackPlan = EcsRollbackPlan | BlueGreenRollbackPlan | (LambdaRollbackPlan & { republish: PreviousContent | null });

export interface PlanInputs {
  ports: RegionPorts;
  unit: PlannedUnit;
  /** What the tip state read of it: the service is not described twice. */
  live?: LiveUnit;
  defs: UnitDefinitions | null | undefined;
  toRevision?: number;
  toVersion?: number;
  now: number;
  /** Where the unit's earlier content is looked for when no earlier Lambda version exists. */
  history: { repoDir: string; tipChange: string | null; paths: readonly string[]; defaultRegion: string | null };
}

export async function planRollback(inputs: PlanInputs): Promise<RollbackPlan> {
  const { ports, unit } = inputs;
  const identity = unit.identity;
  if (identity?.platform === 'ecs') {
    if (inputs.toVersion !== undefined) throw new GitmoxiError('E_USAGE', '--to-version is for Lambda units; use --to-revision for ECS');
    const service = inputs.live?.service ?? (await ports.ecs.describeService(identity.cluster, identity.serviceName));
    if (service === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `service ${identity.serviceName} does not exist in cluster ${identity.cluster}`);
    if (service.deploymentControllerType !== 'EXTERNAL') return planEcsRollback(ports.ecs, service, inputs.toRevision);
    return planBlueGreenRollback(ports, service, ecsDefinitions(unit, inputs.defs), inputs.toRevision, inputs.now);
  }
  if (identity?.platform !== 'lambda') throw new GitmoxiError('E_UNIT_NOT_FOUND', `${unit.prefix} has no AWS identity`);
  if (inputs.toRevision !== undefined) throw new GitmoxiError('E_USAGE', '--to-revision is for ECS units; use --to-version for Lambda');
  const aliasName = inputs.defs?.platform === 'lambda' ? inputs.defs.depdef.alias : null;
  const fn = await ports.lambda.describeFunction(identity.functionName);
  const alias = fn !== null && aliasName ? await ports.lambda.describeAlias(identity.functionName, aliasName) : null;
  if (fn === null || alias === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `function ${identity.functionName} has no alias ${aliasName ?? '(none in the lambdadepdef)'} to roll back`);
  const plan = await planLambdaRollback(ports.lambda, fn, alias, inputs.toVersion);
  if (plan.toVersion !== null) return { ...plan, republish: null };
  const { history } = inputs;
  const runs = fn.tags[tagKeys.commit] ?? history.tipChange;
  const republish = runs === null ? null : await renderPreviousContent({ repoDir: history.repoDir, runs, prefix: unit.prefix, paths: history.paths, currentHash: fn.tags[tagKeys.hash] ?? null, defaultRegion: history.defaultRegion });
  if (republish === null) {
    throw new GitmoxiError('E_USAGE', `${fn.functionName}:${alias.name} → ${alias.functionVersion} has no earlier version, and git has no earlier content of ${unit.prefix} to publish again`, {
      hint: 'Pass --to-version N with a version that exists, or fix forward with a new commit.',
    });
  }
  return { ...plan, republish };
}

function ecsDefinitions(unit: PlannedUnit, defs: UnitDefinitions | null | undefined): EcsUnitDefinitions {
  if (defs?.platform !== 'ecs') {
    throw new GitmoxiError('E_USAGE', `${unit.prefix} is a blue/green service, and its definitions at the branch tip (target group pairs) could not be read`, { hint: 'Fix the definitions at the tip (gitmoxi plan shows the problem), then roll back.' });
  }
  return defs;
}

export function describeRollback(prefix: string, plan: RollbackPlan, pin: string): string {
  return `gitmoxi rollback ${prefix}\n  ${whatChanges(plan)}\n  and pin the unit at ${pin.slice(0, 12)}: poll leaves it alone until a newer commit changes it\n`;
}

function whatChanges(plan: RollbackPlan): string {
  switch (plan.platform) {
    case 'ecs':
      return `service ${plan.serviceName}: ${revision(plan.fromRevision)} → ${revision(plan.toRevision)}${plan.inFlight ? ' (reverting the deployment in flight)' : ''}`;
    case 'ecs-bluegreen':
      return plan.inFlight
        ? `service ${plan.serviceName}: revert the blue/green in flight (${plan.reached}% of traffic on ${revision(plan.fromRevision)}): all traffic back to ${revision(plan.toRevision)}, then delete task set ${plan.removeTaskSets.join(', ')}`
        : `service ${plan.serviceName}: ${revision(plan.fromRevision)} → ${revision(plan.toRevision)} (a new task set of ${revision(plan.toRevision)}, then all traffic at once, no canary)`;
    case 'lambda':
      if (plan.inFlight) return `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → ${plan.toVersion ?? '?'} (reverting the shift in flight; deleting version ${plan.deleteVersions.join(', ')})`;
      if (plan.republish !== null) {
        return `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → a new version of the content at ${plan.republish.commit.slice(0, 12)}, all at once (the earlier version was deleted when ${plan.fromVersion} replaced it)`;
      }
      return `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → ${plan.toVersion ?? '?'}`;
    default: {
      const never: never = plan;
      return never;
    }
  }
}
