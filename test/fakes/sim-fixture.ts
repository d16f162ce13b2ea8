/**
 * An ECS world for end-to-end deploy tests: the simulator running in the test process on its virtual clock, with a
 * cluster per region, a target group behind a listener, and the log group the task definitions name; plus
 * GitMoxi-format unit files and the real SDK client to read back what runs.
 */
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { VirtualClock } from '../../src/sim/virtual-clock.js';
import { startSimulator, type Simulator } from '../../src/sim/server.js';
import type { Scenario, TrafficSignal } from '../../src/sim/types.js';
import type { FileTree } from './temp-repo.js';

// The SDK's Node 20 notice is for the project's maintainers; keep test output readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** How fast simulated time runs for clients that do not wait on the virtual clock (the test's own SDK reads). */
export const timeScale = 200;

/**
 * The clock of every end-to-end simulator: virtual (docs/simulator.md), so that gitmoxi's waits are waits on
 * simulated time, which moves only when every gitmoxi process waits; durations then do not depend on the load
 * of the machine. `scale` is its speed while no gitmoxi process is registered.
 */
export function testClock(scale: number = timeScale): VirtualClock {
  return new VirtualClock(scale);
}

export const ecsScenario: Scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: 'demo' }, { name: 'demo', region: 'eu-west-1' }],
    targetGroups: [
      { name: 'web', targetType: 'ip', protocol: 'HTTP', port: 80, healthCheckIntervalSeconds: 5, healthyThresholdCount: 2, deregistrationDelaySeconds: 5 },
    ],
    loadBalancers: [{ name: 'demo', listeners: [{ port: 80, targetGroup: 'web' }] }],
  },
};

/**
 * Holds simulated time still until the returned function is called: the test acts as a participant that is
 * busy, so a deployment can make its calls but none of its waits ends. Lets a test act at an exact simulated
 * moment (kill a deployment mid-rollout) however fast the deployment would otherwise run.
 */
export function holdSimulatedTime(sim: Simulator): () => void {
  const clock = sim.control.world.clock;
  if (!(clock instanceof VirtualClock)) return () => undefined;
  const id = clock.register();
  return () => clock.release(id);
}

/**
 * Holds simulated time from the moment traffic first reaches what `matches` picks (a canary's first step): the
 * deployment then stays at that step, however fast it would run on, until the returned release is called.
 */
export function holdTimeWhenTrafficReaches(sim: Simulator, matches: (signal: TrafficSignal) => boolean): { held(): boolean; release(): void } {
  const world = sim.control.world;
  const original = world.trafficReached.bind(world);
  let release: (() => void) | undefined;
  world.trafficReached = (signal) => {
    if (!release && matches(signal)) release = holdSimulatedTime(sim);
    original(signal);
  };
  return { held: () => release !== undefined, release: () => release?.() };
}

/** How many processes wait on the simulator's virtual clock, or hold it. */
export function clockParticipants(sim: Simulator): number {
  const clock = sim.control.world.clock;
  return clock instanceof VirtualClock ? clock.state().participants : 0;
}

export async function startEcsSimulator(scenario: Scenario = ecsScenario): Promise<Simulator> {
  return startSimulator({ clock: testClock(), scenario });
}

export interface UnitSpec {
  name: string;
  image: string;
  region?: string;
  desiredCount?: number;
  targetGroupArn?: string;
  depdef?: Record<string, unknown>;
}

/** The files of one ECS rolling unit under `services/NAME/NAME`. */
export function ecsUnit(spec: UnitSpec): FileTree {
  const prefix = `services/${spec.name}/${spec.name}`;
  const svcdef = {
    cluster: 'demo',
    serviceName: spec.name,
    desiredCount: spec.desiredCount ?? 2,
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'DISABLED' } },
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
    ...(spec.targetGroupArn ? { loadBalancers: [{ targetGroupArn: spec.targetGroupArn, containerName: 'app', containerPort: 80 }] } : {}),
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
    environment: { region: spec.region ?? 'us-east-1' },
    stabilityCheck: { pollInterval: 5, timeout: 300 },
    gmDeploymentCircuitBreaker: { failureThreshold: 2 },
    ...spec.depdef,
  };
  return {
    [`${prefix}_svcdef.json`]: JSON.stringify(svcdef, null, 2),
    [`${prefix}_taskdef.json`]: JSON.stringify(taskdef, null, 2),
    [`${prefix}_depdef.json`]: JSON.stringify(depdef, null, 2),
    [`${prefix}_input.json`]: JSON.stringify({ image: spec.image }, null, 2),
  };
}

export function ecsClient(sim: Simulator, region = 'us-east-1'): ECSClient {
  return new ECSClient({ endpoint: sim.endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

/** What the service runs now, read through the real SDK: its task definition (family:revision), status and tags. */
export async function liveService(sim: Simulator, name: string, region = 'us-east-1') {
  const client = ecsClient(sim, region);
  const out = await client.send(new DescribeServicesCommand({ cluster: 'demo', services: [name], include: ['TAGS'] }));
  const service = out.services?.[0];
  if (!service) return null;
  const taskDefinition = service.taskDefinition ?? '';
  const described = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
  return {
    status: service.status,
    taskDefinition: taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1),
    image: described.taskDefinition?.containerDefinitions?.[0]?.image,
    running: service.runningCount,
    desired: service.desiredCount,
    deployments: service.deployments?.length,
    tags: Object.fromEntries((service.tags ?? []).map((t) => [t.key, t.value])),
  };
}

/** The target group ARN the scenario seeded, read from the simulator's state. */
export function seededTargetGroupArn(sim: Simulator, name: string): string {
  const match = new RegExp(`arn:aws:elasticloadbalancing:[^"]*:targetgroup/${name}/[0-9a-f]+`).exec(JSON.stringify(sim.control.state()));
  if (!match) throw new Error(`no target group ${name}`);
  return match[0];
}

export function mutatingCalls(sim: Simulator): string[] {
  return sim.control
    .calls()
    .filter((c) => c.mutating)
    .map((c) => `${c.service}:${c.operation}`);
}

export type { Simulator };
