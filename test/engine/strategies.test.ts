/**
 * The deployment strategies, run by the engine in the test process (no CLI, no subprocess) against the in-process
 * simulator on its virtual clock: rolling with its breaker, ECS blue/green and Lambda traffic shifting with alarm
 * rollback. Simulated time moves only while the deployment waits, so durations are asserted exactly: a LINEAR shift
 * of N steps every W seconds spends exactly (N - 1) × W seconds between its first and last step, whatever the load.
 * Part of `npm run test:fast`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeployEvent } from '../../src/events/types.js';
import { blueGreenScenario, blueGreenUnit, currentWeights, liveTaskSets, targetGroupArns, weightHistory } from '../fakes/bluegreen-fixture.js';
import { deployInProcess } from '../fakes/engine-run.js';
import { aliasOf, aliasUpdates, lambdaScenario, lambdaUnit, liveFunction } from '../fakes/lambda-fixture.js';
import { perTest } from '../fakes/per-test.js';
import { ecsScenario, ecsUnit, liveService, seededTargetGroupArn, type Simulator } from '../fakes/sim-fixture.js';
import type { FileTree, TempRepo } from '../fakes/temp-repo.js';

const { start, repoWith } = perTest(test);

/** A repository whose first commit is deployed already; the second is what the test deploys. */
async function deployedThen(s: Simulator, first: FileTree, second: FileTree): Promise<TempRepo> {
  const repo = await repoWith({ files: first }, { files: second });
  const created = await deployInProcess(s, repo, { to: 'HEAD~1' });
  assert.is(created.exitCode, 0, JSON.stringify(created.results));
  s.control.clearCalls();
  return repo;
}

const shifts = (events: DeployEvent[]) => events.filter((e): e is Extract<DeployEvent, { type: 'traffic.shifted' }> => e.type === 'traffic.shifted');
const aliasShifts = (events: DeployEvent[]) => events.filter((e): e is Extract<DeployEvent, { type: 'alias.shifted' }> => e.type === 'alias.shifted');

test('rolling: the new revision replaces the old one, exit 0', async () => {
  const s = await start(ecsScenario);
  const unit = (image: string) => ecsUnit({ name: 'web', image, targetGroupArn: seededTargetGroupArn(s, 'web') });
  const repo = await deployedThen(s, unit('nginx:1.27'), unit('nginx:1.28'));
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 0, JSON.stringify(run.results));
  const live = await liveService(s, 'web');
  assert.is(live?.taskDefinition, 'web:2');
  assert.is(live?.running, 2);
});

test('rolling: tasks that cannot start trip the breaker; the old revision is restored, exit 1', async () => {
  const s = await start(ecsScenario);
  const unit = (image: string) => ecsUnit({ name: 'web', image, targetGroupArn: seededTargetGroupArn(s, 'web') });
  const repo = await deployedThen(s, unit('nginx:1.27'), unit('nginx:1.28'));
  s.control.addFaults([{ kind: 'task-fails-to-start', match: { family: 'web', revision: 2 }, reason: 'CannotPullContainerError' }]);
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 1);
  assert.is(run.results[0]?.outcome, 'rolled-back', JSON.stringify(run.results));
  assert.ok(
    run.events.some((e) => e.type === 'rollback.started'),
    'a rollback started',
  );
  const live = await liveService(s, 'web');
  assert.is(live?.taskDefinition, 'web:1');
  assert.is(live?.running, 2);
});

test('blue/green LINEAR 25% every 60 s: four steps, exactly 3 × 60 s of simulated time between the first and the last', async () => {
  const s = await start(blueGreenScenario);
  const tg = targetGroupArns(s);
  const depdef = { trafficShiftingConfig: { type: 'LINEAR', percent: 25, waitInterval: 60 }, alarms: { alarmNames: ['web-5xx'] } };
  const unit = (image: string) => blueGreenUnit({ name: 'web', image, targetGroups: tg, depdef });
  const repo = await deployedThen(s, unit('nginx:1.27'), unit('nginx:1.28'));
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 0, JSON.stringify(run.results));
  // Weights are written explicitly at 100/0 first, so that the listener forwards to both target groups.
  assert.equal(weightHistory(s)['listener:80'], [
    'web-blue=100 web-green=0',
    'web-blue=75 web-green=25',
    'web-blue=50 web-green=50',
    'web-blue=25 web-green=75',
    'web-blue=0 web-green=100',
  ]);
  const steps = shifts(run.events);
  assert.equal(
    steps.map((e) => e.newPercent),
    [25, 50, 75, 100],
  );
  assert.is((steps.at(-1)?.time ?? 0) - (steps[0]?.time ?? 0), 3 * 60_000);
  const { taskSets } = await liveTaskSets(s, 'web');
  assert.equal(
    taskSets.filter((ts) => ts.status !== 'DRAINING').map((ts) => `${ts.status} ${ts.taskDefinition}`),
    ['PRIMARY web:2'],
  );
});

test('blue/green CANARY: an alarm when green takes traffic sends all of it back to blue, exit 1', async () => {
  const s = await start(blueGreenScenario);
  const tg = targetGroupArns(s);
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 120 }, alarms: { alarmNames: ['web-5xx'] } };
  const unit = (image: string) => blueGreenUnit({ name: 'web', image, targetGroups: tg, depdef });
  const repo = await deployedThen(s, unit('nginx:1.27'), unit('nginx:1.28'));
  s.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { family: 'web', revision: 2 } }]);
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 1, JSON.stringify(run.results));
  assert.is(run.results[0]?.outcome, 'rolled-back');
  assert.is(currentWeights(s)['listener:80'], 'web-blue=100 web-green=0');
  assert.equal(
    shifts(run.events).map((e) => e.newPercent),
    [10, 0],
    'back from the canary to 0: the full shift never happened',
  );
});

test('Lambda LINEAR 50% every 30 s: the alias moves 50/50 then to the new version, 30 s apart exactly', async () => {
  const s = await start(lambdaScenario);
  const depdef = { trafficShiftingConfig: { type: 'LINEAR', percent: 50, waitInterval: 30 } };
  const repo = await deployedThen(s, lambdaUnit({ name: 'hello', s3Key: 'hello/1.zip', depdef }), lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip', depdef }));
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 0, JSON.stringify(run.results));
  assert.equal(aliasOf(liveFunction(s, 'hello')), { version: '2', weights: {} });
  assert.equal(aliasUpdates(s), [
    { version: '1', weights: { 2: 0.5 } },
    { version: '2', weights: {} },
  ]);
  const steps = aliasShifts(run.events);
  assert.is((steps.at(-1)?.time ?? 0) - (steps[0]?.time ?? 0), 30_000);
});

test('at virtual scale 1, pauses for rate-limit tokens are simulated waits: the canary waits exactly 60 s', async () => {
  // Scale 1: a token of Lambda's 10/s budget is 100 ms away, long enough that a real-time pause would look idle to
  // the simulator and let simulated time run ahead of the deployment.
  const s = await start(lambdaScenario, 1);
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 60 } };
  const repo = await deployedThen(s, lambdaUnit({ name: 'hello', s3Key: 'hello/1.zip', depdef }), lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip', depdef }));
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 0, JSON.stringify(run.results));
  const steps = aliasShifts(run.events);
  assert.equal(
    steps.map((e) => e.weight),
    [0.1, 1],
  );
  assert.is((steps.at(-1)?.time ?? 0) - (steps[0]?.time ?? 0), 60_000);
});

test('Lambda CANARY: an alarm on the canary puts the alias back on the old version, exit 1', async () => {
  const s = await start(lambdaScenario);
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 60 }, alarms: { alarmNames: ['hello-errors'] } };
  const repo = await deployedThen(s, lambdaUnit({ name: 'hello', s3Key: 'hello/1.zip', depdef }), lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip', depdef }));
  s.control.addFaults([{ kind: 'alarm', alarmName: 'hello-errors', whenTrafficTo: { functionName: 'hello', version: '2' } }]);
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 1, JSON.stringify(run.results));
  assert.is(run.results[0]?.outcome, 'rolled-back');
  assert.equal(aliasOf(liveFunction(s, 'hello')), { version: '1', weights: {} });
});

test.run();
