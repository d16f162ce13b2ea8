/** Inputs Lambda refuses that gitmoxi's schemas also refuse: the simulator answers them as AWS does. */
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetLayerVersionByArnCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCTION_CREATE_MS, FUNCTION_UPDATE_MS, VERSION_PUBLISH_MS } from './lifecycle.js';
import { TEST_ACCOUNT, zipFunction } from './test-world.js';
import { lambdaClient, rejection, startLambdaSim, type LambdaSim } from './sdk-harness.js';

let sim: LambdaSim;
test.before.each(async () => {
  sim = await startLambdaSim();
});
test.after.each(async () => {
  await sim.close();
});

test('CreateFunction refuses an unknown or retired runtime, a handler with spaces, a bad variable name', async () => {
  const lambda = lambdaClient(sim);
  const unknown = await rejection(lambda.send(new CreateFunctionCommand({ ...zipFunction('f1'), Runtime: 'foo' as never })));
  assert.is(unknown.name, 'ValidationException');
  assert.match(unknown.message, "Value 'foo' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set");
  const retired = await rejection(lambda.send(new CreateFunctionCommand({ ...zipFunction('f2'), Runtime: 'python2.7' })));
  assert.is(retired.name, 'InvalidParameterValueException');
  assert.match(retired.message, 'The runtime parameter of python2.7 is no longer supported');
  const handler = await rejection(lambda.send(new CreateFunctionCommand({ ...zipFunction('f3'), Handler: 'index handler' })));
  assert.is(handler.name, 'ValidationException');
  const variables = await rejection(lambda.send(new CreateFunctionCommand({ ...zipFunction('f4'), Environment: { Variables: { 'MY-VAR': 'secret-value' } } })));
  assert.is(variables.name, 'ValidationException');
  assert.match(variables.message, "at 'environment.variables'");
  assert.not.match(variables.message, 'secret-value');
});

test('a weighted alias refuses two versions with different execution roles', async () => {
  const lambda = lambdaClient(sim);
  await lambda.send(new CreateFunctionCommand(zipFunction('web')));
  sim.advance(FUNCTION_CREATE_MS);
  const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
  sim.advance(VERSION_PUBLISH_MS);
  await lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: v1.Version }));
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'web', Role: `arn:aws:iam::${TEST_ACCOUNT}:role/other` }));
  sim.advance(FUNCTION_UPDATE_MS);
  const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
  sim.advance(VERSION_PUBLISH_MS);
  const split = await rejection(
    lambda.send(new UpdateAliasCommand({ FunctionName: 'web', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { [v2.Version!]: 0.1 } } })),
  );
  assert.is(split.name, 'InvalidParameterValueException');
  assert.is(split.message, 'Specified versions must be associated with the same execution role');
  // Moving the whole alias is allowed: only a split needs one role.
  const moved = await lambda.send(new UpdateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: v2.Version }));
  assert.is(moved.FunctionVersion, v2.Version);
});

test('GetLayerVersionByArn answers the seeded layer versions, ResourceNotFoundException otherwise', async () => {
  const seeded = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:layer:shared:3`;
  const layered = await startLambdaSim({ infrastructure: { layers: [seeded] } });
  try {
    const lambda = lambdaClient(layered);
    const found = await lambda.send(new GetLayerVersionByArnCommand({ Arn: seeded }));
    assert.equal([found.LayerVersionArn, found.Version, found.LayerArn], [seeded, 3, seeded.slice(0, -2)]);
    const missing = await rejection(lambda.send(new GetLayerVersionByArnCommand({ Arn: seeded.replace(/3$/, '4') })));
    assert.is(missing.name, 'ResourceNotFoundException');
    assert.is(missing.$metadata.httpStatusCode, 404);
  } finally {
    await layered.close();
  }
});

test.run();
