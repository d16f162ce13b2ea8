/**
 * Throttling storms against an ECS blue/green deployment's ECS calls, and AWS refusing every ECS call (the storms themselves: test/fakes/throttling-storms.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { currentWeights } from '../fakes/bluegreen-fixture.js';
import { deployInProcess } from '../fakes/engine-run.js';
import { blueGreenWorld, faults, stormRows } from '../fakes/throttling-storms.js';

stormRows('ecs-bluegreen', ['ecs']);

test('AWS throttling every ECS call before anything changed: exit 2, nothing changed, the old version runs', async () => {
  const w = await blueGreenWorld(false);
  const before = currentWeights(w.sim)['listener:80'];
  w.sim.control.clearCalls();
  w.sim.control.addFaults(faults('ecs', 'throttle', null));
  const run = await deployInProcess(w.sim, w.repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 2, JSON.stringify(run.results));
  assert.equal(
    run.results.map((r) => [r.outcome, r.error?.code]),
    [['not-started', 'E_AWS']],
  );
  assert.match(run.results[0]?.error?.message ?? '', /ThrottlingException/);
  assert.equal(
    w.sim.control
      .calls()
      .filter((call) => call.mutating && call.outcome === 'ok')
      .map((call) => call.operation),
    [],
    'no change went through',
  );
  assert.is(currentWeights(w.sim)['listener:80'], before);
});

test.run();
