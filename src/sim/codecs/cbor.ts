/**
 * The subset of CBOR (RFC 8949) that Smithy's rpcv2Cbor protocol uses: integers, floats, byte and text
 * strings, arrays, maps, booleans, null, and tag 1 (epoch-seconds timestamps).
 * https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html
 */

/** Decodes one data item. Byte strings become base64 and timestamps epoch seconds, as the JSON codecs give them. */
export function decodeCbor(bytes: Uint8Array): unknown {
  const reader = { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const value = readItem(reader);
  if (value === BREAK) throw new SyntaxError('unexpected CBOR break');
  return value;
}

interface Reader {
  bytes: Uint8Array;
  view: DataView;
  offset: number;
}

const BREAK = Symbol('break');

function readItem(reader: Reader): unknown {
  const initial = readUint(reader, 1);
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (major === 7) return readSimple(reader, info);
  if (info === 31) return readIndefinite(reader, major);
  const argument = readArgument(reader, info);
  switch (major) {
    case 0:
      return argument;
    case 1:
      return -1 - argument;
    case 2:
      return Buffer.from(take(reader, argument)).toString('base64');
    case 3:
      return Buffer.from(take(reader, argument)).toString('utf8');
    case 4:
      return Array.from({ length: argument }, () => readItem(reader));
    case 5:
      return readMap(reader, argument);
    default:
      // Tag 1 is an epoch-seconds timestamp; other tags are passed through untagged.
      return readItem(reader);
  }
}

function readMap(reader: Reader, length: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let index = 0; index < length; index++) {
    const key = readItem(reader);
    out[String(key)] = readItem(reader);
  }
  return out;
}

function readIndefinite(reader: Reader, major: number): unknown {
  const items: unknown[] = [];
  for (let item = readItem(reader); item !== BREAK; item = readItem(reader)) items.push(item);
  if (major === 2) return Buffer.concat(items.map((chunk) => Buffer.from(String(chunk), 'base64'))).toString('base64');
  if (major === 3) return items.join('');
  if (major === 4) return items;
  if (major === 5) {
    const out: Record<string, unknown> = {};
    for (let index = 0; index + 1 < items.length; index += 2) out[String(items[index])] = items[index + 1];
    return out;
  }
  throw new SyntaxError(`CBOR major type ${major} cannot have an indefinite length`);
}

function readSimple(reader: Reader, info: number): unknown {
  switch (info) {
    case 20:
      return false;
    case 21:
      return true;
    case 22:
    case 23:
      return null;
    case 25:
      return readHalf(readUint(reader, 2));
    case 26:
      reader.offset += 4;
      return reader.view.getFloat32(reader.offset - 4);
    case 27:
      reader.offset += 8;
      return reader.view.getFloat64(reader.offset - 8);
    case 31:
      return BREAK;
    default:
      throw new SyntaxError(`unsupported CBOR simple value ${info}`);
  }
}

function readHalf(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function readArgument(reader: Reader, info: number): number {
  if (info < 24) return info;
  if (info === 24) return readUint(reader, 1);
  if (info === 25) return readUint(reader, 2);
  if (info === 26) return readUint(reader, 4);
  if (info === 27) return Number(readBigUint(reader));
  throw new SyntaxError(`invalid CBOR additional information ${info}`);
}

function readUint(reader: Reader, size: 1 | 2 | 4): number {
  if (reader.offset + size > reader.bytes.length) throw new SyntaxError('truncated CBOR input');
  const { view, offset } = reader;
  reader.offset += size;
  if (size === 1) return view.getUint8(offset);
  return size === 2 ? view.getUint16(offset) : view.getUint32(offset);
}

function readBigUint(reader: Reader): bigint {
  if (reader.offset + 8 > reader.bytes.length) throw new SyntaxError('truncated CBOR input');
  reader.offset += 8;
  return reader.view.getBigUint64(reader.offset - 8);
}

function take(reader: Reader, length: number): Uint8Array {
  if (reader.offset + length > reader.bytes.length) throw new SyntaxError('truncated CBOR input');
  reader.offset += length;
  return reader.bytes.subarray(reader.offset - length, reader.offset);
}

/** Encodes handler output: Dates as tag 1 epoch seconds, byte arrays as byte strings, undefined members dropped. */
export function encodeCbor(value: unknown): Uint8Array {
  const chunks: Buffer[] = [];
  writeItem(chunks, value);
  return Buffer.concat(chunks);
}

function writeItem(chunks: Buffer[], value: unknown): void {
  if (value === null || value === undefined) chunks.push(Buffer.from([0xf6]));
  else if (typeof value === 'boolean') chunks.push(Buffer.from([value ? 0xf5 : 0xf4]));
  else if (typeof value === 'number') writeNumber(chunks, value);
  else if (typeof value === 'string') writeBytes(chunks, 3, Buffer.from(value, 'utf8'));
  else if (value instanceof Uint8Array) writeBytes(chunks, 2, Buffer.from(value));
  else if (value instanceof Date) {
    chunks.push(Buffer.from([0xc1]));
    writeNumber(chunks, value.getTime() / 1000);
  } else if (Array.isArray(value)) {
    writeHead(chunks, 4, value.length);
    for (const item of value) writeItem(chunks, item);
  } else if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    writeHead(chunks, 5, entries.length);
    for (const [key, member] of entries) {
      writeItem(chunks, key);
      writeItem(chunks, member);
    }
  } else throw new TypeError(`cannot encode ${typeof value} as CBOR`);
}

function writeNumber(chunks: Buffer[], value: number): void {
  if (Number.isSafeInteger(value)) {
    if (value >= 0) writeHead(chunks, 0, value);
    else writeHead(chunks, 1, -1 - value);
    return;
  }
  const buffer = Buffer.alloc(9);
  buffer[0] = 0xfb;
  buffer.writeDoubleBE(value, 1);
  chunks.push(buffer);
}

function writeBytes(chunks: Buffer[], major: number, bytes: Buffer): void {
  writeHead(chunks, major, bytes.length);
  chunks.push(bytes);
}

function writeHead(chunks: Buffer[], major: number, argument: number): void {
  const type = major << 5;
  if (argument < 24) chunks.push(Buffer.from([type | argument]));
  else if (argument < 0x100) chunks.push(Buffer.from([type | 24, argument]));
  else if (argument < 0x10000) {
    const buffer = Buffer.alloc(3);
    buffer[0] = type | 25;
    buffer.writeUInt16BE(argument, 1);
    chunks.push(buffer);
  } else if (argument < 0x100000000) {
    const buffer = Buffer.alloc(5);
    buffer[0] = type | 26;
    buffer.writeUInt32BE(argument, 1);
    chunks.push(buffer);
  } else {
    const buffer = Buffer.alloc(9);
    buffer[0] = type | 27;
    buffer.writeBigUInt64BE(BigInt(argument), 1);
    chunks.push(buffer);
  }
}
