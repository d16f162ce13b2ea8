import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../clock.js';
import type { UnitEvent } from '../context.js';
import type { ForwardRoute } from '../ports/elb-port.js';
import { elbListenerRouter } from './elb-listener-router.js';
import { lambdaAliasRouter, type AliasShift } from './lambda-alias-router.js';
import { fakeAlias, fakeListeners } from './test-ports.js';

const BLUE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/1';
const GREEN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/2';
const OTHER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/3';

function context<P>(ports: P) {
  const events: UnitEvent[] = [];
  return { ctx: { clock: new ManualClock(), signal: new AbortController().signal, emit: (event: UnitEvent) => events.push(event), ports }, events };
}

const route = (arn: string, weights: ForwardRoute['weights']): ForwardRoute => ({ kind: 'listener', arn, listenerArn: arn, weights });
const shift: AliasShift = { functionName: 'fn', alias: 'live', oldVersion: '4', newVersion: '5', steps: [10, 100], waitIntervalSeconds: 0, alarmNames: [] };

test('alias router: a share goes in the additional weights, 100% moves the alias, each reported as read back', async () => {
  const alias = fakeAlias('4');
  const { ctx, events } = context({ lambda: alias.port });
  const router = lambdaAliasRouter(ctx, shift);
  assert.equal(await router.setPercent({ step: 1, steps: 2, percent: 10 }), { ok: true });
  assert.equal(alias.state(), { functionVersion: '4', additionalWeights: { '5': 0.1 } });
  assert.equal(await router.setPercent({ step: 2, steps: 2, percent: 100 }), { ok: true });
  assert.equal(alias.state(), { functionVersion: '5', additionalWeights: {} });
  assert.equal(events, [
    { type: 'alias.shifted', alias: 'live', version: '4', newVersion: '5', weight: 0.1, step: 1, steps: 2 },
    { type: 'alias.shifted', alias: 'live', version: '5', newVersion: null, weight: 1, step: 2, steps: 2 },
  ]);
});

test('alias router: restore puts every request back on the old version and says so only when it reads back', async () => {
  const alias = fakeAlias('4');
  alias.set({ functionVersion: '4', additionalWeights: { '5': 0.1 } });
  const { ctx, events } = context({ lambda: alias.port });
  assert.equal(await lambdaAliasRouter(ctx, shift).restore(), { ok: true });
  assert.equal(alias.state(), { functionVersion: '4', additionalWeights: {} });
  assert.equal(events, [{ type: 'alias.shifted', alias: 'live', version: '4', newVersion: null, weight: 0, step: 0, steps: 2 }]);

  const stuck = fakeAlias('4');
  stuck.set({ functionVersion: '5', additionalWeights: {} });
  stuck.ignoreWeightsFrom(0);
  const restored = await lambdaAliasRouter(context({ lambda: stuck.port }).ctx, shift).restore();
  assert.equal(restored, { ok: false, reason: 'alias live read back as version 5' });
});

test('listener router: every route gets the share, partners added, other target groups kept, read back', async () => {
  const listeners = fakeListeners([
    route('l1', [{ targetGroupArn: BLUE, weight: 100 }]),
    route('l2', [
      { targetGroupArn: BLUE, weight: 90 },
      { targetGroupArn: OTHER, weight: 10 },
    ]),
  ]);
  const { ctx, events } = context({ loadBalancing: listeners.port });
  const router = elbListenerRouter(ctx, new Map([[BLUE, GREEN]]), await listeners.port.forwardingRoutes([BLUE]));
  assert.equal(await router.setPercent({ step: 1, steps: 3, percent: 20 }), { ok: true });
  assert.equal(listeners.weights('l1'), [
    { targetGroupArn: BLUE, weight: 80 },
    { targetGroupArn: GREEN, weight: 20 },
  ]);
  assert.equal(listeners.weights('l2'), [
    { targetGroupArn: BLUE, weight: 80 },
    { targetGroupArn: OTHER, weight: 10 },
    { targetGroupArn: GREEN, weight: 20 },
  ]);
  assert.equal(
    router.routes.map((r) => r.weights),
    [listeners.weights('l1'), listeners.weights('l2')],
  );
  const shifted = events.find((event) => event.type === 'traffic.shifted');
  assert.equal(shifted && shifted.type === 'traffic.shifted' ? [shifted.step, shifted.steps, shifted.newPercent, shifted.routes.length] : [], [1, 3, 20, 2]);
});

test('listener router: weights that do not stick are written again, then the step fails with why', async () => {
  const listeners = fakeListeners([route('l1', [{ targetGroupArn: BLUE, weight: 100 }])]);
  listeners.stick('l1');
  const { ctx, events } = context({ loadBalancing: listeners.port });
  const router = elbListenerRouter(ctx, new Map([[BLUE, GREEN]]), await listeners.port.forwardingRoutes([BLUE]));
  const written = await router.setPercent({ step: 1, steps: 1, percent: 100 });
  assert.is(written.ok, false);
  assert.match(written.ok ? '' : written.reason, /setting 100% on the new target groups failed: the weights of listener l1 did not read back as written/);
  assert.is(listeners.writes.length, 3);
  assert.is(events.length, 0, 'nothing reported as shifted');
});

test('listener router: restore finds the routes again, so one added during the shift goes back too', async () => {
  const listeners = fakeListeners([
    route('l1', [
      { targetGroupArn: BLUE, weight: 50 },
      { targetGroupArn: GREEN, weight: 50 },
    ]),
  ]);
  const { ctx } = context({ loadBalancing: listeners.port });
  const router = elbListenerRouter(ctx, new Map([[BLUE, GREEN]]), await listeners.port.forwardingRoutes([BLUE]));
  listeners.add(
    route('r2', [
      { targetGroupArn: BLUE, weight: 30 },
      { targetGroupArn: GREEN, weight: 70 },
    ]),
  );
  assert.equal(await router.restore(), { ok: true });
  assert.equal(
    [listeners.weights('l1'), listeners.weights('r2')],
    [
      [
        { targetGroupArn: BLUE, weight: 100 },
        { targetGroupArn: GREEN, weight: 0 },
      ],
      [
        { targetGroupArn: BLUE, weight: 100 },
        { targetGroupArn: GREEN, weight: 0 },
      ],
    ],
  );
  assert.equal(
    router.routes.map((r) => r.arn),
    ['l1', 'r2'],
  );
});

test.run();
