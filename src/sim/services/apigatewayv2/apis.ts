/** APIs: CreateApi, GetApi, GetApis, DeleteApi. https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html */
import type { CreateApiRequest, DeleteApiRequest, GetApiRequest, GetApisRequest } from '@aws-sdk/client-apigatewayv2';
import type { RequestContext } from '../../types.js';
import { badRequest } from './errors.js';
import type { WireRecord } from './model.js';
import { page } from './paging.js';
import { apiModel, given, optionalString, requiredString, stringMap, type Wire } from './wire.js';

const optionalMembers = ['description', 'version', 'corsConfiguration', 'disableSchemaValidation', 'ipAddressType'] as const;

export function createApi(input: Wire<CreateApiRequest>, ctx: RequestContext): WireRecord {
  const model = apiModel(ctx);
  const name = requiredString(input.name, 'name', 128);
  const protocolType = requiredString(input.protocolType, 'protocolType');
  if (protocolType !== 'HTTP' && protocolType !== 'WEBSOCKET') throw badRequest(`Invalid protocolType ${protocolType}: must be HTTP or WEBSOCKET`);
  const routeSelectionExpression =
    // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own selection expression syntax, not JavaScript's.
    optionalString(input.routeSelectionExpression, 'routeSelectionExpression') ?? (protocolType === 'HTTP' ? '${request.method} ${request.path}' : undefined);
  if (routeSelectionExpression === undefined) throw badRequest('routeSelectionExpression is required for WEBSOCKET APIs');
  const apiId = model.newId('api', 10);
  const api: WireRecord = {
    apiId,
    name,
    protocolType,
    apiEndpoint: `${protocolType === 'HTTP' ? 'https' : 'wss'}://${apiId}.execute-api.${ctx.region}.amazonaws.com`,
    apiKeySelectionExpression: optionalString(input.apiKeySelectionExpression, 'apiKeySelectionExpression') ?? '$request.header.x-api-key',
    routeSelectionExpression,
    createdDate: model.now(),
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    tags: stringMap(input.tags, 'tags') ?? {},
    ...given(input, optionalMembers),
  };
  model.apis.set(apiId, { api, routes: new Map(), integrations: new Map(), stages: new Map() });
  return structuredClone(api);
}

export function getApi(input: Wire<GetApiRequest>, ctx: RequestContext): WireRecord {
  return structuredClone(apiModel(ctx).requireApi(input.apiId).api);
}

export function getApis(input: Wire<GetApisRequest>, ctx: RequestContext): WireRecord {
  const apis = [...apiModel(ctx).apis.values()].map((record) => structuredClone(record.api));
  const { items, nextToken } = page(apis, input);
  return { items, ...(nextToken !== undefined ? { nextToken } : {}) };
}

export function deleteApi(input: Wire<DeleteApiRequest>, ctx: RequestContext): void {
  const model = apiModel(ctx);
  model.requireApi(input.apiId);
  model.apis.delete(String(input.apiId));
}
