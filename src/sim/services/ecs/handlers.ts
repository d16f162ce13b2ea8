/** Thin ECS handlers: check the request the way ECS does, call the model, shape the answer. */
import type {
  Cluster,
  CreateClusterRequest,
  CreateClusterResponse,
  CreateServiceRequest,
  CreateServiceResponse,
  CreateTaskSetRequest,
  CreateTaskSetResponse,
  DeleteServiceRequest,
  DeleteServiceResponse,
  DeleteTaskSetRequest,
  DeleteTaskSetResponse,
  DeregisterTaskDefinitionRequest,
  DeregisterTaskDefinitionResponse,
  DescribeClustersRequest,
  DescribeClustersResponse,
  DescribeServicesRequest,
  DescribeServicesResponse,
  DescribeTaskDefinitionRequest,
  DescribeTaskDefinitionResponse,
  DescribeTaskSetsRequest,
  DescribeTaskSetsResponse,
  DescribeTasksRequest,
  DescribeTasksResponse,
  Failure,
  ListClustersRequest,
  ListClustersResponse,
  ListServicesRequest,
  ListServicesResponse,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTaskDefinitionsRequest,
  ListTaskDefinitionsResponse,
  ListTasksRequest,
  ListTasksResponse,
  RegisterTaskDefinitionRequest,
  RegisterTaskDefinitionResponse,
  StopTaskRequest,
  StopTaskResponse,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
  UpdateServicePrimaryTaskSetRequest,
  UpdateServicePrimaryTaskSetResponse,
  UpdateServiceRequest,
  UpdateServiceResponse,
  UpdateTaskSetRequest,
  UpdateTaskSetResponse,
} from '@aws-sdk/client-ecs';
import type { OperationHandler, RequestContext } from '../../types.js';
import { nativeOperations } from './native-handlers.js';
import { clusterName, toClusterOutput } from './clusters.js';
import { clusterCounts } from './cluster-counts.js';
import { ecsArn } from './arns.js';
import { invalidParameter } from './errors.js';
import type { EcsModel } from './model.js';
import { paginate } from './pagination.js';
import { createService, deleteService, describeServices, listServices, updateService } from './services-model.js';
import { validateTags } from './tag-rules.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { describeTasks, listTasks, stopTask } from './task-queries.js';
import { toTaskDefinitionOutput } from './task-definitions.js';
import { createTaskSet, deleteTaskSet, describeTaskSets, updateServicePrimaryTaskSet, updateTaskSet } from './task-sets.js';

function ecsModel(ctx: RequestContext): EcsModel {
  return ctx.world.model('ecs', ctx.account, ctx.region);
}

/** ECS answers a missing required member with InvalidParameterException. */
function required<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null || value === '') throw invalidParameter(`${member} can not be blank.`);
  return value;
}

function createCluster(input: CreateClusterRequest, ctx: RequestContext): CreateClusterResponse {
  const model = ecsModel(ctx);
  validateTags(input.tags ?? []);
  const record = model.clusters.create(input, model.sync());
  return { cluster: toClusterOutput(record, clusterCounts(model, record.arn), ['TAGS', 'SETTINGS']) };
}

function describeClusters(input: DescribeClustersRequest, ctx: RequestContext): DescribeClustersResponse {
  const model = ecsModel(ctx);
  model.sync();
  const include = input.include ?? [];
  const clusters: Cluster[] = [];
  const failures: Failure[] = [];
  for (const reference of input.clusters?.length ? input.clusters : ['default']) {
    const record = model.clusters.find(reference);
    if (record) clusters.push(toClusterOutput(record, clusterCounts(model, record.arn), include));
    else failures.push({ arn: ecsArn(model.scope, `cluster/${clusterName(reference)}`), reason: 'MISSING' });
  }
  return { clusters, failures };
}

/** ListClusters: the ACTIVE clusters' ARNs, sorted, up to 100 a page (the default and the most). */
function listClusters(input: ListClustersRequest, ctx: RequestContext): ListClustersResponse {
  const model = ecsModel(ctx);
  model.sync();
  const arns = model.clusters
    .all()
    .filter((record) => record.status === 'ACTIVE')
    .map((record) => record.arn)
    .sort();
  const page = paginate(arns, input, { defaultSize: 100, maxSize: 100 });
  return { clusterArns: page.items, nextToken: page.nextToken };
}

function registerTaskDefinition(input: RegisterTaskDefinitionRequest, ctx: RequestContext): RegisterTaskDefinitionResponse {
  const model = ecsModel(ctx);
  validateTags(input.tags ?? []);
  const record = model.taskDefinitions.register(input, model.sync());
  return { taskDefinition: toTaskDefinitionOutput(record), tags: record.tags.map((t) => ({ ...t })) };
}

function describeTaskDefinition(input: DescribeTaskDefinitionRequest, ctx: RequestContext): DescribeTaskDefinitionResponse {
  const model = ecsModel(ctx);
  model.sync();
  const record = model.taskDefinitions.get(required(input.taskDefinition, 'taskDefinition'));
  const response: DescribeTaskDefinitionResponse = { taskDefinition: toTaskDefinitionOutput(record) };
  if (input.include?.includes('TAGS')) response.tags = record.tags.map((t) => ({ ...t }));
  return response;
}

function listTaskDefinitions(input: ListTaskDefinitionsRequest, ctx: RequestContext): ListTaskDefinitionsResponse {
  const model = ecsModel(ctx);
  model.sync();
  const arns = model.taskDefinitions.list({
    ...(input.familyPrefix !== undefined ? { familyPrefix: input.familyPrefix } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.sort !== undefined ? { sort: input.sort } : {}),
  });
  const page = paginate(arns, input, { defaultSize: 100, maxSize: 100 });
  return { taskDefinitionArns: page.items, nextToken: page.nextToken };
}

function deregisterTaskDefinition(input: DeregisterTaskDefinitionRequest, ctx: RequestContext): DeregisterTaskDefinitionResponse {
  const model = ecsModel(ctx);
  const record = model.taskDefinitions.deregister(required(input.taskDefinition, 'taskDefinition'), model.sync());
  return { taskDefinition: toTaskDefinitionOutput(record) };
}

const handle = {
  createService: (input: CreateServiceRequest, ctx: RequestContext): CreateServiceResponse => {
    required(input.serviceName, 'serviceName');
    return { service: createService(ecsModel(ctx), input) };
  },
  updateService: (input: UpdateServiceRequest, ctx: RequestContext): UpdateServiceResponse => {
    required(input.service, 'service');
    return { service: updateService(ecsModel(ctx), input) };
  },
  describeServices: (input: DescribeServicesRequest, ctx: RequestContext): DescribeServicesResponse => describeServices(ecsModel(ctx), input),
  listServices: (input: ListServicesRequest, ctx: RequestContext): ListServicesResponse => listServices(ecsModel(ctx), input),
  deleteService: (input: DeleteServiceRequest, ctx: RequestContext): DeleteServiceResponse => {
    required(input.service, 'service');
    return { service: deleteService(ecsModel(ctx), input) };
  },
  createTaskSet: (input: CreateTaskSetRequest, ctx: RequestContext): CreateTaskSetResponse => {
    required(input.service, 'service');
    required(input.cluster, 'cluster');
    required(input.taskDefinition, 'taskDefinition');
    return { taskSet: createTaskSet(ecsModel(ctx), input) };
  },
  updateTaskSet: (input: UpdateTaskSetRequest, ctx: RequestContext): UpdateTaskSetResponse => {
    required(input.taskSet, 'taskSet');
    required(input.scale, 'scale');
    return { taskSet: updateTaskSet(ecsModel(ctx), input) };
  },
  updateServicePrimaryTaskSet: (input: UpdateServicePrimaryTaskSetRequest, ctx: RequestContext): UpdateServicePrimaryTaskSetResponse => {
    required(input.primaryTaskSet, 'primaryTaskSet');
    return { taskSet: updateServicePrimaryTaskSet(ecsModel(ctx), input) };
  },
  deleteTaskSet: (input: DeleteTaskSetRequest, ctx: RequestContext): DeleteTaskSetResponse => {
    required(input.taskSet, 'taskSet');
    return { taskSet: deleteTaskSet(ecsModel(ctx), input) };
  },
  describeTaskSets: (input: DescribeTaskSetsRequest, ctx: RequestContext): DescribeTaskSetsResponse => {
    required(input.service, 'service');
    return describeTaskSets(ecsModel(ctx), input);
  },
  listTasks: (input: ListTasksRequest, ctx: RequestContext): ListTasksResponse => listTasks(ecsModel(ctx), input),
  describeTasks: (input: DescribeTasksRequest, ctx: RequestContext): DescribeTasksResponse => describeTasks(ecsModel(ctx), input),
  stopTask: (input: StopTaskRequest, ctx: RequestContext): StopTaskResponse => {
    required(input.task, 'task');
    return { task: stopTask(ecsModel(ctx), input) };
  },
  tagResource: (input: TagResourceRequest, ctx: RequestContext): TagResourceResponse => {
    tagResource(ecsModel(ctx), required(input.resourceArn, 'resourceArn'), required(input.tags, 'tags'));
    return {};
  },
  untagResource: (input: UntagResourceRequest, ctx: RequestContext): UntagResourceResponse => {
    untagResource(ecsModel(ctx), required(input.resourceArn, 'resourceArn'), required(input.tagKeys, 'tagKeys'));
    return {};
  },
  listTagsForResource: (input: ListTagsForResourceRequest, ctx: RequestContext): ListTagsForResourceResponse => ({
    tags: listTagsForResource(ecsModel(ctx), required(input.resourceArn, 'resourceArn')),
  }),
};

export const ecsOperations: Record<string, OperationHandler> = {
  CreateCluster: createCluster,
  DescribeClusters: describeClusters,
  ListClusters: listClusters,
  RegisterTaskDefinition: registerTaskDefinition,
  DescribeTaskDefinition: describeTaskDefinition,
  ListTaskDefinitions: listTaskDefinitions,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  CreateService: handle.createService,
  UpdateService: handle.updateService,
  DescribeServices: handle.describeServices,
  ListServices: handle.listServices,
  DeleteService: handle.deleteService,
  CreateTaskSet: handle.createTaskSet,
  UpdateTaskSet: handle.updateTaskSet,
  UpdateServicePrimaryTaskSet: handle.updateServicePrimaryTaskSet,
  DeleteTaskSet: handle.deleteTaskSet,
  DescribeTaskSets: handle.describeTaskSets,
  ListTasks: handle.listTasks,
  DescribeTasks: handle.describeTasks,
  StopTask: handle.stopTask,
  TagResource: handle.tagResource,
  UntagResource: handle.untagResource,
  ListTagsForResource: handle.listTagsForResource,
  ...nativeOperations,
};
