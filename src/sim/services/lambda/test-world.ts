/**
 * A minimal SimWorld for model tests: a manual clock, a scenario, and a record of the traffic signals the
 * model sends. Only the Lambda model exists in it.
 */
import type { CreateFunctionRequest } from '@aws-sdk/client-lambda';
import { ManualClock } from '../../../clock.js';
import { SimError } from '../../errors.js';
import type { Fault, Scenario, ServiceModel, SimWorld, TrafficSignal } from '../../types.js';
import { LambdaModel } from './model.js';

export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'us-east-1';
export const TEST_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/lambda-exec`;

export interface TestWorld {
  world: SimWorld;
  clock: ManualClock;
  model: LambdaModel;
  traffic: TrafficSignal[];
  /** Moves the clock and brings the model up to the new time, as the server does before each request. */
  tick(ms: number): void;
}

export function createTestWorld(scenario: Scenario = {}): TestWorld {
  const clock = new ManualClock();
  const traffic: TrafficSignal[] = [];
  const models = new Map<string, ServiceModel>();
  const world: SimWorld = {
    clock,
    defaultAccount: TEST_ACCOUNT,
    scenario,
    model<T extends ServiceModel>(service: string, account: string, region: string): T {
      if (service !== 'lambda') throw new Error(`the test world has no ${service} model`);
      const key = `${account}/${region}`;
      const model = models.get(key) ?? new LambdaModel(world, account, region);
      models.set(key, model);
      return model as T;
    },
    faults: <K extends Fault['kind']>(kind: K) => (scenario.faults ?? []).filter((fault): fault is Extract<Fault, { kind: K }> => fault.kind === kind),
    consumeFault: () => true,
    trafficReached: (signal) => {
      traffic.push(signal);
    },
  };
  const model = world.model('lambda', TEST_ACCOUNT, TEST_REGION);
  return {
    world,
    clock,
    model,
    traffic,
    tick(ms) {
      clock.advance(ms);
      model.advance(clock.now());
    },
  };
}

/** Bytes that pass Lambda's "is this a zip" check: a local file header signature, then `content`. */
export function fakeZip(content: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(content, 'utf8')]));
}

/** Runs `action` and returns the SimError it throws, failing when it throws nothing or something else. */
export function expectSimError(action: () => unknown, code: string, message?: string | RegExp): SimError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof SimError)) throw new Error(`expected ${code}, got ${thrown === undefined ? 'no error' : String(thrown)}`);
  if (thrown.code !== code) throw new Error(`expected ${code}, got ${thrown.code}: ${thrown.message}`);
  const matches = message === undefined || (typeof message === 'string' ? thrown.message === message : message.test(thrown.message));
  if (!matches) throw new Error(`unexpected ${code} message: ${thrown.message}`);
  return thrown;
}

/** A Zip function as most tests need it. */
export function zipFunction(name: string, content = 'v1'): CreateFunctionRequest {
  return { FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { ZipFile: fakeZip(content) } };
}
