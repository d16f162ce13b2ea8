/** Marker/PageSize pagination of the Describe* operations. The marker is opaque to callers, as in AWS. */
import { tokenMember } from '../../coerce.js';
import { validationError } from './errors.js';

/** AWS does not document a default page size; 400 is the largest PageSize it accepts. */
const defaultPageSize = 400;

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

export function paginate<T>(items: T[], page: { marker?: string; pageSize?: number }): Page<T> {
  const start = page.marker === undefined ? 0 : decodeMarker(page.marker);
  const size = page.pageSize ?? defaultPageSize;
  const slice = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { items: slice, nextMarker: encodeMarker(next) } : { items: slice };
}

function encodeMarker(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decodeMarker(marker: string): number {
  const offset = tokenMember(marker, 'base64', 'offset');
  if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  throw validationError(`Invalid marker '${marker}'`);
}
