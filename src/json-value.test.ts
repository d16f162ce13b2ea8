import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errnoCode, fieldOf, isRecord, itemsOf } from './json-value.js';

test('isRecord: objects only, not arrays or null', () => {
  assert.equal([{}, [], null, 'x', 1].map(isRecord), [true, false, false, false, false]);
});

test('fieldOf and itemsOf read what is there, and nothing from another shape', () => {
  assert.is(fieldOf({ type: 'EXTERNAL' }, 'type'), 'EXTERNAL');
  assert.is(fieldOf(['type'], 'type'), undefined);
  assert.equal(itemsOf([1, 2]), [1, 2]);
  assert.equal(itemsOf({ 0: 1 }), []);
});

test('errnoCode: the code of a system error', () => {
  assert.is(errnoCode(Object.assign(new Error('exists'), { code: 'EEXIST' })), 'EEXIST');
  assert.is(errnoCode(new Error('plain')), undefined);
  assert.is(errnoCode('EEXIST'), undefined);
});

test.run();
