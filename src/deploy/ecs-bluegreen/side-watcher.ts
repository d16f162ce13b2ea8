/**
 * Observes the new side of a blue/green (the new task set and, after a Spot shortage, its fallback) through the
 * one ECS observer (ecs/service-observer.ts): its tasks are those its task sets started, its targets those of its
 * target groups; it counts by task set and notices a Spot capacity shortage in ECS's events.
 */
import { failedTasks } from '../circuit-breaker.js';
import type { UnitContext } from '../context.js';
import { countHealthy } from '../ecs/rolling-stability.js';
import { ServiceObserver, type WatchObservations } from '../ecs/service-observer.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import type { EcsServiceState, EcsTaskSetState, EcsTaskState } from '../ports/ecs-port.js';
import type { TargetHealthState } from '../ports/elb-port.js';
import type { TargetHealthReport } from '../../events/results.js';

export interface SideCounts {
  /** What the side must run: the sum of its task sets' computedDesiredCount. */
  desired: number;
  running: number;
  pending: number;
  healthy: number;
  failed: number;
}

export interface SideObservation {
  service: EcsServiceState;
  taskSets: EcsTaskSetState[];
  counts: SideCounts;
  /** Targets of the side's running tasks that the load balancer reports unhealthy, with its reasons. */
  unhealthy: TargetHealthReport[];
  /** ECS said since the deployment began that it could not place a task for want of capacity (Fargate Spot). */
  capacityShortage: boolean;
}

/** ECS's wording when Fargate (Spot) has no capacity for a task: "... was unable to place a task. Reason: Capacity is unavailable at this time." */
const capacityShortageWording = /unable to place a task.*capacity is unavailable/is;

export class SideWatcher {
  private readonly ids: Set<string>;
  private readonly observer: ServiceObserver;
  private shortage = false;

  constructor(
    ctx: UnitContext,
    target: ServiceTarget,
    taskSetIds: readonly string[],
    targetGroupArns: readonly string[],
    /** Clock time the deployment began: older events and stopped tasks are not this deployment's. */
    since: number,
  ) {
    this.ids = new Set(taskSetIds);
    this.observer = new ServiceObserver(ctx, target, since, {
      targetGroupArns: () => targetGroupArns,
      failures: (stopped) =>
        failuresOf(
          stopped.filter((task) => this.isMine(task)),
          since,
        ),
      onEvent: (message) => {
        if (capacityShortageWording.test(message)) this.shortage = true;
      },
    });
  }

  get seen(): WatchObservations {
    return this.observer.seen;
  }

  addTaskSet(id: string): void {
    this.ids.add(id);
  }

  get taskSetIds(): string[] {
    return [...this.ids];
  }

  /** One look at the side; null when the service is gone. */
  async observe(): Promise<SideObservation | null> {
    const look = await this.observer.look();
    if (look === null) return null;
    const { service, health } = look;
    const runningTasks = look.running.filter((task) => this.isMine(task) && task.lastStatus === 'RUNNING');
    const taskSets = service.taskSets.filter((ts) => this.ids.has(ts.id));
    const counts: SideCounts = {
      desired: taskSets.reduce((sum, ts) => sum + ts.computedDesiredCount, 0),
      running: taskSets.reduce((sum, ts) => sum + ts.runningCount, 0),
      pending: taskSets.reduce((sum, ts) => sum + ts.pendingCount, 0),
      healthy: countHealthy(runningTasks, health),
      failed: this.seen.failedTasks.length,
    };
    this.observer.noteCounts(counts);
    return { service, taskSets, counts, unhealthy: unhealthyOf(runningTasks, health), capacityShortage: this.shortage };
  }

  private isMine(task: EcsTaskState): boolean {
    return task.startedBy !== undefined && this.ids.has(task.startedBy);
  }
}

/** The side's stopped tasks that count as failures, each judged against its own revision (failedTasks takes one). */
function failuresOf(stopped: readonly EcsTaskState[], since: number): EcsTaskState[] {
  const byDefinition = new Map<string, EcsTaskState[]>();
  for (const task of stopped) byDefinition.set(task.taskDefinitionArn, [...(byDefinition.get(task.taskDefinitionArn) ?? []), task]);
  return [...byDefinition].flatMap(([taskDefinitionArn, tasks]) => failedTasks(tasks, taskDefinitionArn, since));
}

function unhealthyOf(tasks: readonly EcsTaskState[], health: ReadonlyMap<string, readonly TargetHealthState[]>): TargetHealthReport[] {
  const addresses = new Set(tasks.flatMap((task) => (task.privateIp === undefined ? [] : [task.privateIp])));
  const reports: TargetHealthReport[] = [];
  for (const [targetGroupArn, targets] of health) {
    for (const target of targets) {
      if (target.state === 'unhealthy' && addresses.has(target.targetId)) reports.push({ targetGroupArn, ...target });
    }
  }
  return reports;
}
