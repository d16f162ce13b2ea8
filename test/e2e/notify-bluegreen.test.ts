/**
 * Notifications of an ECS blue/green deployment: one `traffic` post per step, each after the weights were
 * written, and on an alarm a `rollback` then a `failure` post. The CLI as a subprocess against the simulator,
 * a webhook receiver on 127.0.0.1.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, currentWeights, startBlueGreenSimulator, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';
import { startWebhookServer, type WebhookServer } from '../fakes/webhook-server.js';

const session = deploySession(test, startBlueGreenSimulator);
const { repoWith, deploy } = session;

let hooks: WebhookServer;
test.before.each(async () => {
  hooks = await startWebhookServer();
});
test.after.each(async () => {
  await hooks.close();
});

function unit(image: string) {
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 30 } };
  return blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(session.sim), depdef });
}

/** Deploys the first commit, forgets its posts, deploys the second with --notify; returns the second run. */
async function updateWithNotify() {
  const repo = await repoWith({ files: unit('nginx:1.27') }, { files: unit('nginx:1.28') });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  hooks.posts.length = 0;
  return deploy(repo, '--from', 'HEAD~1', '--notify', hooks.url('/bg/run-token'));
}

test('CANARY 10%: start, a traffic post at 10% and at 100%, success', async () => {
  const result = await updateWithNotify();
  assert.is(result.code, 0, result.stdout + result.stderr);
  const bodies = hooks.bodies('/bg/run-token');
  assert.equal(
    bodies.map((b) => b.stage),
    ['start', 'traffic', 'traffic', 'success'],
  );
  assert.equal(
    bodies.filter((b) => b.stage === 'traffic').map((b) => b.traffic),
    [
      { step: 1, steps: 2, percent: 10 },
      { step: 2, steps: 2, percent: 100 },
    ],
  );
  assert.is(bodies[3]?.outcome, 'deployed');
});

test('an alarm once the new version takes traffic: start, the 10% step, rollback, failure; the weights are back', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { image: 'nginx:1.28' } }]);
  const result = await updateWithNotify();
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal(currentWeights(session.sim)['listener:80'], 'web-blue=100 web-green=0');
  const bodies = hooks.bodies('/bg/run-token');
  assert.equal(
    bodies.map((b) => b.stage),
    ['start', 'traffic', 'rollback', 'failure'],
  );
  assert.equal(bodies[1]?.traffic, { step: 1, steps: 2, percent: 10 });
  assert.match(String(bodies[2]?.message), /rolled back \(alarm web-5xx/);
  assert.is(bodies[3]?.outcome, 'rolled-back');
});

test.run();
