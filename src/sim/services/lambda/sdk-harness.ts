/** The simulator on a manual clock with a real Lambda client pointed at it, for the SDK-level tests. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import type { Scenario } from '../../types.js';
import { TEST_REGION } from './test-world.js';

export interface LambdaSim extends Simulator {
  clock: ManualClock;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Moves the simulated clock; state follows on the next request. */
  advance(ms: number): void;
}

export async function startLambdaSim(scenario: Scenario = {}): Promise<LambdaSim> {
  const clock = new ManualClock();
  const sim = await startSimulator({ port: 0, clock, scenario: { region: TEST_REGION, ...scenario } });
  return {
    ...sim,
    clock,
    credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' },
    advance: (ms) => sim.control.advance(ms),
  };
}

/** No retries: a test sees the first answer, errors included. */
export function lambdaClient(sim: LambdaSim): LambdaClient {
  return new LambdaClient({ endpoint: sim.endpoint, region: TEST_REGION, credentials: sim.credentials, maxAttempts: 1 });
}

export { rejection } from '../../../../test/fakes/rejection.js';
