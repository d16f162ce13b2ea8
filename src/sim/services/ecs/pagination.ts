/** nextToken / maxResults paging over a list, with ECS's errors for bad values. */
import { tokenMember } from '../../coerce.js';
import { invalidParameter } from './errors.js';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(
  items: T[],
  options: { nextToken?: string | undefined; maxResults?: number | undefined },
  limits: { defaultSize: number; maxSize: number },
): Page<T> {
  const size = options.maxResults ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.maxSize) {
    throw invalidParameter(`maxResults must be between 1 and ${limits.maxSize}.`);
  }
  const start = options.nextToken === undefined ? 0 : decodeToken(options.nextToken);
  const page: Page<T> = { items: items.slice(start, start + size) };
  if (start + size < items.length) page.nextToken = encodeToken(start + size);
  return page;
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function decodeToken(token: string): number {
  const offset = tokenMember(token, 'base64url', 'offset');
  if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  // the error ECS gives for a token it did not issue
  throw invalidParameter('Invalid nextToken.');
}
