/** ListTasks, DescribeTasks and StopTask. */
import type { DescribeTasksRequest, DescribeTasksResponse, Failure, ListTasksRequest, StopTaskRequest, Task } from '@aws-sdk/client-ecs';
import { ecsArn, lastSegment } from './arns.js';
import { invalidParameter } from './errors.js';
import type { EcsModel } from './model.js';
import { paginate } from './pagination.js';
import type { TaskRecord } from './records.js';
import { findService } from './services-model.js';
import { toTaskOutput } from './tasks.js';

const DESCRIBE_TASKS_LIMIT = 100;

function findTask(model: EcsModel, clusterArn: string, reference: string): TaskRecord | undefined {
  const id = lastSegment(reference);
  return model.tasks.find((t) => t.clusterArn === clusterArn && t.id === id);
}

export function listTasks(model: EcsModel, input: ListTasksRequest): { taskArns: string[]; nextToken?: string } {
  model.sync();
  const cluster = model.clusters.get(input.cluster);
  // A service that does not exist is an error, not an empty list.
  const group = input.serviceName === undefined ? undefined : `service:${findService(model, input.cluster, input.serviceName).name}`;
  const desiredStatus = input.desiredStatus ?? 'RUNNING';
  const family = input.family;
  const arns = model.tasks
    .filter((t) => t.clusterArn === cluster.arn && t.desiredStatus === desiredStatus)
    .filter((t) => group === undefined || t.group === group)
    .filter((t) => family === undefined || t.family === family)
    .filter((t) => input.startedBy === undefined || t.startedBy === input.startedBy)
    .filter((t) => input.launchType === undefined || t.launchType === input.launchType)
    .map((t) => t.arn);
  const page = paginate(arns, input, { defaultSize: 100, maxSize: 100 });
  return page.nextToken === undefined ? { taskArns: page.items } : { taskArns: page.items, nextToken: page.nextToken };
}

export function describeTasks(model: EcsModel, input: DescribeTasksRequest): DescribeTasksResponse {
  model.sync();
  const references = input.tasks ?? [];
  if (references.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (references.length > DESCRIBE_TASKS_LIMIT) throw invalidParameter(`tasks can have at most ${DESCRIBE_TASKS_LIMIT} items.`);
  const cluster = model.clusters.get(input.cluster);
  const includeTags = input.include?.includes('TAGS') ?? false;
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  for (const reference of references) {
    const task = findTask(model, cluster.arn, reference);
    if (task) tasks.push(toTaskOutput(task, includeTags));
    else failures.push({ arn: ecsArn(model.scope, `task/${cluster.name}/${lastSegment(reference)}`), reason: 'MISSING' });
  }
  return { tasks, failures };
}

/** StopTask: the service scheduler will start a replacement if the task belongs to a service. */
export function stopTask(model: EcsModel, input: StopTaskRequest): Task {
  model.sync();
  const cluster = model.clusters.get(input.cluster);
  const task = findTask(model, cluster.arn, input.task ?? '');
  if (!task) throw invalidParameter('The referenced task was not found.');
  if ((input.reason ?? '').length > 255) throw invalidParameter('Reason must be at most 255 characters.');
  model.stop(task, { stopCode: 'UserInitiated', reason: input.reason || 'Task stopped by user', failure: false });
  model.reconcileAll();
  return toTaskOutput(task, false);
}
