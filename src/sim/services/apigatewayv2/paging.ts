/** GetApis, GetRoutes, GetIntegrations and GetStages page with `maxResults` (a query string) and `nextToken`. */
import { badRequest } from './errors.js';

export function page<T>(items: T[], input: { maxResults?: unknown; nextToken?: unknown }): { items: T[]; nextToken?: string } {
  const size = input.maxResults === undefined ? 100 : Number(input.maxResults);
  if (!Number.isInteger(size) || size < 1 || size > 500) throw badRequest('maxResults must be an integer between 1 and 500');
  let start = 0;
  if (typeof input.nextToken === 'string' && input.nextToken !== '') {
    start = Number(Buffer.from(input.nextToken, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw badRequest('Invalid nextToken');
  }
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, nextToken: Buffer.from(String(start + size)).toString('base64') } : { items: slice };
}
