/**
 * A minimal SimWorld for ELBv2 model tests: a manual clock, mutable faults, a record of the traffic signals
 * the model sends, and helpers that call the handlers with input shaped as the awsQuery codec decodes it.
 */
import { SimError } from '../../errors.js';
import { ManualClock } from '../../../clock.js';
import { decodeQueryForm, encodeQueryForm } from '../../codecs/aws-query.js';
import type { Fault, RequestContext, ServiceModel, SimWorld, TrafficSignal } from '../../types.js';
import { Elbv2Model } from './model.js';
import { elbv2Service } from './service.js';
import type { TargetGroupSpec } from './target-groups.js';

export const TEST_ACCOUNT = '123456789012';
const TEST_REGION = 'us-east-1';
export const TEST_VPC = 'vpc-0123456789abcdef0';

export interface TestWorld {
  world: SimWorld;
  clock: ManualClock;
  model: Elbv2Model;
  faults: Fault[];
  traffic: TrafficSignal[];
  /** Moves the clock and brings the model up to the new time, as the server does before each request. */
  tick(ms: number): void;
  /** Calls one operation's handler with the input a query client would send for `input`. */
  call(operation: string, input: Record<string, unknown>): unknown;
}

export function createTestWorld(): TestWorld {
  const clock = new ManualClock();
  const faults: Fault[] = [];
  const traffic: TrafficSignal[] = [];
  const models = new Map<string, ServiceModel>();
  const world: SimWorld = {
    clock,
    defaultAccount: TEST_ACCOUNT,
    scenario: {},
    model<T extends ServiceModel>(service: string, account: string, region: string): T {
      if (service !== 'elbv2') throw new Error(`the test world has no ${service} model`);
      const key = `${account}/${region}`;
      const model = models.get(key) ?? new Elbv2Model(world, account, region);
      models.set(key, model);
      return model as T;
    },
    faults: <K extends Fault['kind']>(kind: K) => faults.filter((fault): fault is Extract<Fault, { kind: K }> => fault.kind === kind),
    consumeFault: () => true,
    trafficReached: (signal) => {
      traffic.push(signal);
    },
  };
  const model = world.model('elbv2', TEST_ACCOUNT, TEST_REGION);
  const call = (operation: string, input: Record<string, unknown>): unknown => {
    const handler = elbv2Service.operations[operation];
    if (handler === undefined) throw new Error(`no handler for ${operation}`);
    const decoded = decodeQueryForm(encodeQueryForm(operation, '2015-12-01', input));
    delete decoded['Action'];
    delete decoded['Version'];
    model.advance(clock.now());
    const context: RequestContext = {
      account: TEST_ACCOUNT,
      region: TEST_REGION,
      requestId: 'test-request',
      service: 'elbv2',
      operation,
      protocol: 'awsQuery',
      world,
    };
    return handler(decoded, context);
  };
  return {
    world,
    clock,
    model,
    faults,
    traffic,
    tick: (ms) => {
      clock.advance(ms);
      model.advance(clock.now());
    },
    call,
  };
}

/** An HTTP target group of IP targets on port 80, with the defaults unless `health` overrides them. */
export function ipGroup(name: string, health: TargetGroupSpec['healthCheck'] = {}): TargetGroupSpec {
  return { name, targetType: 'ip', protocol: 'HTTP', port: 80, vpcId: TEST_VPC, healthCheck: health };
}

/** A load balancer with an HTTP :80 listener forwarding to `targetGroupArn`; returns both ARNs. */
export function balancerWithListener(model: Elbv2Model, name: string, targetGroupArn: string): { loadBalancerArn: string; listenerArn: string } {
  const lb = model.createLoadBalancer({
    name,
    type: 'application',
    scheme: 'internet-facing',
    ipAddressType: 'ipv4',
    subnets: ['subnet-a', 'subnet-b'],
    securityGroups: [],
  });
  const listener = model.createListener({
    loadBalancerArn: lb.LoadBalancerArn as string,
    protocol: 'HTTP',
    port: 80,
    certificates: [],
    defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn, weight: 1 }], stickiness: { enabled: false } }],
  });
  return { loadBalancerArn: lb.LoadBalancerArn as string, listenerArn: listener.ListenerArn as string };
}

/** `Code/status` of the SimError `run` throws, or `no error`: lets tests assert AWS error codes in tables. */
export function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SimError) return `${error.code}/${error.status}`;
    throw error;
  }
  return 'no error';
}
