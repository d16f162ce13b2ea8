/**
 * A minimal SimWorld for ECS model tests: a manual clock, mutable faults (with counts honoured), a scenario,
 * and a fake target registry whose targets turn healthy a fixed time after registration and drain for a fixed
 * time after deregistration. `call` runs a handler with JSON-shaped input, as the awsJson codec decodes it.
 */
import { ManualClock } from '../../../clock.js';
import type { Fault, RequestContext, Scenario, ServiceModel, SimTarget, SimWorld, TargetHealthState, TargetRegistry } from '../../types.js';
import { EcsModel } from './model.js';
import { ecsService } from './service.js';

const TEST_ACCOUNT = '123456789012';
const TEST_REGION = 'us-east-1';
export const TEST_TARGET_GROUP = `arn:aws:elasticloadbalancing:${TEST_REGION}:${TEST_ACCOUNT}:targetgroup/web-blue/0123456789abcdef`;
export const TEST_TARGET_GROUP_GREEN = `arn:aws:elasticloadbalancing:${TEST_REGION}:${TEST_ACCOUNT}:targetgroup/web-green/fedcba9876543210`;

interface FakeTarget {
  id: string;
  port: number;
  registeredAt: number;
  deregisteredAt?: number;
  meta?: SimTarget['meta'];
}

/** Targets are `initial`, then `healthy` (or `unhealthy` for failing groups), then `draining`, then gone. */
class FakeTargetRegistry implements TargetRegistry, ServiceModel {
  readonly groups = new Map<string, FakeTarget[]>();
  readonly failing = new Set<string>();

  constructor(
    private readonly clock: ManualClock,
    public healthyAfterMs: number,
    public drainMs: number,
  ) {}

  targetGroupExists(arn: string): boolean {
    return this.groups.has(arn);
  }

  registerTargets(arn: string, targets: SimTarget[]): void {
    const group = this.groups.get(arn) ?? [];
    for (const t of targets) {
      const target: FakeTarget = { id: t.id, port: t.port ?? 80, registeredAt: this.clock.now() };
      if (t.meta) target.meta = t.meta;
      group.push(target);
    }
    this.groups.set(arn, group);
  }

  deregisterTargets(arn: string, targets: { id: string; port?: number }[]): void {
    for (const target of this.live(arn)) {
      if (targets.some((t) => t.id === target.id && (t.port ?? 80) === target.port)) target.deregisteredAt = this.clock.now();
    }
  }

  targetState(arn: string, id: string, port?: number): TargetHealthState | undefined {
    const now = this.clock.now();
    const matches = (this.groups.get(arn) ?? []).filter((t) => t.id === id && t.port === (port ?? 80));
    const target = matches.find((t) => t.deregisteredAt === undefined) ?? matches[0];
    if (!target) return undefined;
    if (target.deregisteredAt !== undefined) return now < target.deregisteredAt + this.drainMs ? 'draining' : undefined;
    if (now < target.registeredAt + this.healthyAfterMs) return 'initial';
    return this.failing.has(arn) ? 'unhealthy' : 'healthy';
  }

  /** Registered and not deregistered. */
  live(arn: string): FakeTarget[] {
    return (this.groups.get(arn) ?? []).filter((t) => t.deregisteredAt === undefined);
  }

  snapshot(): unknown {
    return Object.fromEntries(this.groups);
  }
}

export interface EcsTestWorld {
  world: SimWorld;
  clock: ManualClock;
  model: EcsModel;
  registry: FakeTargetRegistry;
  faults: Fault[];
  /** Moves the clock by `seconds` in steps of at most `step` seconds, advancing the model after each. */
  tick(seconds: number, step?: number): void;
  /** Calls one operation's handler with `input` as the JSON codec would decode it. */
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): T;
}

export interface EcsTestWorldOptions {
  scenario?: Scenario;
  healthyAfterSeconds?: number;
  drainSeconds?: number;
  /** Leave out the target registry (a world without ELBv2). */
  withoutElbv2?: boolean;
}

export function createEcsTestWorld(options: EcsTestWorldOptions = {}): EcsTestWorld {
  const clock = new ManualClock();
  const faults: Fault[] = [...(options.scenario?.faults ?? [])];
  const used = new Map<Fault, number>();
  const registry = new FakeTargetRegistry(clock, (options.healthyAfterSeconds ?? 20) * 1000, (options.drainSeconds ?? 30) * 1000);
  registry.groups.set(TEST_TARGET_GROUP, []);
  registry.groups.set(TEST_TARGET_GROUP_GREEN, []);
  const usedUp = (f: Fault) => 'count' in f && f.count !== undefined && (used.get(f) ?? 0) >= f.count;
  let model: EcsModel | undefined;
  const world: SimWorld = {
    clock,
    defaultAccount: TEST_ACCOUNT,
    scenario: options.scenario ?? {},
    model<T extends ServiceModel>(service: string, account: string, region: string): T {
      if (service === 'elbv2' && !options.withoutElbv2) return registry as unknown as T;
      if (service !== 'ecs' || account !== TEST_ACCOUNT || region !== TEST_REGION) throw new Error(`no ${service} model`);
      model ??= new EcsModel(world, account, region);
      return model as unknown as T;
    },
    faults: <K extends Fault['kind']>(kind: K) => faults.filter((f): f is Extract<Fault, { kind: K }> => f.kind === kind && !usedUp(f)),
    consumeFault: (fault) => {
      if (usedUp(fault)) return false;
      used.set(fault, (used.get(fault) ?? 0) + 1);
      return true;
    },
    trafficReached: () => undefined,
  };
  const ecs = world.model('ecs', TEST_ACCOUNT, TEST_REGION);
  return {
    world,
    clock,
    model: ecs,
    registry,
    faults,
    tick(seconds, step = 1) {
      let left = seconds;
      while (left > 0) {
        const move = Math.min(step, left);
        clock.advance(move * 1000);
        ecs.advance(clock.now());
        left -= move;
      }
    },
    call<T>(operation: string, input: Record<string, unknown>): T {
      const handler = ecsService.operations[operation];
      if (!handler) throw new Error(`no handler for ${operation}`);
      ecs.advance(clock.now());
      const context: RequestContext = {
        account: TEST_ACCOUNT,
        region: TEST_REGION,
        requestId: 'test-request',
        service: 'ecs',
        operation,
        protocol: 'awsJson1_1',
        world,
      };
      return handler(JSON.parse(JSON.stringify(input)), context) as T;
    },
  };
}
