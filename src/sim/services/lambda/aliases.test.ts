import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from './aliases.js';
import { createFunction, updateFunctionCode } from './functions.js';
import { FUNCTION_CREATE_MS, FUNCTION_UPDATE_MS } from './lifecycle.js';
import { publishVersion } from './versions.js';
import { createTestWorld, expectSimError, fakeZip, zipFunction } from './test-world.js';

/** A function with versions 1..count published. */
function withVersions(count: number) {
  const world = createTestWorld();
  createFunction(world.model, zipFunction('web'));
  world.tick(FUNCTION_CREATE_MS);
  for (let index = 1; index <= count; index++) {
    if (index > 1) {
      updateFunctionCode(world.model, { FunctionName: 'web', ZipFile: fakeZip(`v${index}`) });
      world.tick(FUNCTION_UPDATE_MS);
    }
    publishVersion(world.model, { FunctionName: 'web' });
  }
  return world;
}

const weights = (AdditionalVersionWeights: Record<string, number>) => ({ AdditionalVersionWeights });

test('CreateAlias points at a version and tells the world that version now has traffic', () => {
  const { model, traffic } = withVersions(1);
  const alias = createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1', Description: 'prod' });
  assert.is(alias.AliasArn, 'arn:aws:lambda:us-east-1:123456789012:function:web:live');
  assert.is(alias.FunctionVersion, '1');
  assert.is(alias.RoutingConfig, undefined);
  assert.match(alias.RevisionId ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(traffic, [{ account: '123456789012', region: 'us-east-1', functionName: 'web', version: '1' }]);
  assert.equal(getAlias(model, { FunctionName: 'web', Name: 'live' }), alias);
  expectSimError(
    () => createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' }),
    'ResourceConflictException',
    'Alias already exists: arn:aws:lambda:us-east-1:123456789012:function:web:live',
  );
});

test('shifting weight reports each version once, when it first gets traffic through the alias', () => {
  const { model, traffic } = withVersions(2);
  createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  traffic.length = 0;
  updateAlias(model, { FunctionName: 'web', Name: 'live', RoutingConfig: weights({ '2': 0 }) });
  assert.equal(traffic, []);
  const canary = updateAlias(model, { FunctionName: 'web', Name: 'live', RoutingConfig: weights({ '2': 0.1 }) });
  assert.equal(canary.RoutingConfig, weights({ '2': 0.1 }));
  assert.equal(
    traffic.map((signal) => signal.version),
    ['2'],
  );
  updateAlias(model, { FunctionName: 'web', Name: 'live', RoutingConfig: weights({ '2': 0.5 }) });
  const promoted = updateAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '2', RoutingConfig: weights({}) });
  assert.is(promoted.FunctionVersion, '2');
  assert.is(promoted.RoutingConfig, undefined);
  assert.equal(
    traffic.map((signal) => signal.version),
    ['2'],
  );
});

test('routing configuration is validated exactly like Lambda', () => {
  const { model } = withVersions(3);
  createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  const update = (routing: Record<string, number>, FunctionVersion?: string) => () =>
    updateAlias(model, { FunctionName: 'web', Name: 'live', RoutingConfig: weights(routing), ...(FunctionVersion ? { FunctionVersion } : {}) });
  expectSimError(update({ '2': 0.1, '3': 0.1 }), 'InvalidParameterValueException', /must be at most 1/);
  expectSimError(update({ $LATEST: 0.1 }), 'ValidationException', /Map keys must satisfy constraint/);
  expectSimError(update({ '2': 1.5 }), 'ValidationException', /less than or equal to 1.0/);
  expectSimError(update({ '2': -0.1 }), 'ValidationException', /greater than or equal to 0.0/);
  expectSimError(
    update({ '1': 0.5 }),
    'InvalidParameterValueException',
    'Invalid function version 1. Function version 1 is already included in routing configuration.',
  );
  expectSimError(update({ '9': 0.5 }), 'ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:web:9');
  expectSimError(update({ '2': 0.5 }, '$LATEST'), 'InvalidParameterValueException', '$LATEST is not supported for an alias pointing to more than 1 version');
  expectSimError(() => createAlias(model, { FunctionName: 'web', Name: 'x', FunctionVersion: '7' }), 'ResourceNotFoundException');
  expectSimError(() => createAlias(model, { FunctionName: 'web', Name: '123', FunctionVersion: '1' }), 'ValidationException');
  // The split survives an update that only moves the primary version, and must stay valid for it.
  updateAlias(model, { FunctionName: 'web', Name: 'live', RoutingConfig: weights({ '2': 0.2 }) });
  expectSimError(() => updateAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '2' }), 'InvalidParameterValueException');
  assert.equal(updateAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '3' }).RoutingConfig, weights({ '2': 0.2 }));
});

test('UpdateAlias checks RevisionId; GetAlias and DeleteAlias; ListAliases filters by version', () => {
  const { model } = withVersions(2);
  const live = createAlias(model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  createAlias(model, { FunctionName: 'web', Name: 'beta', FunctionVersion: '2' });
  updateAlias(model, { FunctionName: 'web', Name: 'live', Description: 'changed' });
  expectSimError(() => updateAlias(model, { FunctionName: 'web', Name: 'live', RevisionId: live.RevisionId }), 'PreconditionFailedException');
  assert.equal(
    listAliases(model, { FunctionName: 'web' }).Aliases?.map((a) => a.Name),
    ['beta', 'live'],
  );
  assert.equal(
    listAliases(model, { FunctionName: 'web', FunctionVersion: '1' }).Aliases?.map((a) => a.Name),
    ['live'],
  );
  const page = listAliases(model, { FunctionName: 'web', MaxItems: 1 });
  assert.equal(
    page.Aliases?.map((a) => a.Name),
    ['beta'],
  );
  assert.equal(
    listAliases(model, { FunctionName: 'web', Marker: page.NextMarker }).Aliases?.map((a) => a.Name),
    ['live'],
  );
  deleteAlias(model, { FunctionName: 'web', Name: 'beta' });
  deleteAlias(model, { FunctionName: 'web', Name: 'beta' });
  expectSimError(
    () => getAlias(model, { FunctionName: 'web', Name: 'beta' }),
    'ResourceNotFoundException',
    'Alias not found: arn:aws:lambda:us-east-1:123456789012:function:web:beta',
  );
});

test.run();
