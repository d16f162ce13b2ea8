/** The ELBv2 model's records for one account and region. Plain data: the noun modules own the rules. */
import type { Certificate, IpAddressType, ProtocolEnum, TargetGroupIpAddressTypeEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SimTarget } from '../../types.js';

export interface LoadBalancerRecord {
  arn: string;
  name: string;
  id: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  scheme: 'internet-facing' | 'internal';
  type: 'application';
  ipAddressType: IpAddressType;
  vpcId: string;
  subnets: string[];
  securityGroups: string[];
  createdAt: number;
  /** When provisioning ends and the state turns active. */
  activeAt: number;
}

export interface WeightedTargetGroup {
  targetGroupArn: string;
  weight: number;
}

export interface ForwardAction {
  type: 'forward';
  order?: number;
  targetGroups: WeightedTargetGroup[];
  stickiness: { enabled: boolean; durationSeconds?: number };
}

/** Non-forward actions (redirect, fixed-response, authenticate-*) are kept as the caller sent them. */
export interface OtherAction {
  type: 'redirect' | 'fixed-response' | 'authenticate-oidc' | 'authenticate-cognito' | 'jwt-validation';
  order?: number;
  config: Record<string, unknown>;
}

export type StoredAction = ForwardAction | OtherAction;

export type ConditionField = 'http-header' | 'http-request-method' | 'host-header' | 'path-pattern' | 'query-string' | 'source-ip';

export interface StoredCondition {
  field: ConditionField;
  values: string[];
  /** The condition came as Field + Values (AWS echoes Values then) rather than only as a *Config. */
  legacyValues: boolean;
  /** The original config for fields other than path-pattern and host-header. */
  config?: Record<string, unknown>;
}

export interface ListenerRecord {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: ProtocolEnum;
  sslPolicy?: string;
  certificates: Certificate[];
  defaultActions: StoredAction[];
  defaultRuleArn: string;
  createdSeq: number;
}

export interface RuleRecord {
  arn: string;
  listenerArn: string;
  priority: number;
  conditions: StoredCondition[];
  actions: StoredAction[];
}

export interface HealthCheckSettings {
  enabled: boolean;
  protocol?: ProtocolEnum;
  port?: string;
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: { HttpCode?: string; GrpcCode?: string };
}

export type TargetType = 'instance' | 'ip' | 'lambda';

/** A settled health verdict; `unused`, `draining` and `unavailable` are derived when reported. */
type CheckedHealth = 'initial' | 'healthy' | 'unhealthy';

export interface TargetRecord {
  id: string;
  port?: number;
  meta?: NonNullable<SimTarget['meta']>;
  registeredAt: number;
  health: CheckedHealth;
  /** Start of the current run of consecutive health checks; undefined while the group is not in use. */
  checkingSince?: number;
  /** Whether the unhealthy-targets fault applied at the last evaluation. */
  failing: boolean;
  /** Set once deregistered: the target is draining until then. */
  drainingUntil?: number;
}

export interface TargetGroupRecord {
  arn: string;
  name: string;
  targetType: TargetType;
  protocol?: ProtocolEnum;
  protocolVersion?: string;
  port?: number;
  vpcId?: string;
  ipAddressType?: TargetGroupIpAddressTypeEnum;
  healthCheck: HealthCheckSettings;
  attributes: Map<string, string>;
  /** Whether a listener or rule of some load balancer forwards to the group (at any weight). */
  inUse: boolean;
  targets: TargetRecord[];
  createdSeq: number;
}

export interface Elbv2State {
  loadBalancers: Map<string, LoadBalancerRecord>;
  listeners: Map<string, ListenerRecord>;
  rules: Map<string, RuleRecord>;
  targetGroups: Map<string, TargetGroupRecord>;
  tags: Map<string, Map<string, string>>;
  /** Monotonic counter for deterministic resource ids and creation order. */
  sequence: number;
}

export function emptyState(): Elbv2State {
  return {
    loadBalancers: new Map(),
    listeners: new Map(),
    rules: new Map(),
    targetGroups: new Map(),
    tags: new Map(),
    sequence: 0,
  };
}

/** Who the model is: the ARNs' partition fields and the simulated world's hooks. */
export interface Elbv2Scope {
  account: string;
  region: string;
  now(): number;
}
