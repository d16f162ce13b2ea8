/**
 * Task sets of EXTERNAL services: CreateTaskSet, UpdateTaskSet, UpdateServicePrimaryTaskSet, DeleteTaskSet,
 * DescribeTaskSets. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html
 */
import type {
  CreateTaskSetRequest,
  DeleteTaskSetRequest,
  DescribeTaskSetsRequest,
  DescribeTaskSetsResponse,
  Failure,
  Scale,
  TaskSet,
  UpdateServicePrimaryTaskSetRequest,
  UpdateTaskSetRequest,
} from '@aws-sdk/client-ecs';
import { ecsArn, newDeploymentId } from './arns.js';
import { invalidParameter, taskSetNotFound } from './errors.js';
import type { EcsModel } from './model.js';
import { toTaskSetOutput } from './outputs.js';
import type { ServiceRecord, TaskSetRecord } from './records.js';
import { isActive } from './scheduler.js';
import { launchSpecFrom } from './service-record.js';
import { activeService, findService } from './services-model.js';
import { usableTaskDefinition, validateLaunch } from './service-validation.js';
import { validateTags } from './tag-rules.js';
import { computedDesiredCount } from './task-set-scheduler.js';

/** Task sets per service (the "deployments per service" quota). */
const TASK_SETS_PER_SERVICE = 5;

function requireExternal(service: ServiceRecord): void {
  if (service.deploymentController.type !== 'EXTERNAL') {
    throw invalidParameter('Amazon ECS only supports task set management on services configured to use external deployment controllers.');
  }
}

function validScale(scale: Scale | undefined): Scale {
  const value = scale?.value ?? 100;
  if (value < 0 || value > 100) throw invalidParameter('Scale value must be between 0 and 100.');
  if ((scale?.unit ?? 'PERCENT') !== 'PERCENT') throw invalidParameter('Scale unit must be PERCENT.');
  return { value, unit: 'PERCENT' };
}

function findTaskSet(service: ServiceRecord, reference: string | undefined): TaskSetRecord {
  const taskSet = service.taskSets.find((ts) => ts.id === reference || ts.arn === reference);
  if (!taskSet) throw taskSetNotFound();
  return taskSet;
}

export function createTaskSet(model: EcsModel, input: CreateTaskSetRequest): TaskSet {
  const now = model.sync();
  const service = activeService(model, input.cluster, input.service);
  requireExternal(service);
  if (service.taskSets.length >= TASK_SETS_PER_SERVICE) {
    throw invalidParameter(`${service.taskSets.length} deployments exist on the service. Unable to create new TaskSet since this exceeds the maximum limit.`);
  }
  const record = usableTaskDefinition(model, input.taskDefinition);
  validateLaunch(model, model.clusters.get(service.clusterName), record, input);
  validateTags(input.tags ?? []);
  const scale = validScale(input.scale);
  const id = newDeploymentId();
  const taskSet: TaskSetRecord = {
    ...launchSpecFrom(record, input),
    id,
    arn: ecsArn(model.scope, `task-set/${service.clusterName}/${service.name}/${id}`),
    status: 'ACTIVE',
    scale,
    computedDesiredCount: computedDesiredCount(service.desiredCount, scale.value ?? 0),
    runningCount: 0,
    pendingCount: 0,
    stabilityStatus: 'STABILIZING',
    stabilityStatusAt: now,
    serviceRegistries: input.serviceRegistries ?? [],
    tags: (input.tags ?? []).map((t) => ({ ...t })),
    createdAt: now,
    updatedAt: now,
    failedTasks: 0,
    unplaced: 0,
  };
  if (input.externalId !== undefined) taskSet.externalId = input.externalId;
  service.taskSets.push(taskSet);
  service.steady = false;
  model.reconcile(service);
  return toTaskSetOutput(service, taskSet, false);
}

export function updateTaskSet(model: EcsModel, input: UpdateTaskSetRequest): TaskSet {
  const now = model.sync();
  const service = activeService(model, input.cluster, input.service);
  requireExternal(service);
  const taskSet = findTaskSet(service, input.taskSet);
  if (taskSet.status === 'DRAINING') throw invalidParameter('The task set is being deleted and cannot be updated.');
  taskSet.scale = validScale(input.scale);
  taskSet.updatedAt = now;
  model.reconcile(service);
  return toTaskSetOutput(service, taskSet, false);
}

export function updateServicePrimaryTaskSet(model: EcsModel, input: UpdateServicePrimaryTaskSetRequest): TaskSet {
  const now = model.sync();
  const service = activeService(model, input.cluster, input.service);
  requireExternal(service);
  const taskSet = findTaskSet(service, input.primaryTaskSet);
  if (taskSet.status === 'DRAINING') throw invalidParameter('A task set that is being deleted cannot be made primary.');
  for (const other of service.taskSets) {
    if (other !== taskSet && other.status === 'PRIMARY') {
      other.status = 'ACTIVE';
      other.updatedAt = now;
    }
  }
  taskSet.status = 'PRIMARY';
  taskSet.updatedAt = now;
  return toTaskSetOutput(service, taskSet, false);
}

export function deleteTaskSet(model: EcsModel, input: DeleteTaskSetRequest): TaskSet {
  const now = model.sync();
  const service = activeService(model, input.cluster, input.service);
  requireExternal(service);
  const taskSet = findTaskSet(service, input.taskSet);
  if (taskSet.status === 'DRAINING') throw taskSetNotFound('The specified task set is already being deleted.');
  if (!input.force) {
    if (taskSet.status === 'PRIMARY') {
      throw invalidParameter('The task set is the primary task set of the service. Make another task set primary or use force to delete it.');
    }
    const scaled = (taskSet.scale.value ?? 0) > 0 || model.tasksOf(service, taskSet.id).some(isActive);
    if (scaled) throw invalidParameter('The task set has not been scaled down to zero. Scale it down to zero or use force to delete it.');
  }
  taskSet.status = 'DRAINING';
  taskSet.updatedAt = now;
  model.reconcile(service);
  return toTaskSetOutput(service, taskSet, false);
}

export function describeTaskSets(model: EcsModel, input: DescribeTaskSetsRequest): DescribeTaskSetsResponse {
  model.sync();
  const service = findService(model, input.cluster, input.service);
  requireExternal(service);
  const includeTags = input.include?.includes('TAGS') ?? false;
  if (!input.taskSets || input.taskSets.length === 0) {
    return { taskSets: service.taskSets.map((ts) => toTaskSetOutput(service, ts, includeTags)), failures: [] };
  }
  const taskSets: TaskSet[] = [];
  const failures: Failure[] = [];
  for (const reference of input.taskSets) {
    const found = service.taskSets.find((ts) => ts.id === reference || ts.arn === reference);
    if (found) taskSets.push(toTaskSetOutput(service, found, includeTags));
    else failures.push({ arn: reference, reason: 'MISSING' });
  }
  return { taskSets, failures };
}
