/**
 * Service events, worded as the ECS service scheduler words them. ECS keeps the 100 most recent, newest
 * first, and omits a repeated message until its cause is resolved or six hours pass.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html
 */
import { newUuid } from './arns.js';
import type { ServiceRecord } from './records.js';

const SERVICE_EVENT_LIMIT = 100;
const REPEATED_EVENT_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Adds an event; a message identical to one given less than six hours ago is skipped when `dedupe`. */
export function addServiceEvent(service: ServiceRecord, message: string, now: number, dedupe = false): void {
  const last = service.eventTimes[message];
  if (dedupe && last !== undefined && now - last < REPEATED_EVENT_INTERVAL_MS) return;
  service.eventTimes[message] = now;
  service.events.unshift({ id: newUuid(), createdAt: now, message });
  if (service.events.length > SERVICE_EVENT_LIMIT) service.events.length = SERVICE_EVENT_LIMIT;
}

/** Lets a deduplicated message be given again (its cause was resolved). */
export function resolveServiceEvent(service: ServiceRecord, message: string): void {
  delete service.eventTimes[message];
}

const taskList = (taskIds: string[]) => taskIds.map((id) => `(task ${id})`).join(' ');

export const serviceMessages = {
  startedTasks: (name: string, taskIds: string[]) => `(service ${name}) has started ${taskIds.length} tasks: ${taskList(taskIds)}.`,
  stoppedTasks: (name: string, taskIds: string[]) => `(service ${name}) has stopped ${taskIds.length} running tasks: ${taskList(taskIds)}.`,
  registeredTargets: (name: string, count: number, targetGroupArn: string) =>
    `(service ${name}) registered ${count} targets in (target-group ${targetGroupArn})`,
  drainingConnections: (name: string, count: number) => `(service ${name}) has begun draining connections on ${count} tasks.`,
  deregisteredTargets: (name: string, count: number, targetGroupArn: string) =>
    `(service ${name}) deregistered ${count} targets in (target-group ${targetGroupArn})`,
  steadyState: (name: string) => `(service ${name}) has reached a steady state.`,
  deploymentCompleted: (name: string, deploymentId: string) => `(service ${name}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (name: string, deploymentId: string) => `(service ${name}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (name: string, deploymentId: string) => `(service ${name}) rolling back to deployment ${deploymentId}.`,
  unhealthyTarget: (name: string, port: number, targetGroupArn: string) =>
    `(service ${name}) (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason Health checks failed).`,
  taskSetSteadyState: (name: string, taskSetId: string) => `(service ${name}, taskSet ${taskSetId}) has reached a steady state.`,
  noContainerInstance: (name: string) =>
    `(service ${name}) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
  capacityUnavailable: (name: string) =>
    `(service ${name}) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
};
