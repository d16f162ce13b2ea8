/**
 * A deployment run in the test process: the same planner, engine and SDK adapters `gitmoxi deploy` uses, against
 * the simulator, with a hook on every event so that a test can act at a given moment of the deployment (add
 * faults when the shift starts). Each run has its own SDK clients, as two CLI processes would, so two runs can
 * race on one unit. What the CLI adds (flags, rendering) is covered by the CLI tests.
 */
import { ApiGatewayAdapter } from '../../src/aws/apigateway-adapter.js';
import { createRegionClients } from '../../src/aws/clients.js';
import { CloudWatchAdapter } from '../../src/aws/cloudwatch-adapter.js';
import { EcsAdapter } from '../../src/aws/ecs-adapter.js';
import { Elbv2Adapter } from '../../src/aws/elbv2-adapter.js';
import { LambdaAdapter } from '../../src/aws/lambda-adapter.js';
import { clockForEndpoint, releaseClock, simulatorClockOf } from '../../src/aws/simulator-clock.js';
import type { Clock } from '../../src/clock.js';
import { StsAdapter } from '../../src/aws/sts-adapter.js';
import { TaggingAdapter } from '../../src/aws/tagging-adapter.js';
import type { UnitDefinitions } from '../../src/defs/validate.js';
import { runDeployment } from '../../src/deploy/engine.js';
import type { RegionPorts } from '../../src/deploy/ports/region-ports.js';
import type { UnitResult } from '../../src/events/results.js';
import { GitmoxiError } from '../../src/errors.js';
import type { DeployEvent } from '../../src/events/types.js';
import { makePlan } from '../../src/plan/make-plan.js';
import type { Simulator } from './sim-fixture.js';
import type { TempRepo } from './temp-repo.js';

export interface EngineRun {
  exitCode: number;
  results: UnitResult[];
  events: DeployEvent[];
}

export interface EngineRunOptions {
  from?: string;
  to?: string;
  /** Called with every event as it is emitted, before the engine goes on. */
  onEvent?: (event: DeployEvent) => void;
  busyTimeoutMs?: number;
}

export async function deployInProcess(sim: Simulator, repo: TempRepo, options: EngineRunOptions = {}): Promise<EngineRun> {
  const range = { ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) };
  const { plan, after } = await makePlan({ repoDir: repo.dir, env: {}, defaultRegion: null, force: false, ...range });
  const definitions = new Map<string, UnitDefinitions | null>([...after].map(([prefix, unit]) => [prefix, unit.definitions]));
  const clock = await clockForEndpoint(sim.endpoint);
  const events: DeployEvent[] = [];
  const ports = new Map<string, { ports: RegionPorts; destroy(): void }>();
  const portsFor = (region: string) => {
    let entry = ports.get(region);
    if (!entry) {
      entry = ownPorts(region, sim.endpoint, clock);
      ports.set(region, entry);
    }
    return entry.ports;
  };
  try {
    const outcome = await runDeployment({
      plan,
      definitions,
      portsFor,
      clock,
      emit: (event) => {
        events.push(event);
        options.onEvent?.(event);
      },
      signal: new AbortController().signal,
      concurrency: 4,
      failFast: false,
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    });
    return { exitCode: outcome.exitCode, results: outcome.results, events };
  } catch (error) {
    if (error instanceof GitmoxiError) return { exitCode: error.exitCode, results: [], events };
    throw error;
  } finally {
    for (const entry of ports.values()) entry.destroy();
    await releaseClock(clock);
  }
}

/** Adapters over uncached clients: nothing shared with another run in the same process. */
function ownPorts(region: string, endpointUrl: string, clock: Clock): { ports: RegionPorts; destroy(): void } {
  // On the virtual clock, rate-limit pauses wait on simulated time, as in `gitmoxi deploy`.
  const clients = createRegionClients({ region, endpointUrl, ...(simulatorClockOf(clock)?.virtual ? { simulatorClock: clock } : {}) });
  const identity = new StsAdapter(clients.sts);
  return {
    ports: {
      region,
      ecs: new EcsAdapter(clients.ecs),
      loadBalancing: new Elbv2Adapter(clients.elbv2),
      alarms: new CloudWatchAdapter(clients.cloudwatch),
      identity,
      lambda: new LambdaAdapter(clients.lambda),
      apiGateway: new ApiGatewayAdapter(clients.apiGateway),
      tagging: new TaggingAdapter(clients.tagging, region, () => identity.callerAccount()),
    },
    destroy: () => clients.destroy(),
  };
}
