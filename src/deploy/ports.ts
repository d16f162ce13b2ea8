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
  /**
   * RegisterTargets of a Lambda function, version or alias ARN in a `lambda` target group. ELB refuses it
   * (AccessDenied) unless the function's policy already lets elasticloadbalancing.amazonaws.com invoke it.
   */
  registerLambdaTarget(targetGroupArn: string, functionArn: string): Promise<void>;
  /** DeregisterTargets of a Lambda target; a target that is not registered is not an error. */
  deregisterLambdaTarget(targetGroupArn: string, functionArn: string): Promise<void>;
  /**
   * Every listener (its default actions) and every rule whose forward action includes one of these target
   * groups: DescribeTargetGroups (their load balancers), then DescribeListeners and DescribeRules, every page.
   */
  forwardingRoutes(targetGroupArns: readonly string[]): Promise<ForwardRoute[]>;
  /**
   * Sets the target groups and weights of a route's forward action (a plain forward becomes a weighted one) and
   * keeps the listener's or rule's other actions as they are: DescribeListeners or DescribeRules, then
   * ModifyListener or ModifyRule.
   */
  setForwardWeights(route: RouteRef, weights: readonly TargetGroupWeight[]): Promise<void>;
  /** The route's forward weights as ELB has them now (DescribeListeners or DescribeRules); null when it is gone. */
  forwardWeights(route: RouteRef): Promise<TargetGroupWeight[] | null>;
}

export interface TargetGroupWeight {
  targetGroupArn: string;
  weight: number;
}

/** Which route: a listener's default actions (by listener ARN) or a rule (by rule ARN). */
export interface RouteRef {
  kind: 'listener' | 'rule';
  arn: string;
}

/** A place where a load balancer forwards traffic to target groups. */
export interface ForwardRoute extends RouteRef {
  listenerArn: string;
  /** The forward action's target groups with their weights, in the order ELB returns them. */
  weights: TargetGroupWeight[];
  /** Target group stickiness of the forward action, when on: clients stay this long on the group they were sent to. */
  stickinessSeconds?: number;
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
  lambda: LambdaPort;
  apiGateway: ApiGatewayPort;
  tagging: TaggingPort;
}

/** A Lambda function's `$LATEST`, as GetFunction describes it. */
export interface LambdaFunctionState {
  functionName: string;
  /** The unqualified function ARN. */
  functionArn: string;
  /** Pending, Active, Inactive or Failed. */
  state: string;
  stateReason?: string;
  /** InProgress, Successful or Failed: Lambda refuses another change while an update is InProgress. */
  lastUpdateStatus?: string;
  lastUpdateStatusReason?: string;
  /** Zip or Image. */
  packageType: string;
  /** Base64 SHA-256 of the deployment package (the image digest for Image functions). */
  codeSha256: string;
  /** The image an Image function runs, as it was given (GetFunction's Code.ImageUri). */
  imageUri?: string;
  /** The configuration members GetFunction answers (Runtime, Handler, Environment, …), to compare with a lambdadef. */
  configuration: Record<string, unknown>;
  tags: Tags;
}

/** One published version (or `$LATEST`), as GetFunctionConfiguration with a Qualifier describes it. */
export interface LambdaVersionState {
  version: string;
  /** The qualified ARN of the version. */
  functionArn: string;
  /** Pending, Active, Inactive or Failed. */
  state: string;
  stateReason?: string;
  codeSha256: string;
}

/** An alias: its version and, while traffic is being shifted, the weight of the one additional version. */
export interface LambdaAliasState {
  name: string;
  aliasArn: string;
  functionVersion: string;
  /** RoutingConfig.AdditionalVersionWeights: version → share (0–1) of the alias's traffic. */
  additionalWeights: Record<string, number>;
}

/** One statement of a function's, version's or alias's resource-based policy. */
export interface PermissionState {
  statementId: string;
  /** The service principal (`elasticloadbalancing.amazonaws.com`), account or `*`. */
  principal?: string;
  action?: string;
  /** The AWS:SourceArn condition, when the statement has one. */
  sourceArn?: string;
}

/** The permission gitmoxi grants a push source: AddPermission's members. */
export interface PermissionGrant {
  statementId: string;
  principal: string;
  action: string;
  sourceArn: string;
}

/** An event source mapping, with its tags (gitmoxi tags the mappings it creates). */
export interface EventSourceMappingState {
  uuid: string;
  eventSourceMappingArn?: string;
  eventSourceArn?: string;
  /** The (qualified) ARN of the function the mapping invokes. */
  functionArn: string;
  /** Creating, Enabling, Enabled, Disabling, Disabled, Updating or Deleting. */
  state: string;
  /** The mapping as GetEventSourceMapping answers it, to compare with the definition. */
  configuration: Record<string, unknown>;
  tags: Tags;
}

/**
 * AWS Lambda. Failures are PortErrors (port-error.ts) whose kind says what they mean: `conflict` while an update is
 * in progress (ResourceConflictException), so that strategies can wait for the function and try again.
 */
export interface LambdaPort {
  /** GetFunction; null when the function does not exist. */
  describeFunction(functionName: string): Promise<LambdaFunctionState | null>;
  /** CreateFunction with the lambdadef body (Code.ZipFile as bytes when gitmoxi packaged it). */
  createFunction(request: Record<string, unknown>): Promise<LambdaFunctionState>;
  /** UpdateFunctionCode: S3Bucket/S3Key, ImageUri or ZipFile, and Architectures. */
  updateFunctionCode(request: Record<string, unknown>): Promise<void>;
  /** UpdateFunctionConfiguration with the lambdadef's configuration members. */
  updateFunctionConfiguration(request: Record<string, unknown>): Promise<void>;
  /** PublishVersion, guarded by the code hash that was checked; Lambda returns the last version when nothing changed. */
  publishVersion(functionName: string, codeSha256: string, description: string): Promise<LambdaVersionState>;
  /** GetFunctionConfiguration of one version (`$LATEST` included); null when it does not exist. */
  describeVersion(functionName: string, version: string): Promise<LambdaVersionState | null>;
  /** DeleteFunction with a Qualifier: one published version. */
  deleteVersion(functionName: string, version: string): Promise<void>;
  /** DeleteFunction: the function with its versions, aliases and policies. */
  deleteFunction(functionName: string): Promise<void>;
  /** GetAlias; null when the alias does not exist. */
  describeAlias(functionName: string, alias: string): Promise<LambdaAliasState | null>;
  /** CreateAlias pointing at one version. */
  createAlias(functionName: string, alias: string, version: string): Promise<LambdaAliasState>;
  /**
   * UpdateAlias: `version` takes the traffic that `additional` (one other version and its 0–1 weight) does not;
   * null clears the routing configuration.
   */
  routeAlias(functionName: string, alias: string, version: string, additional: { version: string; weight: number } | null): Promise<LambdaAliasState>;
  /** ListAliases, with FunctionVersion when given: the aliases that route any traffic to that version (null: every alias). */
  aliasesOfVersion(functionName: string, version: string | null): Promise<string[]>;
  /** GetPolicy of the function or one of its aliases (`qualifier`); no policy is an empty list. */
  permissions(functionName: string, qualifier: string | null): Promise<PermissionState[]>;
  /** AddPermission on the function or one of its aliases. */
  addPermission(functionName: string, qualifier: string | null, grant: PermissionGrant): Promise<void>;
  /** RemovePermission of one statement. */
  removePermission(functionName: string, qualifier: string | null, statementId: string): Promise<void>;
  /** ListEventSourceMappings of the function (every qualifier, every page), each with ListTags. */
  eventSourceMappings(functionName: string): Promise<EventSourceMappingState[]>;
  /** GetEventSourceMapping; null when it is gone. */
  describeEventSourceMapping(uuid: string): Promise<EventSourceMappingState | null>;
  /** CreateEventSourceMapping (with Tags). */
  createEventSourceMapping(request: Record<string, unknown>): Promise<EventSourceMappingState>;
  /** UpdateEventSourceMapping with the members it accepts. */
  updateEventSourceMapping(uuid: string, request: Record<string, unknown>): Promise<EventSourceMappingState>;
  /** DeleteEventSourceMapping. */
  deleteEventSourceMapping(uuid: string): Promise<void>;
  /** TagResource of a function or an event source mapping. */
  tagResource(resourceArn: string, tags: Tags): Promise<void>;
  /** ListFunctions, every page: the names of the Region's functions (for finding orphaned units). */
  listFunctionNames(): Promise<string[]>;
  /** UntagResource of a function (keys that are not there are not an error). */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
}

export interface ApiState {
  apiId: string;
  name: string;
  /** HTTP or WEBSOCKET. */
  protocolType: string;
}

export interface ApiRouteState {
  routeId: string;
  routeKey: string;
  /** `integrations/ID` when the route sends its requests to an integration. */
  target?: string;
}

export interface ApiIntegrationState {
  integrationId: string;
  integrationType: string;
  integrationUri?: string;
  payloadFormatVersion?: string;
}

/** Amazon API Gateway v2 (HTTP and WebSocket APIs): the routes and integrations a Lambda push source uses. */
export interface ApiGatewayPort {
  /** GetApi; null when the API does not exist. */
  describeApi(apiId: string): Promise<ApiState | null>;
  /** GetRoute; null when the route does not exist. */
  describeRoute(apiId: string, routeId: string): Promise<ApiRouteState | null>;
  /** GetIntegrations, every page. */
  integrations(apiId: string): Promise<ApiIntegrationState[]>;
  /** CreateIntegration of a Lambda proxy (AWS_PROXY) integration. */
  createLambdaIntegration(apiId: string, integrationUri: string, payloadFormatVersion: string | null): Promise<ApiIntegrationState>;
  /** UpdateRoute: the route sends its requests to the integration. */
  setRouteTarget(apiId: string, routeId: string, integrationId: string): Promise<ApiRouteState>;
  /** GetStages, every page: each stage's variables. */
  stageVariables(apiId: string): Promise<{ stageName: string; variables: Record<string, string> }[]>;
}

/** An ECS service or a Lambda function whose tags are wanted, named the way a unit's identity names it. */
export type TaggedResourceRef = { platform: 'ecs'; cluster: string; serviceName: string } | { platform: 'lambda'; functionName: string };

/** What the tagging index lists for one resource. */
export interface IndexedTags {
  resourceArn: string;
  tags: Tags;
}

/** The Resource Groups Tagging API: the tags of many resources in few calls. */
export interface TaggingPort {
  /**
   * GetResources with ResourceARNList, 100 ARNs a call, the calls in parallel (the ARNs need the account: STS
   * GetCallerIdentity, asked once). Answers in the order asked, null for a resource the index does not list. The
   * index follows ECS and Lambda by seconds to minutes: an answer is a hint to confirm, never the resource's state.
   */
  resourceTags(resources: readonly TaggedResourceRef[]): Promise<(IndexedTags | null)[]>;
  /**
   * GetResources with TagFilters `gitmoxi:unit` = `unit` and ResourceTypeFilters ecs:service and lambda:function,
   * every page: the services and functions a unit's tags claim. For a unit whose definitions no longer say what it
   * ran as; the index may lag behind a resource created minutes ago.
   */
  unitResources(unit: string): Promise<UnitResource[]>;
  /**
   * The same for every unit (the key with any value): where `status` finds a unit's service left in a cluster no
   * defined unit names any more. Optional: without it only the known clusters are searched.
   */
  allUnitResources?(): Promise<UnitResource[]>;
}

/** A service or function found by its `gitmoxi:unit` tag, named the way a unit's identity names it. */
export type UnitResource = TaggedResourceRef & IndexedTags;
