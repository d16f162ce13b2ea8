/**
 * AWS Lambda as the simulator serves it: restJson1 under `/2015-03-31/...` (tags under `/2017-03-31/...`),
 * signing name `lambda`. Paths, methods, query parameters and success statuses are those of the Lambda API
 * model (botocore `lambda/2015-03-31/service-2.json`).
 */
import type { RestRoute, ServiceModule } from '../../types.js';
import { lambdaHandlers } from './handlers.js';
import { getLayerVersionByArn } from './layers.js';
import { LambdaModel } from './model.js';

const fn = '/2015-03-31/functions/{FunctionName}';
const mappings = '/2015-03-31/event-source-mappings';
const paging = { Marker: 'Marker', MaxItems: 'MaxItems' };

const lambdaRoutes: RestRoute[] = [
  { method: 'POST', path: '/2015-03-31/functions', operation: 'CreateFunction', successStatus: 201 },
  {
    method: 'GET',
    path: '/2015-03-31/functions',
    operation: 'ListFunctions',
    query: { MasterRegion: 'MasterRegion', FunctionVersion: 'FunctionVersion', ...paging },
  },
  { method: 'GET', path: fn, operation: 'GetFunction', query: { Qualifier: 'Qualifier' } },
  // The model leaves DeleteFunction's status to the response (`StatusCode`); Lambda answers 204 for a
  // synchronous delete (https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html).
  { method: 'DELETE', path: fn, operation: 'DeleteFunction', successStatus: 204, query: { Qualifier: 'Qualifier' } },
  { method: 'PUT', path: `${fn}/code`, operation: 'UpdateFunctionCode' },
  { method: 'GET', path: `${fn}/configuration`, operation: 'GetFunctionConfiguration', query: { Qualifier: 'Qualifier' } },
  { method: 'PUT', path: `${fn}/configuration`, operation: 'UpdateFunctionConfiguration' },
  { method: 'POST', path: `${fn}/versions`, operation: 'PublishVersion', successStatus: 201 },
  { method: 'GET', path: `${fn}/versions`, operation: 'ListVersionsByFunction', query: paging },
  { method: 'POST', path: `${fn}/aliases`, operation: 'CreateAlias', successStatus: 201 },
  {
    method: 'GET',
    path: `${fn}/aliases`,
    operation: 'ListAliases',
    query: { FunctionVersion: 'FunctionVersion', ...paging },
  },
  { method: 'GET', path: `${fn}/aliases/{Name}`, operation: 'GetAlias' },
  { method: 'PUT', path: `${fn}/aliases/{Name}`, operation: 'UpdateAlias' },
  { method: 'DELETE', path: `${fn}/aliases/{Name}`, operation: 'DeleteAlias', successStatus: 204 },
  { method: 'POST', path: `${fn}/policy`, operation: 'AddPermission', successStatus: 201, query: { Qualifier: 'Qualifier' } },
  { method: 'GET', path: `${fn}/policy`, operation: 'GetPolicy', query: { Qualifier: 'Qualifier' } },
  {
    method: 'DELETE',
    path: `${fn}/policy/{StatementId}`,
    operation: 'RemovePermission',
    successStatus: 204,
    query: { Qualifier: 'Qualifier', RevisionId: 'RevisionId' },
  },
  { method: 'POST', path: `${mappings}/`, operation: 'CreateEventSourceMapping', successStatus: 202 },
  {
    method: 'GET',
    path: `${mappings}/`,
    operation: 'ListEventSourceMappings',
    query: { EventSourceArn: 'EventSourceArn', FunctionName: 'FunctionName', ...paging },
  },
  { method: 'GET', path: `${mappings}/{UUID}`, operation: 'GetEventSourceMapping' },
  { method: 'PUT', path: `${mappings}/{UUID}`, operation: 'UpdateEventSourceMapping', successStatus: 202 },
  { method: 'DELETE', path: `${mappings}/{UUID}`, operation: 'DeleteEventSourceMapping', successStatus: 202 },
  // GetLayerVersionByArn is `GET /2018-10-31/layers?find=LayerVersion&Arn=…`; the simulator has no ListLayers.
  { method: 'GET', path: '/2018-10-31/layers', operation: 'GetLayerVersionByArn', query: { Arn: 'Arn' } },
  { method: 'POST', path: '/2017-03-31/tags/{Resource}', operation: 'TagResource', successStatus: 204 },
  { method: 'GET', path: '/2017-03-31/tags/{Resource}', operation: 'ListTags' },
  {
    method: 'DELETE',
    path: '/2017-03-31/tags/{Resource}',
    operation: 'UntagResource',
    successStatus: 204,
    query: { tagKeys: 'TagKeys' },
  },
];

export const lambdaService: ServiceModule = {
  name: 'lambda',
  protocols: ['restJson1'],
  signingName: 'lambda',
  routes: lambdaRoutes,
  operations: { ...lambdaHandlers, GetLayerVersionByArn: getLayerVersionByArn },
  readOnly: new Set([
    'GetFunction',
    'GetFunctionConfiguration',
    'ListFunctions',
    'ListVersionsByFunction',
    'GetAlias',
    'ListAliases',
    'GetPolicy',
    'GetEventSourceMapping',
    'ListEventSourceMappings',
    'ListTags',
    'GetLayerVersionByArn',
  ]),
  createModel: (world, account, region) => new LambdaModel(world, account, region),
};
