/**
 * Amazon API Gateway v2 (HTTP and WebSocket APIs) as the simulator serves it: restJson1 under `/v2/apis`,
 * signing name `apigateway`, member names in lowerCamel case. Paths, methods, query parameters and success
 * statuses are those of the API model (botocore `apigatewayv2/2018-11-29/service-2.json`).
 */
import type { RestRoute, ServiceModule } from '../../types.js';
import { createApi, deleteApi, getApi, getApis } from './apis.js';
import { createIntegration, deleteIntegration, getIntegration, getIntegrations, updateIntegration } from './integrations.js';
import { ApiGatewayV2Model } from './model.js';
import { createRoute, deleteRoute, getRoute, getRoutes, updateRoute } from './routes.js';
import { createStage, deleteStage, getStage, getStages, updateStage } from './stages.js';

const api = '/v2/apis/{apiId}';
const paging = { maxResults: 'maxResults', nextToken: 'nextToken' };

const apigatewayv2Routes: RestRoute[] = [
  { method: 'POST', path: '/v2/apis', operation: 'CreateApi', successStatus: 201 },
  { method: 'GET', path: '/v2/apis', operation: 'GetApis', query: paging },
  { method: 'GET', path: api, operation: 'GetApi' },
  { method: 'DELETE', path: api, operation: 'DeleteApi', successStatus: 204 },
  { method: 'POST', path: `${api}/stages`, operation: 'CreateStage', successStatus: 201 },
  { method: 'GET', path: `${api}/stages`, operation: 'GetStages', query: paging },
  { method: 'GET', path: `${api}/stages/{stageName}`, operation: 'GetStage' },
  { method: 'PATCH', path: `${api}/stages/{stageName}`, operation: 'UpdateStage' },
  { method: 'DELETE', path: `${api}/stages/{stageName}`, operation: 'DeleteStage', successStatus: 204 },
  { method: 'POST', path: `${api}/routes`, operation: 'CreateRoute', successStatus: 201 },
  { method: 'GET', path: `${api}/routes`, operation: 'GetRoutes', query: paging },
  { method: 'GET', path: `${api}/routes/{routeId}`, operation: 'GetRoute' },
  { method: 'PATCH', path: `${api}/routes/{routeId}`, operation: 'UpdateRoute' },
  { method: 'DELETE', path: `${api}/routes/{routeId}`, operation: 'DeleteRoute', successStatus: 204 },
  { method: 'POST', path: `${api}/integrations`, operation: 'CreateIntegration', successStatus: 201 },
  { method: 'GET', path: `${api}/integrations`, operation: 'GetIntegrations', query: paging },
  { method: 'GET', path: `${api}/integrations/{integrationId}`, operation: 'GetIntegration' },
  { method: 'PATCH', path: `${api}/integrations/{integrationId}`, operation: 'UpdateIntegration' },
  { method: 'DELETE', path: `${api}/integrations/{integrationId}`, operation: 'DeleteIntegration', successStatus: 204 },
];

export const apigatewayv2Service: ServiceModule = {
  name: 'apigatewayv2',
  protocols: ['restJson1'],
  signingName: 'apigateway',
  routes: apigatewayv2Routes,
  operations: {
    CreateApi: createApi,
    GetApi: getApi,
    GetApis: getApis,
    DeleteApi: deleteApi,
    CreateStage: createStage,
    GetStage: getStage,
    GetStages: getStages,
    UpdateStage: updateStage,
    DeleteStage: deleteStage,
    CreateRoute: createRoute,
    GetRoute: getRoute,
    GetRoutes: getRoutes,
    UpdateRoute: updateRoute,
    DeleteRoute: deleteRoute,
    CreateIntegration: createIntegration,
    GetIntegration: getIntegration,
    GetIntegrations: getIntegrations,
    UpdateIntegration: updateIntegration,
    DeleteIntegration: deleteIntegration,
  },
  readOnly: new Set(['GetApi', 'GetApis', 'GetStage', 'GetStages', 'GetRoute', 'GetRoutes', 'GetIntegration', 'GetIntegrations']),
  createModel: (world, account, region) => new ApiGatewayV2Model(world, account, region),
};
