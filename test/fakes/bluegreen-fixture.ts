/**
 * A blue/green world for end-to-end tests: two target group pairs (web, api) behind one load balancer, whose
 * port-80 listener and its /api/* path rule forward to web-blue and whose port-8080 listener forwards to
 * api-blue; two alarms. Plus GitMoxi-format EXTERNAL units, and readers for what the simulator saw: the
 * weights every listener and rule was given, and the task sets that run.
 */
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { startSimulator, type Simulator } from '../../src/sim/server.js';
import type { Scenario } from '../../src/sim/types.js';
import { ecsClient, testClock } from './sim-fixture.js';
import type { FileTree } from './temp-repo.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Slower than the rolling tests' clock: a poll then spans a few simulated seconds, so steps stay distinct. */
const blueGreenTimeScale = 100;

const group = (name: string) => ({
  name,
  targetType: 'ip' as const,
  protocol: 'HTTP' as const,
  port: 80,
  healthCheckIntervalSeconds: 5,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
  deregistrationDelaySeconds: 5,
});

export const blueGreenScenario: Scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: 'demo' }],
    targetGroups: ['web-blue', 'web-green', 'api-blue', 'api-green'].map(group),
    loadBalancers: [
      {
        name: 'demo',
        listeners: [
          { port: 80, targetGroup: 'web-blue', rules: [{ priority: 10, pathPattern: '/api/*', targetGroup: 'web-blue' }] },
          { port: 8080, targetGroup: 'api-blue' },
        ],
      },
    ],
    alarms: [{ name: 'web-5xx' }, { name: 'web-latency' }],
  },
};

export async function startBlueGreenSimulator(scenario: Scenario = blueGreenScenario): Promise<Simulator> {
  return startSimulator({ clock: testClock(blueGreenTimeScale), scenario });
}

interface ElbState {
  listeners: { arn: string; port: number }[];
  rules: { arn: string; priority: number }[];
  targetGroups: { arn: string; name: string; targets: { id: string; state: string }[] }[];
}

function elbState(sim: Simulator): ElbState {
  const snapshot = sim.control.state() as unknown as { accounts: Record<string, Record<string, { elbv2: ElbState }>> };
  const region = Object.values(snapshot.accounts)[0]?.['us-east-1'];
  if (!region) throw new Error('no us-east-1 state');
  return region.elbv2;
}

/** ARNs of the seeded target groups by name. */
export function targetGroupArns(sim: Simulator): Record<string, string> {
  return Object.fromEntries(elbState(sim).targetGroups.map((g) => [g.name, g.arn]));
}

/** `listener:80`, `listener:8080`, `rule:10` by ARN. */
function routeLabels(sim: Simulator): Map<string, string> {
  const state = elbState(sim);
  return new Map([...state.listeners.map((l) => [l.arn, `listener:${l.port}`] as const), ...state.rules.map((r) => [r.arn, `rule:${r.priority}`] as const)]);
}

interface QueryAction {
  Type?: string;
  TargetGroupArn?: string;
  ForwardConfig?: { TargetGroups?: { TargetGroupArn?: string; Weight?: string }[] };
}

/**
 * Every weight change the simulator accepted, per route, in order: `web-blue=80 web-green=20`. Read from the call
 * log (ModifyListener's DefaultActions, ModifyRule's Actions), as ELB received them.
 */
export function weightHistory(sim: Simulator): Record<string, string[]> {
  const labels = routeLabels(sim);
  const names = new Map(Object.entries(targetGroupArns(sim)).map(([name, arn]) => [arn, name]));
  const history: Record<string, string[]> = {};
  for (const call of sim.control.calls()) {
    if (call.outcome !== 'ok' || (call.operation !== 'ModifyListener' && call.operation !== 'ModifyRule')) continue;
    const params = call.params as { ListenerArn?: string; RuleArn?: string; DefaultActions?: QueryAction[]; Actions?: QueryAction[] };
    const arn = params.ListenerArn ?? params.RuleArn ?? '';
    const forward = (params.DefaultActions ?? params.Actions ?? []).find((a) => a.Type === 'forward');
    const tuples = forward?.ForwardConfig?.TargetGroups ?? (forward?.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn, Weight: '1' }] : []);
    const text = tuples.map((t) => `${names.get(t.TargetGroupArn ?? '') ?? t.TargetGroupArn}=${t.Weight ?? '1'}`).join(' ');
    const label = labels.get(arn) ?? arn;
    history[label] ??= [];
    history[label].push(text);
  }
  return history;
}

/** The index in the call log of each weight change and of each task set deletion, for ordering assertions. */
export function callIndex(sim: Simulator, operation: string): number[] {
  return sim.control
    .calls()
    .map((call, index) => (call.operation === operation && call.outcome === 'ok' ? index : -1))
    .filter((index) => index >= 0);
}

/** The service's task sets (status, task definition family:revision, running count, target groups by name). */
export async function liveTaskSets(sim: Simulator, name: string) {
  const out = await ecsClient(sim).send(new DescribeServicesCommand({ cluster: 'demo', services: [name], include: ['TAGS'] }));
  const service = out.services?.[0];
  const names = new Map(Object.entries(targetGroupArns(sim)).map(([tgName, arn]) => [arn, tgName]));
  const taskSets = (service?.taskSets ?? []).map((ts) => ({
    status: ts.status,
    taskDefinition: (ts.taskDefinition ?? '').slice((ts.taskDefinition ?? '').lastIndexOf('/') + 1),
    running: ts.runningCount,
    computed: ts.computedDesiredCount,
    capacity: (ts.capacityProviderStrategy ?? []).map((c) => c.capacityProvider).join('+') || ts.launchType,
    targetGroups: (ts.loadBalancers ?? []).map((lb) => names.get(lb.targetGroupArn ?? '') ?? lb.targetGroupArn),
  }));
  return { status: service?.status, tags: Object.fromEntries((service?.tags ?? []).map((t) => [t.key, t.value])), taskSets };
}

/** The current forward weights of every listener and rule, as `web-blue=100 web-green=0`. */
export function currentWeights(sim: Simulator): Record<string, string> {
  const snapshot = sim.control.state() as unknown as {
    accounts: Record<
      string,
      Record<string, { elbv2: { listeners: { port: number; defaultActions: QueryActionOut[] }[]; rules: { priority: number; actions: QueryActionOut[] }[] } }>
    >;
  };
  const elb = Object.values(snapshot.accounts)[0]?.['us-east-1']?.elbv2;
  const names = new Map(Object.entries(targetGroupArns(sim)).map(([name, arn]) => [arn, name]));
  const text = (actions: QueryActionOut[]) =>
    (actions.find((a) => a.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [])
      .map((t) => `${names.get(t.TargetGroupArn) ?? t.TargetGroupArn}=${t.Weight}`)
      .join(' ');
  return Object.fromEntries([
    ...(elb?.listeners ?? []).map((l) => [`listener:${l.port}`, text(l.defaultActions)] as const),
    ...(elb?.rules ?? []).map((r) => [`rule:${r.priority}`, text(r.actions)] as const),
  ]);
}

interface QueryActionOut {
  Type: string;
  ForwardConfig?: { TargetGroups: { TargetGroupArn: string; Weight: number }[] };
}

export interface BlueGreenUnitSpec {
  name: string;
  image: string;
  targetGroups: Record<string, string>;
  /** Also put the service in the api pair (listener 8080). */
  bothPairs?: boolean;
  desiredCount?: number;
  /** Place tasks on FARGATE_SPOT, with FARGATE as the fallback. */
  spot?: boolean;
  depdef?: Record<string, unknown>;
}

/** The files of one EXTERNAL (blue/green) unit under `services/NAME/NAME`. */
export function blueGreenUnit(spec: BlueGreenUnitSpec): FileTree {
  const prefix = `services/${spec.name}/${spec.name}`;
  const tg = spec.targetGroups;
  const pairs: [string, string][] = [[tg['web-blue'] ?? '', tg['web-green'] ?? '']];
  if (spec.bothPairs) pairs.push([tg['api-blue'] ?? '', tg['api-green'] ?? '']);
  const svcdef = {
    cluster: 'demo',
    serviceName: spec.name,
    desiredCount: spec.desiredCount ?? 2,
    deploymentController: { type: 'EXTERNAL' },
    ...(spec.spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'DISABLED' } },
    loadBalancers: pairs.map(([blue]) => ({ targetGroupArn: blue, containerName: 'app', containerPort: 80 })),
  };
  const taskdef = {
    family: spec.name,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: '{{ image }}', essential: true, portMappings: [{ containerPort: 80 }] }],
  };
  const depdef = {
    environment: { region: 'us-east-1' },
    trafficShiftingConfig: { type: 'LINEAR', percent: 20, waitInterval: 30 },
    targetGroupArnPairs: pairs,
    stabilityCheck: { pollInterval: 5, timeout: 300 },
    gmDeploymentCircuitBreaker: { failureThreshold: 2 },
    alarms: { alarmNames: ['web-5xx', 'web-latency'] },
    ...(spec.spot ? { fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] } : {}),
    ...spec.depdef,
  };
  return {
    [`${prefix}_svcdef.json`]: JSON.stringify(svcdef, null, 2),
    [`${prefix}_taskdef.json`]: JSON.stringify(taskdef, null, 2),
    [`${prefix}_depdef.json`]: JSON.stringify(depdef, null, 2),
    [`${prefix}_input.json`]: JSON.stringify({ image: spec.image }, null, 2),
  };
}
