/**
 * Target group attributes: the keys each kind of group supports, their defaults and their valid values, from
 * TargetGroupAttribute in the ELBv2 API reference
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html).
 */
import { invalidConfigurationRequest, validationError } from './errors.js';
import type { TargetGroupRecord } from './state.js';

type Check = (value: string) => boolean;

export interface AttributeChange {
  key: string;
  value: string;
}

const bool: Check = (value) => value === 'true' || value === 'false';
const intRange =
  (min: number, max: number): Check =>
  (value) =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    allowed.includes(value);
const offOr =
  (check: Check): Check =>
  (value) =>
    value === 'off' || check(value);

interface AttributeSpec {
  defaultValue: string;
  valid: Check;
}

/** Shared by every load balancer type; deregistration delay defaults to 300 s, range 0–3600. */
const crossZone: AttributeSpec = {
  defaultValue: 'use_load_balancer_configuration',
  valid: oneOf('true', 'false', 'use_load_balancer_configuration'),
};

const common: Record<string, AttributeSpec> = {
  'deregistration_delay.timeout_seconds': { defaultValue: '300', valid: intRange(0, 3600) },
  'stickiness.enabled': { defaultValue: 'false', valid: bool },
  'load_balancing.cross_zone.enabled': crossZone,
  'target_group_health.dns_failover.minimum_healthy_targets.count': { defaultValue: '1', valid: offOr(intRange(1, 10000)) },
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': {
    defaultValue: 'off',
    valid: offOr(intRange(1, 100)),
  },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': {
    defaultValue: '1',
    valid: intRange(1, 10000),
  },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': {
    defaultValue: 'off',
    valid: offOr(intRange(1, 100)),
  },
};

/** Application Load Balancer target groups of instances or IP addresses. */
const application: Record<string, AttributeSpec> = {
  ...common,
  'stickiness.type': { defaultValue: 'lb_cookie', valid: oneOf('lb_cookie', 'app_cookie') },
  'stickiness.lb_cookie.duration_seconds': { defaultValue: '86400', valid: intRange(1, 604800) },
  'stickiness.app_cookie.cookie_name': { defaultValue: '', valid: (value) => !/^AWSALB(APP|TG)?/.test(value) },
  'stickiness.app_cookie.duration_seconds': { defaultValue: '86400', valid: intRange(1, 604800) },
  'slow_start.duration_seconds': { defaultValue: '0', valid: (value) => value === '0' || intRange(30, 900)(value) },
  'load_balancing.algorithm.type': {
    defaultValue: 'round_robin',
    valid: oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
  },
  'load_balancing.algorithm.anomaly_mitigation': { defaultValue: 'off', valid: oneOf('on', 'off') },
};

/** Lambda target groups: no deregistration delay ("If the target is a Lambda function, this attribute is not supported"). */
const lambda: Record<string, AttributeSpec> = {
  'lambda.multi_value_headers.enabled': { defaultValue: 'false', valid: bool },
  'load_balancing.cross_zone.enabled': crossZone,
};

/** Network Load Balancer target groups (TCP, TLS, UDP, TCP_UDP). */
const network: Record<string, AttributeSpec> = {
  ...common,
  'stickiness.type': { defaultValue: 'source_ip', valid: oneOf('source_ip') },
  'deregistration_delay.connection_termination.enabled': { defaultValue: 'false', valid: bool },
  'preserve_client_ip.enabled': { defaultValue: 'true', valid: bool },
  'proxy_protocol_v2.enabled': { defaultValue: 'false', valid: bool },
  'target_health_state.unhealthy.connection_termination.enabled': { defaultValue: 'true', valid: bool },
  'target_health_state.unhealthy.draining_interval_seconds': { defaultValue: '0', valid: intRange(0, 360000) },
};

function specsFor(group: Pick<TargetGroupRecord, 'targetType' | 'protocol'>): Record<string, AttributeSpec> {
  if (group.targetType === 'lambda') return lambda;
  if (group.protocol === 'HTTP' || group.protocol === 'HTTPS') return application;
  return network;
}

export function defaultAttributes(group: Pick<TargetGroupRecord, 'targetType' | 'protocol'>): Map<string, string> {
  const attributes = new Map(Object.entries(specsFor(group)).map(([key, spec]) => [key, spec.defaultValue]));
  // "The default is disabled if the target group type is IP address and the target group protocol is TCP or TLS."
  if (group.targetType === 'ip' && (group.protocol === 'TCP' || group.protocol === 'TLS')) {
    attributes.set('preserve_client_ip.enabled', 'false');
  }
  return attributes;
}

/** Checks every key and value before any is applied, as ModifyTargetGroupAttributes is all or nothing. */
export function checkAttributes(group: TargetGroupRecord, changes: AttributeChange[]): void {
  const specs = specsFor(group);
  for (const { key, value } of changes) {
    const spec = specs[key];
    if (spec === undefined) {
      throw validationError(`Target group attribute key '${key}' is not recognized`);
    }
    if (!spec.valid(value)) {
      throw invalidConfigurationRequest(`'${value}' is not a valid value for target group attribute '${key}'`);
    }
  }
}
