/**
 * Target groups: creation with ELBv2's defaults, describe, attributes. Defaults follow CreateTargetGroup in the
 * API reference and "Health checks for Application Load Balancer target groups" in the ALB user guide
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
 */
import type { ProtocolEnum, TargetGroup, TargetGroupIpAddressTypeEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import { duplicateTargetGroupName, targetGroupNotFound, tooManyTargetGroups, validationError } from './errors.js';
import { nextId, targetGroupArn } from './ids.js';
import type { Page } from './paging.js';
import { paginate } from './paging.js';
import type { Elbv2Scope, Elbv2State, HealthCheckSettings, TargetGroupRecord, TargetType } from './state.js';
import { defaultAttributes } from './target-group-attributes.js';
import { loadBalancersOf } from './usage.js';

/** ELBv2 quota: 3,000 target groups per Region per account. */
const maxTargetGroups = 3000;

/** The health check members of a request; undefined ones were not given. */
export interface HealthCheckInput {
  enabled?: boolean | undefined;
  protocol?: ProtocolEnum | undefined;
  port?: string | undefined;
  path?: string | undefined;
  intervalSeconds?: number | undefined;
  timeoutSeconds?: number | undefined;
  healthyThreshold?: number | undefined;
  unhealthyThreshold?: number | undefined;
  matcher?: { HttpCode?: string; GrpcCode?: string } | undefined;
}

export interface TargetGroupSpec {
  name: string;
  targetType: TargetType;
  protocol?: ProtocolEnum;
  protocolVersion?: string;
  port?: number;
  vpcId?: string;
  ipAddressType?: TargetGroupIpAddressTypeEnum;
  healthCheck: HealthCheckInput;
}

/** Creates a group, or returns the existing one when one of that name has the same settings (idempotent). */
export function createTargetGroup(state: Elbv2State, scope: Elbv2Scope, spec: TargetGroupSpec): TargetGroupRecord {
  checkTargetTypeFields(spec);
  const healthCheck = resolveHealthCheck(spec);
  const existing = [...state.targetGroups.values()].find((group) => group.name === spec.name);
  if (existing !== undefined) {
    if (sameSettings(existing, spec, healthCheck)) return existing;
    throw duplicateTargetGroupName(spec.name);
  }
  if (state.targetGroups.size >= maxTargetGroups) throw tooManyTargetGroups();
  const id = nextId(state, scope, 'targetgroup');
  const group: TargetGroupRecord = {
    arn: targetGroupArn(scope, spec.name, id),
    name: spec.name,
    targetType: spec.targetType,
    ...optionalFields(spec),
    healthCheck,
    attributes: defaultAttributes(spec),
    inUse: false,
    targets: [],
    createdSeq: state.sequence,
  };
  state.targetGroups.set(group.arn, group);
  return group;
}

function optionalFields(spec: TargetGroupSpec): Partial<TargetGroupRecord> {
  if (spec.targetType === 'lambda') return {};
  const isHttp = spec.protocol === 'HTTP' || spec.protocol === 'HTTPS';
  return {
    ...(spec.protocol !== undefined && { protocol: spec.protocol }),
    ...(spec.port !== undefined && { port: spec.port }),
    ...(spec.vpcId !== undefined && { vpcId: spec.vpcId }),
    // ProtocolVersion: "The default is HTTP1" for HTTP/HTTPS groups.
    ...(isHttp && { protocolVersion: spec.protocolVersion ?? 'HTTP1' }),
    ipAddressType: spec.ipAddressType ?? 'ipv4',
  };
}

/** Lambda groups take no protocol, port or VPC; instance and IP groups need all three. */
function checkTargetTypeFields(spec: TargetGroupSpec): void {
  if (spec.targetType === 'lambda') {
    for (const [field, value] of [
      ['Protocol', spec.protocol],
      ['Port', spec.port],
      ['VpcId', spec.vpcId],
    ] as const) {
      if (value !== undefined) throw validationError(`${field} cannot be specified for target groups with target type 'lambda'`);
    }
    return;
  }
  if (spec.protocol === undefined) throw validationError(`A protocol must be specified for target type '${spec.targetType}'`);
  if (spec.port === undefined) throw validationError(`A port must be specified for target type '${spec.targetType}'`);
  if (spec.vpcId === undefined) throw validationError(`A VPC ID must be specified for target type '${spec.targetType}'`);
  if (spec.healthCheck.enabled === false) {
    // "If the target type is instance, ip, or alb, health checks are always enabled and can't be disabled."
    throw validationError(`Health checks cannot be disabled for target groups with target type '${spec.targetType}'`);
  }
}

/**
 * Defaults: instance/ip groups check every 30 s, time out after 5 s, need 5 successes or 2 failures, expect 200;
 * lambda groups have checks disabled, 35 s interval, 30 s timeout, 5 and 5 (CreateTargetGroup, ALB user guide).
 */
function resolveHealthCheck(spec: TargetGroupSpec): HealthCheckSettings {
  const input = spec.healthCheck;
  const isLambda = spec.targetType === 'lambda';
  const httpChecks = isLambda || spec.protocol === 'HTTP' || spec.protocol === 'HTTPS';
  const protocol = isLambda ? undefined : (input.protocol ?? (httpChecks ? 'HTTP' : 'TCP'));
  const settings: HealthCheckSettings = {
    enabled: input.enabled ?? !isLambda,
    ...(protocol !== undefined && { protocol, port: input.port ?? 'traffic-port' }),
    ...((httpChecks || protocol === 'HTTP' || protocol === 'HTTPS') && { path: input.path ?? '/' }),
    intervalSeconds: input.intervalSeconds ?? (isLambda ? 35 : 30),
    timeoutSeconds: input.timeoutSeconds ?? defaultTimeout(isLambda, httpChecks, input.intervalSeconds),
    healthyThreshold: input.healthyThreshold ?? 5,
    unhealthyThreshold: input.unhealthyThreshold ?? (isLambda ? 5 : 2),
    matcher: input.matcher ?? (httpChecks ? { HttpCode: '200' } : {}),
  };
  checkHealthCheck(settings, spec);
  return settings;
}

/**
 * 30 s for lambda, 5 s for HTTP(S), 10 s otherwise. Leniency of the simulator: when only a short interval is
 * given (scenarios check every 5 s), the default timeout shrinks below it instead of failing the call.
 */
function defaultTimeout(isLambda: boolean, httpChecks: boolean, interval: number | undefined): number {
  const timeout = isLambda ? 30 : httpChecks ? 5 : 10;
  return interval === undefined ? timeout : Math.max(2, Math.min(timeout, interval - 1));
}

/** Checks a group's health check settings together, as CreateTargetGroup and ModifyTargetGroup do. */
export function checkHealthCheck(settings: HealthCheckSettings, spec: Pick<TargetGroupSpec, 'protocol'>): void {
  if (settings.timeoutSeconds >= settings.intervalSeconds) {
    throw validationError(`Health check interval '${settings.intervalSeconds}' must be greater than the timeout '${settings.timeoutSeconds}'`);
  }
  if (settings.path !== undefined && !settings.path.startsWith('/')) {
    throw validationError(`Health check path '${settings.path}' must begin with a '/' character`);
  }
  const port = settings.port;
  if (port !== undefined && port !== 'traffic-port' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw validationError(`Health check port '${port}' must be 'traffic-port' or a port number from 1 to 65535`);
  }
  const isHttp = spec.protocol === 'HTTP' || spec.protocol === 'HTTPS';
  if (isHttp && settings.protocol !== undefined && !['HTTP', 'HTTPS'].includes(settings.protocol)) {
    throw validationError(`Health check protocol '${settings.protocol}' is not supported for target groups with protocol '${spec.protocol}'`);
  }
  const code = settings.matcher.HttpCode;
  // "For target groups with a protocol of HTTP or HTTPS, the range is 200-499."
  if (code !== undefined && isHttp && !validHttpCodes(code, 200, 499)) {
    throw validationError(`Health check matcher HTTP code '${code}' must be within '200-499'`);
  }
}

/** A matcher such as "200", "200,202" or "200-299". */
function validHttpCodes(code: string, min: number, max: number): boolean {
  return code.split(',').every((part) => {
    const bounds = part.trim().split('-');
    if (bounds.length > 2 || bounds.some((bound) => !/^\d{3}$/.test(bound))) return false;
    const [low = Number.NaN, high = low] = bounds.map(Number);
    return low >= min && high <= max && low <= high;
  });
}

function sameSettings(group: TargetGroupRecord, spec: TargetGroupSpec, healthCheck: HealthCheckSettings): boolean {
  return (
    group.targetType === spec.targetType &&
    group.protocol === spec.protocol &&
    group.port === spec.port &&
    group.vpcId === spec.vpcId &&
    JSON.stringify(group.healthCheck) === JSON.stringify(healthCheck)
  );
}

export function targetGroup(state: Elbv2State, arn: string): TargetGroupRecord {
  const group = state.targetGroups.get(arn);
  if (group === undefined) throw targetGroupNotFound(`Target group '${arn}' not found`);
  return group;
}

export interface TargetGroupFilter {
  loadBalancerArn?: string;
  arns?: string[];
  names?: string[];
}

/** DescribeTargetGroups: one filter at most; every named group must exist. */
export function describeTargetGroups(state: Elbv2State, filter: TargetGroupFilter, page: { marker?: string; pageSize?: number }): Page<TargetGroupRecord> {
  const all = [...state.targetGroups.values()].sort((a, b) => a.createdSeq - b.createdSeq);
  let selected = all;
  if (filter.arns !== undefined && filter.arns.length > 0) {
    selected = filter.arns.map((arn) => targetGroup(state, arn));
  } else if (filter.names !== undefined && filter.names.length > 0) {
    selected = filter.names.map((name) => {
      const group = all.find((candidate) => candidate.name === name);
      if (group === undefined) throw targetGroupNotFound(`One or more target groups not found: '${name}'`);
      return group;
    });
  } else if (filter.loadBalancerArn !== undefined) {
    const arn = filter.loadBalancerArn;
    selected = all.filter((group) => loadBalancersOf(state, group.arn).includes(arn));
  }
  return paginate(selected, page);
}

export function renderTargetGroup(state: Elbv2State, group: TargetGroupRecord): TargetGroup {
  const check = group.healthCheck;
  return {
    TargetGroupArn: group.arn,
    TargetGroupName: group.name,
    ...(group.protocol !== undefined && { Protocol: group.protocol }),
    ...(group.port !== undefined && { Port: group.port }),
    ...(group.vpcId !== undefined && { VpcId: group.vpcId }),
    ...(check.protocol !== undefined && { HealthCheckProtocol: check.protocol }),
    ...(check.port !== undefined && { HealthCheckPort: check.port }),
    HealthCheckEnabled: check.enabled,
    HealthCheckIntervalSeconds: check.intervalSeconds,
    HealthCheckTimeoutSeconds: check.timeoutSeconds,
    HealthyThresholdCount: check.healthyThreshold,
    UnhealthyThresholdCount: check.unhealthyThreshold,
    ...(check.path !== undefined && { HealthCheckPath: check.path }),
    ...(Object.keys(check.matcher).length > 0 && { Matcher: check.matcher }),
    LoadBalancerArns: loadBalancersOf(state, group.arn),
    TargetType: group.targetType,
    ...(group.protocolVersion !== undefined && { ProtocolVersion: group.protocolVersion }),
    ...(group.ipAddressType !== undefined && { IpAddressType: group.ipAddressType }),
  };
}

export function attributeList(group: TargetGroupRecord): { Key: string; Value: string }[] {
  return [...group.attributes].map(([Key, Value]) => ({ Key, Value }));
}

/** The deregistration delay in milliseconds; lambda groups have none. */
export function deregistrationDelayMs(group: TargetGroupRecord): number {
  const seconds = Number(group.attributes.get('deregistration_delay.timeout_seconds') ?? '0');
  return seconds * 1000;
}
