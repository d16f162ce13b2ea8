/**
 * What `status` and `poll` say of a service that uses ECS's own BLUE_GREEN, LINEAR or CANARY strategy: its
 * strategy, and its newest service deployment, in flight (status, lifecycle stage, hook answers, production traffic
 * as the listener rule has it now) or ended (SUCCESSFUL, ROLLBACK_SUCCESSFUL with ECS's reason). Reads
 * ListServiceDeployments, DescribeServiceDeployments and DescribeRules. docs/ecs-native.md
 */
import type { EcsServiceState, ServiceDeploymentState } from '../deploy/ports/ecs-port.js';
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import { arnName, targetGroupName } from '../short-names.js';
import { recordOf, recordsOf } from '../is-record.js';

const NATIVE = ['BLUE_GREEN', 'LINEAR', 'CANARY'];
const IN_FLIGHT = ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'];

interface NativeDeploymentDetails {
  serviceDeploymentArn: string;
  /** ECS's status: IN_PROGRESS, SUCCESSFUL, ROLLBACK_SUCCESSFUL, STOPPED, … */
  status: string;
  /** ECS is still moving the service: poll leaves it alone, status calls it Progressing. */
  inFlight: boolean;
  lifecycleStage?: string;
  statusReason?: string;
  rollbackReason?: string;
  /** Production weights on the listener rule now, by target group name; null when there is no rule to read. */
  production: { targetGroup: string; weight: number }[] | null;
  /** Green's share of production as ECS requested it, in percent. */
  greenPercent: number;
  hooks: { stage: string; status: string; function: string }[];
}

export interface NativeDetails {
  strategy: string;
  /** The newest service deployment; null when ECS lists none. */
  deployment: NativeDeploymentDetails | null;
}

/** BLUE_GREEN, LINEAR or CANARY when the service is driven by ECS's own strategy, else undefined. */
export function nativeStrategyOf(service: EcsServiceState): string | undefined {
  if (service.deploymentControllerType !== 'ECS') return undefined;
  const strategy = recordOf(service.settings?.deploymentConfiguration).strategy;
  return typeof strategy === 'string' && NATIVE.includes(strategy) ? strategy : undefined;
}

export async function nativeDetails(service: EcsServiceState, ports: RegionPorts): Promise<NativeDetails | null> {
  const strategy = nativeStrategyOf(service);
  if (strategy === undefined || !ports.ecs.latestServiceDeployment) return null;
  const latest = await ports.ecs.latestServiceDeployment(arnName(service.clusterArn), service.serviceName);
  if (latest === null) return { strategy, deployment: null };
  return { strategy, deployment: { ...summary(latest), production: await productionWeights(service, ports) } };
}

function summary(state: ServiceDeploymentState): Omit<NativeDeploymentDetails, 'production'> {
  const details: Omit<NativeDeploymentDetails, 'production'> = {
    serviceDeploymentArn: state.serviceDeploymentArn,
    status: state.status,
    inFlight: IN_FLIGHT.includes(state.status),
    greenPercent: state.productionWeight,
    hooks: state.hooks.map((h) => ({
      stage: h.stage,
      status: h.status,
      function: h.targetType === 'PAUSE' ? `pause ${h.hookId}` : h.targetArn.split(':').slice(6).join(':') || h.targetArn,
    })),
  };
  if (state.lifecycleStage !== undefined) details.lifecycleStage = state.lifecycleStage;
  if (state.statusReason !== undefined) details.statusReason = state.statusReason;
  if (state.rollbackReason !== undefined) details.rollbackReason = state.rollbackReason;
  return details;
}

/** The production listener rule of the service's load balancer, read now: what clients actually get. */
async function productionWeights(service: EcsServiceState, ports: RegionPorts): Promise<NativeDeploymentDetails['production']> {
  const rules = recordsOf(service.settings?.loadBalancers).map((balancer) => recordOf(balancer.advancedConfiguration).productionListenerRule);
  const rule = rules.find((arn): arn is string => typeof arn === 'string' && arn !== '');
  if (rule === undefined) return null;
  const weights = await ports.loadBalancing.forwardWeights({ kind: 'rule', arn: rule });
  return weights === null ? null : weights.map((w) => ({ targetGroup: targetGroupName(w.targetGroupArn), weight: w.weight }));
}

/**
 * `LINEAR: service deployment IN_PROGRESS in PRODUCTION_TRAFFIC_SHIFT, production web-blue 75% / web-green 25%`,
 * `BLUE_GREEN: last deployment ROLLBACK_SUCCESSFUL (…reason…)`.
 */
export function describeNative(native: NativeDetails): string {
  const d = native.deployment;
  if (d === null) return `${native.strategy}: no service deployment yet`;
  if (!d.inFlight) {
    const why = d.status === 'SUCCESSFUL' ? '' : ` (${d.rollbackReason ?? d.statusReason ?? 'no reason given'})`;
    return `${native.strategy}: last deployment ${d.status}${why}`;
  }
  const parts = [`${native.strategy}: service deployment ${d.status}${d.lifecycleStage ? ` in ${d.lifecycleStage}` : ''}`, `production ${productionText(d)}`];
  if (d.hooks.length > 0) parts.push(`hooks ${d.hooks.map((h) => `${h.stage} ${h.function} ${h.status}`).join(', ')}`);
  return parts.join(', ');
}

function productionText(d: NativeDeploymentDetails): string {
  if (d.production === null || d.production.length === 0) return `${100 - d.greenPercent}% blue / ${d.greenPercent}% green`;
  const total = d.production.reduce((sum, w) => sum + w.weight, 0) || 1;
  return d.production.map((w) => `${w.targetGroup} ${Math.round((w.weight / total) * 100)}%`).join(' / ');
}
