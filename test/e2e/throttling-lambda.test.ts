/**
 * Throttling storms against a Lambda deployment, and a storm longer than the forward budget (the storms
 * themselves: test/fakes/throttling-storms.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deployInProcess } from '../fakes/engine-run.js';
import { begins, expected, faults, lambdaWorld, stormRows } from '../fakes/throttling-storms.js';

stormRows('lambda');

test('40 throttles on Lambda before any change: ridden out, the new version deployed', async () => {
  const w = await lambdaWorld(false);
  w.sim.control.addFaults(faults('lambda', 'throttle', 40));
  const run = await deployInProcess(w.sim, w.repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 0, JSON.stringify(run.results));
  assert.match((await w.live()).running, expected.lambda.deployed);
  assert.ok(w.sim.control.calls().filter((call) => call.outcome === 'TooManyRequestsException').length >= 40);
});

test('a storm longer than the forward budget mid-shift: the deployment fails after it, and the restore rides out the rest: exit 1', async () => {
  const w = await lambdaWorld(false);
  let injected = false;
  const run = await deployInProcess(w.sim, w.repo, {
    from: 'HEAD~1',
    onEvent: (event) => {
      if (injected || !begins('shift', event)) return;
      injected = true;
      w.sim.control.addFaults(faults('lambda', 'throttle', 200));
    },
  });
  const result = run.results[0];
  assert.is(run.exitCode, 1, JSON.stringify(run.results));
  assert.match(result?.error?.message ?? '', /TooManyRequestsException/);
  assert.ok((result?.finishedAt ?? 0) - (result?.startedAt ?? 0) > 5 * 60 * 1000, 'it kept trying for the forward budget first');
  assert.match((await w.live()).running, expected.lambda.restored);
  assert.is(w.sim.control.calls().filter((call) => call.outcome === 'TooManyRequestsException').length, 200, 'the whole storm was met');
});

test.run();
