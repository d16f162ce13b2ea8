import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32, writeZip } from './zip-archive.js';

const text = (value: string) => new TextEncoder().encode(value);

test('crc32 of known inputs', () => {
  assert.is(crc32(text('')), 0);
  assert.is(crc32(text('hello')), 0x3610a686);
  assert.is(crc32(text('The quick brown fox jumps over the lazy dog')), 0x414fa339);
});

test('the same files in any order give the same bytes', () => {
  const a = writeZip([
    { path: 'b/two.py', bytes: text('2'), executable: false },
    { path: 'app.py', bytes: text('1'), executable: false },
    { path: 'bootstrap', bytes: text('#!/bin/sh'), executable: true },
  ]);
  const b = writeZip([
    { path: 'bootstrap', bytes: text('#!/bin/sh'), executable: true },
    { path: 'app.py', bytes: text('1'), executable: false },
    { path: 'b/two.py', bytes: text('2'), executable: false },
  ]);
  assert.equal(Buffer.from(a).toString('hex'), Buffer.from(b).toString('hex'));
  const changed = writeZip([{ path: 'app.py', bytes: text('one'), executable: false }]);
  assert.is.not(Buffer.from(changed).toString('hex'), Buffer.from(a).toString('hex'));
});

test('layout: local headers in path order, a central directory with Unix modes, and the end record', () => {
  const zip = Buffer.from(
    writeZip([
      { path: 'z.txt', bytes: text('zz'), executable: false },
      { path: 'bootstrap', bytes: text('#!'), executable: true },
    ]),
  );
  assert.is(zip.readUInt32LE(0), 0x04034b50);
  assert.is(zip.subarray(30, 39).toString(), 'bootstrap');
  const end = zip.length - 22;
  assert.is(zip.readUInt32LE(end), 0x06054b50);
  assert.is(zip.readUInt16LE(end + 10), 2);
  const central = zip.readUInt32LE(end + 16);
  assert.is(zip.readUInt32LE(central), 0x02014b50);
  assert.is(zip.readUInt32LE(central + 38) >>> 16, 0o100755);
  assert.is(zip.readUInt32LE(central + 16), crc32(text('#!')));
  const empty = Buffer.from(writeZip([]));
  assert.is(empty.length, 22);
  assert.is(empty.readUInt32LE(0), 0x06054b50);
});

test.run();
