/**
 * Resource policies, event source mappings and tags through the real `@aws-sdk/client-lambda` over HTTP.
 */
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  GetPolicyCommand,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCTION_CREATE_MS, MAPPING_TRANSITION_MS } from './lifecycle.js';
import { zipFunction } from './test-world.js';
import { lambdaClient, rejection, startLambdaSim, type LambdaSim } from './sdk-harness.js';

let sim: LambdaSim;
const queue = 'arn:aws:sqs:us-east-1:123456789012:orders';

test.before.each(async () => {
  sim = await startLambdaSim();
  const lambda = lambdaClient(sim);
  await lambda.send(new CreateFunctionCommand({ ...zipFunction('web'), Publish: true }));
  sim.advance(FUNCTION_CREATE_MS);
  await lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
});

test.after.each(async () => {
  await sim.close();
});

test('AddPermission, GetPolicy and RemovePermission on an alias', async () => {
  const lambda = lambdaClient(sim);
  const permission = {
    FunctionName: 'web',
    Qualifier: 'live',
    StatementId: 'elb',
    Action: 'lambda:InvokeFunction',
    Principal: 'elasticloadbalancing.amazonaws.com',
    SourceArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
  };
  const added = await lambda.send(new AddPermissionCommand(permission));
  assert.is(added.$metadata.httpStatusCode, 201);
  assert.is(JSON.parse(added.Statement ?? '').Resource, 'arn:aws:lambda:us-east-1:123456789012:function:web:live');
  const duplicate = await rejection(lambda.send(new AddPermissionCommand(permission)));
  assert.is(duplicate.name, 'ResourceConflictException');
  const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'web', Qualifier: 'live' }));
  assert.is(JSON.parse(policy.Policy ?? '').Statement[0].Sid, 'elb');
  const unqualified = await rejection(lambda.send(new GetPolicyCommand({ FunctionName: 'web' })));
  assert.is(unqualified.name, 'ResourceNotFoundException');
  const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'elb' }));
  assert.is(removed.$metadata.httpStatusCode, 204);
});

test('event source mappings: Creating → Enabled, Updating, Deleting → gone', async () => {
  const lambda = lambdaClient(sim);
  const created = await lambda.send(
    new CreateEventSourceMappingCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:web:live', EventSourceArn: queue }),
  );
  assert.is(created.$metadata.httpStatusCode, 202);
  assert.is(created.State, 'Creating');
  assert.is(created.BatchSize, 10);
  assert.instance(created.LastModified, Date);
  const busy = await rejection(lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, BatchSize: 5 })));
  assert.is(busy.name, 'ResourceInUseException');
  sim.advance(MAPPING_TRANSITION_MS);
  assert.is((await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State, 'Enabled');
  const updated = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, BatchSize: 5 }));
  assert.is(updated.$metadata.httpStatusCode, 202);
  assert.is(updated.State, 'Updating');
  const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'web:live', MaxItems: 10 }));
  assert.equal(
    listed.EventSourceMappings?.map((m) => m.UUID),
    [created.UUID],
  );
  const byQueue = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: queue }));
  assert.is(byQueue.EventSourceMappings?.length, 1);
  sim.advance(MAPPING_TRANSITION_MS);
  const deleting = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  assert.is(deleting.State, 'Deleting');
  sim.advance(MAPPING_TRANSITION_MS);
  const gone = await rejection(lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID })));
  assert.is(gone.name, 'ResourceNotFoundException');
  assert.is(gone.$metadata.httpStatusCode, 404);
});

test('TagResource, ListTags and UntagResource on the function ARN', async () => {
  const lambda = lambdaClient(sim);
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:web';
  const tagged = await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { a: '1', b: '2', c: '3' } }));
  assert.is(tagged.$metadata.httpStatusCode, 204);
  assert.equal((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { a: '1', b: '2', c: '3' });
  await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['a'] }));
  assert.equal((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { b: '2', c: '3' });
  const version = await rejection(lambda.send(new ListTagsCommand({ Resource: `${arn}:1` })));
  assert.is(version.name, 'InvalidParameterValueException');
});

test.run();
