/** Thin ELBv2 handlers for target groups, their attributes and their targets. */
import type {
  CreateTargetGroupInput,
  CreateTargetGroupOutput,
  DeregisterTargetsInput,
  DeregisterTargetsOutput,
  DescribeTargetGroupAttributesInput,
  DescribeTargetGroupAttributesOutput,
  DescribeTargetGroupsInput,
  DescribeTargetGroupsOutput,
  DescribeTargetHealthInput,
  DescribeTargetHealthOutput,
  ModifyTargetGroupAttributesInput,
  ModifyTargetGroupAttributesOutput,
  ModifyTargetGroupInput,
  ModifyTargetGroupOutput,
  RegisterTargetsInput,
  RegisterTargetsOutput,
  ProtocolEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Input } from '../../coerce.js';
import type { RequestContext } from '../../types.js';
import { validationError } from './errors.js';
import { elbv2Model } from './handlers.js';
import type { HealthCheckInput, TargetGroupSpec } from './target-groups.js';
import { tagInputs } from './tags.js';
import {
  asList,
  checkResourceName,
  optionalBool,
  optionalEnum,
  optionalInt,
  optionalString,
  pageInput,
  requireString,
  requireStructureList,
  structureList,
} from './validate.js';

const protocols: readonly ProtocolEnum[] = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'];

export function createTargetGroupHandler(input: CreateTargetGroupInput, ctx: RequestContext): CreateTargetGroupOutput {
  const name = requireString(input.Name, 'Name');
  checkResourceName(name, 'target group');
  const targetType = optionalEnum(input.TargetType, 'TargetType', ['instance', 'ip', 'lambda', 'alb'] as const) ?? 'instance';
  if (targetType === 'alb') throw validationError("Target type 'alb' is supported only by Network Load Balancers");
  const protocol = optionalEnum(input.Protocol, 'Protocol', protocols);
  const port = optionalInt(input.Port, 'Port', 1, 65535);
  const vpcId = optionalString(input.VpcId, 'VpcId');
  const protocolVersion = optionalEnum(input.ProtocolVersion, 'ProtocolVersion', ['HTTP1', 'HTTP2', 'GRPC'] as const);
  const ipAddressType = optionalEnum(input.IpAddressType, 'IpAddressType', ['ipv4', 'ipv6'] as const);
  const spec: TargetGroupSpec = {
    name,
    targetType,
    ...(protocol !== undefined && { protocol }),
    ...(port !== undefined && { port }),
    ...(vpcId !== undefined && { vpcId }),
    ...(protocolVersion !== undefined && { protocolVersion }),
    ...(ipAddressType !== undefined && { ipAddressType }),
    healthCheck: healthCheckInput(input),
  };
  const group = elbv2Model(ctx).createTargetGroup(spec, tagInputs(structureList(input.Tags, 'Tags')));
  return { TargetGroups: [group] };
}

/** ModifyTargetGroup: the health check members only; the group's other settings cannot change. */
export function modifyTargetGroupHandler(input: ModifyTargetGroupInput, ctx: RequestContext): ModifyTargetGroupOutput {
  const arn = requireString(input.TargetGroupArn, 'TargetGroupArn');
  return { TargetGroups: [elbv2Model(ctx).modifyTargetGroup(arn, healthCheckInput(input))] };
}

/** Health check members with the ranges of the service model (the same in CreateTargetGroup and ModifyTargetGroup). */
function healthCheckInput(input: CreateTargetGroupInput | ModifyTargetGroupInput): HealthCheckInput {
  return {
    enabled: optionalBool(input.HealthCheckEnabled, 'HealthCheckEnabled'),
    protocol: optionalEnum(input.HealthCheckProtocol, 'HealthCheckProtocol', protocols),
    port: optionalString(input.HealthCheckPort, 'HealthCheckPort'),
    path: optionalString(input.HealthCheckPath, 'HealthCheckPath'),
    intervalSeconds: optionalInt(input.HealthCheckIntervalSeconds, 'HealthCheckIntervalSeconds', 5, 300),
    timeoutSeconds: optionalInt(input.HealthCheckTimeoutSeconds, 'HealthCheckTimeoutSeconds', 2, 120),
    healthyThreshold: optionalInt(input.HealthyThresholdCount, 'HealthyThresholdCount', 2, 10),
    unhealthyThreshold: optionalInt(input.UnhealthyThresholdCount, 'UnhealthyThresholdCount', 2, 10),
    matcher: matcherInput(input.Matcher),
  };
}

function matcherInput(matcher: CreateTargetGroupInput['Matcher']): HealthCheckInput['matcher'] | undefined {
  if (matcher === undefined) return undefined;
  const httpCode = optionalString(matcher.HttpCode, 'Matcher.HttpCode');
  const grpcCode = optionalString(matcher.GrpcCode, 'Matcher.GrpcCode');
  if (httpCode !== undefined && grpcCode !== undefined) throw validationError('Specify either an HTTP code or a gRPC code, not both');
  return { ...(httpCode !== undefined && { HttpCode: httpCode }), ...(grpcCode !== undefined && { GrpcCode: grpcCode }) };
}

export function describeTargetGroupsHandler(input: DescribeTargetGroupsInput, ctx: RequestContext): DescribeTargetGroupsOutput {
  const loadBalancerArn = optionalString(input.LoadBalancerArn, 'LoadBalancerArn');
  const arns = asList(input.TargetGroupArns).map(String);
  const names = asList(input.Names).map(String);
  const given = [loadBalancerArn !== undefined, arns.length > 0, names.length > 0].filter(Boolean).length;
  if (given > 1) {
    throw validationError('Only one of load balancer ARN, target group ARNs or target group names can be specified');
  }
  const filter = { ...(loadBalancerArn !== undefined && { loadBalancerArn }), arns, names };
  return elbv2Model(ctx).describeTargetGroups(filter, pageInput(input));
}

export function describeTargetGroupAttributesHandler(input: DescribeTargetGroupAttributesInput, ctx: RequestContext): DescribeTargetGroupAttributesOutput {
  const arn = requireString(input.TargetGroupArn, 'TargetGroupArn');
  return { Attributes: elbv2Model(ctx).targetGroupAttributes(arn) };
}

export function modifyTargetGroupAttributesHandler(input: ModifyTargetGroupAttributesInput, ctx: RequestContext): ModifyTargetGroupAttributesOutput {
  const arn = requireString(input.TargetGroupArn, 'TargetGroupArn');
  const changes = requireStructureList(input.Attributes, 'Attributes').map((attribute, index) => ({
    key: requireString(attribute.Key, `Attributes.member.${index + 1}.Key`),
    value: optionalString(attribute.Value, `Attributes.member.${index + 1}.Value`) ?? '',
  }));
  return { Attributes: elbv2Model(ctx).modifyTargetGroupAttributes(arn, changes) };
}

function targetsInput(targets: Input[]): { id: string; port?: number }[] {
  return targets.map((target, index) => {
    const id = requireString(target.Id, `Targets.member.${index + 1}.Id`);
    const port = optionalInt(target.Port, `Targets.member.${index + 1}.Port`, 1, 65535);
    return port === undefined ? { id } : { id, port };
  });
}

export function registerTargetsHandler(input: RegisterTargetsInput, ctx: RequestContext): RegisterTargetsOutput {
  const arn = requireString(input.TargetGroupArn, 'TargetGroupArn');
  const targets = targetsInput(requireStructureList(input.Targets, 'Targets'));
  const model = elbv2Model(ctx);
  model.checkTargets(arn, targets);
  model.registerTargets(arn, targets);
  return {};
}

export function deregisterTargetsHandler(input: DeregisterTargetsInput, ctx: RequestContext): DeregisterTargetsOutput {
  const arn = requireString(input.TargetGroupArn, 'TargetGroupArn');
  elbv2Model(ctx).deregisterTargets(arn, targetsInput(requireStructureList(input.Targets, 'Targets')));
  return {};
}

export function describeTargetHealthHandler(input: DescribeTargetHealthInput, ctx: RequestContext): DescribeTargetHealthOutput {
  const arn = requireString(input.TargetGroupArn, 'TargetGroupArn');
  const targets = targetsInput(structureList(input.Targets, 'Targets'));
  return { TargetHealthDescriptions: elbv2Model(ctx).describeTargetHealth(arn, targets) };
}
