import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TrafficShiftingType } from '../defs/common-settings.js';
import { describeTrafficSteps, trafficSteps } from './linear-canary-steps.js';

const table: [TrafficShiftingType, number, number[]][] = [
  ['ALL_AT_ONCE', 20, [100]],
  ['ALL_AT_ONCE', 100, [100]],
  ['LINEAR', 20, [20, 40, 60, 80, 100]],
  ['LINEAR', 25, [25, 50, 75, 100]],
  ['LINEAR', 30, [30, 60, 90, 100]],
  ['LINEAR', 33, [33, 66, 99, 100]],
  ['LINEAR', 50, [50, 100]],
  ['LINEAR', 60, [60, 100]],
  ['LINEAR', 99, [99, 100]],
  ['LINEAR', 100, [100]],
  ['LINEAR', 1, Array.from({ length: 100 }, (_, i) => i + 1)],
  ['CANARY', 10, [10, 100]],
  ['CANARY', 20, [20, 100]],
  ['CANARY', 99, [99, 100]],
  ['CANARY', 100, [100]],
];

for (const [type, percent, expected] of table) {
  test(`trafficSteps: ${type} ${percent}% → ${expected.length > 6 ? `${expected.length} steps` : expected.join(', ')}`, () => {
    assert.equal(trafficSteps({ type, percent }), expected);
  });
}

test('trafficSteps: every plan ends at 100 and only goes up', () => {
  for (const type of ['ALL_AT_ONCE', 'LINEAR', 'CANARY'] as const) {
    for (let percent = 1; percent <= 100; percent++) {
      const steps = trafficSteps({ type, percent });
      assert.is(steps.at(-1), 100, `${type} ${percent}`);
      for (let i = 1; i < steps.length; i++) assert.ok((steps[i] ?? 0) > (steps[i - 1] ?? 0), `${type} ${percent} rises`);
      for (const step of steps) assert.ok(Number.isInteger(step) && step > 0 && step <= 100);
    }
  }
});

test('describeTrafficSteps names the mode, the step, the wait and the percents', () => {
  assert.is(describeTrafficSteps({ type: 'LINEAR', percent: 25, waitInterval: 30 }), 'LINEAR 25% every 30 s: 25, 50, 75, 100');
  assert.is(describeTrafficSteps({ type: 'CANARY', percent: 10, waitInterval: 60 }), 'CANARY 10% then the rest, 60 s after each: 10, 100');
  assert.is(describeTrafficSteps({ type: 'ALL_AT_ONCE', percent: 20, waitInterval: 60 }), 'ALL_AT_ONCE, then 60 s: 100');
});

test.run();
