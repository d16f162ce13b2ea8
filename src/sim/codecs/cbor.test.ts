import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeCbor, encodeCbor } from './cbor.js';

test('round-trips the values handlers produce', () => {
  const value = { s: 'héllo', n: 42, neg: -7, big: 2 ** 40, f: 1.5, t: true, f2: false, nil: null, list: [1, 'a', { x: [] }] };
  assert.equal(decodeCbor(encodeCbor(value)), value);
});

test('Dates encode as tag 1 epoch seconds and decode as numbers; byte strings decode as base64', () => {
  const bytes = encodeCbor({ when: new Date(1_500), blob: new Uint8Array([1, 2, 3]), skip: undefined });
  assert.equal(decodeCbor(bytes), { when: 1.5, blob: 'AQID' });
  assert.is(Buffer.from(encodeCbor(new Date(2_000))).toString('hex'), 'c102');
});

test('decodes indefinite lengths and half floats (RFC 8949 appendix A vectors)', () => {
  assert.equal(decodeCbor(Buffer.from('bf61610161629f0203ffff', 'hex')), { a: 1, b: [2, 3] });
  assert.is(decodeCbor(Buffer.from('7f657374726561646d696e67ff', 'hex')), 'streaming');
  assert.is(decodeCbor(Buffer.from('f93c00', 'hex')), 1);
  assert.is(decodeCbor(Buffer.from('f9c400', 'hex')), -4);
  assert.is(decodeCbor(Buffer.from('fa47c35000', 'hex')), 100000);
  assert.is(decodeCbor(Buffer.from('1b000000e8d4a51000', 'hex')), 1000000000000);
  assert.is(decodeCbor(Buffer.from('3863', 'hex')), -100);
});

test('truncated input is a SyntaxError', () => {
  assert.throws(() => decodeCbor(Buffer.from('62616', 'hex')), SyntaxError);
});

test.run();
