/**
 * restJson1: the operation is the HTTP method plus a path template; input comes from path labels, the query
 * string and a JSON body. https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 *
 * Query-string values reach handlers as strings (`MaxItems: '50'`); body members keep their JSON types.
 */
import { messageOf, SimError } from '../errors.js';
import type { RestRoute } from '../types.js';
import { parseJsonInput, toJsonValue, type WireResponse } from './wire.js';

export interface RestRouteMatch {
  route: RestRoute;
  /** Decoded path labels, e.g. `{ FunctionName: 'web' }`. */
  labels: Record<string, string>;
}

/** Finds the route for a request; when several match, the one with more literal segments wins. */
export function matchRestRoute(routes: readonly RestRoute[], method: string, pathname: string): RestRouteMatch | undefined {
  const segments = splitPath(pathname);
  const matches: { match: RestRouteMatch; literals: number }[] = [];
  for (const route of routes) {
    if (route.method !== method) continue;
    const labels = matchTemplate(splitPath(route.path), segments);
    if (labels === undefined) continue;
    const literals = splitPath(route.path).filter((segment) => !segment.startsWith('{')).length;
    matches.push({ match: { route, labels }, literals });
  }
  matches.sort((a, b) => b.literals - a.literals);
  return matches[0]?.match;
}

/** Trailing slashes are ignored: Lambda's templates mix `/functions` and `/functions/`. */
function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchTemplate(template: string[], segments: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const [, name, greedy] = /^\{(.+?)(\+?)\}$/.exec(part) ?? [];
    if (name !== undefined && greedy === '+') {
      // A greedy label takes the rest of the path, slashes included.
      if (index >= segments.length) return undefined;
      labels[name] = segments.slice(index).map(decodeURIComponent).join('/');
      return labels;
    }
    const segment = segments[index];
    if (segment === undefined) return undefined;
    if (name !== undefined) labels[name] = decodeURIComponent(segment);
    else if (part !== segment) return undefined;
  }
  return template.length === segments.length ? labels : undefined;
}

/** Merges path labels, mapped query parameters and the body into one input object. */
export function decodeRestInput(match: RestRouteMatch, query: URLSearchParams, body: Uint8Array): Record<string, unknown> {
  const { route, labels } = match;
  let input: Record<string, unknown> = {};
  if (route.payload !== undefined) {
    if (body.length > 0) input[route.payload] = body;
  } else {
    try {
      input = parseJsonInput(body);
    } catch (error) {
      throw new SimError('SerializationException', `Could not parse the request body: ${messageOf(error)}`);
    }
  }
  for (const [parameter, member] of Object.entries(route.query ?? {})) {
    const value = query.get(parameter);
    if (value !== null) input[member] = value;
  }
  return { ...input, ...labels };
}

export function encodeRestResult(route: RestRoute, output: unknown, requestId: string): WireResponse {
  const status = route.successStatus ?? 200;
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
  if (status === 204 || output === undefined || output === null) return { status, headers, body: '' };
  headers['content-type'] = 'application/json';
  return { status, headers, body: JSON.stringify(toJsonValue(output)) };
}

/**
 * The error code travels in `x-amzn-ErrorType`; the body carries the message (Lambda's error shapes model it
 * as `Message`, the SDK also reads `message`) and Lambda's `Type` (User or Service).
 */
export function encodeRestError(error: SimError, requestId: string, extraHeaders: Record<string, string> = {}): WireResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-ErrorType': error.code,
      'x-amzn-RequestId': requestId,
      ...extraHeaders,
    },
    body: JSON.stringify({
      Type: error.fault === 'Sender' ? 'User' : 'Service',
      Message: error.message,
      message: error.message,
    }),
  };
}
