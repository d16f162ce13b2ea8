/**
 * Thin ELBv2 handlers for load balancers, listeners, rules and tags: decode and check the input as ELBv2
 * does, call the model, return the SDK output shape. Target group and target handlers are in
 * target-handlers.ts.
 */
import type {
  AddTagsInput,
  AddTagsOutput,
  Certificate,
  CreateListenerInput,
  CreateListenerOutput,
  CreateLoadBalancerInput,
  CreateLoadBalancerOutput,
  CreateRuleInput,
  CreateRuleOutput,
  DescribeListenersInput,
  DescribeListenersOutput,
  DescribeLoadBalancersInput,
  DescribeLoadBalancersOutput,
  DescribeRulesInput,
  DescribeRulesOutput,
  DescribeTagsInput,
  DescribeTagsOutput,
  ModifyListenerInput,
  ModifyListenerOutput,
  ModifyRuleInput,
  ModifyRuleOutput,
  RemoveTagsInput,
  RemoveTagsOutput,
  ProtocolEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RequestContext } from '../../types.js';
import { parseActions } from './actions.js';
import { parseConditions } from './conditions.js';
import { validationError } from './errors.js';
import type { Elbv2Model } from './model.js';
import { tagInputs } from './tags.js';
import {
  asList,
  checkResourceName,
  optionalBool,
  optionalEnum,
  optionalInt,
  optionalString,
  pageInput,
  requireInt,
  requireList,
  requireString,
  requireStructureList,
  structureList,
} from './validate.js';

const protocols: readonly ProtocolEnum[] = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'];

/** Listener certificates: an ARN each, one of them possibly marked default. */
function certificatesOf(value: unknown): Certificate[] {
  return structureList(value, 'Certificates').map((certificate, index) => {
    const arn = optionalString(certificate.CertificateArn, `Certificates.member.${index + 1}.CertificateArn`);
    const isDefault = optionalBool(certificate.IsDefault, `Certificates.member.${index + 1}.IsDefault`);
    return { ...(arn !== undefined && { CertificateArn: arn }), ...(isDefault !== undefined && { IsDefault: isDefault }) };
  });
}

export function elbv2Model(ctx: RequestContext): Elbv2Model {
  return ctx.world.model('elbv2', ctx.account, ctx.region);
}

export function createLoadBalancerHandler(input: CreateLoadBalancerInput, ctx: RequestContext): CreateLoadBalancerOutput {
  const name = requireString(input.Name, 'Name');
  checkResourceName(name, 'load balancer');
  const subnets = asList(input.Subnets).map(String);
  const mappings = structureList(input.SubnetMappings, 'SubnetMappings').map((mapping) => requireString(mapping.SubnetId, 'SubnetId'));
  if (subnets.length > 0 && mappings.length > 0) throw validationError('You can specify subnets or subnet mappings, not both');
  const spec = {
    name,
    type: optionalEnum(input.Type, 'Type', ['application', 'network', 'gateway'] as const) ?? 'application',
    scheme: optionalEnum(input.Scheme, 'Scheme', ['internet-facing', 'internal'] as const) ?? 'internet-facing',
    ipAddressType: optionalEnum(input.IpAddressType, 'IpAddressType', ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] as const) ?? 'ipv4',
    subnets: subnets.length > 0 ? subnets : mappings,
    securityGroups: asList(input.SecurityGroups).map(String),
  };
  const loadBalancer = elbv2Model(ctx).createLoadBalancer(spec, tagInputs(structureList(input.Tags, 'Tags')));
  return { LoadBalancers: [loadBalancer] };
}

export function describeLoadBalancersHandler(input: DescribeLoadBalancersInput, ctx: RequestContext): DescribeLoadBalancersOutput {
  const arns = asList(input.LoadBalancerArns).map(String);
  const names = asList(input.Names).map(String);
  if (arns.length > 0 && names.length > 0) {
    throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  }
  return elbv2Model(ctx).describeLoadBalancers({ arns, names }, pageInput(input));
}

export function createListenerHandler(input: CreateListenerInput, ctx: RequestContext): CreateListenerOutput {
  const protocol = optionalEnum(input.Protocol, 'Protocol', protocols);
  const port = optionalInt(input.Port, 'Port', 1, 65535);
  const sslPolicy = optionalString(input.SslPolicy, 'SslPolicy');
  const spec = {
    loadBalancerArn: requireString(input.LoadBalancerArn, 'LoadBalancerArn'),
    ...(protocol !== undefined && { protocol }),
    ...(port !== undefined && { port }),
    ...(sslPolicy !== undefined && { sslPolicy }),
    certificates: certificatesOf(input.Certificates),
    defaultActions: parseActions(requireStructureList(input.DefaultActions, 'DefaultActions'), 'DefaultActions'),
  };
  const listener = elbv2Model(ctx).createListener(spec, tagInputs(structureList(input.Tags, 'Tags')));
  return { Listeners: [listener] };
}

export function describeListenersHandler(input: DescribeListenersInput, ctx: RequestContext): DescribeListenersOutput {
  const loadBalancerArn = optionalString(input.LoadBalancerArn, 'LoadBalancerArn');
  const arns = asList(input.ListenerArns).map(String);
  const filter = { ...(loadBalancerArn !== undefined && { loadBalancerArn }), arns };
  return elbv2Model(ctx).describeListeners(filter, pageInput(input));
}

export function modifyListenerHandler(input: ModifyListenerInput, ctx: RequestContext): ModifyListenerOutput {
  const protocol = optionalEnum(input.Protocol, 'Protocol', protocols);
  const port = optionalInt(input.Port, 'Port', 1, 65535);
  const sslPolicy = optionalString(input.SslPolicy, 'SslPolicy');
  const changes = {
    ...(protocol !== undefined && { protocol }),
    ...(port !== undefined && { port }),
    ...(sslPolicy !== undefined && { sslPolicy }),
    ...(input.Certificates !== undefined && { certificates: certificatesOf(input.Certificates) }),
    ...(input.DefaultActions !== undefined && {
      defaultActions: parseActions(structureList(input.DefaultActions, 'DefaultActions'), 'DefaultActions'),
    }),
  };
  const listener = elbv2Model(ctx).modifyListener(requireString(input.ListenerArn, 'ListenerArn'), changes);
  return { Listeners: [listener] };
}

export function createRuleHandler(input: CreateRuleInput, ctx: RequestContext): CreateRuleOutput {
  const spec = {
    listenerArn: requireString(input.ListenerArn, 'ListenerArn'),
    // Rule priorities range 1–50000 (CreateRule, Priority).
    priority: requireInt(input.Priority, 'Priority', 1, 50000),
    conditions: parseConditions(requireStructureList(input.Conditions, 'Conditions')),
    actions: parseActions(requireStructureList(input.Actions, 'Actions'), 'Actions'),
  };
  const rule = elbv2Model(ctx).createRule(spec, tagInputs(structureList(input.Tags, 'Tags')));
  return { Rules: [rule] };
}

export function describeRulesHandler(input: DescribeRulesInput, ctx: RequestContext): DescribeRulesOutput {
  const listenerArn = optionalString(input.ListenerArn, 'ListenerArn');
  const arns = asList(input.RuleArns).map(String);
  const filter = { ...(listenerArn !== undefined && { listenerArn }), arns };
  return elbv2Model(ctx).describeRules(filter, pageInput(input));
}

export function modifyRuleHandler(input: ModifyRuleInput, ctx: RequestContext): ModifyRuleOutput {
  const changes = {
    ...(input.Conditions !== undefined && { conditions: parseConditions(structureList(input.Conditions, 'Conditions')) }),
    ...(input.Actions !== undefined && { actions: parseActions(structureList(input.Actions, 'Actions'), 'Actions') }),
  };
  const rule = elbv2Model(ctx).modifyRule(requireString(input.RuleArn, 'RuleArn'), changes);
  return { Rules: [rule] };
}

export function addTagsHandler(input: AddTagsInput, ctx: RequestContext): AddTagsOutput {
  const arns = requireList(input.ResourceArns, 'ResourceArns').map(String);
  elbv2Model(ctx).addTags(arns, tagInputs(requireStructureList(input.Tags, 'Tags')));
  return {};
}

export function describeTagsHandler(input: DescribeTagsInput, ctx: RequestContext): DescribeTagsOutput {
  const arns = requireList(input.ResourceArns, 'ResourceArns').map(String);
  return { TagDescriptions: elbv2Model(ctx).describeTags(arns) };
}

export function removeTagsHandler(input: RemoveTagsInput, ctx: RequestContext): RemoveTagsOutput {
  const arns = requireList(input.ResourceArns, 'ResourceArns').map(String);
  elbv2Model(ctx).removeTags(arns, requireList(input.TagKeys, 'TagKeys').map(String));
  return {};
}
