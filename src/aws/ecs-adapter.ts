/**
 * EcsPort over @aws-sdk/client-ecs. IAM actions used: ecs:DescribeServices, ecs:DescribeTaskDefinition,
 * ecs:RegisterTaskDefinition, ecs:CreateService, ecs:UpdateService, ecs:DeleteService, ecs:ListTasks,
 * ecs:DescribeTasks, ecs:TagResource, ecs:UntagResource, ecs:ListServices (status, poll), and for blue/green ecs:CreateTaskSet,
 * ecs:UpdateTaskSet, ecs:UpdateServicePrimaryTaskSet, ecs:DeleteTaskSet (plus iam:PassRole for the task and
 * execution roles); for BLUE_GREEN, LINEAR and CANARY services ecs:ListServiceDeployments and
 * ecs:DescribeServiceDeployments (deploy, status, poll) and ecs:StopServiceDeployment (plus iam:PassRole for the
 * infrastructure role).
 */
import {
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeleteServiceCommand,
  DeleteTaskSetCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
  UpdateTaskSetCommand,
  type CreateServiceCommandInput,
  type CreateTaskSetCommandInput,
  type DeploymentLifecycleHookDetail,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type TaskSet,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import type { Svcdef } from '../defs/svcdef-schema.js';
import type { Taskdef } from '../defs/taskdef-schema.js';
import type {
  CreateTaskSetRequest,
  EcsPort,
  EcsServiceState,
  EcsTaskSetState,
  EcsTaskState,
  ServiceDeploymentState,
  TaskDefinitionState,
  UpdateServiceRequest,
} from '../deploy/ports/ecs-port.js';
import type { Tags } from '../deploy/ports/tagging-port.js';
import { recordOf } from '../is-record.js';
import { callAws, isAwsError } from './call-aws.js';
import { DescribeBatcher } from './describe-batcher.js';
import { sdkInput } from './sdk-input.js';
import { mergeTagList, tagsToList, tagsToRecord, toServiceState, toTaskDefinitionState, toTaskSetState, toTaskState } from './ecs-mapping.js';

/** "You may specify up to 10 services to describe" (DescribeServices API reference). */
const DESCRIBE_SERVICES_MAX = 10;
/** DescribeTasks takes up to 100 task IDs or ARNs; ListTasks pages hold up to 100. */
const DESCRIBE_TASKS_MAX = 100;

export class EcsAdapter implements EcsPort {
  private readonly services: DescribeBatcher<Service>;

  constructor(private readonly ecs: ECSClient) {
    this.services = new DescribeBatcher((cluster, names) => this.describeServices(cluster, names), DESCRIBE_SERVICES_MAX);
  }

  /**
   * DescribeServices with `include: ['TAGS']`. Calls made in the same turn of the event loop are batched: one
   * request per cluster and 10 services. Null when ECS reports the service MISSING or it is INACTIVE.
   */
  async describeService(cluster: string, serviceName: string): Promise<EcsServiceState | null> {
    const service = await this.services.load(cluster, serviceName);
    if (!service || service.status === 'INACTIVE') return null;
    return toServiceState(service);
  }

  /** DescribeTaskDefinition (include TAGS) with the family alone, which names its latest ACTIVE revision. */
  latestTaskDefinition(family: string): Promise<TaskDefinitionState | null> {
    return this.describeTaskDefinition(family);
  }

  /** DescribeTaskDefinition (include TAGS) of an ARN, `family:revision` or family; null when ECS has none. */
  async describeTaskDefinition(taskDefinition: string): Promise<TaskDefinitionState | null> {
    try {
      const output = await callAws('ECS DescribeTaskDefinition', () => this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] })));
      return output.taskDefinition ? toTaskDefinitionState(output.taskDefinition, output.tags) : null;
    } catch (error) {
      if (isMissingTaskDefinition(error)) return null;
      throw error;
    }
  }

  /** RegisterTaskDefinition of the rendered body as is, with `tags` added to its own. Returns the revision's ARN. */
  async registerTaskDefinition(taskdef: Taskdef, tags: Tags): Promise<string> {
    const { tags: ownTags, ...body } = taskdef;
    const tagList = mergeTagList(ownTags, tags);
    const input = sdkInput<RegisterTaskDefinitionCommandInput>(body, tagList.length > 0 ? { tags: tagList } : {});
    const output = await callAws('ECS RegisterTaskDefinition', () => this.ecs.send(new RegisterTaskDefinitionCommand(input)));
    const arn = output.taskDefinition?.taskDefinitionArn;
    if (arn === undefined) throw new Error('ECS RegisterTaskDefinition answered without a taskDefinitionArn');
    return arn;
  }

  /** CreateService with the request as is. CreateService answers without tags; those of the request are reported. */
  async createService(svcdef: Svcdef): Promise<EcsServiceState> {
    const input = sdkInput<CreateServiceCommandInput>(svcdef);
    const output = await callAws('ECS CreateService', () => this.ecs.send(new CreateServiceCommand(input)));
    const state = toServiceState(requireService(output.service, 'CreateService'));
    return output.service?.tags ? state : { ...state, tags: tagsToRecord(svcdef.tags) };
  }

  /** UpdateService with the request as is. UpdateService answers without tags: use describeService for them. */
  async updateService(request: UpdateServiceRequest): Promise<EcsServiceState> {
    const input = sdkInput<UpdateServiceCommandInput>(request);
    const output = await callAws('ECS UpdateService', () => this.ecs.send(new UpdateServiceCommand(input)));
    return toServiceState(requireService(output.service, 'UpdateService'));
  }

  /** DeleteService with `force: true` (scales to zero and deletes). A service already gone or draining is done. */
  async deleteService(cluster: string, serviceName: string): Promise<void> {
    try {
      await callAws('ECS DeleteService', () => this.ecs.send(new DeleteServiceCommand({ cluster, service: serviceName, force: true })));
    } catch (error) {
      if (isAwsError(error, 'ServiceNotFoundException', 'ServiceNotActiveException')) return;
      throw error;
    }
  }

  /**
   * ListTasks (serviceName, desiredStatus; every page) then DescribeTasks in chunks of 100. STOPPED lists the
   * stopped tasks ECS still remembers (about an hour). A service that does not exist has no tasks.
   */
  async serviceTasks(cluster: string, serviceName: string, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<EcsTaskState[]> {
    const arns = await this.listTaskArns(cluster, serviceName, desiredStatus);
    const chunks: string[][] = [];
    for (let start = 0; start < arns.length; start += DESCRIBE_TASKS_MAX) chunks.push(arns.slice(start, start + DESCRIBE_TASKS_MAX));
    const described = await Promise.all(chunks.map((tasks) => callAws('ECS DescribeTasks', () => this.ecs.send(new DescribeTasksCommand({ cluster, tasks })))));
    return described.flatMap((output) => (output.tasks ?? []).map(toTaskState));
  }

  /** TagResource (adds or overwrites these keys; other tags stay). */
  async tagResource(resourceArn: string, tags: Tags): Promise<void> {
    if (Object.keys(tags).length === 0) return;
    await callAws('ECS TagResource', () => this.ecs.send(new TagResourceCommand({ resourceArn, tags: tagsToList(tags) })));
  }

  /** UntagResource of these keys. */
  async untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void> {
    if (tagKeys.length === 0) return;
    await callAws('ECS UntagResource', () => this.ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: [...tagKeys] })));
  }

  /** CreateTaskSet with the request as is (the strategy builds it from the svcdef). */
  async createTaskSet(request: CreateTaskSetRequest): Promise<EcsTaskSetState> {
    const input = sdkInput<CreateTaskSetCommandInput>(request);
    const output = await callAws('ECS CreateTaskSet', () => this.ecs.send(new CreateTaskSetCommand(input)));
    return toTaskSetState(requireTaskSet(output.taskSet, 'CreateTaskSet'));
  }

  /** UpdateTaskSet with `scale: {value: percent, unit: PERCENT}`. */
  async updateTaskSetScale(cluster: string, serviceName: string, taskSetId: string, percent: number): Promise<EcsTaskSetState> {
    const input = { cluster, service: serviceName, taskSet: taskSetId, scale: { value: percent, unit: 'PERCENT' as const } };
    const output = await callAws('ECS UpdateTaskSet', () => this.ecs.send(new UpdateTaskSetCommand(input)));
    return toTaskSetState(requireTaskSet(output.taskSet, 'UpdateTaskSet'));
  }

  /** UpdateServicePrimaryTaskSet. */
  async updateServicePrimaryTaskSet(cluster: string, serviceName: string, taskSetId: string): Promise<void> {
    await callAws('ECS UpdateServicePrimaryTaskSet', () =>
      this.ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster, service: serviceName, primaryTaskSet: taskSetId })),
    );
  }

  /**
   * DeleteTaskSet. ECS answers TaskSetNotFoundException for a task set that is gone or already being deleted
   * ("The specified task set is already being deleted"): either way the deletion this asks for is under way.
   */
  async deleteTaskSet(cluster: string, serviceName: string, taskSetId: string, force: boolean): Promise<void> {
    try {
      await callAws('ECS DeleteTaskSet', () => this.ecs.send(new DeleteTaskSetCommand({ cluster, service: serviceName, taskSet: taskSetId, force })));
    } catch (error) {
      if (isAwsError(error, 'TaskSetNotFoundException')) return;
      throw error;
    }
  }

  private async listTaskArns(cluster: string, serviceName: string, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const input = { cluster, serviceName, desiredStatus, maxResults: DESCRIBE_TASKS_MAX, ...(nextToken ? { nextToken } : {}) };
        const page = await callAws('ECS ListTasks', () => this.ecs.send(new ListTasksCommand(input)));
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      if (isAwsError(error, 'ServiceNotFoundException')) return [];
      throw error;
    }
    return arns;
  }

  /** One DescribeServices call; each requested name or ARN maps to its service, failures (MISSING) to nothing. */
  private async describeServices(cluster: string, names: readonly string[]): Promise<Map<string, Service>> {
    const output = await callAws('ECS DescribeServices', () =>
      this.ecs.send(new DescribeServicesCommand({ cluster, services: [...names], include: ['TAGS'] })),
    );
    const found = new Map<string, Service>();
    for (const name of names) {
      const service = output.services?.find((s) => s.serviceName === name || s.serviceArn === name);
      if (service) found.set(name, service);
    }
    return found;
  }

  /** ListServices, every page (100 per page, the most ECS returns); service names, not ARNs. */
  async listServiceNames(cluster: string): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const output = await callAws('ECS ListServices', () =>
        this.ecs.send(new ListServicesCommand({ cluster, maxResults: 100, ...(token ? { nextToken: token } : {}) })),
      );
      for (const arn of output.serviceArns ?? []) names.push(arn.slice(arn.lastIndexOf('/') + 1));
      nextToken = output.nextToken;
    } while (nextToken);
    return names;
  }

  async latestServiceDeployment(cluster: string, serviceName: string, since?: number): Promise<ServiceDeploymentState | null> {
    const listed = await callAws('ECS ListServiceDeployments', () =>
      this.ecs.send(
        new ListServiceDeploymentsCommand({ cluster, service: serviceName, ...(since !== undefined ? { createdAt: { after: new Date(since) } } : {}) }),
      ),
    );
    const arn = listed.serviceDeployments?.[0]?.serviceDeploymentArn;
    if (!arn) return null;
    const described = await callAws('ECS DescribeServiceDeployments', () =>
      this.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })),
    );
    const d = described.serviceDeployments?.[0];
    if (!d) return null;
    const state: ServiceDeploymentState = {
      serviceDeploymentArn: arn,
      status: d.status ?? 'PENDING',
      productionWeight: d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0,
      hooks: (d.lifecycleHookDetails ?? []).map((h) => ({
        // A PAUSE hook's detail does not name its stage; one that awaits action holds the deployment where it is.
        stage: h.targetType !== 'PAUSE' ? hookStage(h) : h.status === 'AWAITING_ACTION' ? (d.lifecycleStage ?? '') : '',
        status: h.status ?? '',
        targetType: h.targetType ?? 'AWS_LAMBDA',
        targetArn: h.targetArn ?? '',
        hookId: h.hookId ?? '',
        ...(h.expiresAt !== undefined ? { expiresAt: h.expiresAt.getTime() } : {}),
        ...(h.timeoutAction !== undefined ? { timeoutAction: h.timeoutAction } : {}),
      })),
      triggeredAlarms: d.alarms?.triggeredAlarmNames ?? [],
    };
    if (d.statusReason !== undefined) state.statusReason = d.statusReason;
    if (d.lifecycleStage !== undefined) state.lifecycleStage = d.lifecycleStage;
    if (d.rollback?.reason !== undefined) state.rollbackReason = d.rollback.reason;
    if (d.updatedAt !== undefined) state.updatedAt = d.updatedAt.getTime();
    const config = d.deploymentConfiguration;
    if (config?.bakeTimeInMinutes !== undefined) state.bakeTimeInMinutes = config.bakeTimeInMinutes;
    const stepBake = config?.linearConfiguration?.stepBakeTimeInMinutes ?? config?.canaryConfiguration?.canaryBakeTimeInMinutes;
    if (stepBake !== undefined) state.stepBakeTimeInMinutes = stepBake;
    const breaker = d.deploymentCircuitBreaker;
    if (breaker?.status !== undefined)
      state.circuitBreaker = { status: breaker.status, failureCount: breaker.failureCount ?? 0, threshold: breaker.threshold ?? 0 };
    return state;
  }

  async rollBackServiceDeployment(serviceDeploymentArn: string): Promise<void> {
    await callAws('ECS StopServiceDeployment', () => this.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' })));
  }
}

function requireService(service: Service | undefined, operation: string): Service {
  if (!service) throw new Error(`ECS ${operation} answered without a service`);
  return service;
}

function requireTaskSet(taskSet: TaskSet | undefined, operation: string): TaskSet {
  if (!taskSet) throw new Error(`ECS ${operation} answered without a task set`);
  return taskSet;
}

/**
 * The lifecycle stage a hook runs in. The SDK's model has no member for it: the simulator answers `lifecycleStage`;
 * otherwise it is the hook id without its counter.
 */
function hookStage(hook: DeploymentLifecycleHookDetail): string {
  const stage = recordOf(hook).lifecycleStage;
  return typeof stage === 'string' ? stage : (hook.hookId ?? '').replace(/-\d+$/, '');
}

/** DescribeTaskDefinition answers ClientException "Unable to describe task definition." for an unknown one. */
function isMissingTaskDefinition(error: unknown): boolean {
  return isAwsError(error, 'ClientException') && /unable to describe task definition/i.test(error.message);
}
