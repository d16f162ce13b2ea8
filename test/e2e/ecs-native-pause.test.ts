/**
 * ECS-native PAUSE hooks: the deployment waits at a stage for ContinueServiceDeployment, or for the hook's timeout
 * and its action. gitmoxi reports the pause once, with the command that answers it, and keeps following.
 */
import { ContinueServiceDeploymentCommand, DescribeServiceDeploymentsCommand, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { currentWeights } from '../fakes/bluegreen-fixture.js';
import { deployedFirst, nativeSession } from '../fakes/native-fixture.js';
import { ecsClient } from '../fakes/sim-fixture.js';
import { waitUntil } from '../fakes/wait-until.js';

const session = nativeSession(test);

test('a PAUSE hook that times out with CONTINUE: reported with the command to answer it, then ECS goes on; exit 0', async () => {
  const pause = { targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 10, action: 'CONTINUE' } };
  const repo = await deployedFirst(session, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [pause] });
  const second = await session.deploy(repo, '--from', 'HEAD~1');
  assert.is(second.code, 0, second.stdout + second.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=0 web-green=100');
  assert.match(
    second.stdout,
    /paused in POST_TEST_TRAFFIC_SHIFT: a PAUSE hook awaits ContinueServiceDeployment, then ECS takes CONTINUE at \S+; to go on: aws ecs continue-service-deployment --service-deployment-arn arn:aws:ecs:us-east-1:\d{12}:service-deployment\/\S+ --hook-id ecs-pause-\S+ \(add --action ROLLBACK to roll back\)/,
  );
  assert.match(second.stdout, /SUCCESSFUL CLEAN_UP: production 0% blue \/ 100% green; pause hook TIMED_OUT/, second.stdout);
});

test('ContinueServiceDeployment ROLLBACK at a PRE_PRODUCTION_TRAFFIC_SHIFT pause: production never leaves blue; exit 1', async () => {
  // The longest timeout ECS allows: the test answers long before simulated time could reach it.
  const pause = { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 20160 } };
  const repo = await deployedFirst(session, {
    strategy: 'LINEAR',
    bakeTimeInMinutes: 1,
    linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 1 },
    lifecycleHooks: [pause],
  });
  const ecs = ecsClient(session.sim);
  const child = session.deployInBackground(repo, '--from', 'HEAD~1');
  let paused: { arn: string; hookId: string } | undefined;
  await waitUntil(async () => {
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'demo', service: 'web' }));
    const arn = listed.serviceDeployments?.[0]?.serviceDeploymentArn;
    if (!arn) return false;
    const [deployment] = (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments ?? [];
    const hook = deployment?.lifecycleHookDetails?.find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION');
    if (hook?.hookId) paused = { arn, hookId: hook.hookId };
    return paused !== undefined;
  }, 'the deployment to pause');
  assert.ok(paused);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: paused.arn, hookId: paused.hookId, action: 'ROLLBACK' }));
  const result = await child;
  // A hook answered once, or a deployment that does not exist, is refused as ECS refuses it.
  const again = await ecs
    .send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: paused.arn, hookId: paused.hookId }))
    .catch((error: Error) => error);
  assert.is((again as Error).name, 'InvalidParameterException');
  const unknown = await ecs
    .send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: `${paused.arn}x`, hookId: paused.hookId }))
    .catch((error: Error) => error);
  assert.is((unknown as Error).name, 'ServiceDeploymentNotFoundException');
  ecs.destroy();
  assert.is(result.exitCode, 1, result.stdout + result.stderr);
  assert.is(currentWeights(session.sim)['rule:10'], 'web-blue=100 web-green=0');
  // ECS rolled back before gitmoxi's next poll could see the pause: it reports what the pause ended with.
  assert.match(result.stdout, /ROLLBACK_SUCCESSFUL PRODUCTION_TRAFFIC_SHIFT: production 100% blue \/ 0% green; pause hook FAILED/, result.stdout);
  assert.match(result.stdout + result.stderr, /ContinueServiceDeployment ROLLBACK request for the pause hook in PRE_PRODUCTION_TRAFFIC_SHIFT/);
});

test.run();
