/**
 * Contracts inside the simulator: protocol codecs know nothing of ECS, service models know nothing of HTTP.
 * A service is a ServiceModule: its wire protocol, its operations (thin handlers) and a factory for its
 * per-account, per-region model (state and rules).
 */
import type { Clock } from '../clock.js';
import type { ApiGatewayV2Model } from './services/apigatewayv2/model.js';
import type { CloudWatchModel } from './services/cloudwatch/model.js';
import type { EcsModel } from './services/ecs/model.js';
import type { Elbv2Model } from './services/elbv2/model.js';
import type { LambdaModel } from './services/lambda/model.js';
import type { StsModel } from './services/sts/model.js';

export type ServiceName = 'ecs' | 'elbv2' | 'lambda' | 'cloudwatch' | 'sts' | 'apigatewayv2' | 'tagging' | 'iam' | 'logs' | 'ecr' | 'sqs';
/** `smithyRpcV2Cbor` is what botocore (boto3, the AWS CLI) sends to CloudWatch, which lists it first in its model. */
export type Protocol = 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restJson1' | 'smithyRpcV2Cbor';

/** What a handler knows about the request it serves. */
export interface RequestContext {
  account: string;
  region: string;
  requestId: string;
  service: ServiceName;
  operation: string;
  /** Which protocol the request came in with (CloudWatch accepts both awsJson1_0 and awsQuery). */
  protocol: Protocol;
  world: SimWorld;
  /** Access key id from the SigV4 credential scope, when the request was signed (STS tells sessions apart by it). */
  accessKeyId?: string;
}

/**
 * A thin handler: validates the input the way AWS does, calls the model, returns the output shape.
 * Throws SimError for AWS errors. For restJson1, `input` merges path labels, query string and JSON body.
 */
// biome-ignore lint/suspicious/noExplicitAny: each handler declares the SDK's input type; only `any` admits them all in one table.
export type OperationHandler = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Path template such as `/2015-03-31/functions/{FunctionName}/aliases/{Name}`. */
  path: string;
  operation: string;
  /** HTTP status of a successful answer (Lambda answers 201 for creates, 204 for deletes). */
  successStatus?: number;
  /** Query-string parameters mapped to input members, e.g. { Qualifier: 'Qualifier' }. */
  query?: Record<string, string>;
  /** Input member that receives the raw request body instead of merging it as JSON (Lambda Invoke's `Payload`). */
  payload?: string;
}

/** The model each service's module creates: what `SimWorld.model` answers, so no caller names a type it hopes for. */
export interface ServiceModels {
  ecs: EcsModel;
  elbv2: Elbv2Model;
  lambda: LambdaModel;
  cloudwatch: CloudWatchModel;
  sts: StsModel;
  apigatewayv2: ApiGatewayV2Model;
  tagging: ServiceModel;
  iam: ServiceModel;
  logs: ServiceModel;
  ecr: ServiceModel;
  sqs: ServiceModel;
}

/** One service's module; its name decides the model it creates. */
export interface ServiceModuleOf<S extends ServiceName> {
  name: S;
  /** Protocols this service accepts; the first is the one the pinned SDK v3 client sends. */
  protocols: Protocol[];
  /** awsJson: the X-Amz-Target prefix, e.g. `AmazonEC2ContainerServiceV20141113`. */
  targetPrefix?: string;
  /** awsQuery: the XML namespace of responses, e.g. `http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/`. */
  xmlNamespace?: string;
  /** SigV4 signing name in the credential scope (`ecs`, `elasticloadbalancing`, `lambda`, `monitoring`, `sts`, `apigateway`, `tagging`). */
  signingName: string;
  /** restJson1 routes. */
  routes?: RestRoute[];
  /**
   * For services that speak both awsJson and awsQuery (CloudWatch is `awsQueryCompatible`): handlers throw the
   * modeled error name (`InvalidParameterValueException`), query clients see the mapped code
   * (`InvalidParameterValue`), and JSON answers carry it in the `x-amzn-query-error` header, as AWS does.
   */
  awsQueryErrorCodes?: Readonly<Record<string, string>>;
  operations: Record<string, OperationHandler>;
  /** Operations that change nothing (Describe*, List*, Get*): the call log marks the others as mutating. */
  readOnly: ReadonlySet<string>;
  /** Creates this service's model for one account and region. */
  createModel(world: SimWorld, account: string, region: string): ServiceModels[S];
}

/** Any service's module, told apart by `name`. */
export type ServiceModule = { [S in ServiceName]: ServiceModuleOf<S> }[ServiceName];

export interface ServiceModel {
  /**
   * Brings time-driven state up to `now` (tasks starting, health checks passing, updates finishing).
   * Called before every request to any service of this region, and when the control endpoint reads state,
   * so that time can jump (manual clock) and state follows deterministically.
   */
  advance?(now: number): void;
  /** A JSON-serialisable view of the state, for /_sim/state and test assertions. */
  snapshot(): unknown;
}

/** Implemented by the ELBv2 model, used by ECS to put tasks behind target groups. */
export interface TargetRegistry {
  targetGroupExists(targetGroupArn: string): boolean;
  registerTargets(targetGroupArn: string, targets: SimTarget[]): void;
  deregisterTargets(targetGroupArn: string, targets: { id: string; port?: number }[]): void;
  /** Current health state of one target, or undefined when it is not registered. */
  targetState(targetGroupArn: string, id: string, port?: number): TargetHealthState | undefined;
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface SimTarget {
  id: string;
  port?: number;
  /** Who the target is, so that faults can match it (unhealthy-targets) and traffic can be attributed. */
  meta?: { taskArn?: string; taskDefinitionArn?: string; image?: string; family?: string; revision?: number };
}

/**
 * Implemented by the Lambda model: whether a function's resource policy lets a service principal invoke it
 * from a source ARN. ELBv2 asks it before registering a Lambda target, as AWS does.
 */
export interface InvokePermissions {
  /** `functionArn` may be qualified (version or alias); false when the function or qualifier does not exist. */
  invokeAllowed(functionArn: string, principal: string, sourceArn: string): boolean;
}

/** Implemented by the CloudWatch model; used by scenario triggers. */
export interface AlarmSetter {
  setAlarmState(alarmName: string, state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA', reason: string): void;
}

/** What started receiving traffic, reported by ELBv2 (weights, per target group) and Lambda (alias weights). */
export interface TrafficSignal {
  account: string;
  region: string;
  taskDefinitionArns?: string[];
  images?: string[];
  functionName?: string;
  version?: string;
}

/** The whole simulated cloud: clock, scenario, models per account/region, call log. */
export interface SimWorld {
  readonly clock: Clock;
  readonly defaultAccount: string;
  /** The loaded scenario (seeded roles, log groups and code objects are read from it). */
  readonly scenario: Scenario;
  /** Model of `service` in that account and region, created on first use. */
  model<S extends ServiceName>(service: S, account: string, region: string): ServiceModels[S];
  /** Active faults of one kind that apply now (count-limited faults are consumed by `consumeFault`). */
  faults<K extends Fault['kind']>(kind: K): Extract<Fault, { kind: K }>[];
  /** Marks one use of a count-limited fault; returns false when it is used up. */
  consumeFault(fault: Fault): boolean;
  /** Called by models when a version first receives traffic: fires matching alarm triggers. */
  trafficReached(signal: TrafficSignal): void;
}

/** Which tasks (or versions) a fault applies to; every given field must match. */
export interface FaultMatch {
  family?: string;
  revision?: number;
  /** Matches a container image exactly, or by prefix when it ends with `*`. */
  image?: string;
  region?: string;
  functionName?: string;
  version?: string;
}

export type Fault =
  | {
      kind: 'task-fails-to-start';
      match: FaultMatch;
      reason: 'CannotPullContainerError' | 'ResourceInitializationError' | 'EssentialContainerExited';
      count?: number;
    }
  | { kind: 'task-crashes'; match: FaultMatch; afterSeconds: number; exitCode?: number; count?: number }
  | { kind: 'unhealthy-targets'; match: FaultMatch }
  | {
      kind: 'alarm';
      alarmName: string;
      state?: 'ALARM' | 'OK';
      /** Seconds after the scenario was loaded. */
      atSeconds?: number;
      /** Fires when a matching task definition / image / Lambda version first receives traffic. */
      whenTrafficTo?: FaultMatch;
      region?: string;
    }
  | { kind: 'spot-capacity'; limit: number; region?: string }
  | { kind: 'throttle'; service: ServiceName; operation?: string; count?: number }
  | { kind: 'server-error'; service: ServiceName; operation?: string; status?: number; count?: number }
  | { kind: 'latency'; service?: ServiceName; operation?: string; ms: number }
  | { kind: 'lambda-not-ready'; match: FaultMatch }
  | {
      /** What an ECS lifecycle hook function answers: IN_PROGRESS `inProgressTimes` times, then `answer`. */
      kind: 'lifecycle-hook';
      functionName: string;
      stage?: string;
      answer?: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
      inProgressTimes?: number;
    };

/** Seeded infrastructure, created when a scenario is loaded. Regions default to the scenario's region. */
export interface ScenarioInfrastructure {
  /** `capacityProviders`: the ones associated with the cluster (FARGATE, FARGATE_SPOT); none unless listed. */
  clusters?: { name: string; region?: string; capacityProviders?: string[] }[];
  targetGroups?: {
    name: string;
    /**
     * The exact ARN to give the group (`arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID`), so that
     * definitions naming a real group's ARN find it here; its name, region and account must agree with the entry.
     */
    arn?: string;
    region?: string;
    targetType?: 'ip' | 'instance' | 'lambda';
    protocol?: 'HTTP' | 'HTTPS' | 'TCP';
    port?: number;
    vpcId?: string;
    healthCheckIntervalSeconds?: number;
    healthyThresholdCount?: number;
    unhealthyThresholdCount?: number;
    deregistrationDelaySeconds?: number;
  }[];
  loadBalancers?: {
    name: string;
    /** The exact ARN (`…:loadbalancer/app/NAME/ID`), as for target groups; listener and rule ARNs extend it. */
    arn?: string;
    region?: string;
    listeners?: {
      port: number;
      /** The exact ARN: the load balancer's, with `listener/` for `loadbalancer/`, then `/ID`. */
      arn?: string;
      protocol?: 'HTTP' | 'HTTPS';
      /** Target group name the default action forwards to. */
      targetGroup: string;
      /** `arn`: the listener's, with `listener-rule/` for `listener/`, then `/ID`. */
      rules?: { priority: number; pathPattern: string; targetGroup: string; arn?: string }[];
    }[];
  }[];
  alarms?: { name: string; region?: string; state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' }[];
  /** A role name or ARN (trusted by ecs-tasks and lambda), or a name with the service principals it trusts. */
  roles?: (string | { name: string; trust?: string[] })[];
  /** SQS queues that exist (GetQueueUrl); none seeded = any exists. */
  queues?: { name: string; region?: string }[];
  /** Lambda layer version ARNs that exist (GetLayerVersionByArn); none seeded = any exists. */
  layers?: string[];
  /** ECR repositories and the image tags they hold (DescribeImages answers from these). */
  images?: { repository: string; region?: string; tags: string[] }[];
  logGroups?: { name: string; region?: string }[];
  /**
   * Lambda functions that exist (an ECS lifecycle hook's target, say), created with CreateFunction from an empty
   * package. `role`: an IAM role ARN, one of `roles` when the scenario seeds any.
   */
  functions?: { name: string; region?: string; role: string }[];
  codeObjects?: { bucket: string; key: string; sha256?: string; size?: number }[];
  /** API Gateway v2 APIs with their routes (no target yet) and stages. */
  apis?: {
    name: string;
    region?: string;
    protocolType?: 'HTTP' | 'WEBSOCKET';
    routes?: { routeKey: string }[];
    stages?: { name: string; stageVariables?: Record<string, string> }[];
  }[];
}

export interface Scenario {
  account?: string;
  region?: string;
  infrastructure?: ScenarioInfrastructure;
  faults?: Fault[];
}
