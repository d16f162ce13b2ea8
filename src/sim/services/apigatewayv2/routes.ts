/** Routes: CreateRoute, GetRoute, GetRoutes, UpdateRoute, DeleteRoute. A route's target names one of the API's integrations. */
import type { CreateRouteRequest, DeleteRouteRequest, GetRouteRequest, GetRoutesRequest, UpdateRouteRequest } from '@aws-sdk/client-apigatewayv2';
import type { RequestContext } from '../../types.js';
import { badRequest, conflict, notFound } from './errors.js';
import type { ApiRecord, WireRecord } from './model.js';
import { page } from './paging.js';
import { apiModel, given, requiredString, type Wire } from './wire.js';

const settable = [
  'apiKeyRequired',
  'authorizationScopes',
  'authorizationType',
  'authorizerId',
  'modelSelectionExpression',
  'operationName',
  'requestModels',
  'requestParameters',
  'routeResponseSelectionExpression',
] as const;

// HTTP API route keys: `$default` or a method and a path (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
const httpRouteKey = /^(\$default|(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*)$/;

export function createRoute(input: Wire<CreateRouteRequest>, ctx: RequestContext): WireRecord {
  const model = apiModel(ctx);
  const record = model.requireApi(input.apiId);
  const routeKey = checkRouteKey(record, requiredString(input.routeKey, 'routeKey', 256));
  const routeId = model.newId('route', 7);
  const route: WireRecord = {
    routeId,
    routeKey,
    apiKeyRequired: false,
    authorizationType: 'NONE',
    ...given(input, settable),
    ...(input.target !== undefined ? { target: checkTarget(record, input.target) } : {}),
  };
  record.routes.set(routeId, route);
  return structuredClone(route);
}

export function getRoute(input: Wire<GetRouteRequest>, ctx: RequestContext): WireRecord {
  return structuredClone(requireRoute(apiModel(ctx).requireApi(input.apiId), input.routeId));
}

export function getRoutes(input: Wire<GetRoutesRequest>, ctx: RequestContext): WireRecord {
  const routes = [...apiModel(ctx).requireApi(input.apiId).routes.values()].map((route) => structuredClone(route));
  const { items, nextToken } = page(routes, input);
  return { items, ...(nextToken !== undefined ? { nextToken } : {}) };
}

/** PATCH: members given replace the route's; the others stay. */
export function updateRoute(input: Wire<UpdateRouteRequest>, ctx: RequestContext): WireRecord {
  const record = apiModel(ctx).requireApi(input.apiId);
  const route = requireRoute(record, input.routeId);
  if (input.routeKey !== undefined && input.routeKey !== route.routeKey)
    route.routeKey = checkRouteKey(record, requiredString(input.routeKey, 'routeKey', 256));
  Object.assign(route, given(input, settable));
  if (input.target !== undefined) route.target = checkTarget(record, input.target);
  return structuredClone(route);
}

export function deleteRoute(input: Wire<DeleteRouteRequest>, ctx: RequestContext): void {
  const record = apiModel(ctx).requireApi(input.apiId);
  requireRoute(record, input.routeId);
  record.routes.delete(String(input.routeId));
}

function requireRoute(record: ApiRecord, routeId: unknown): WireRecord {
  const route = typeof routeId === 'string' ? record.routes.get(routeId) : undefined;
  if (route === undefined) throw notFound('Route', String(routeId));
  return route;
}

function checkRouteKey(record: ApiRecord, routeKey: string): string {
  if (record.api.protocolType === 'HTTP' && !httpRouteKey.test(routeKey)) {
    throw badRequest(`Invalid route key ${routeKey}: use $default or a method and a path, such as GET /pets`);
  }
  if ([...record.routes.values()].some((route) => route.routeKey === routeKey)) throw conflict(`Route with key ${routeKey} already exists for this API`);
  return routeKey;
}

/** `integrations/ID` of an integration of this API. */
function checkTarget(record: ApiRecord, target: string): string {
  const id = /^integrations\/([a-z0-9]+)$/.exec(target)?.[1];
  if (id === undefined || !record.integrations.has(id)) throw badRequest(`Invalid target ${target}: it must be integrations/ID of an integration of this API`);
  return target;
}
