import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isRecord, recordOf, recordsOf } from './is-record.js';

test('isRecord: plain objects only', () => {
  assert.ok(isRecord({}));
  assert.ok(isRecord({ a: 1 }));
  assert.ok(isRecord(new Error('x')), 'an Error has members to read (name, cause)');
  for (const value of [null, undefined, [], [{}], 'text', 0, true]) assert.not.ok(isRecord(value), JSON.stringify(value) ?? 'undefined');
});

test('recordOf: absent, null and non-objects read as no members', () => {
  assert.equal(recordOf({ type: 'EXTERNAL' }).type, 'EXTERNAL');
  for (const value of [undefined, null, 'EXTERNAL', ['EXTERNAL']]) assert.equal(recordOf(value), {});
});

test('recordsOf: the objects of an array, nothing for anything else', () => {
  assert.equal(recordsOf([{ key: 'a' }, null, 'b', [], { key: 'c' }]), [{ key: 'a' }, { key: 'c' }]);
  for (const value of [undefined, null, { key: 'a' }, 'a']) assert.equal(recordsOf(value), []);
});

test.run();
