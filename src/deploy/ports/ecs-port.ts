/**
 * ECS: services, task definitions, tasks, task sets and service deployments, as the strategies see them. Adapters
 * in src/aws/ implement the port with the AWS SDK; tests implement it in memory. Nothing here imports @aws-sdk.
 */
import type { CapacityProviderStrategyItem, Svcdef } from '../../defs/svcdef-schema.js';
import type { Taskdef } from '../../defs/taskdef-schema.js';
import type { Tags } from './tagging-port.js';

/**
 * The members UpdateService accepts; CreateService's others (launchType, role, schedulingStrategy, …) can only be
 * set at creation. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export const updatableServiceFields = [
  'desiredCount',
  'capacityProviderStrategy',
  'deploymentConfiguration',
  'availabilityZoneRebalancing',
  'networkConfiguration',
  'placementConstraints',
  'placementStrategy',
  'platformVersion',
  'healthCheckGracePeriodSeconds',
  'enableExecuteCommand',
  'enableECSManagedTags',
  'loadBalancers',
  'propagateTags',
  'serviceRegistries',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
] as const;

export type UpdatableServiceField = (typeof updatableServiceFields)[number];

/**
 * A service's settings that UpdateService can change, as a svcdef gives them or DescribeServices reports them.
 * Their values go to ECS as written (the svcdef schema checks the ones gitmoxi reads); ECS validates the rest.
 */
export type ServiceSettings = { [F in UpdatableServiceField]?: unknown };

/** UpdateService: the service, the task definition to run (absent for an EXTERNAL service), and settings. */
export type UpdateServiceRequest = ServiceSettings & { cluster: string; service: string; taskDefinition?: string };

/** CreateTaskSet of a blue/green (EXTERNAL) service: the launch settings the service itself may not carry. */
export interface CreateTaskSetRequest {
  cluster: string;
  service: string;
  taskDefinition: string;
  loadBalancers: NonNullable<Svcdef['loadBalancers']>;
  /** A percent of the service's desiredCount. */
  scale: { value: number; unit: 'PERCENT' };
  /** The hash of the rendered definitions: tells a later run which task set runs what. */
  externalId: string;
  networkConfiguration?: Svcdef['networkConfiguration'];
  platformVersion?: string;
  serviceRegistries?: unknown;
  launchType?: Svcdef['launchType'];
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  tags?: Svcdef['tags'];
}

export interface EcsDeploymentState {
  id: string;
  /** PRIMARY (the newest) or ACTIVE (older, being drained). */
  status: string;
  taskDefinitionArn: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState?: string;
  rolloutStateReason?: string;
  createdAt?: number;
}

export interface EcsServiceState {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  /** ACTIVE, DRAINING or INACTIVE. */
  status: string;
  /** Absent for EXTERNAL services, whose task sets carry task definitions. */
  taskDefinitionArn?: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  deploymentControllerType: string;
  deployments: EcsDeploymentState[];
  /** Newest first, as ECS returns them. */
  events: { id: string; at: number; message: string }[];
  loadBalancers: { targetGroupArn?: string; containerName?: string; containerPort?: number }[];
  tags: Tags;
  /** Task sets of an EXTERNAL (blue/green) service, as DescribeServices returns them; empty for other services. */
  taskSets: EcsTaskSetState[];
  /**
   * The members UpdateService can change, as DescribeServices returns them (desiredCount, deploymentConfiguration,
   * networkConfiguration, loadBalancers, …): what a rolling rollback puts back. Absent when not read.
   */
  settings?: ServiceSettings;
}

/** One task set of an EXTERNAL service: a version of the service, scaled as a percent of its desiredCount. */
export interface EcsTaskSetState {
  id: string;
  taskSetArn: string;
  /** PRIMARY, ACTIVE, or DRAINING (being deleted). */
  status: string;
  taskDefinitionArn: string;
  /** gitmoxi sets it to the hash of the rendered definitions the task set was created from. */
  externalId?: string;
  /** Percent of the service's desiredCount. */
  scale: number;
  computedDesiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** STEADY_STATE or STABILIZING. */
  stabilityStatus: string;
  launchType?: string;
  capacityProviderStrategy?: { capacityProvider: string; weight?: number; base?: number }[];
  loadBalancers: { targetGroupArn?: string; containerName?: string; containerPort?: number }[];
  createdAt?: number;
}

export interface EcsTaskState {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  startedBy?: string;
  group?: string;
  createdAt?: number;
  startedAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  /** The task's private IPv4 address (awsvpc), which is its target id in an ip target group. */
  privateIp?: string;
  healthStatus?: string;
  containers: { name: string; lastStatus?: string; exitCode?: number; reason?: string }[];
}

export interface TaskDefinitionState {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  /** The registration request this revision was registered with, as DescribeTaskDefinition returns it. */
  registration: Record<string, unknown>;
  tags: Tags;
}

export interface EcsPort {
  /** DescribeServices (include TAGS), batched up to 10 per call across callers. Null when missing or INACTIVE. */
  describeService(cluster: string, serviceName: string): Promise<EcsServiceState | null>;
  /** DescribeTaskDefinition (include TAGS) of the latest ACTIVE revision of `family`, or null. */
  latestTaskDefinition(family: string): Promise<TaskDefinitionState | null>;
  /** DescribeTaskDefinition of one revision (ARN or family:revision). */
  describeTaskDefinition(taskDefinition: string): Promise<TaskDefinitionState | null>;
  /** RegisterTaskDefinition of the taskdef with `tags` added to its own; returns the new revision's ARN. */
  registerTaskDefinition(taskdef: Taskdef, tags: Tags): Promise<string>;
  /** CreateService (the svcdef body with the task definition gitmoxi chose, tags added). */
  createService(svcdef: Svcdef): Promise<EcsServiceState>;
  /** UpdateService with the mutable fields of the svcdef and the task definition to run. */
  updateService(request: UpdateServiceRequest): Promise<EcsServiceState>;
  /** DeleteService with force (scales to zero and deletes). */
  deleteService(cluster: string, serviceName: string): Promise<void>;
  /** ListTasks + DescribeTasks for one service: RUNNING, or STOPPED (the ones ECS still remembers). */
  serviceTasks(cluster: string, serviceName: string, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<EcsTaskState[]>;
  /** TagResource. */
  tagResource(resourceArn: string, tags: Tags): Promise<void>;
  /** UntagResource (keys that are not there are not an error). */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
  /**
   * CreateTaskSet (scale in PERCENT). Task sets are read back through describeService (DescribeServices returns
   * them).
   */
  createTaskSet(request: CreateTaskSetRequest): Promise<EcsTaskSetState>;
  /** UpdateTaskSet: the task set's scale, in percent of the service's desiredCount. */
  updateTaskSetScale(cluster: string, serviceName: string, taskSetId: string, percent: number): Promise<EcsTaskSetState>;
  /** UpdateServicePrimaryTaskSet. */
  updateServicePrimaryTaskSet(cluster: string, serviceName: string, taskSetId: string): Promise<void>;
  /** DeleteTaskSet (`force` deletes one that is still scaled up). A task set already gone or being deleted is done. */
  deleteTaskSet(cluster: string, serviceName: string, taskSetId: string, force: boolean): Promise<void>;
  /** ListServices of one cluster, every page: the names of its services (for finding orphaned units). */
  listServiceNames(cluster: string): Promise<string[]>;
  /**
   * ListServiceDeployments (created at or after `since`) + DescribeServiceDeployments: the newest service
   * deployment of a BLUE_GREEN, LINEAR or CANARY service, or null. Optional: only the ecs-native strategy needs it.
   */
  latestServiceDeployment?(cluster: string, serviceName: string, since?: number): Promise<ServiceDeploymentState | null>;
  /** StopServiceDeployment with stopType ROLLBACK. */
  rollBackServiceDeployment?(serviceDeploymentArn: string): Promise<void>;
}

/** One ECS service deployment as the ecs-native strategy follows it. */
export interface ServiceDeploymentState {
  serviceDeploymentArn: string;
  /** PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED, … */
  status: string;
  statusReason?: string;
  lifecycleStage?: string;
  /** Green's share of production traffic, in percent. */
  productionWeight: number;
  /**
   * Hook answers: a Lambda hook's function, or a PAUSE hook's `hookId` (ContinueServiceDeployment takes it), when it
   * expires and what ECS then does (CONTINUE or ROLLBACK).
   */
  hooks: { stage: string; status: string; targetType: string; targetArn: string; hookId: string; expiresAt?: number; timeoutAction?: string }[];
  rollbackReason?: string;
  triggeredAlarms: string[];
  /** When ECS last changed the deployment (a stage entered, a step shifted), ms since the epoch. */
  updatedAt?: number;
  /** The bakes ECS runs this deployment with (its deploymentConfiguration), in minutes. */
  bakeTimeInMinutes?: number;
  /** LINEAR stepBakeTimeInMinutes or CANARY canaryBakeTimeInMinutes: the wait after each production step. */
  stepBakeTimeInMinutes?: number;
  /** ECS's circuit breaker for this deployment: DISABLED, MONITORING, TRIGGERED or MONITORING_COMPLETE. */
  circuitBreaker?: { status: string; failureCount: number; threshold: number };
}
