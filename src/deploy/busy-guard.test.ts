import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import type { UnitDefinitions } from '../defs/validate.js';
import type { DeployableUnit } from '../plan/types.js';
import { guardUnit, runGuarded, type GuardOptions } from './busy-guard.js';
import type { UnitContext } from './context.js';
import type { EcsDeploymentState, EcsServiceState } from './ports/ecs-port.js';
import type { LambdaAliasState, LambdaFunctionState } from './ports/lambda-port.js';
import type { RegionPorts } from './ports/region-ports.js';
import type { Tags } from './ports/tagging-port.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const minute = 60 * 1000;

/** A port that answers the reads it is given and records every other call: the guard must never make one. */
function recording<T extends object>(reads: Partial<T>, mutations: string[]): T {
  return new Proxy(reads, {
    get: (target, key) => (target as Record<PropertyKey, unknown>)[key] ?? (async () => void mutations.push(String(key))),
  }) as T;
}

const deployment = (revision: number, status: string, rolloutState: string): EcsDeploymentState => ({
  id: `ecs-svc/${revision}`,
  status,
  taskDefinitionArn: `arn:aws:ecs:us-east-1:1:task-definition/web:${revision}`,
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  failedTasks: 0,
  rolloutState,
});

const rolling = (tags: Tags): EcsServiceState => ({
  serviceArn: 'arn:svc/web',
  serviceName: 'web',
  clusterArn: 'arn:cluster/demo',
  status: 'ACTIVE',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:2',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  deploymentControllerType: 'ECS',
  deployments: [deployment(2, 'PRIMARY', 'IN_PROGRESS'), deployment(1, 'ACTIVE', 'COMPLETED')],
  events: [],
  loadBalancers: [],
  tags,
  taskSets: [],
});

const settled = (tags: Tags): EcsServiceState => ({ ...rolling(tags), deployments: [deployment(2, 'PRIMARY', 'COMPLETED')] });

interface World {
  clock: ManualClock;
  ctx: UnitContext;
  events: { type: string }[];
  mutations: string[];
  controller: AbortController;
}

/** An ECS rolling unit whose service reads as `states` in turn (the last one from then on). */
function ecsWorld(states: (EcsServiceState | null)[], strategy: DeployableUnit['strategy'] = 'ecs-rolling'): World {
  const clock = new ManualClock();
  const mutations: string[] = [];
  const events: { type: string }[] = [];
  const controller = new AbortController();
  let reads = 0;
  const ecs = recording<RegionPorts['ecs']>({ describeService: async () => (await tick(), states[Math.min(reads++, states.length - 1)] ?? null) }, mutations);
  const ports = { region: 'us-east-1', ecs, lambda: recording<RegionPorts['lambda']>({}, mutations) } as unknown as RegionPorts;
  const planned = {
    prefix: 'services/web/web',
    action: 'deploy',
    strategy,
    identity: { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'web' },
  } as DeployableUnit;
  const ctx: UnitContext = { planned, commit: 'c3', ports, clock, signal: controller.signal, emit: (event) => events.push(event) };
  return { clock, ctx, events, mutations, controller };
}

const ecsDefs = { platform: 'ecs', svcdef: { cluster: 'demo', serviceName: 'web' }, depdef: {} } as unknown as UnitDefinitions;

const drive = <T>(clock: ManualClock, work: Promise<T>, stepMs = 10_000): Promise<T> => clock.drive(work, stepMs);

const options: GuardOptions = { timeoutMs: 15 * minute };

/** Another run's mark (driver-mark.ts), expiring this many minutes after the manual clock's start. */
const locked = (minutes = 60): Tags => ({ 'gitmoxi:lock': `abc123/other until ${new Date(Date.UTC(2026, 0, 1) + minutes * minute).toISOString()}` });

test('nothing in flight: go on at once, one describe, no wait', async () => {
  const world = ecsWorld([settled({ 'gitmoxi:hash': 'h1' })]);
  assert.is(await guardUnit(world.ctx, ecsDefs, options), null);
  assert.equal(world.events, []);
  assert.equal(world.mutations, []);
});

test('no service yet: go on (the strategy creates it)', async () => {
  const world = ecsWorld([null]);
  const told: Tags[] = [];
  assert.is(await guardUnit(world.ctx, ecsDefs, { ...options, onRead: (tags) => told.push(tags) }), null);
  assert.equal(told, [{}]);
});

test('driven by another run: wait until its mark is gone (it has tagged the service by then), then go on', async () => {
  const states = [rolling({ 'gitmoxi:hash': 'h1', ...locked() }), rolling({ 'gitmoxi:hash': 'h1', ...locked() }), settled({ 'gitmoxi:hash': 'h2' })];
  const world = ecsWorld(states);
  const started = world.clock.now();
  const told: Tags[] = [];
  assert.is(await drive(world.clock, guardUnit(world.ctx, ecsDefs, { ...options, onRead: (tags) => told.push(tags) })), null);
  assert.equal(
    world.events.map((e) => e.type),
    ['unit.phase', 'wait.started'],
  );
  assert.is(world.clock.now() - started, 20_000, 'two more looks, 10 s apart');
  assert.equal(told.at(-1), { 'gitmoxi:hash': 'h2' }, 'the tags as they are when this run goes on');
  assert.equal(world.mutations, []);
});

test('in flight but driven by no run (a killed run, a deployment by hand): superseded at once, no wait', async () => {
  const world = ecsWorld([rolling({})]);
  assert.is(await guardUnit(world.ctx, ecsDefs, options), null);
  assert.equal(
    world.events.map((e) => e.type),
    ['unit.phase'],
  );
  assert.match(JSON.stringify(world.events), /no gitmoxi run drives what is in flight/);
});

test("a killed run's mark that has expired does not hold anyone up", async () => {
  const world = ecsWorld([rolling(locked(-1))]);
  assert.is(await guardUnit(world.ctx, ecsDefs, options), null);
});

test('a run reading its alias before shifting (nothing in flight yet) is still waited for', async () => {
  const world = ecsWorld([settled(locked()), settled({ 'gitmoxi:hash': 'h2' })]);
  assert.is(await drive(world.clock, guardUnit(world.ctx, ecsDefs, options)), null);
  assert.equal(
    world.events.map((e) => e.type),
    ['unit.phase', 'wait.started'],
  );
});

test('still driven at the bound: busy, E_BUSY, nothing changed', async () => {
  const world = ecsWorld([rolling(locked())]);
  const before = world.clock.now();
  const result = await drive(world.clock, guardUnit(world.ctx, ecsDefs, { timeoutMs: minute }));
  assert.is(result?.outcome, 'busy');
  assert.is(result?.error?.code, 'E_BUSY');
  assert.match(result?.error?.message ?? '', /gitmoxi run abc123\/other is deploying it; ECS deployment ecs-svc\/2 of web:2 is IN_PROGRESS/);
  assert.match(result?.report?.action ?? '', /--busy-timeout/);
  assert.is(world.clock.now() - before, minute);
  assert.equal(world.mutations, []);
});

test('--busy-timeout 0: busy at once', async () => {
  const world = ecsWorld([rolling(locked())]);
  const result = await guardUnit(world.ctx, ecsDefs, { timeoutMs: 0 });
  assert.is(result?.outcome, 'busy');
});

test('interrupted while waiting: skipped, interrupted', async () => {
  const world = ecsWorld([rolling(locked())]);
  const guarded = guardUnit(world.ctx, ecsDefs, options);
  while (world.clock.waiting === 0) await tick();
  world.controller.abort();
  const result = await guarded;
  assert.equal([result?.outcome, result?.interrupted], ['skipped', true]);
});

test('pinned: left alone without waiting, even while something is in flight', async () => {
  const world = ecsWorld([rolling({ 'gitmoxi:pinned': 'c2', ...locked() })]);
  const asked: Tags[] = [];
  const pinnedGate: GuardOptions['pinnedGate'] = async (_unit, tags) => (asked.push(tags), { pinned: 'c2' });
  const result = await guardUnit(world.ctx, ecsDefs, { ...options, pinnedGate });
  assert.is(result?.outcome, 'pinned');
  assert.match(result?.note ?? '', /gitmoxi rollback --unpin services\/web\/web/);
  assert.is(result?.revision, 'arn:aws:ecs:us-east-1:1:task-definition/web:2');
  assert.is(asked.length, 1);
  assert.equal(world.events, []);
});

test('a pin the gate releases (a newer commit changed the unit): go on', async () => {
  const world = ecsWorld([settled({ 'gitmoxi:pinned': 'c2' })]);
  assert.is(await guardUnit(world.ctx, ecsDefs, { ...options, pinnedGate: async () => null }), null);
});

test('a run that ends by pinning the unit (a rollback) leaves it pinned: left alone', async () => {
  const world = ecsWorld([rolling(locked()), settled({ 'gitmoxi:pinned': 'c2' })]);
  const result = await drive(
    world.clock,
    guardUnit(world.ctx, ecsDefs, { ...options, pinnedGate: async (_unit, tags) => (tags['gitmoxi:pinned'] ? { pinned: 'c2' } : null) }),
  );
  assert.is(result?.outcome, 'pinned');
  assert.equal(world.mutations, []);
});

test('blue/green: its lock handles runs in flight, only the pin is checked here', async () => {
  const world = ecsWorld([rolling(locked())], 'ecs-bluegreen');
  assert.is(await guardUnit(world.ctx, ecsDefs, options), null);
  assert.equal(world.events, []);
});

/** A Lambda unit whose function hash and alias read as the entries of `reads` in turn (the last one from then on). */
function lambdaWorld(reads: [string, Record<string, number>, Tags?][]): World {
  const clock = new ManualClock();
  const mutations: string[] = [];
  const events: { type: string }[] = [];
  const controller = new AbortController();
  let turn = 0;
  const current = () => reads[Math.min(turn, reads.length - 1)] ?? ['', {}, {}];
  const fn = (hash: string, extra: Tags = {}): LambdaFunctionState => ({
    functionName: 'hello',
    functionArn: 'arn:aws:lambda:us-east-1:1:function:hello',
    state: 'Active',
    lastUpdateStatus: 'Successful',
    packageType: 'Zip',
    codeSha256: 'x',
    configuration: {},
    tags: { 'gitmoxi:hash': hash, ...extra },
  });
  const alias = (additionalWeights: Record<string, number>): LambdaAliasState => ({
    name: 'live',
    aliasArn: 'arn:alias',
    functionVersion: '1',
    additionalWeights,
  });
  const lambda = recording<RegionPorts['lambda']>(
    {
      describeFunction: async () => (await tick(), fn(current()[0], current()[2])),
      // Each probe reads the function, then the alias: the alias read moves on to the next turn.
      describeAlias: async (_name, name) => {
        await tick();
        assert.is(name, 'live');
        const answer = alias(current()[1]);
        turn += 1;
        return answer;
      },
    },
    mutations,
  );
  const ports = { region: 'us-east-1', lambda, ecs: recording<RegionPorts['ecs']>({}, mutations) } as unknown as RegionPorts;
  const planned = {
    prefix: 'functions/hello/hello',
    action: 'deploy',
    strategy: 'lambda',
    identity: { platform: 'lambda', region: 'us-east-1', functionName: 'hello' },
  } as DeployableUnit;
  const ctx: UnitContext = { planned, commit: 'c3', ports, clock, signal: controller.signal, emit: (event) => events.push(event) };
  return { clock, ctx, events, mutations, controller };
}

const lambdaDefs = {
  platform: 'lambda',
  lambdadef: { FunctionName: 'hello' },
  depdef: { alias: 'live', trafficShiftingConfig: { waitInterval: 60 } },
} as unknown as UnitDefinitions;

test('Lambda: a shift another run drives is waited for until its mark is gone; GetFunction and GetAlias only', async () => {
  const world = lambdaWorld([
    ['h1', { '2': 0.1 }, locked()],
    ['h1', {}, locked()],
    ['h2', {}],
  ]);
  const started = world.clock.now();
  assert.is(await drive(world.clock, guardUnit(world.ctx, lambdaDefs, options)), null);
  assert.equal(
    world.events.map((e) => e.type),
    ['unit.phase', 'wait.started'],
  );
  assert.is(world.clock.now() - started, 20_000);
  assert.equal(world.mutations, []);
});

test('Lambda: an alias left split by a killed run is superseded at once', async () => {
  const world = lambdaWorld([['h1', { '2': 0.1 }]]);
  assert.is(await guardUnit(world.ctx, lambdaDefs, options), null);
  assert.match(JSON.stringify(world.events), /alias live routes 10% to version 2/);
});

/** One function whose tags are shared by every run: the only state two racing runs have in common. */
function sharedFunction() {
  const tags: Tags = {};
  const fn = (): LambdaFunctionState => ({
    functionName: 'hello',
    functionArn: 'arn:aws:lambda:us-east-1:1:function:hello',
    state: 'Active',
    lastUpdateStatus: 'Successful',
    packageType: 'Zip',
    codeSha256: 'x',
    configuration: {},
    tags: { ...tags },
  });
  const lambda = {
    describeFunction: async () => (await tick(), fn()),
    describeAlias: async () => (await tick(), { name: 'live', aliasArn: 'arn:alias', functionVersion: '1', additionalWeights: {} }),
    tagResource: async (_arn: string, written: Tags) => void (await tick(), Object.assign(tags, written)),
    untagResource: async (_arn: string, keys: readonly string[]) => {
      await tick();
      for (const key of keys) delete tags[key];
    },
  };
  return { tags, ports: { region: 'us-east-1', lambda } as unknown as RegionPorts };
}

test('runGuarded: two runs started together on one function never drive it at once, and leave no mark', async () => {
  const clock = new ManualClock();
  const shared = sharedFunction();
  const planned = {
    prefix: 'functions/hello/hello',
    action: 'deploy',
    strategy: 'lambda',
    hash: 'h2',
    identity: { platform: 'lambda', region: 'us-east-1', functionName: 'hello' },
  } as DeployableUnit;
  const driving: string[] = [];
  const overlaps: string[] = [];
  const run = (name: string) => {
    const ctx: UnitContext = { planned, commit: `c-${name}`, ports: shared.ports, clock, signal: new AbortController().signal, emit: () => undefined };
    return runGuarded(ctx, lambdaDefs, options, async (prefetched) => {
      if (driving.length > 0) overlaps.push(`${name} started while ${driving.join(', ')} drove`);
      assert.ok(prefetched.driverMark !== undefined, "the strategy runs with this run's mark");
      assert.is(shared.tags['gitmoxi:lock']?.split(' until ')[0], prefetched.driverMark?.owner);
      driving.push(name);
      await clock.sleep(90_000);
      driving.splice(driving.indexOf(name), 1);
      return { outcome: 'deployed' };
    });
  };
  const results = await drive(clock, Promise.all([run('a'), run('b')]), 1000);
  assert.equal(
    results.map((r) => r.outcome),
    ['deployed', 'deployed'],
  );
  assert.equal(overlaps, []);
  assert.is(shared.tags['gitmoxi:lock'], undefined);
});

test('runGuarded: the mark is removed when the strategy throws', async () => {
  const clock = new ManualClock();
  const shared = sharedFunction();
  const planned = {
    prefix: 'functions/hello/hello',
    action: 'deploy',
    strategy: 'lambda',
    hash: 'h2',
    identity: { platform: 'lambda', region: 'us-east-1', functionName: 'hello' },
  } as DeployableUnit;
  const ctx: UnitContext = { planned, commit: 'c1', ports: shared.ports, clock, signal: new AbortController().signal, emit: () => undefined };
  const failed = await drive(
    clock,
    runGuarded(ctx, lambdaDefs, options, async () => {
      throw new Error('a bug');
    }).catch((error: Error) => error.message),
    1000,
  );
  assert.is(failed, 'a bug');
  assert.is(shared.tags['gitmoxi:lock'], undefined);
});

test.run();
