/** The ECS model's state: plain records, JSON-serialisable, times in epoch milliseconds. */
import type {
  CapacityProviderStrategyItem,
  ClusterSetting,
  DeploymentConfiguration,
  DeploymentController,
  LaunchType,
  LoadBalancer,
  NetworkConfiguration,
  PlacementConstraint,
  PlacementStrategy,
  PropagateTags,
  Scale,
  ServiceRegistry,
  Tag,
  TaskDefinition,
  TaskStopCode,
} from '@aws-sdk/client-ecs';

export interface ClusterRecord {
  arn: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
  settings: ClusterSetting[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
  createdAt: number;
}

export interface TaskDefinitionRecord {
  /** As DescribeTaskDefinition returns it, with ECS's defaults filled in; dates are added on output. */
  definition: TaskDefinition;
  registeredAt: number;
  deregisteredAt?: number;
  tags: Tag[];
}

/** How a group of tasks is launched: shared by rolling deployments and task sets. */
export interface LaunchSpec {
  taskDefinitionArn: string;
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  networkConfiguration?: NetworkConfiguration;
  loadBalancers: LoadBalancer[];
}

type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface DeploymentRecord extends LaunchSpec {
  id: string;
  status: 'PRIMARY' | 'ACTIVE';
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  /** Tasks the scheduler wanted to start but could not place (not part of pendingCount). */
  unplaced: number;
}

export interface TaskSetRecord extends LaunchSpec {
  id: string;
  arn: string;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  externalId?: string;
  scale: Scale;
  computedDesiredCount: number;
  runningCount: number;
  pendingCount: number;
  stabilityStatus: 'STEADY_STATE' | 'STABILIZING';
  stabilityStatusAt: number;
  serviceRegistries: ServiceRegistry[];
  tags: Tag[];
  createdAt: number;
  updatedAt: number;
  failedTasks: number;
  unplaced: number;
}

interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  arn: string;
  name: string;
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  /** Rolling services: the service-level launch settings (the PRIMARY deployment copies them). */
  spec?: LaunchSpec;
  serviceRegistries: ServiceRegistry[];
  deploymentConfiguration: DeploymentConfiguration;
  deploymentController: DeploymentController;
  placementConstraints: PlacementConstraint[];
  placementStrategy: PlacementStrategy[];
  healthCheckGracePeriodSeconds?: number;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  roleArn?: string;
  tags: Tag[];
  enableECSManagedTags: boolean;
  propagateTags: PropagateTags;
  enableExecuteCommand: boolean;
  createdAt: number;
  createdBy: string;
  deployments: DeploymentRecord[];
  taskSets: TaskSetRecord[];
  events: ServiceEventRecord[];
  /** The last deployment that reached COMPLETED: the circuit breaker's rollback target. */
  lastCompleted?: { id: string; spec: LaunchSpec };
  /** Whether the steady-state event was already given for the current state. */
  steady: boolean;
  /** Last time each distinct event message was given, to skip repeats as ECS does. */
  eventTimes: Record<string, number>;
  deletedAt?: number;
}

/** Which scheduler owns a task. */
export type TaskOwner = { kind: 'deployment'; serviceArn: string; deploymentId: string } | { kind: 'task-set'; serviceArn: string; taskSetId: string };

type TaskLastStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

export interface ContainerRecord {
  arn: string;
  name: string;
  image: string;
  essential: boolean;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  /** Seconds after RUNNING when the container health check first passes (undefined: no health check). */
  healthCheckSeconds?: number;
  cpu?: string;
  memory?: string;
}

/** A failure decided when the task was launched (faults, missing log group), applied when its time comes. */
export interface PlannedFailure {
  phase: 'pending' | 'running';
  stopCode: 'TaskFailedToStart' | 'EssentialContainerExited';
  stoppedReason: string;
  containerName: string;
  containerReason?: string;
  exitCode?: number;
  /** For crashes: seconds after RUNNING. */
  afterSeconds?: number;
}

export interface TaskTarget {
  targetGroupArn: string;
  port: number;
}

export interface TaskRecord {
  arn: string;
  id: string;
  clusterArn: string;
  taskDefinitionArn: string;
  family: string;
  revision: number;
  group: string;
  startedBy?: string;
  owner?: TaskOwner;
  launchType: LaunchType;
  capacityProviderName?: string;
  platformVersion: string;
  cpu?: string;
  memory?: string;
  availabilityZone: string;
  subnetId: string;
  privateIp: string;
  eniId: string;
  macAddress: string;
  lastStatus: TaskLastStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  containers: ContainerRecord[];
  tags: Tag[];
  createdAt: number;
  /** When the current lastStatus ends on its own (undefined: it does not, e.g. RUNNING). */
  nextAt?: number;
  /** When a planned crash of a RUNNING task happens. */
  crashAt?: number;
  /** Increases with every state change, as Task.version does. */
  version: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  connectivityAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stopCode?: TaskStopCode;
  stoppedReason?: string;
  planned?: PlannedFailure;
  /** Target groups the task is (or will be, once RUNNING) registered in. */
  targets: TaskTarget[];
  registered: boolean;
  /** Whether this task already counted as a failure for its deployment (circuit breaker). */
  failureCounted: boolean;
  /** Whether the task was healthy at least once (a later stop is not a failed launch). */
  wasHealthy: boolean;
}
