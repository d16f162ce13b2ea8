/**
 * Marker/MaxItems pagination of Lambda's List* operations. The marker is opaque to callers, as in AWS; here it
 * carries the key of the next item, so a page stays correct when earlier items are deleted between calls.
 */
import { tokenMember } from '../../coerce.js';
import { invalidParameter, validationError } from './errors.js';

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

export interface PageRequest {
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}

/** `defaultSize` is what Lambda returns when MaxItems is absent (50 for versions and aliases, 100 for mappings). */
export function paginate<T>(items: T[], keyOf: (item: T) => string, request: PageRequest, defaultSize: number): Page<T> {
  const size = request.MaxItems ?? defaultSize;
  if (!Number.isInteger(size) || size < 1) {
    throw validationError('maxItems', String(size), 'Member must have value greater than or equal to 1');
  }
  if (size > 10_000) {
    throw validationError('maxItems', String(size), 'Member must have value less than or equal to 10000');
  }
  const start = request.Marker === undefined || request.Marker === '' ? 0 : startOf(items, keyOf, request.Marker);
  const slice = items.slice(start, start + size);
  const next = items[start + size];
  return next === undefined ? { items: slice } : { items: slice, nextMarker: encodeMarker(keyOf(next)) };
}

function startOf<T>(items: T[], keyOf: (item: T) => string, marker: string): number {
  const key = decodeMarker(marker);
  const index = items.findIndex((item) => keyOf(item) === key);
  // The item the marker named is gone: continue after the items that sort before it.
  return index >= 0 ? index : items.filter((item) => keyOf(item) < key).length;
}

function encodeMarker(key: string): string {
  return Buffer.from(JSON.stringify({ next: key }), 'utf8').toString('base64');
}

function decodeMarker(marker: string): string {
  const next = tokenMember(marker, 'base64', 'next');
  if (typeof next === 'string') return next;
  throw invalidParameter(`Invalid marker: ${marker}`);
}
