/**
 * The Lambda simulator through the real `@aws-sdk/client-lambda` over HTTP: routes, status codes, error shapes
 * and the time-driven lifecycles with a manual clock. Functions, versions and aliases here; policies, event
 * source mappings and tags in lambda-sdk-resources.test.ts.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCTION_CREATE_MS, FUNCTION_UPDATE_MS, VERSION_PUBLISH_MS } from './lifecycle.js';
import { fakeZip, zipFunction } from './test-world.js';
import { lambdaClient, rejection, startLambdaSim, type LambdaSim } from './sdk-harness.js';

let sim: LambdaSim;

test.before.each(async () => {
  sim = await startLambdaSim({
    infrastructure: { alarms: [{ name: 'web-errors' }] },
    faults: [
      { kind: 'alarm', alarmName: 'web-errors', whenTrafficTo: { functionName: 'web', version: '2' } },
      { kind: 'lambda-not-ready', match: { functionName: 'slow', version: '1' } },
    ],
  });
});

test.after.each(async () => {
  await sim.close();
});

test('create, update and publish follow the state lifecycle; overlapping updates conflict', async () => {
  const lambda = lambdaClient(sim);
  const created = await lambda.send(new CreateFunctionCommand({ ...zipFunction('web'), Tags: { team: 'a' } }));
  assert.is(created.$metadata.httpStatusCode, 201);
  assert.is(created.State, 'Pending');
  assert.is(created.StateReasonCode, 'Creating');
  const pending = await rejection(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'web', ZipFile: fakeZip('v2') })));
  assert.is(pending.name, 'ResourceConflictException');
  sim.advance(FUNCTION_CREATE_MS);
  const active = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'web' }));
  assert.is(active.State, 'Active');
  assert.is(active.LastUpdateStatus, 'Successful');

  const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'web', ZipFile: fakeZip('v2') }));
  assert.is(updated.LastUpdateStatus, 'InProgress');
  assert.is.not(updated.CodeSha256, active.CodeSha256);
  const conflict = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'web', Timeout: 10 })));
  assert.is(conflict.name, 'ResourceConflictException');
  assert.is(conflict.$metadata.httpStatusCode, 409);
  assert.is(conflict.Type, 'User');
  assert.is(conflict.message, `The operation cannot be performed at this time. An update is in progress for resource: ${created.FunctionArn}`);
  const early = await rejection(lambda.send(new PublishVersionCommand({ FunctionName: 'web' })));
  assert.is(early.name, 'ResourceConflictException');
  sim.advance(FUNCTION_UPDATE_MS);

  const stale = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'web', RevisionId: created.RevisionId })));
  assert.is(stale.name, 'PreconditionFailedException');
  assert.is(stale.$metadata.httpStatusCode, 412);
  const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'web', Description: 'first' }));
  assert.is(v1.$metadata.httpStatusCode, 201);
  assert.is(v1.Version, '1');
  assert.is(v1.State, 'Pending');
  assert.is((await lambda.send(new PublishVersionCommand({ FunctionName: 'web' }))).Version, '1');
  sim.advance(VERSION_PUBLISH_MS);
  const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'web', Qualifier: '1' }));
  assert.is(got.Configuration?.State, 'Active');
  assert.is(got.Code?.RepositoryType, 'S3');
  assert.equal(got.Tags, { team: 'a' });
});

test('ListVersionsByFunction and ListFunctions page with Marker and MaxItems', async () => {
  const lambda = lambdaClient(sim);
  await lambda.send(new CreateFunctionCommand({ ...zipFunction('web'), Publish: true }));
  await lambda.send(new CreateFunctionCommand(zipFunction('api')));
  sim.advance(FUNCTION_CREATE_MS);
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'web', ZipFile: fakeZip('v2'), Publish: true }));
  const first = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'web', MaxItems: 2 }));
  assert.equal(
    first.Versions?.map((v) => v.Version),
    ['$LATEST', '1'],
  );
  const rest = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'web', Marker: first.NextMarker }));
  assert.equal(
    rest.Versions?.map((v) => v.Version),
    ['2'],
  );
  const functions = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
  assert.equal(
    functions.Functions?.map((f) => f.FunctionName),
    ['api'],
  );
  assert.ok(functions.NextMarker);
});

test('aliases: routing validation errors, weights, and traffic to the new version fires the alarm', async () => {
  const lambda = lambdaClient(sim);
  await lambda.send(new CreateFunctionCommand({ ...zipFunction('web'), Publish: true }));
  sim.advance(FUNCTION_CREATE_MS);
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'web', ZipFile: fakeZip('v2') }));
  sim.advance(FUNCTION_UPDATE_MS);
  await lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
  const alias = await lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
  assert.is(alias.$metadata.httpStatusCode, 201);
  const invalid = [{ '2': 0.1, '3': 0.1 }, { '1': 0.1 }, { '2': 1.5 }, { $LATEST: 0.1 }];
  for (const weights of invalid) {
    const error = await rejection(
      lambda.send(new UpdateAliasCommand({ FunctionName: 'web', Name: 'live', RoutingConfig: { AdditionalVersionWeights: weights } })),
    );
    assert.ok(['InvalidParameterValueException', 'ValidationException'].includes(error.name), error.name);
    assert.is(error.$metadata.httpStatusCode, 400);
  }
  const missing = await rejection(
    lambda.send(new UpdateAliasCommand({ FunctionName: 'web', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '7': 0.1 } } })),
  );
  assert.is(missing.name, 'ResourceNotFoundException');
  assert.is(missing.$metadata.httpStatusCode, 404);
  assert.is(await alarmState(), 'OK');
  const canary = await lambda.send(new UpdateAliasCommand({ FunctionName: 'web', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }));
  assert.equal(canary.RoutingConfig?.AdditionalVersionWeights, { '2': 0.1 });
  assert.is(await alarmState(), 'ALARM');
  const got = await lambda.send(new GetAliasCommand({ FunctionName: 'web', Name: 'live' }));
  assert.is(got.RevisionId, canary.RevisionId);
  const listed = await lambda.send(new ListAliasesCommand({ FunctionName: 'web', FunctionVersion: '2' }));
  assert.equal(
    listed.Aliases?.map((a) => a.Name),
    ['live'],
  );
  const blocked = await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: 'web', Qualifier: '1' })));
  assert.is(blocked.name, 'ResourceConflictException');
  assert.is(blocked.message, 'Unable to delete version because the following aliases reference it: [live]');
  const deleted = await lambda.send(new DeleteAliasCommand({ FunctionName: 'web', Name: 'live' }));
  assert.is(deleted.$metadata.httpStatusCode, 204);
  assert.is((await lambda.send(new DeleteFunctionCommand({ FunctionName: 'web', Qualifier: '1' }))).$metadata.httpStatusCode, 204);
  await lambda.send(new DeleteFunctionCommand({ FunctionName: 'web' }));
  const gone = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: 'web' })));
  assert.is(gone.name, 'ResourceNotFoundException');
  assert.is(gone.message, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:web');
});

test('a lambda-not-ready fault keeps the published version Pending', async () => {
  const lambda = lambdaClient(sim);
  await lambda.send(new CreateFunctionCommand({ ...zipFunction('slow'), Publish: true }));
  sim.advance(FUNCTION_CREATE_MS + 50_000);
  const version = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'slow', Qualifier: '1' }));
  assert.is(version.State, 'Pending');
  const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'slow' }));
  assert.is(latest.State, 'Active');
});

async function alarmState(): Promise<string | undefined> {
  const cloudwatch = new CloudWatchClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials: sim.credentials, maxAttempts: 1 });
  const alarms = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['web-errors'] }));
  return alarms.MetricAlarms?.[0]?.StateValue;
}

test.run();
