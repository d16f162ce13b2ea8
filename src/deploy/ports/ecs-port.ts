/**
 * ECS: services, task definitions, tasks, task sets and service deployments, as the strategies see them. Adapters
 * in src/aws/ implement the port with the AWS SDK; tests implement it in memory. Nothing here imports @aws-sdk.
 */
import type { Tags } from './tagging-port.js';

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
  settings?: Record<string, unknown>;
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
  /** RegisterTaskDefinition with tags; returns the new revision's ARN. */
  registerTaskDefinition(request: Record<string, unknown>, tags: Tags): Promise<string>;
  /** CreateService (the svcdef body with the task definition gitmoxi chose, tags added). */
  createService(request: Record<string, unknown>): Promise<EcsServiceState>;
  /** UpdateService with the mutable fields of the svcdef and the task definition to run. */
  updateService(request: Record<string, unknown>): Promise<EcsServiceState>;
  /** DeleteService with force (scales to zero and deletes). */
  deleteService(cluster: string, serviceName: string): Promise<void>;
  /** ListTasks + DescribeTasks for one service: RUNNING, or STOPPED (the ones ECS still remembers). */
  serviceTasks(cluster: string, serviceName: string, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<EcsTaskState[]>;
  /** TagResource. */
  tagResource(resourceArn: string, tags: Tags): Promise<void>;
  /** UntagResource (keys that are not there are not an error). */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
  /**
   * CreateTaskSet with the request as built by the strategy (task definition, load balancers, network
   * configuration, launch type or capacity provider strategy, scale, externalId). Task sets are read back
   * through describeService (DescribeServices returns them).
   */
  createTaskSet(request: Record<string, unknown>): Promise<EcsTaskSetState>;
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
  hooks: { stage: string; status: string; targetArn: string }[];
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
