/**
 * ARNs and ids in ELBv2's formats. Ids are derived from a per-model sequence, not from randomness, so a
 * replayed scenario produces the same ARNs.
 */
import { createHash } from 'node:crypto';
import type { Elbv2Scope, Elbv2State } from './state.js';

/** 16 hex digits, the length of real load balancer, listener, rule and target group ids. */
export function nextId(state: Elbv2State, scope: Elbv2Scope, kind: string): string {
  state.sequence += 1;
  return createHash('sha256').update(`${scope.account}/${scope.region}/${kind}/${state.sequence}`).digest('hex').slice(0, 16);
}

function arnPrefix(scope: Elbv2Scope): string {
  return `arn:aws:elasticloadbalancing:${scope.region}:${scope.account}`;
}

export function loadBalancerArn(scope: Elbv2Scope, name: string, id: string): string {
  return `${arnPrefix(scope)}:loadbalancer/app/${name}/${id}`;
}

export function targetGroupArn(scope: Elbv2Scope, name: string, id: string): string {
  return `${arnPrefix(scope)}:targetgroup/${name}/${id}`;
}

/** `listener/app/NAME/LBID/LISTENERID`: the listener ARN embeds its load balancer's name and id. */
export function listenerArn(loadBalancerArnValue: string, id: string): string {
  return `${loadBalancerArnValue.replace(':loadbalancer/', ':listener/')}/${id}`;
}

/** `listener-rule/app/NAME/LBID/LISTENERID/RULEID`. */
export function ruleArn(listenerArnValue: string, id: string): string {
  return `${listenerArnValue.replace(':listener/', ':listener-rule/')}/${id}`;
}

/** The DNS name AWS gives an ALB: internal ones carry an `internal-` prefix. */
export function dnsName(name: string, id: string, region: string, internal: boolean): string {
  const digits = BigInt(`0x${id.slice(0, 12)}`)
    .toString()
    .slice(0, 10)
    .padStart(10, '0');
  return `${internal ? 'internal-' : ''}${name}-${digits}.${region}.elb.amazonaws.com`;
}

/**
 * Route 53 hosted zone ids of ALBs per region (Elastic Load Balancing endpoints and quotas, AWS General
 * Reference). Unknown regions get us-east-1's.
 */
const hostedZoneIds: Record<string, string> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
};

export function canonicalHostedZoneId(region: string): string {
  return hostedZoneIds[region] ?? 'Z35SXDOTRQ7X7K';
}

/** Which kind of ELBv2 resource an ARN names, from its resource part. */
export function arnKind(arn: string): 'loadbalancer' | 'targetgroup' | 'listener' | 'listener-rule' | undefined {
  const resource = arn.split(':')[5] ?? '';
  const kind = resource.split('/')[0];
  if (kind === 'loadbalancer' || kind === 'targetgroup' || kind === 'listener' || kind === 'listener-rule') return kind;
  return undefined;
}
