/**
 * `alarms.rollback: false` in a lambdadepdef (docs/legacy-keys.md): a firing alarm puts the alias back on the old
 * version but keeps the new one for an operator, exit 3. The alias is read back through Lambda's API from the simulator.
 */
import { GetAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aliasUpdates, lambdaUnit, liveFunction, publishedVersions, startLambdaSimulator } from '../fakes/lambda-fixture.js';
import { deploySession } from '../fakes/deploy-session.js';

const session = deploySession(test, startLambdaSimulator);
const { repoWith, deploy } = session;

test('alarms.rollback false: the alarm at the canary step puts the alias back but keeps the new version; exit 3', async () => {
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
  // The canary step, then back to version 1 alone: requests never stay on the version whose alarm fired.
  assert.equal(aliasUpdates(session.sim), [
    { version: '1', weights: { '2': 0.1 } },
    { version: '1', weights: {} },
  ]);
  const lambda = new LambdaClient({ endpoint: session.sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const alias = await lambda.send(new GetAliasCommand({ FunctionName: 'hello', Name: 'live' }));
  assert.equal([alias.FunctionVersion, alias.RoutingConfig?.AdditionalVersionWeights ?? {}], ['1', {}]);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(publishedVersions(fn), ['1', '2']);
  assert.is(fn?.tags['gitmoxi:commit'], repo.shas[0]);
  const output = result.stdout + result.stderr;
  assert.match(output, /alarms\.rollback: false/);
  assert.match(output, /version 2 was kept/);
  assert.match(output, /FAILED — needs operator/);
});

test.run();
