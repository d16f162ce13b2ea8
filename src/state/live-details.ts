/**
 * What runs for a unit, in the detail `gitmoxi status` shows: each task definition revision with its images and
 * counts, and for blue/green each task set with the share of traffic its target groups get from the listeners and
 * rules; for Lambda the alias with its routing weights; for a BLUE_GREEN, LINEAR or CANARY service, ECS's newest
 * service deployment. Reads task definitions (once per revision) and routes, so only `status` asks for it, never
 * `poll`.
 */
import type { EcsServiceState } from '../deploy/ports/ecs-port.js';
import type { ForwardRoute } from '../deploy/ports/elb-port.js';
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import { targetGroupsOf } from '../deploy/ecs-bluegreen/sides.js';
import type { LiveUnit } from './live-state.js';
import { arnName, targetGroupName } from '../short-names.js';
import { describeNative, nativeDetails, type NativeDetails } from './native-details.js';

interface RevisionDetails {
  /** `family:revision`. */
  revision: string;
  images: string[];
  /** PRIMARY/ACTIVE (a rolling deployment) or the task set's status. */
  status: string;
  running: number;
  desired: number;
  /** Blue/green: the task set's id, its target groups (by name) and the share of traffic they get, 0–100. */
  taskSet?: string;
  targetGroups?: string[];
  trafficPercent?: number;
}

export interface LiveDetails {
  revisions?: RevisionDetails[];
  running?: number;
  desired?: number;
  alias?: { name: string; version: string; weights: Record<string, number> } | null;
  /** A BLUE_GREEN, LINEAR or CANARY service: its strategy and its newest service deployment (native-details.ts). */
  native?: NativeDetails;
}

export async function liveDetails(unit: LiveUnit, ports: RegionPorts, images: (arn: string) => Promise<string[]>): Promise<LiveDetails | null> {
  if (unit.alias !== undefined)
    return { alias: unit.alias === null ? null : { name: unit.alias.name, version: unit.alias.functionVersion, weights: unit.alias.additionalWeights } };
  const service = unit.service;
  if (service === undefined) return null;
  const [revisions, native] = await Promise.all([
    service.deploymentControllerType === 'EXTERNAL' ? taskSetDetails(service, ports, images) : deploymentDetails(service, images),
    nativeDetails(service, ports),
  ]);
  return { revisions, running: service.runningCount, desired: service.desiredCount, ...(native ? { native } : {}) };
}

async function deploymentDetails(service: EcsServiceState, images: (arn: string) => Promise<string[]>): Promise<RevisionDetails[]> {
  return Promise.all(
    service.deployments.map(async (d) => ({
      revision: arnName(d.taskDefinitionArn),
      images: await images(d.taskDefinitionArn),
      status: d.status,
      running: d.runningCount,
      desired: d.desiredCount,
    })),
  );
}

async function taskSetDetails(service: EcsServiceState, ports: RegionPorts, images: (arn: string) => Promise<string[]>): Promise<RevisionDetails[]> {
  const groups = [...new Set(service.taskSets.flatMap(targetGroupsOf))];
  const routes = groups.length === 0 ? [] : await ports.loadBalancing.forwardingRoutes(groups);
  return Promise.all(
    service.taskSets.map(async (ts) => ({
      revision: arnName(ts.taskDefinitionArn),
      images: await images(ts.taskDefinitionArn),
      status: ts.status,
      running: ts.runningCount,
      desired: ts.computedDesiredCount,
      taskSet: ts.id,
      targetGroups: targetGroupsOf(ts).map(targetGroupName),
      trafficPercent: trafficShare(routes, targetGroupsOf(ts)),
    })),
  );
}

/** The largest share any route gives these target groups together, in whole percents. */
function trafficShare(routes: readonly ForwardRoute[], targetGroupArns: readonly string[]): number {
  let share = 0;
  for (const route of routes) {
    const total = route.weights.reduce((sum, w) => sum + w.weight, 0);
    if (total === 0) continue;
    const mine = route.weights.filter((w) => targetGroupArns.includes(w.targetGroupArn)).reduce((sum, w) => sum + w.weight, 0);
    share = Math.max(share, Math.round((mine / total) * 100));
  }
  return share;
}

/** One line: `web:2 (nginx:1.28) PRIMARY 2/2`, `web:3 (nginx:1.29) task set ecs-svc/1 ACTIVE 2/2, 20% of traffic`. */
export function describeDetails(details: LiveDetails): string {
  if (details.alias !== undefined) {
    if (details.alias === null) return 'no alias';
    const extra = Object.entries(details.alias.weights).map(([version, weight]) => `version ${version}: ${Math.round(weight * 100)}%`);
    return `alias ${details.alias.name} → version ${details.alias.version}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
  }
  const parts = (details.revisions ?? []).map((r) => {
    const traffic = r.trafficPercent === undefined ? '' : `, ${r.trafficPercent}% of traffic`;
    return `${r.revision} (${r.images.join(', ') || 'image unknown'}) ${r.status} ${r.running}/${r.desired}${traffic}`;
  });
  const native = details.native ? `; ${describeNative(details.native)}` : '';
  return `${parts.join('; ') || 'no task set'}; ${details.running ?? 0}/${details.desired ?? 0} running${native}`;
}
