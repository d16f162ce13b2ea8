import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlias } from './aliases.js';
import { createFunction, getFunctionConfiguration } from './functions.js';
import { FUNCTION_CREATE_MS } from './lifecycle.js';
import { addPermission, getPolicy, removePermission } from './policy.js';
import { createTestWorld, expectSimError, zipFunction } from './test-world.js';

function setup() {
  const world = createTestWorld();
  createFunction(world.model, { ...zipFunction('web'), Publish: true });
  world.tick(FUNCTION_CREATE_MS);
  createAlias(world.model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  return world;
}

const elbPermission = {
  FunctionName: 'web',
  StatementId: 'elb-invoke',
  Action: 'lambda:InvokeFunction',
  Principal: 'elasticloadbalancing.amazonaws.com',
  SourceArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
};

test('AddPermission answers the statement; GetPolicy the whole document, as JSON strings', () => {
  const { model } = setup();
  const before = getFunctionConfiguration(model, { FunctionName: 'web' }).RevisionId;
  const { Statement } = addPermission(model, elbPermission);
  assert.equal(JSON.parse(Statement ?? ''), {
    Sid: 'elb-invoke',
    Effect: 'Allow',
    Principal: { Service: 'elasticloadbalancing.amazonaws.com' },
    Action: 'lambda:InvokeFunction',
    Resource: 'arn:aws:lambda:us-east-1:123456789012:function:web',
    Condition: { ArnLike: { 'AWS:SourceArn': elbPermission.SourceArn } },
  });
  const policy = getPolicy(model, { FunctionName: 'web' });
  const after = getFunctionConfiguration(model, { FunctionName: 'web' }).RevisionId;
  assert.is.not(after, before);
  assert.is(policy.RevisionId, after);
  const document = JSON.parse(policy.Policy ?? '');
  assert.is(document.Version, '2012-10-17');
  assert.is(document.Id, 'default');
  assert.is(document.Statement.length, 1);
});

test('statement ids are unique per function and qualifier', () => {
  const { model } = setup();
  addPermission(model, elbPermission);
  expectSimError(
    () => addPermission(model, elbPermission),
    'ResourceConflictException',
    'The statement id (elb-invoke) provided already exists. Please provide a new statement id, or remove the existing statement.',
  );
  const onAlias = addPermission(model, { ...elbPermission, Qualifier: 'live' });
  assert.is(JSON.parse(onAlias.Statement ?? '').Resource, 'arn:aws:lambda:us-east-1:123456789012:function:web:live');
  const account = addPermission(model, { ...elbPermission, StatementId: 'acct', Principal: '210987654321', SourceArn: undefined });
  assert.equal(JSON.parse(account.Statement ?? '').Principal, { AWS: 'arn:aws:iam::210987654321:root' });
  assert.is(JSON.parse(getPolicy(model, { FunctionName: 'web', Qualifier: 'live' }).Policy ?? '').Statement.length, 1);
  expectSimError(() => addPermission(model, { ...elbPermission, Qualifier: '9' }), 'ResourceNotFoundException');
  expectSimError(() => addPermission(model, { ...elbPermission, StatementId: 'x', RevisionId: 'stale' }), 'PreconditionFailedException');
});

test('RemovePermission removes one statement; an empty policy is not found', () => {
  const { model } = setup();
  expectSimError(() => getPolicy(model, { FunctionName: 'web' }), 'ResourceNotFoundException', 'The resource you requested does not exist.');
  addPermission(model, elbPermission);
  expectSimError(
    () => removePermission(model, { FunctionName: 'web', StatementId: 'nope' }),
    'ResourceNotFoundException',
    'Statement nope is not found in resource policy.',
  );
  removePermission(model, { FunctionName: 'web', StatementId: 'elb-invoke' });
  expectSimError(() => getPolicy(model, { FunctionName: 'web' }), 'ResourceNotFoundException');
});

test.run();
