/**
 * Time-driven task transitions: PROVISIONING → PENDING → RUNNING, then DEACTIVATING → STOPPING →
 * DEPROVISIONING → STOPPED once stopped. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html
 * The durations are typical Fargate figures at time scale 1: capacity and ENI attachment while PROVISIONING
 * ("several seconds" per the ECS best practices), then image pull and container start while PENDING.
 * https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/task.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-recommendations.html
 */
import type { TaskStopCode } from '@aws-sdk/client-ecs';
import type { TaskRecord } from './records.js';

export const PROVISIONING_SECONDS = 10;
export const PENDING_SECONDS = 20;
/** SIGTERM to exit for a well-behaved container (the stopTimeout ceiling is 30 s by default). */
const STOPPING_SECONDS = 5;
const DEPROVISIONING_SECONDS = 10;
/** The target group's default deregistration delay: the most a task waits in DEACTIVATING. */
const DEACTIVATING_LIMIT_SECONDS = 300;
/** ECS keeps stopped tasks describable for at least an hour. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html */
export const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;

/** What the task lifecycle needs from the rest of the model. */
export interface TaskHooks {
  registerTargets(task: TaskRecord): void;
  deregisterTargets(task: TaskRecord): void;
  /** Whether any of the task's targets is still draining in its target group. */
  targetsDraining(task: TaskRecord): boolean;
  /** A task failed before it was ever healthy (the circuit breaker counts it). */
  taskFailed(task: TaskRecord): void;
}

export interface StopDetails {
  stopCode: TaskStopCode;
  reason: string;
  /** Whether this stop is a failure of the task (not a scale-in or a user's stop). */
  failure: boolean;
}

const seconds = (s: number) => s * 1000;

function setStatus(task: TaskRecord, status: TaskRecord['lastStatus'], nextAt: number | undefined): void {
  task.lastStatus = status;
  task.version += 1;
  if (nextAt === undefined) delete task.nextAt;
  else task.nextAt = nextAt;
}

/** The next moment something happens to this task on its own; undefined when nothing is scheduled. */
export function nextDueAt(task: TaskRecord): number | undefined {
  const times: number[] = [];
  if (task.nextAt !== undefined) times.push(task.nextAt);
  if (task.crashAt !== undefined && task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING') times.push(task.crashAt);
  if (task.lastStatus === 'RUNNING' && task.startedAt !== undefined) {
    for (const c of task.containers) {
      if (c.healthCheckSeconds !== undefined && c.healthStatus === 'UNKNOWN') times.push(task.startedAt + seconds(c.healthCheckSeconds));
    }
  }
  return times.length === 0 ? undefined : Math.min(...times);
}

/** Applies everything due at or before `now`. */
export function applyDue(task: TaskRecord, now: number, hooks: TaskHooks): void {
  if (task.crashAt !== undefined && task.crashAt <= now && task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING') {
    crash(task, task.crashAt, hooks);
  }
  refreshContainerHealth(task, now);
  if (task.lastStatus === 'DEACTIVATING' && !hooks.targetsDraining(task)) setStatus(task, 'STOPPING', now + seconds(STOPPING_SECONDS));
  if (task.nextAt !== undefined && task.nextAt <= now) advancePhase(task, task.nextAt, hooks);
}

function advancePhase(task: TaskRecord, at: number, hooks: TaskHooks): void {
  switch (task.lastStatus) {
    case 'PROVISIONING':
      task.pullStartedAt = at;
      setStatus(task, 'PENDING', at + seconds(PENDING_SECONDS));
      return;
    case 'PENDING':
      return task.planned?.phase === 'pending' ? failToStart(task, at, hooks) : startRunning(task, at, hooks);
    case 'DEACTIVATING':
      return setStatus(task, 'STOPPING', at + seconds(STOPPING_SECONDS));
    case 'STOPPING':
      return deprovision(task, at);
    case 'DEPROVISIONING':
      task.stoppedAt = at;
      return setStatus(task, 'STOPPED', undefined);
    case 'ACTIVATING':
    case 'RUNNING':
    case 'STOPPED':
      delete task.nextAt;
      return;
    default: {
      const never: never = task.lastStatus;
      throw new Error(`unknown task status ${String(never)}`);
    }
  }
}

function startRunning(task: TaskRecord, at: number, hooks: TaskHooks): void {
  task.pullStoppedAt = at;
  task.startedAt = at;
  task.connectivityAt = at;
  for (const c of task.containers) c.lastStatus = 'RUNNING';
  setStatus(task, 'RUNNING', undefined);
  const planned = task.planned;
  if (planned?.phase === 'running' && (planned.afterSeconds ?? 0) <= 0) {
    crash(task, at, hooks);
    return;
  }
  if (planned?.phase === 'running') task.crashAt = at + seconds(planned.afterSeconds ?? 0);
  hooks.registerTargets(task);
}

function failToStart(task: TaskRecord, at: number, hooks: TaskHooks): void {
  const planned = task.planned;
  if (!planned) return;
  task.pullStoppedAt = at;
  for (const c of task.containers) {
    c.lastStatus = 'STOPPED';
    if (c.name === planned.containerName && planned.containerReason !== undefined) c.reason = planned.containerReason;
  }
  markStopped(task, at, { stopCode: planned.stopCode, reason: planned.stoppedReason, failure: true }, hooks);
  task.executionStoppedAt = at;
  setStatus(task, 'DEPROVISIONING', at + seconds(DEPROVISIONING_SECONDS));
}

function crash(task: TaskRecord, at: number, hooks: TaskHooks): void {
  const planned = task.planned;
  delete task.crashAt;
  for (const c of task.containers) {
    if (c.name === planned?.containerName) c.exitCode = planned.exitCode ?? 1;
  }
  beginStop(task, at, { stopCode: planned?.stopCode ?? 'EssentialContainerExited', reason: planned?.stoppedReason ?? '', failure: true }, hooks);
}

function markStopped(task: TaskRecord, at: number, details: StopDetails, hooks: TaskHooks): void {
  task.desiredStatus = 'STOPPED';
  task.stoppingAt = at;
  task.stopCode = details.stopCode;
  task.stoppedReason = details.reason;
  if (details.failure && !task.wasHealthy && !task.failureCounted) {
    task.failureCounted = true;
    hooks.taskFailed(task);
  }
}

/** Stops a task: StopTask, scale-in, a failed health check or a crash. A second stop changes nothing. */
export function beginStop(task: TaskRecord, at: number, details: StopDetails, hooks: TaskHooks): void {
  if (task.desiredStatus === 'STOPPED') return;
  markStopped(task, at, details, hooks);
  switch (task.lastStatus) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      return deprovision(task, at);
    case 'RUNNING':
      if (task.registered) {
        hooks.deregisterTargets(task);
        return setStatus(task, 'DEACTIVATING', at + seconds(DEACTIVATING_LIMIT_SECONDS));
      }
      return setStatus(task, 'STOPPING', at + seconds(STOPPING_SECONDS));
    default:
      return;
  }
}

function deprovision(task: TaskRecord, at: number): void {
  for (const c of task.containers) {
    // SIGTERM handled cleanly: exit code 0 (a crashed container keeps its own code).
    if (c.lastStatus === 'RUNNING' && c.exitCode === undefined) c.exitCode = 0;
    c.lastStatus = 'STOPPED';
  }
  task.executionStoppedAt = at;
  setStatus(task, 'DEPROVISIONING', at + seconds(DEPROVISIONING_SECONDS));
}

function refreshContainerHealth(task: TaskRecord, now: number): void {
  const checked = task.containers.filter((c) => c.healthCheckSeconds !== undefined);
  if (checked.length === 0) return;
  if (task.lastStatus === 'RUNNING' && task.startedAt !== undefined) {
    for (const c of checked) {
      if (c.healthStatus === 'UNKNOWN' && now >= task.startedAt + seconds(c.healthCheckSeconds ?? 0)) c.healthStatus = 'HEALTHY';
    }
  }
  const essential = checked.filter((c) => c.essential);
  const relevant = essential.length > 0 ? essential : checked;
  task.healthStatus = relevant.every((c) => c.healthStatus === 'HEALTHY') ? 'HEALTHY' : 'UNKNOWN';
}
