import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ForwardRoute } from '../ports/elb-port.js';
import { currentNewPercent, newSharePercent, remainingSteps, routeWeights, routesMissingPartner, weightsMatch } from './listener-weights.js';

const shift = new Map([
  ['blue', 'green'],
  ['api-blue', 'api-green'],
]);
const w = (...pairs: [string, number][]) => pairs.map(([targetGroupArn, weight]) => ({ targetGroupArn, weight }));
const route = (arn: string, weights: ReturnType<typeof w>): ForwardRoute => ({ kind: 'listener', arn, listenerArn: arn, weights });

test('routeWeights: a plain forward gets the partner added; percent goes to it, the rest to the live group', () => {
  assert.equal(routeWeights(w(['blue', 1]), shift, 0), w(['blue', 100], ['green', 0]));
  assert.equal(routeWeights(w(['blue', 1]), shift, 20), w(['blue', 80], ['green', 20]));
  assert.equal(routeWeights(w(['blue', 80], ['green', 20]), shift, 100), w(['blue', 0], ['green', 100]));
});

test('routeWeights: the order ELB lists the groups in is kept, and groups outside the pairs keep their weight', () => {
  assert.equal(routeWeights(w(['green', 0], ['blue', 100], ['other', 7]), shift, 40), w(['green', 40], ['blue', 60], ['other', 7]));
});

test('routeWeights: a route with both pairs moves both', () => {
  assert.equal(routeWeights(w(['blue', 1], ['api-blue', 1]), shift, 50), w(['blue', 50], ['api-blue', 50], ['green', 50], ['api-green', 50]));
});

test('weightsMatch: same groups and weights, any order; null never matches', () => {
  assert.ok(weightsMatch(w(['green', 20], ['blue', 80]), w(['blue', 80], ['green', 20])));
  assert.not.ok(weightsMatch(w(['blue', 80], ['green', 21]), w(['blue', 80], ['green', 20])));
  assert.not.ok(weightsMatch(w(['blue', 80]), w(['blue', 80], ['green', 0])));
  assert.not.ok(weightsMatch(null, w(['blue', 100])));
});

test('newSharePercent: the partner share of the pair; 0 for a plain forward', () => {
  assert.is(newSharePercent(w(['blue', 1]), shift), 0);
  assert.is(newSharePercent(w(['blue', 60], ['green', 40]), shift), 40);
  assert.is(newSharePercent(w(['blue', 3], ['green', 1]), shift), 25);
  assert.is(newSharePercent(w(['blue', 0], ['green', 0]), shift), 0);
  assert.is(newSharePercent(w(['other', 1]), shift), 0);
});

test('currentNewPercent: the furthest any route got', () => {
  assert.is(currentNewPercent([route('a', w(['blue', 60], ['green', 40])), route('b', w(['blue', 80], ['green', 20]))], shift), 40);
  assert.is(currentNewPercent([], shift), 0);
});

test('routesMissingPartner: routes that forward to a live group without its partner', () => {
  const plain = route('plain', w(['blue', 1]));
  const attached = route('attached', w(['blue', 100], ['green', 0]));
  assert.equal(routesMissingPartner([plain, attached], shift), [plain]);
});

test('remainingSteps: the step reached is taken again (its wait was cut short), then the rest', () => {
  assert.equal(remainingSteps([20, 40, 60, 80, 100], 0), [20, 40, 60, 80, 100]);
  assert.equal(remainingSteps([20, 40, 60, 80, 100], 40), [40, 60, 80, 100]);
  assert.equal(remainingSteps([20, 40, 60, 80, 100], 45), [60, 80, 100]);
  assert.equal(remainingSteps([20, 40, 60, 80, 100], 100), [100]);
});

test.run();
