/** Application Load Balancers: creation (provisioning, then active) and DescribeLoadBalancers. */
import { createHash } from 'node:crypto';
import type { IpAddressType, LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { duplicateLoadBalancerName, invalidConfigurationRequest, loadBalancerNotFound, tooManyLoadBalancers, validationError } from './errors.js';
import { canonicalHostedZoneId, dnsName, loadBalancerArn, nextId } from './ids.js';
import type { Page } from './paging.js';
import { paginate } from './paging.js';
import type { Elbv2Scope, Elbv2State, LoadBalancerRecord } from './state.js';

/** A new ALB reports `provisioning` for a while before `active`; in AWS this usually takes a minute or more. */
export const provisioningMs = 60_000;
/** ELBv2 quota: 50 Application Load Balancers per Region per account. */
const maxLoadBalancers = 50;

export interface LoadBalancerSpec {
  name: string;
  type: 'application' | 'network' | 'gateway';
  scheme: 'internet-facing' | 'internal';
  ipAddressType: IpAddressType;
  subnets: string[];
  securityGroups: string[];
  /** Seeded infrastructure skips provisioning and the subnet rule. */
  seeded?: boolean;
}

/** Creates an ALB, or returns the existing one when one of that name has the same settings (idempotent). */
export function createLoadBalancer(state: Elbv2State, scope: Elbv2Scope, spec: LoadBalancerSpec): LoadBalancerRecord {
  if (spec.type !== 'application') {
    throw invalidConfigurationRequest(`Load balancers of type '${spec.type}' are not supported by this simulator`);
  }
  if (spec.name.startsWith('internal-')) throw validationError(`The load balancer name '${spec.name}' cannot begin with 'internal-'`);
  // "You must specify subnets from at least two Availability Zones" for Application Load Balancers.
  if (!spec.seeded && spec.subnets.length < 2) {
    throw validationError('At least two subnets in two different Availability Zones must be specified');
  }
  const existing = [...state.loadBalancers.values()].find((lb) => lb.name === spec.name);
  if (existing !== undefined) {
    if (existing.scheme === spec.scheme && sameList(existing.subnets, spec.subnets)) return existing;
    throw duplicateLoadBalancerName(spec.name);
  }
  if (state.loadBalancers.size >= maxLoadBalancers) throw tooManyLoadBalancers();
  const id = nextId(state, scope, 'loadbalancer');
  const now = scope.now();
  const record: LoadBalancerRecord = {
    arn: loadBalancerArn(scope, spec.name, id),
    name: spec.name,
    id,
    dnsName: dnsName(spec.name, id, scope.region, spec.scheme === 'internal'),
    canonicalHostedZoneId: canonicalHostedZoneId(scope.region),
    scheme: spec.scheme,
    type: 'application',
    ipAddressType: spec.ipAddressType,
    vpcId: vpcIdFor(spec.subnets, scope),
    subnets: spec.subnets,
    securityGroups: spec.securityGroups,
    createdAt: now,
    activeAt: spec.seeded ? now : now + provisioningMs,
  };
  state.loadBalancers.set(record.arn, record);
  return record;
}

/** There is no EC2 model to ask which VPC the subnets are in: derive a stable id from them. */
function vpcIdFor(subnets: string[], scope: Elbv2Scope): string {
  const seed = subnets.length > 0 ? [...subnets].sort().join(',') : `${scope.account}/${scope.region}/default`;
  return `vpc-${createHash('sha256').update(seed).digest('hex').slice(0, 17)}`;
}

function sameList(a: string[], b: string[]): boolean {
  return [...a].sort().join(',') === [...b].sort().join(',');
}

export function loadBalancer(state: Elbv2State, arn: string): LoadBalancerRecord {
  const record = state.loadBalancers.get(arn);
  if (record === undefined) throw loadBalancerNotFound(`Load balancer '${arn}' not found`);
  return record;
}

export function describeLoadBalancers(
  state: Elbv2State,
  filter: { arns?: string[]; names?: string[] },
  page: { marker?: string; pageSize?: number },
): Page<LoadBalancerRecord> {
  const all = [...state.loadBalancers.values()].sort((a, b) => a.createdAt - b.createdAt);
  let selected = all;
  if (filter.arns !== undefined && filter.arns.length > 0) {
    selected = filter.arns.map((arn) => loadBalancer(state, arn));
  } else if (filter.names !== undefined && filter.names.length > 0) {
    const missing = filter.names.filter((name) => !all.some((lb) => lb.name === name));
    if (missing.length > 0) throw loadBalancerNotFound(`Load balancers '[${missing.join(', ')}]' not found`);
    selected = all.filter((lb) => filter.names?.includes(lb.name));
  }
  return paginate(selected, page);
}

export function renderLoadBalancer(record: LoadBalancerRecord, now: number): LoadBalancer {
  const active = now >= record.activeAt;
  const region = record.arn.split(':')[3] ?? '';
  return {
    LoadBalancerArn: record.arn,
    DNSName: record.dnsName,
    CanonicalHostedZoneId: record.canonicalHostedZoneId,
    CreatedTime: new Date(record.createdAt),
    LoadBalancerName: record.name,
    Scheme: record.scheme,
    VpcId: record.vpcId,
    State: { Code: active ? 'active' : 'provisioning' },
    Type: record.type,
    AvailabilityZones: record.subnets.map((subnet, index) => ({
      ZoneName: `${region}${String.fromCharCode(97 + (index % 6))}`,
      SubnetId: subnet,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: record.securityGroups,
    IpAddressType: record.ipAddressType,
  };
}
