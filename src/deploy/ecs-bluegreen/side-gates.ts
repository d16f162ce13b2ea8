/** Pure verdicts on the new side of a blue/green: stable yet, still healthy under traffic, short of Spot capacity. */
import type { SideObservation } from './side-watcher.js';

/**
 * Stable when every task set of the side runs all its tasks (none pending) and every one of them is healthy in
 * every target group of the side, and together they make up at least the service's desiredCount (or `required`, the
 * tasks of a new task set created below 100 %, docs/legacy-keys.md `initialScale`).
 */
export function sideStability(
  observation: Pick<SideObservation, 'service' | 'taskSets' | 'counts'>,
  required?: number,
): { stable: boolean; waitingFor: string } {
  const { service, taskSets, counts } = observation;
  const wanted = required ?? service.desiredCount;
  const waitingFor = (() => {
    if (taskSets.length === 0) return 'ECS to create the task set';
    if (counts.desired < wanted) return `the task sets to be scaled to ${wanted} tasks (${counts.desired} so far)`;
    if (counts.running < counts.desired) return `tasks to start (${counts.running} of ${counts.desired} running)`;
    if (counts.pending > 0) return `${counts.pending} pending task${counts.pending === 1 ? '' : 's'}`;
    if (counts.healthy < counts.desired) return `targets to pass health checks (${counts.healthy} of ${counts.desired} healthy)`;
    return '';
  })();
  return { stable: waitingFor === '', waitingFor };
}

/**
 * While it takes traffic, the new side must stay whole: no target the load balancer calls unhealthy, no task
 * that failed since the shift began, and as many healthy tasks as it should run. Null when all is well.
 */
export function sideHealthProblem(observation: Pick<SideObservation, 'counts' | 'unhealthy'>, failedBefore: number): string | null {
  const { counts, unhealthy } = observation;
  if (unhealthy.length > 0) {
    const first = unhealthy[0];
    const why = first?.reason ?? first?.description ?? 'health checks failed';
    return `${unhealthy.length} target${unhealthy.length === 1 ? '' : 's'} of the new tasks ${unhealthy.length === 1 ? 'is' : 'are'} unhealthy (${why})`;
  }
  const failed = counts.failed - failedBefore;
  if (failed > 0) return `${failed} task${failed === 1 ? '' : 's'} of the new version failed while taking traffic`;
  if (counts.healthy < counts.desired) return `only ${counts.healthy} of ${counts.desired} new tasks are healthy`;
  return null;
}

export interface SpotCheck {
  /** The new task set the svcdef's capacity providers place (not the fallback). */
  computedDesiredCount: number;
  running: number;
  pending: number;
  capacityShortage: boolean;
  elapsedMs: number;
  /** How long tasks may stay unplaced without ECS saying why before gitmoxi calls it a shortage. */
  graceMs: number;
}

/**
 * How many tasks of the new task set could not be placed (0 when none are missing, or when it is too early to
 * tell). ECS neither fails nor moves a Spot task it cannot place: it retries for as long as the task set exists.
 */
export function spotShortfall(check: SpotCheck): number {
  const placed = check.running + check.pending;
  const missing = check.computedDesiredCount - placed;
  if (missing <= 0) return 0;
  return check.capacityShortage || check.elapsedMs >= check.graceMs ? missing : 0;
}
