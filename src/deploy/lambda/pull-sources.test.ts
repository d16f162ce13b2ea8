import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EventSourceMappingState } from '../ports/lambda-port.js';
import { mappingUpdate } from './pull-sources.js';

function mapping(configuration: Record<string, unknown>, state = 'Enabled'): EventSourceMappingState {
  return { uuid: 'u', functionArn: 'arn', state, configuration, tags: {} };
}

test('only the members the file gives and that differ are sent', () => {
  const live = mapping({ BatchSize: 10, MaximumBatchingWindowInSeconds: 0, FunctionResponseTypes: [] });
  assert.equal(mappingUpdate({ EventSourceArn: 'q', BatchSize: 10 }, live), {});
  assert.equal(mappingUpdate({ EventSourceArn: 'q', BatchSize: 20, MaximumBatchingWindowInSeconds: 5 }, live), {
    BatchSize: 20,
    MaximumBatchingWindowInSeconds: 5,
  });
});

test('Enabled follows the mapping state, absent meaning enabled', () => {
  assert.equal(mappingUpdate({ EventSourceArn: 'q', Enabled: false }, mapping({})), { Enabled: false });
  assert.equal(mappingUpdate({ EventSourceArn: 'q' }, mapping({}, 'Disabled')), { Enabled: true });
  assert.equal(mappingUpdate({ EventSourceArn: 'q', Enabled: false }, mapping({}, 'Disabled')), {});
});

test.run();
