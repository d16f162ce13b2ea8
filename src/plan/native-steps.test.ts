import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nativeTrafficPlan } from './native-steps.js';

const hook = (stages: string[], extra: Record<string, unknown> = {}) => ({
  hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:web-check',
  lifecycleStages: stages,
  ...extra,
});

test('LINEAR: every step, the bake, and the stages in order', () => {
  const plan = nativeTrafficPlan({ strategy: 'LINEAR', bakeTimeInMinutes: 5, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } });
  assert.equal(plan.percents, [25, 50, 75, 100]);
  assert.is(
    plan.text,
    'ECS LINEAR 25% every 2 min: 25, 50, 75, 100; bake 5 min; stages RECONCILE_SERVICE → PRE_SCALE_UP → SCALE_UP → POST_SCALE_UP → ' +
      'TEST_TRAFFIC_SHIFT → POST_TEST_TRAFFIC_SHIFT → PRODUCTION_TRAFFIC_SHIFT → POST_PRODUCTION_TRAFFIC_SHIFT → BAKE_TIME → CLEAN_UP',
  );
});

test('hooks by name at their stages; PAUSE hooks as PAUSE; PRE_PRODUCTION_TRAFFIC_SHIFT only when a hook names it', () => {
  const plan = nativeTrafficPlan({
    strategy: 'BLUE_GREEN',
    lifecycleHooks: [hook(['POST_TEST_TRAFFIC_SHIFT']), { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
  });
  assert.match(plan.text, 'POST_TEST_TRAFFIC_SHIFT (hook web-check) → PRE_PRODUCTION_TRAFFIC_SHIFT (hook PAUSE) → PRODUCTION_TRAFFIC_SHIFT');
});

test.run();
