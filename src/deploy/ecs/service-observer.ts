/**
 * The one ECS observer: a look at a service reads it, its RUNNING and STOPPED tasks and the health of its targets,
 * and reports what is new (ECS service events and failed tasks once each, task counts when they change). The
 * rolling watch (watch-service.ts) and the blue/green side watch (ecs-bluegreen/side-watcher.ts) differ only in
 * which target groups and which stopped tasks are theirs, and in how they count.
 */
import type { UnitContext } from '../context.js';
import type { EcsPort, EcsServiceState, EcsTaskState } from '../ports/ecs-port.js';
import type { LoadBalancingPort, TargetHealthState } from '../ports/elb-port.js';
import type { ServiceTarget } from './service-target.js';

/** Everything seen during a watch, for the failure report. */
export interface WatchObservations {
  failedTasks: EcsTaskState[];
  serviceEvents: { at: number; message: string }[];
  targetHealth: Map<string, TargetHealthState[]>;
  waitingFor: string;
}

export interface ServiceLook {
  service: EcsServiceState;
  running: EcsTaskState[];
  health: Map<string, TargetHealthState[]>;
}

export interface ObserverScope {
  /** The target groups whose health is read. */
  targetGroupArns(service: EcsServiceState): readonly string[];
  /** The stopped tasks that count as failures of the version watched. */
  failures(stopped: readonly EcsTaskState[]): EcsTaskState[];
  /** Each new ECS service event's message, once (Spot shortages are noticed there). */
  onEvent?(message: string): void;
}

/** What a look uses of a unit's context: narrow, so that tests give it in-memory fakes. */
export type ObserverContext = Pick<UnitContext, 'emit'> & {
  ports: { ecs: Pick<EcsPort, 'describeService' | 'serviceTasks'>; loadBalancing: Pick<LoadBalancingPort, 'targetHealth'> };
};

export class ServiceObserver {
  readonly seen: WatchObservations = { failedTasks: [], serviceEvents: [], targetHealth: new Map(), waitingFor: '' };
  private readonly eventIds = new Set<string>();
  private readonly stoppedIds = new Set<string>();
  private lastCounts = '';

  constructor(
    private readonly ctx: ObserverContext,
    private readonly target: ServiceTarget,
    /** Clock time the deployment began: older events and stopped tasks are not this deployment's. */
    private readonly since: number,
    private readonly scope: ObserverScope,
  ) {}

  /** One look; null when the service is gone. */
  async look(): Promise<ServiceLook | null> {
    const { ports } = this.ctx;
    const service = await ports.ecs.describeService(this.target.cluster, this.target.serviceName);
    if (service === null) return null;
    this.noteEvents(service);
    const [running, stopped, health] = await Promise.all([
      ports.ecs.serviceTasks(this.target.cluster, this.target.serviceName, 'RUNNING'),
      ports.ecs.serviceTasks(this.target.cluster, this.target.serviceName, 'STOPPED'),
      this.targetHealth(this.scope.targetGroupArns(service)),
    ]);
    this.seen.targetHealth = health;
    this.noteFailures(this.scope.failures(stopped));
    return { service, running, health };
  }

  /** `tasks.changed`, only when the counts differ from the last ones reported. */
  noteCounts(counts: { desired: number; running: number; pending: number; healthy: number; failed: number }): void {
    const key = JSON.stringify(counts);
    if (key === this.lastCounts) return;
    this.lastCounts = key;
    this.ctx.emit({ type: 'tasks.changed', ...counts });
  }

  private async targetHealth(targetGroupArns: readonly string[]): Promise<Map<string, TargetHealthState[]>> {
    const entries = await Promise.all(targetGroupArns.map(async (arn) => [arn, await this.ctx.ports.loadBalancing.targetHealth(arn)] as const));
    return new Map(entries);
  }

  private noteEvents(service: EcsServiceState): void {
    // ECS returns events newest first; show them oldest first, once each. A little slack: AWS timestamps and our
    // clock may disagree by a moment.
    for (const event of [...service.events].reverse()) {
      if (this.eventIds.has(event.id) || event.at < this.since - 2000) continue;
      this.eventIds.add(event.id);
      this.seen.serviceEvents.push({ at: event.at, message: event.message });
      this.ctx.emit({ type: 'service.event', at: event.at, message: event.message });
      this.scope.onEvent?.(event.message);
    }
  }

  private noteFailures(failed: readonly EcsTaskState[]): void {
    for (const task of failed) {
      if (this.stoppedIds.has(task.taskArn)) continue;
      this.stoppedIds.add(task.taskArn);
      this.seen.failedTasks.push(task);
      this.ctx.emit({ type: 'task.stopped', taskArn: task.taskArn, taskDefinitionArn: task.taskDefinitionArn, stoppedReason: task.stoppedReason ?? 'unknown' });
    }
  }
}
