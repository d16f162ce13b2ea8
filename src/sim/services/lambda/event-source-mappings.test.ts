import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlias } from './aliases.js';
import {
  createEventSourceMapping,
  deleteEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
} from './event-source-mappings.js';
import { createFunction, deleteFunction } from './functions.js';
import { FUNCTION_CREATE_MS, MAPPING_TRANSITION_MS } from './lifecycle.js';
import { listTags, tagResource } from './tags.js';
import { createTestWorld, expectSimError, zipFunction } from './test-world.js';

const queue = 'arn:aws:sqs:us-east-1:123456789012:orders';
const stream = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const aliasArn = 'arn:aws:lambda:us-east-1:123456789012:function:web:live';

function setup() {
  const world = createTestWorld();
  createFunction(world.model, { ...zipFunction('web'), Publish: true });
  world.tick(FUNCTION_CREATE_MS);
  createAlias(world.model, { FunctionName: 'web', Name: 'live', FunctionVersion: '1' });
  return world;
}

test('an SQS mapping on an alias ARN: defaults, Creating, then Enabled', () => {
  const { model, tick } = setup();
  const created = createEventSourceMapping(model, { FunctionName: aliasArn, EventSourceArn: queue });
  assert.match(created.UUID ?? '', /^[0-9a-f-]{36}$/);
  assert.is(created.FunctionArn, aliasArn);
  assert.is(created.BatchSize, 10);
  assert.is(created.MaximumBatchingWindowInSeconds, 0);
  assert.is(created.State, 'Creating');
  assert.is(created.StartingPosition, undefined);
  assert.is(created.EventSourceMappingArn, `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${created.UUID}`);
  assert.instance(created.LastModified, Date);
  tick(MAPPING_TRANSITION_MS);
  assert.is(getEventSourceMapping(model, { UUID: created.UUID }).State, 'Enabled');
});

test('stream mappings need a starting position and report stream defaults', () => {
  const { model } = setup();
  expectSimError(() => createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: stream }), 'InvalidParameterValueException');
  const created = createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: stream, StartingPosition: 'LATEST' });
  assert.is(created.BatchSize, 100);
  assert.is(created.ParallelizationFactor, 1);
  assert.is(created.MaximumRetryAttempts, -1);
  assert.is(created.LastProcessingResult, 'No records processed');
  expectSimError(
    () => createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: queue, StartingPosition: 'LATEST' }),
    'InvalidParameterValueException',
  );
  expectSimError(
    () => createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: 'arn:aws:s3:::bucket' }),
    'InvalidParameterValueException',
    /Unrecognized event source/,
  );
});

test('batching rules, unknown functions and duplicates are refused', () => {
  const { model } = setup();
  expectSimError(
    () => createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: queue, BatchSize: 50 }),
    'InvalidParameterValueException',
    'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
  );
  const big = createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: queue, BatchSize: 50, MaximumBatchingWindowInSeconds: 5 });
  assert.is(big.BatchSize, 50);
  expectSimError(
    () => createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: `${queue}.fifo`, BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }),
    'InvalidParameterValueException',
    /FIFO/,
  );
  expectSimError(() => createEventSourceMapping(model, { FunctionName: 'nope', EventSourceArn: queue }), 'ResourceNotFoundException');
  expectSimError(() => createEventSourceMapping(model, { FunctionName: 'web:nope', EventSourceArn: queue }), 'ResourceNotFoundException');
  expectSimError(
    () => createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: queue }),
    'ResourceConflictException',
    new RegExp(`provided mapping already exists. Please update or delete the existing mapping with UUID ${big.UUID}`),
  );
  // The same queue may feed the alias: a different function ARN.
  createEventSourceMapping(model, { FunctionName: aliasArn, EventSourceArn: queue });
});

test('updates wait for the mapping to settle; Enabled false goes Disabling then Disabled', () => {
  const { model, tick } = setup();
  const { UUID } = createEventSourceMapping(model, { FunctionName: aliasArn, EventSourceArn: queue });
  expectSimError(() => updateEventSourceMapping(model, { UUID, BatchSize: 5 }), 'ResourceInUseException');
  tick(MAPPING_TRANSITION_MS);
  const updated = updateEventSourceMapping(model, { UUID, BatchSize: 5 });
  assert.is(updated.State, 'Updating');
  assert.is(updated.BatchSize, 5);
  tick(MAPPING_TRANSITION_MS);
  assert.is(updateEventSourceMapping(model, { UUID, Enabled: false }).State, 'Disabling');
  tick(MAPPING_TRANSITION_MS);
  assert.is(getEventSourceMapping(model, { UUID }).State, 'Disabled');
  const moved = updateEventSourceMapping(model, { UUID, FunctionName: 'web' });
  assert.is(moved.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:web');
});

test('delete answers Deleting, then the mapping is gone', () => {
  const { model, tick } = setup();
  const { UUID } = createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: queue });
  tick(MAPPING_TRANSITION_MS);
  assert.is(deleteEventSourceMapping(model, { UUID }).State, 'Deleting');
  assert.is(getEventSourceMapping(model, { UUID }).State, 'Deleting');
  tick(MAPPING_TRANSITION_MS);
  expectSimError(() => getEventSourceMapping(model, { UUID }), 'ResourceNotFoundException');
  expectSimError(() => deleteEventSourceMapping(model, { UUID }), 'ResourceNotFoundException');
});

test('list by function or event source, in pages; tags; mappings outlive their function', () => {
  const { model } = setup();
  const a = createEventSourceMapping(model, { FunctionName: aliasArn, EventSourceArn: queue });
  createEventSourceMapping(model, { FunctionName: 'web', EventSourceArn: stream, StartingPosition: 'TRIM_HORIZON' });
  assert.is(listEventSourceMappings(model, { FunctionName: 'web' }).EventSourceMappings?.length, 2);
  assert.equal(
    listEventSourceMappings(model, { FunctionName: 'web:live' }).EventSourceMappings?.map((m) => m.UUID),
    [a.UUID],
  );
  assert.equal(
    listEventSourceMappings(model, { EventSourceArn: queue }).EventSourceMappings?.map((m) => m.UUID),
    [a.UUID],
  );
  const page = listEventSourceMappings(model, { MaxItems: 1 });
  assert.is(page.EventSourceMappings?.length, 1);
  assert.is(listEventSourceMappings(model, { MaxItems: 1, Marker: page.NextMarker }).EventSourceMappings?.length, 1);
  tagResource(model, a.EventSourceMappingArn, { team: 'orders' });
  assert.equal(listTags(model, a.EventSourceMappingArn).Tags, { team: 'orders' });
  deleteFunction(model, { FunctionName: 'web' });
  assert.is(listEventSourceMappings(model, { FunctionName: 'web' }).EventSourceMappings?.length, 2);
});

test.run();
