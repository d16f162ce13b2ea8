/**
 * What every step of one blue/green deployment shares (fixed at its start, never mutated), and the ways a
 * step ends the unit: a result, or a refusal that changed nothing.
 */
import { breakerThreshold, effectiveStabilityTimeout } from '../../defs/depdef-schema.js';
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { DeployContext } from '../context.js';
import { serviceTarget, type ServiceTarget } from '../ecs/service-target.js';
import type { UnitErrorCode } from '../../errors.js';
import type { Ending, FailureReport } from '../../events/results.js';
import { newLockOwner } from './service-lock.js';

export interface BlueGreenRun {
  ctx: DeployContext;
  defs: EcsUnitDefinitions;
  target: ServiceTarget;
  /** The hash of the rendered definitions: the new task set's externalId and, after success, the service's tag. */
  hash: string;
  /** This run's name in the service lock. */
  owner: string;
  /**
   * Set by an operator rollback: what runs afterwards is an earlier revision, not the content of any tip, so the
   * service is tagged with the commit that registered it (when known) and without a hash.
   */
  restoring?: { commit: string | null };
}

export function newRun(ctx: DeployContext, defs: EcsUnitDefinitions): BlueGreenRun {
  return { ctx, defs, target: serviceTarget(ctx, defs), hash: ctx.planned.hash, owner: newLockOwner(ctx.commit) };
}

/**
 * A deployment that stopped before changing anything the service serves with (a lock held by another run, a
 * target group no listener forwards to, a missing alarm): the previous state still runs, so it is reported as
 * failed-and-restored (exit 1), with what to fix.
 */
export function refuse(run: BlueGreenRun, code: UnitErrorCode, summary: string, action: string): Ending {
  const report: FailureReport = { summary, step: 'preflight', stoppedTasks: [], serviceEvents: [], targetHealth: [], action };
  run.ctx.emit({ type: 'unit.failed', report });
  return { outcome: 'rolled-back', error: { code, message: summary }, report };
}

/** How often the new side is examined: the depdef's pollInterval at most, and often enough to notice quickly. */
export function pollMs(run: BlueGreenRun): number {
  return Math.min(run.defs.depdef.stabilityCheck.pollInterval, 5) * 1000;
}

export function stabilityTimeoutMs(run: BlueGreenRun, desiredCount: number): number {
  return effectiveStabilityTimeout(run.defs.depdef, desiredCount) * 1000;
}

export function breakerOf(run: BlueGreenRun, desiredCount: number): number | null {
  return breakerThreshold(run.defs.depdef, desiredCount);
}

/** The svcdef's load balancer target groups (a first deployment's task set goes there). */
export function svcdefTargetGroups(run: BlueGreenRun): string[] {
  return [...new Set((run.defs.svcdef.loadBalancers ?? []).flatMap((lb) => (lb.targetGroupArn === undefined ? [] : [lb.targetGroupArn])))];
}

/** The svcdef places tasks on Fargate Spot and the depdef names a fallback: shortages get a fallback task set. */
export function hasSpotFallback(run: BlueGreenRun): boolean {
  const usesSpot = run.defs.svcdef.capacityProviderStrategy?.some((item) => item.capacityProvider === 'FARGATE_SPOT') === true;
  return usesSpot && run.defs.depdef.fallbackCapacityProviderStrategy.length > 0;
}
