/**
 * The task set scheduler (deployment controller EXTERNAL): each task set runs ceil(desiredCount × scale %)
 * tasks and is STEADY_STATE once they all run healthy; a deleted (DRAINING) task set stops its tasks and
 * disappears once they have stopped. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html
 */
import { addServiceEvent, serviceMessages } from './events.js';
import type { ServiceRecord, TaskSetRecord } from './records.js';
import { isActive, isPending, isRunning, launchTasks, replaceUnhealthyTargets, scaleInOrder, stopForScaling, type SchedulerPort } from './scheduler.js';

/** ECS: computedDesiredCount = service desiredCount × scale percent, rounded up. */
export function computedDesiredCount(serviceDesiredCount: number, scalePercent: number): number {
  return Math.ceil((serviceDesiredCount * scalePercent) / 100);
}

export function reconcileTaskSets(service: ServiceRecord, port: SchedulerPort): void {
  for (const taskSet of service.taskSets) {
    if (taskSet.status === 'DRAINING' || service.status !== 'ACTIVE') drainTaskSet(service, taskSet, port);
    else scaleTaskSet(service, taskSet, port);
    refreshTaskSet(service, taskSet, port);
  }
  service.taskSets = service.taskSets.filter((ts) => ts.status !== 'DRAINING' || port.tasksOf(service, ts.id).some((t) => t.lastStatus !== 'STOPPED'));
  const live = service.taskSets.filter((ts) => ts.status !== 'DRAINING');
  const steady = service.taskSets.length === live.length && live.every((ts) => ts.stabilityStatus === 'STEADY_STATE');
  if (steady && !service.steady) addServiceEvent(service, serviceMessages.steadyState(service.name), port.now);
  service.steady = steady;
}

function drainTaskSet(service: ServiceRecord, taskSet: TaskSetRecord, port: SchedulerPort): void {
  taskSet.computedDesiredCount = 0;
  stopForScaling(service, port.tasksOf(service, taskSet.id).filter(isActive), taskSet.id, port);
}

function scaleTaskSet(service: ServiceRecord, taskSet: TaskSetRecord, port: SchedulerPort): void {
  taskSet.computedDesiredCount = computedDesiredCount(service.desiredCount, taskSet.scale.value ?? 0);
  replaceUnhealthyTargets(service, port.tasksOf(service, taskSet.id).filter(isActive), port);
  const active = port.tasksOf(service, taskSet.id).filter(isActive);
  const delta = taskSet.computedDesiredCount - active.length;
  if (delta < 0) stopForScaling(service, scaleInOrder(service, active, port).slice(0, -delta), taskSet.id, port);
  taskSet.unplaced = 0;
  if (delta > 0) {
    const result = launchTasks(service, { kind: 'task-set', id: taskSet.id, spec: taskSet }, delta, port);
    taskSet.unplaced = result.unplaced;
  }
}

function refreshTaskSet(service: ServiceRecord, taskSet: TaskSetRecord, port: SchedulerPort): void {
  const tasks = port.tasksOf(service, taskSet.id);
  const running = tasks.filter(isRunning);
  const pending = tasks.filter(isPending).length;
  const allHealthy = running.every((t) => port.healthy(service, t));
  const steady = taskSet.status !== 'DRAINING' && running.length === taskSet.computedDesiredCount && pending === 0 && taskSet.unplaced === 0 && allHealthy;
  const stability = steady ? 'STEADY_STATE' : 'STABILIZING';
  if (running.length !== taskSet.runningCount || pending !== taskSet.pendingCount) taskSet.updatedAt = port.now;
  taskSet.runningCount = running.length;
  taskSet.pendingCount = pending;
  if (stability !== taskSet.stabilityStatus) {
    taskSet.stabilityStatus = stability;
    taskSet.stabilityStatusAt = port.now;
    if (steady) addServiceEvent(service, serviceMessages.taskSetSteadyState(service.name, taskSet.id), port.now);
  }
}
