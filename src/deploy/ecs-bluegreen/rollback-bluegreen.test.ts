/** The order of a blue/green rollback, with in-memory ports that record every call. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../clock.js';
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import { resolveEcsSettings } from '../../defs/depdef-schema.js';
import type { DeployContext } from '../context.js';
import type { EcsTaskSetState } from '../ports/ecs-port.js';
import type { ForwardRoute, RouteRef, TargetGroupWeight } from '../ports/elb-port.js';
import type { RegionPorts } from '../ports/region-ports.js';
import type { FailureReport } from '../../events/results.js';
import { rollbackBlueGreen } from './rollback-bluegreen.js';
import type { BlueGreenRun } from './run.js';

interface World {
  calls: string[];
  routes: ForwardRoute[];
  taskSets: EcsTaskSetState[];
  failWrites: boolean;
}

function ports(world: World): RegionPorts {
  const loadBalancing = {
    forwardingRoutes: async () => world.routes.map((r) => ({ ...r, weights: [...r.weights] })),
    setForwardWeights: async (ref: RouteRef, weights: readonly TargetGroupWeight[]) => {
      world.calls.push(`set ${ref.arn} ${weights.map((w) => `${w.targetGroupArn}=${w.weight}`).join(' ')}`);
      if (world.failWrites) throw new Error('AccessDenied');
      const route = world.routes.find((r) => r.arn === ref.arn);
      if (route) route.weights = [...weights];
    },
    forwardWeights: async (ref: RouteRef) => world.routes.find((r) => r.arn === ref.arn)?.weights ?? null,
  };
  const ecs = {
    describeService: async () => ({ serviceArn: 's', tags: {}, taskSets: world.taskSets }),
    deleteTaskSet: async (_c: string, _s: string, id: string) => {
      world.calls.push(`delete ${id}`);
      world.taskSets = world.taskSets.filter((ts) => ts.id !== id);
    },
  };
  return { region: 'us-east-1', ecs, loadBalancing } as unknown as RegionPorts;
}

function run(world: World, depdef: Record<string, unknown> = {}): BlueGreenRun {
  const clock = new ManualClock();
  const ctx: DeployContext = {
    planned: { prefix: 'services/web/web' } as DeployContext['planned'],
    commit: 'c'.repeat(40),
    ports: ports(world),
    clock,
    signal: new AbortController().signal,
    emit: () => undefined,
  };
  const defs = { platform: 'ecs', svcdef: { serviceName: 'web' }, depdef: resolveEcsSettings(depdef as never) } as unknown as EcsUnitDefinitions;
  return { ctx, defs, target: { cluster: 'demo', serviceName: 'web' }, hash: 'h', owner: 'me' };
}

const report = (): FailureReport => ({ summary: 'alarm web-5xx', step: 'traffic step 3 of 5 (60%)', stoppedTasks: [], serviceEvents: [], targetHealth: [] });
const split = (): ForwardRoute[] => [
  {
    kind: 'listener',
    arn: 'listener',
    listenerArn: 'listener',
    weights: [
      { targetGroupArn: 'blue', weight: 40 },
      { targetGroupArn: 'green', weight: 60 },
    ],
  },
  {
    kind: 'rule',
    arn: 'rule',
    listenerArn: 'listener',
    weights: [
      { targetGroupArn: 'blue', weight: 40 },
      { targetGroupArn: 'green', weight: 60 },
    ],
  },
];
const newSet = { id: 'new', taskSetArn: 'arn:new' } as EcsTaskSetState;
const input = { shift: new Map([['blue', 'green']]), newTaskSetIds: ['new'], previousRevision: 'web:1', createdService: false, interrupted: false };

test('weights go back to 100/0 on every route, read back, before the new task set is deleted', async () => {
  const world: World = { calls: [], routes: split(), taskSets: [newSet], failWrites: false };
  const result = await rollbackBlueGreen(run(world), { ...input, report: report() });
  assert.equal(world.calls, ['set listener blue=100 green=0', 'set rule blue=100 green=0', 'delete new']);
  assert.is(result.outcome, 'rolled-back');
  assert.is(result.revision, 'web:1');
});

test('weights that cannot be restored: nothing is deleted, and an operator is asked to look', async () => {
  const world: World = { calls: [], routes: split(), taskSets: [newSet], failWrites: true };
  const result = await rollbackBlueGreen(run(world), { ...input, report: report() });
  assert.ok(
    world.calls.every((call) => !call.startsWith('delete')),
    world.calls.join('; '),
  );
  assert.is(result.outcome, 'failed');
  assert.is(result.error?.code, 'E_ROLLBACK_FAILED');
  assert.match(result.report?.action ?? '', /by hand/);
});

test('rollback off: the weights are restored all the same, the new task set stays', async () => {
  const world: World = { calls: [], routes: split(), taskSets: [newSet], failWrites: false };
  const result = await rollbackBlueGreen(run(world, { gmDeploymentCircuitBreaker: { rollback: false } }), { ...input, report: report() });
  assert.equal(world.calls, ['set listener blue=100 green=0', 'set rule blue=100 green=0']);
  assert.is(result.outcome, 'failed');
  assert.match(result.report?.action ?? '', /rollback is off/);
});

test('routes already at 100/0 are not written again', async () => {
  const routes = split().map((r) => ({
    ...r,
    weights: [
      { targetGroupArn: 'blue', weight: 100 },
      { targetGroupArn: 'green', weight: 0 },
    ],
  }));
  const world: World = { calls: [], routes, taskSets: [newSet], failWrites: false };
  await rollbackBlueGreen(run(world), { ...input, report: report() });
  assert.equal(world.calls, ['delete new']);
});

test.run();
