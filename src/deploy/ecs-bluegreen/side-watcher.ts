/**
 * Observes the new side of a blue/green (the new task set and, after a Spot shortage, its fallback): task counts,
 * health in its target groups, tasks that failed, and ECS's service events. Emits what changed (counts when they
 * change, each service event and failed task once) and keeps what it saw for the failure report.
 */
import type { UnitContext } from '../context.js';
import type { WatchObservations } from '../ecs/watch-service.js';
import { failedTasks } from '../circuit-breaker.js';
import { countHealthy } from '../ecs/rolling-stability.js';
import type { EcsServiceState, EcsTaskSetState, EcsTaskState, TargetHealthState } from '../ports.js';
import type { TargetHealthReport } from '../results.js';
import type { ServiceTarget } from '../ecs/service-target.js';

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
  readonly seen: WatchObservations = { failedTasks: [], serviceEvents: [], targetHealth: new Map(), waitingFor: '' };
  private readonly ids: Set<string>;
  private readonly eventIds = new Set<string>();
  private readonly stoppedIds = new Set<string>();
  private lastCounts = '';
  private shortage = false;

  constructor(
    private readonly ctx: UnitContext,
    private readonly target: ServiceTarget,
    taskSetIds: readonly string[],
    private readonly targetGroupArns: readonly string[],
    /** Clock time the deployment began: older events and stopped tasks are not this deployment's. */
    private readonly since: number,
  ) {
    this.ids = new Set(taskSetIds);
  }

  addTaskSet(id: string): void {
    this.ids.add(id);
  }

  get taskSetIds(): string[] {
    return [...this.ids];
  }

  /** One look at the side; null when the service is gone. */
  async observe(): Promise<SideObservation | null> {
    const { ports } = this.ctx;
    const service = await ports.ecs.describeService(this.target.cluster, this.target.serviceName);
    if (service === null) return null;
    this.noteEvents(service);
    const [running, stopped, health] = await Promise.all([
      ports.ecs.serviceTasks(this.target.cluster, this.target.serviceName, 'RUNNING'),
      ports.ecs.serviceTasks(this.target.cluster, this.target.serviceName, 'STOPPED'),
      this.targetHealth(),
    ]);
    this.seen.targetHealth = health;
    const mine = (task: EcsTaskState) => task.startedBy !== undefined && this.ids.has(task.startedBy);
    const runningTasks = running.filter((task) => mine(task) && task.lastStatus === 'RUNNING');
    this.noteFailures(stopped.filter(mine));
    const taskSets = service.taskSets.filter((ts) => this.ids.has(ts.id));
    const counts: SideCounts = {
      desired: taskSets.reduce((sum, ts) => sum + ts.computedDesiredCount, 0),
      running: taskSets.reduce((sum, ts) => sum + ts.runningCount, 0),
      pending: taskSets.reduce((sum, ts) => sum + ts.pendingCount, 0),
      healthy: countHealthy(runningTasks, health),
      failed: this.seen.failedTasks.length,
    };
    this.noteCounts(counts);
    return { service, taskSets, counts, unhealthy: unhealthyOf(runningTasks, health), capacityShortage: this.shortage };
  }

  private async targetHealth(): Promise<Map<string, TargetHealthState[]>> {
    const entries = await Promise.all(this.targetGroupArns.map(async (arn) => [arn, await this.ctx.ports.loadBalancing.targetHealth(arn)] as const));
    return new Map(entries);
  }

  private noteEvents(service: EcsServiceState): void {
    // ECS returns events newest first; show them oldest first, once each. A little slack for clock skew.
    for (const event of [...service.events].reverse()) {
      if (this.eventIds.has(event.id) || event.at < this.since - 2000) continue;
      this.eventIds.add(event.id);
      this.seen.serviceEvents.push({ at: event.at, message: event.message });
      this.ctx.emit({ type: 'service.event', at: event.at, message: event.message });
      if (capacityShortageWording.test(event.message)) this.shortage = true;
    }
  }

  private noteFailures(stopped: readonly EcsTaskState[]): void {
    const byDefinition = new Map<string, EcsTaskState[]>();
    for (const task of stopped) byDefinition.set(task.taskDefinitionArn, [...(byDefinition.get(task.taskDefinitionArn) ?? []), task]);
    for (const [taskDefinitionArn, tasks] of byDefinition) {
      for (const task of failedTasks(tasks, taskDefinitionArn, this.since)) {
        if (this.stoppedIds.has(task.taskArn)) continue;
        this.stoppedIds.add(task.taskArn);
        this.seen.failedTasks.push(task);
        this.ctx.emit({ type: 'task.stopped', taskArn: task.taskArn, taskDefinitionArn: task.taskDefinitionArn, stoppedReason: task.stoppedReason ?? 'unknown' });
      }
    }
  }

  private noteCounts(counts: SideCounts): void {
    const key = JSON.stringify(counts);
    if (key === this.lastCounts) return;
    this.lastCounts = key;
    this.ctx.emit({ type: 'tasks.changed', ...counts });
  }
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
