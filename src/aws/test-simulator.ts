/**
 * What the adapter tests share: the simulator on port 0 with a seeded cluster, target groups, a load balancer
 * with a listener and alarms, the region ports under test, and request bodies for a Fargate web service.
 */
import { ManualClock } from '../clock.js';
import type { Svcdef } from '../defs/svcdef-schema.js';
import type { Taskdef } from '../defs/taskdef-schema.js';
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import type { Scenario } from '../sim/types.js';
import type { CallRecord } from '../sim/world.js';
import { regionClients, type AwsConnection, type RegionClients } from './clients.js';
import { createRegionPorts, releaseRegionPorts } from './region-ports.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export const scenario: Scenario = {
  region: REGION,
  account: ACCOUNT,
  infrastructure: {
    clusters: [{ name: 'prod' }],
    targetGroups: ['blue', 'green'].map((name) => ({
      name,
      targetType: 'ip' as const,
      port: 80,
      healthCheckIntervalSeconds: 5,
      healthyThresholdCount: 2,
    })),
    loadBalancers: [{ name: 'web', listeners: [{ port: 80, targetGroup: 'blue' }] }],
    alarms: [{ name: 'web-5xx' }, { name: 'web-latency', state: 'ALARM' }],
  },
};

export interface TestAws {
  sim: Simulator;
  clock: ManualClock;
  connection: AwsConnection;
  ports: RegionPorts;
  /** The raw SDK clients behind the ports, for arranging state the ports cannot. */
  clients: RegionClients;
  close(): Promise<void>;
}

/** A simulator on a manual clock (tests move time), with the ports and clients of its Region. */
export async function startTestAws(extra: Partial<Scenario> = {}): Promise<TestAws> {
  const clock = new ManualClock();
  const sim = await startSimulator({ clock, scenario: { ...scenario, ...extra } });
  const connection: AwsConnection = { region: REGION, endpointUrl: sim.endpoint };
  return {
    sim,
    clock,
    connection,
    ports: createRegionPorts(connection),
    clients: regionClients(connection),
    close: async () => {
      releaseRegionPorts();
      await sim.close();
    },
  };
}

/** The operations the simulator answered, in order, with their outcome (`ok` or the AWS error code). */
export function calls(sim: Simulator, service: CallRecord['service']): { operation: string; outcome: string; params: unknown }[] {
  return sim.control
    .calls()
    .filter((call) => call.service === service)
    .map(({ operation, outcome, params }) => ({ operation, outcome, params }));
}

export function webTaskDefinition(image = 'nginx:1.25'): Taskdef {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [{ name: 'web', image, essential: true, portMappings: [{ containerPort: 80 }] }],
  };
}

export function webService(taskDefinition: string, extra: Partial<Svcdef> = {}): Svcdef {
  return {
    cluster: 'prod',
    serviceName: 'web',
    taskDefinition,
    desiredCount: 2,
    launchType: 'FARGATE',
    networkConfiguration: {
      awsvpcConfiguration: { subnets: ['subnet-aaa', 'subnet-bbb'], securityGroups: ['sg-123'], assignPublicIp: 'DISABLED' },
    },
    ...extra,
  };
}
