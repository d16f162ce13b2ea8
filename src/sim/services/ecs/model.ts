/**
 * The ECS model of one account and region: clusters, task definitions, services (with their deployments and
 * task sets) and tasks. No HTTP here; time comes only from the world's clock and `advance(now)`.
 */
import { SimError } from '../../errors.js';
import type { ServiceModel, SimWorld, TargetRegistry, TargetHealthState } from '../../types.js';
import type { ArnScope } from './arns.js';
import { ClusterStore } from './clusters.js';
import { addServiceEvent, serviceMessages } from './events.js';
import { STOPPED_TASK_RETENTION_MS, applyDue, beginStop, nextDueAt, type StopDetails, type TaskHooks } from './lifecycle.js';
import { launchGroupTasks } from './launch.js';
import type { ServiceRecord, TaskRecord, TaskTarget } from './records.js';
import { reconcileNative } from './native-controller.js';
import { currentServiceDeployment } from './native-deployments.js';
import type { ServiceDeploymentRecord, ServiceRevisionRecord } from './native-records.js';
import { reconcileRolling } from './rolling.js';
import { isActive, isRunning, stopForScaling, type LaunchGroup, type LaunchResult, type SchedulerPort } from './scheduler.js';
import { snapshotState } from './snapshot.js';
import { reconcileTaskSets } from './task-set-scheduler.js';
import { TaskDefinitionRegistry } from './task-definitions.js';

/** Runs a call into another service's model; an AWS error there must not break this model's time step. */
function attempt(call: () => void): boolean {
  try {
    call();
    return true;
  } catch (error) {
    if (error instanceof SimError) return false;
    throw error;
  }
}

/** A bound on transition steps per advance, so that a runaway loop shows up as a stall, not a hang. */
const MAX_STEPS_PER_ADVANCE = 200_000;

export class EcsModel implements ServiceModel, SchedulerPort, TaskHooks {
  readonly scope: ArnScope;
  readonly clusters: ClusterStore;
  readonly taskDefinitions: TaskDefinitionRegistry;
  services: ServiceRecord[] = [];
  tasks: TaskRecord[] = [];
  /** The ECS deployment controller's records for BLUE_GREEN, LINEAR and CANARY services. */
  serviceDeployments: ServiceDeploymentRecord[] = [];
  serviceRevisions: ServiceRevisionRecord[] = [];
  /** Tasks by the deployment or task set id that started them. */
  private readonly byGroup = new Map<string, TaskRecord[]>();
  private sequence = 0;
  private time: number;

  constructor(
    readonly world: SimWorld,
    account: string,
    region: string,
  ) {
    this.scope = { account, region };
    this.clusters = new ClusterStore(this.scope);
    this.taskDefinitions = new TaskDefinitionRegistry(this.scope);
    this.time = world.clock.now();
  }

  get now(): number {
    return this.time;
  }

  /** Brings the model up to the clock before an operation (the world does this too; it is idempotent). */
  sync(): number {
    this.advance(this.world.clock.now());
    return this.time;
  }

  advance(now: number): void {
    if (now < this.time) return;
    for (let step = 0; step < MAX_STEPS_PER_ADVANCE; step += 1) {
      const due = this.earliestDue();
      if (due === undefined || due > now) break;
      this.time = Math.max(this.time, due);
      this.applyAll();
    }
    this.time = now;
    this.applyAll();
    this.purge();
  }

  private earliestDue(): number | undefined {
    let earliest: number | undefined;
    for (const task of this.tasks) {
      const due = nextDueAt(task);
      if (due !== undefined && (earliest === undefined || due < earliest)) earliest = due;
    }
    for (const deployment of this.serviceDeployments) {
      const due = deployment.nextAt;
      if (due !== undefined && due > this.time && (earliest === undefined || due < earliest)) earliest = due;
    }
    return earliest;
  }

  private applyAll(): void {
    for (const task of this.tasks) if (task.lastStatus !== 'STOPPED') applyDue(task, this.time, this);
    this.reconcileAll();
  }

  reconcileAll(): void {
    for (const service of this.services) this.reconcile(service);
  }

  /** Runs the service's scheduler once at the current time. */
  reconcile(service: ServiceRecord): void {
    if (service.status === 'INACTIVE') return;
    const native = service.status === 'ACTIVE' ? currentServiceDeployment(this, service) : undefined;
    if (service.deploymentController.type === 'EXTERNAL') reconcileTaskSets(service, this);
    else if (native) reconcileNative(service, native, this);
    else if (service.status === 'ACTIVE') reconcileRolling(service, this);
    else this.drainRolling(service);
    if (service.status === 'DRAINING' && this.serviceTasks(service).every((t) => t.lastStatus === 'STOPPED')) {
      service.status = 'INACTIVE';
      service.deployments = [];
      service.taskSets = [];
    }
  }

  private drainRolling(service: ServiceRecord): void {
    for (const deployment of service.deployments) {
      stopForScaling(service, this.tasksOf(service, deployment.id).filter(isActive), deployment.id, this);
      Object.assign(deployment, { desiredCount: 0, runningCount: 0, pendingCount: 0 });
    }
  }

  private purge(): void {
    const horizon = this.time - STOPPED_TASK_RETENTION_MS;
    const expired = (t: TaskRecord) => t.lastStatus === 'STOPPED' && (t.stoppedAt ?? 0) < horizon;
    if (!this.tasks.some(expired)) return;
    this.tasks = this.tasks.filter((t) => !expired(t));
    for (const [group, tasks] of this.byGroup) {
      const kept = tasks.filter((t) => !expired(t));
      if (kept.length === 0) this.byGroup.delete(group);
      else this.byGroup.set(group, kept);
    }
    this.services = this.services.filter((s) => s.status !== 'INACTIVE' || (s.deletedAt ?? this.time) >= horizon);
  }

  serviceTasks(service: ServiceRecord): TaskRecord[] {
    return this.tasks.filter((t) => t.owner?.serviceArn === service.arn);
  }

  nextSequence(): number {
    return this.sequence++;
  }

  addTask(task: TaskRecord, groupId: string): void {
    this.tasks.push(task);
    const group = this.byGroup.get(groupId) ?? [];
    group.push(task);
    this.byGroup.set(groupId, group);
  }

  registry(): TargetRegistry | undefined {
    try {
      return this.world.model('elbv2', this.scope.account, this.scope.region);
    } catch {
      return undefined;
    }
  }

  private targetState(target: TaskTarget, task: TaskRecord): TargetHealthState | undefined {
    return this.registry()?.targetState(target.targetGroupArn, task.privateIp, target.port);
  }

  private serviceOf(task: TaskRecord): ServiceRecord | undefined {
    return this.services.find((s) => s.arn === task.owner?.serviceArn);
  }

  // SchedulerPort

  tasksOf(_service: ServiceRecord, groupId: string): TaskRecord[] {
    return this.byGroup.get(groupId) ?? [];
  }

  launch(service: ServiceRecord, group: LaunchGroup, count: number): LaunchResult {
    return launchGroupTasks(this, service, group, count);
  }

  stop(task: TaskRecord, details: StopDetails): void {
    beginStop(task, this.time, details, this);
  }

  healthy(_service: ServiceRecord, task: TaskRecord): boolean {
    if (!isRunning(task)) return false;
    if (task.containers.some((c) => c.healthCheckSeconds !== undefined && c.essential && c.healthStatus !== 'HEALTHY')) return false;
    const healthy = !task.registered || task.targets.every((target) => this.targetState(target, task) === 'healthy');
    if (healthy) task.wasHealthy = true;
    return healthy;
  }

  failedTarget(service: ServiceRecord, task: TaskRecord): TaskTarget | undefined {
    if (!task.registered || task.startedAt === undefined) return undefined;
    // ECS ignores load balancer health checks during the grace period after the task starts.
    const graceEnds = task.startedAt + (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
    if (this.time < graceEnds) return undefined;
    return task.targets.find((target) => this.targetState(target, task) === 'unhealthy');
  }

  // TaskHooks

  registerTargets(task: TaskRecord): void {
    const registry = this.registry();
    const service = this.serviceOf(task);
    if (!registry || task.targets.length === 0) return;
    const image = task.containers.find((c) => c.essential)?.image ?? task.containers[0]?.image;
    for (const target of task.targets) {
      if (!registry.targetGroupExists(target.targetGroupArn)) continue;
      const meta = { taskArn: task.arn, taskDefinitionArn: task.taskDefinitionArn, family: task.family, revision: task.revision };
      // A registration ELBv2 refuses (say, an instance-type group) leaves the task unregistered, never healthy.
      if (!attempt(() => registry.registerTargets(target.targetGroupArn, [{ id: task.privateIp, port: target.port, meta: image ? { ...meta, image } : meta }])))
        continue;
      task.registered = true;
      if (service) addServiceEvent(service, serviceMessages.registeredTargets(service.name, 1, target.targetGroupArn), this.time);
    }
  }

  deregisterTargets(task: TaskRecord): void {
    const registry = this.registry();
    const service = this.serviceOf(task);
    if (!registry) return;
    for (const target of task.targets) {
      if (!registry.targetGroupExists(target.targetGroupArn)) continue;
      if (!attempt(() => registry.deregisterTargets(target.targetGroupArn, [{ id: task.privateIp, port: target.port }]))) continue;
      if (service) addServiceEvent(service, serviceMessages.deregisteredTargets(service.name, 1, target.targetGroupArn), this.time);
    }
  }

  targetsDraining(task: TaskRecord): boolean {
    return task.targets.some((target) => this.targetState(target, task) === 'draining');
  }

  taskFailed(task: TaskRecord): void {
    const service = this.serviceOf(task);
    const owner = task.owner;
    if (!service || !owner) return;
    const group =
      owner.kind === 'deployment' ? service.deployments.find((d) => d.id === owner.deploymentId) : service.taskSets.find((ts) => ts.id === owner.taskSetId);
    if (group) group.failedTasks += 1;
  }

  snapshot(): unknown {
    return snapshotState(this);
  }
}
