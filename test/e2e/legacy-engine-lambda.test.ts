/**
 * `alarms.rollback: false` in a lambdadepdef (docs/legacy-keys.md): a firing alarm stops the alias shift where it
 * is, the new version kept, exit 3. The alias is read back through Lambda's API from the simulator.
 */
import { GetAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aliasUpdates, lambdaUnit, liveFunction, publishedVersions, startLambdaSimulator } from '../fakes/lambda-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';

const session = deploySession(test, startLambdaSimulator);
const { repoWith, deploy } = session;

test('alarms.rollback false: the alarm at the canary step leaves the alias at 10 % and keeps the new version; exit 3', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'hello-errors', whenTrafficTo: { functionName: 'hello', version: '2' } }]);
  const watched = { alarms: { alarmNames: ['hello-errors'], rollback: false } };
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', depdef: watched }) },
    { files: lambdaUnit({ name: 'hello', depdef: watched, s3Key: 'hello/2.zip' }) },
  );
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  session.sim.control.clearCalls();
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 3, result.stdout + result.stderr);
  // One write, the canary step, and none back.
  assert.equal(aliasUpdates(session.sim), [{ version: '1', weights: { '2': 0.1 } }]);
  const lambda = new LambdaClient({ endpoint: session.sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const alias = await lambda.send(new GetAliasCommand({ FunctionName: 'hello', Name: 'live' }));
  assert.equal([alias.FunctionVersion, alias.RoutingConfig?.AdditionalVersionWeights], ['1', { '2': 0.1 }]);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(publishedVersions(fn), ['1', '2']);
  assert.is(fn?.tags['gitmoxi:commit'], repo.shas[0]);
  const output = result.stdout + result.stderr;
  assert.match(output, /alarms\.rollback: false/);
  assert.match(output, /version 1 90%, version 2 10%/);
  assert.match(output, /gitmoxi rollback functions\/hello\/hello/);
  assert.match(output, /FAILED — needs operator/);
});

test.run();
