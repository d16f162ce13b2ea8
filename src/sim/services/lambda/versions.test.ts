import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlias, updateAlias } from './aliases.js';
import { createFunction, deleteFunction, getFunctionConfiguration, updateFunctionCode, updateFunctionConfiguration } from './functions.js';
import { FUNCTION_CREATE_MS, FUNCTION_UPDATE_MS, NOT_READY_FAIL_MS, VERSION_PUBLISH_MS } from './lifecycle.js';
import { listVersionsByFunction, publishVersion } from './versions.js';
import { createTestWorld, expectSimError, fakeZip, zipFunction } from './test-world.js';

function activeFunction(name = 'web', scenario = {}) {
  const world = createTestWorld(scenario);
  createFunction(world.model, zipFunction(name));
  world.tick(FUNCTION_CREATE_MS);
  return world;
}

test('PublishVersion numbers versions from 1; a version is Pending, then Active', () => {
  const { model, tick } = activeFunction();
  const v1 = publishVersion(model, { FunctionName: 'web', Description: 'first' });
  assert.is(v1.Version, '1');
  assert.is(v1.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:web:1');
  assert.is(v1.Description, 'first');
  assert.is(v1.State, 'Pending');
  tick(VERSION_PUBLISH_MS);
  const active = getFunctionConfiguration(model, { FunctionName: 'web', Qualifier: '1' });
  assert.is(active.State, 'Active');
  assert.is(active.LastUpdateStatus, 'Successful');
});

test('publishing unchanged code and configuration returns the last version instead of a new one', () => {
  const { model, tick } = activeFunction();
  const v1 = publishVersion(model, { FunctionName: 'web' });
  tick(VERSION_PUBLISH_MS);
  assert.is(publishVersion(model, { FunctionName: 'web' }).Version, '1');
  assert.is(publishVersion(model, { FunctionName: 'web' }).RevisionId, v1.RevisionId);
  updateFunctionConfiguration(model, { FunctionName: 'web', MemorySize: 512 });
  tick(FUNCTION_UPDATE_MS);
  assert.is(publishVersion(model, { FunctionName: 'web' }).Version, '2');
  updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v3') });
  tick(FUNCTION_UPDATE_MS);
  const v3 = publishVersion(model, { FunctionName: 'web' });
  assert.is(v3.Version, '3');
  assert.is(v3.MemorySize, 512);
});

test('PublishVersion during an update is refused; CodeSha256 and RevisionId are checked', () => {
  const { model, tick } = activeFunction();
  updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v2') });
  expectSimError(
    () => publishVersion(model, { FunctionName: 'web' }),
    'ResourceConflictException',
    /An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:web$/,
  );
  tick(FUNCTION_UPDATE_MS);
  expectSimError(
    () => publishVersion(model, { FunctionName: 'web', CodeSha256: 'abc' }),
    'InvalidParameterValueException',
    /is different from current CodeSHA256 in \$LATEST/,
  );
  expectSimError(() => publishVersion(model, { FunctionName: 'web', RevisionId: 'stale' }), 'PreconditionFailedException');
  const latest = getFunctionConfiguration(model, { FunctionName: 'web' });
  const v1 = publishVersion(model, { FunctionName: 'web', CodeSha256: latest.CodeSha256, RevisionId: latest.RevisionId });
  assert.is(v1.Version, '1');
});

test('CreateFunction and UpdateFunctionCode with Publish answer with the new version', () => {
  const { model, tick } = createTestWorld();
  const v1 = createFunction(model, { ...zipFunction('web'), Publish: true });
  assert.is(v1.Version, '1');
  assert.is(v1.State, 'Pending');
  tick(FUNCTION_CREATE_MS);
  // Ready only once the function it was published from is.
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web:1' }).State, 'Pending');
  tick(VERSION_PUBLISH_MS);
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web:1' }).State, 'Active');
  const v2 = updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v2'), Publish: true });
  assert.is(v2.Version, '2');
  tick(FUNCTION_UPDATE_MS + VERSION_PUBLISH_MS);
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web:2' }).State, 'Active');
});

test('a lambda-not-ready fault keeps the matching version Pending, then Failed', () => {
  const { model, tick } = activeFunction('web', {
    faults: [{ kind: 'lambda-not-ready', match: { functionName: 'web', version: '2' } }],
  });
  publishVersion(model, { FunctionName: 'web' });
  updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v2') });
  tick(FUNCTION_UPDATE_MS);
  publishVersion(model, { FunctionName: 'web' });
  tick(50_000);
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web:1' }).State, 'Active');
  assert.is(getFunctionConfiguration(model, { FunctionName: 'web:2' }).State, 'Pending');
  tick(NOT_READY_FAIL_MS);
  const failed = getFunctionConfiguration(model, { FunctionName: 'web:2' });
  assert.is(failed.State, 'Failed');
  assert.is(failed.StateReasonCode, 'InternalError');
});

test('ListVersionsByFunction lists $LATEST first, then versions, in pages', () => {
  const { model, tick } = activeFunction();
  for (const content of ['a', 'b', 'c']) {
    updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip(content) });
    tick(FUNCTION_UPDATE_MS);
    publishVersion(model, { FunctionName: 'web' });
  }
  const first = listVersionsByFunction(model, { FunctionName: 'web', MaxItems: 3 });
  assert.equal(
    first.Versions?.map((v) => v.Version),
    ['$LATEST', '1', '2'],
  );
  const rest = listVersionsByFunction(model, { FunctionName: 'web', Marker: first.NextMarker });
  assert.equal(
    rest.Versions?.map((v) => v.Version),
    ['3'],
  );
  assert.is(rest.NextMarker, undefined);
  expectSimError(() => listVersionsByFunction(model, { FunctionName: 'web', MaxItems: 0 }), 'ValidationException');
  expectSimError(() => listVersionsByFunction(model, { FunctionName: 'web', Marker: 'garbage' }), 'InvalidParameterValueException');
});

test('DeleteFunction with a Qualifier deletes one version, never one an alias routes to, never $LATEST', () => {
  const { model, tick } = activeFunction();
  publishVersion(model, { FunctionName: 'web' });
  updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v2') });
  tick(FUNCTION_UPDATE_MS);
  publishVersion(model, { FunctionName: 'web' });
  createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  updateAlias(model, { FunctionName: 'web', Name: 'live', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } });
  for (const version of ['1', '2']) {
    expectSimError(
      () => deleteFunction(model, { FunctionName: 'web', Qualifier: version }),
      'ResourceConflictException',
      'Unable to delete version because the following aliases reference it: [live]',
    );
  }
  expectSimError(
    () => deleteFunction(model, { FunctionName: 'web', Qualifier: '$LATEST' }),
    'InvalidParameterValueException',
    '$LATEST version cannot be deleted without deleting the function.',
  );
  updateAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } });
  deleteFunction(model, { FunctionName: 'web', Qualifier: '1' });
  expectSimError(() => deleteFunction(model, { FunctionName: 'web', Qualifier: '1' }), 'ResourceNotFoundException');
  // Version numbers are never reused.
  updateFunctionCode(model, { FunctionName: 'web', ZipFile: fakeZip('v3') });
  tick(FUNCTION_UPDATE_MS);
  assert.is(publishVersion(model, { FunctionName: 'web' }).Version, '3');
});

test.run();
