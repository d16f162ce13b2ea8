/**
 * The narrow interfaces the deployment strategies talk to, named by intent. Adapters in src/aws/ implement them
 * with the AWS SDK (their TSDoc names the AWS operations each calls: that list is also the IAM policy); tests
 * implement them in memory. Nothing here imports @aws-sdk.
 */

export type Tags = Record<string, string>;

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
}

export interface TargetHealthState {
  targetId: string;
  port?: number;
  state: string;
  reason?: string;
  description?: string;
}

export interface LoadBalancingPort {
  /** DescribeTargetHealth of one target group. */
  targetHealth(targetGroupArn: string): Promise<TargetHealthState[]>;
}

export interface AlarmsPort {
  /** DescribeAlarms for these names; returns those in ALARM with their state reason. Missing alarms are reported. */
  firingAlarms(alarmNames: readonly string[]): Promise<{ firing: { alarmName: string; stateReason: string }[]; missing: string[] }>;
}

export interface IdentityPort {
  /** STS GetCallerIdentity: the account the credentials act in. */
  callerAccount(): Promise<string>;
}

/** Everything a strategy may touch in one region. */
export interface RegionPorts {
  region: string;
  ecs: EcsPort;
  loadBalancing: LoadBalancingPort;
  alarms: AlarmsPort;
  identity: IdentityPort;
}
