/**
 * Integrations: CreateIntegration, GetIntegration(s), UpdateIntegration, DeleteIntegration. A Lambda proxy
 * integration (AWS_PROXY) names a function, alias or version ARN, possibly through a stage variable
 * (`function:NAME:${stageVariables.alias}`); HTTP APIs need its payload format version.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type {
  CreateIntegrationRequest,
  DeleteIntegrationRequest,
  GetIntegrationRequest,
  GetIntegrationsRequest,
  UpdateIntegrationRequest,
} from '@aws-sdk/client-apigatewayv2';
import type { RequestContext } from '../../types.js';
import { badRequest, notFound } from './errors.js';
import type { ApiRecord, WireRecord } from './model.js';
import { page } from './paging.js';
import { apiModel, given, optionalString, requiredString, storedString, type Wire } from './wire.js';

const types = ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'];
const settable = [
  'connectionId',
  'contentHandlingStrategy',
  'credentialsArn',
  'description',
  'integrationSubtype',
  'passthroughBehavior',
  'requestParameters',
  'requestTemplates',
  'responseParameters',
  'templateSelectionExpression',
  'tlsConfig',
] as const;
// A Lambda function, alias or version ARN (the qualifier may be a stage variable), or the apigateway invoke URI form.
const lambdaUri =
  /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:(\$\{stageVariables\.[A-Za-z0-9_]+\}|[A-Za-z0-9_$-]+))?|arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/.+\/invocations)$/;

export function createIntegration(input: Wire<CreateIntegrationRequest>, ctx: RequestContext): WireRecord {
  const model = apiModel(ctx);
  const record = model.requireApi(input.apiId);
  const integrationType = requiredString(input.integrationType, 'integrationType');
  if (!types.includes(integrationType)) throw badRequest(`Invalid integrationType ${integrationType}`);
  const integration: WireRecord = {
    integrationId: model.newId('integration', 7),
    integrationType,
    connectionType: input.connectionType ?? 'INTERNET',
    ...given(input, settable),
  };
  applyTarget(record, integration, input);
  record.integrations.set(String(integration.integrationId), integration);
  return structuredClone(integration);
}

export function getIntegration(input: Wire<GetIntegrationRequest>, ctx: RequestContext): WireRecord {
  return structuredClone(requireIntegration(apiModel(ctx).requireApi(input.apiId), input.integrationId));
}

export function getIntegrations(input: Wire<GetIntegrationsRequest>, ctx: RequestContext): WireRecord {
  const integrations = [...apiModel(ctx).requireApi(input.apiId).integrations.values()].map((item) => structuredClone(item));
  const { items, nextToken } = page(integrations, input);
  return { items, ...(nextToken !== undefined ? { nextToken } : {}) };
}

/** PATCH: members given replace the integration's, and the result must still be a valid integration. */
export function updateIntegration(input: Wire<UpdateIntegrationRequest>, ctx: RequestContext): WireRecord {
  const record = apiModel(ctx).requireApi(input.apiId);
  const current = requireIntegration(record, input.integrationId);
  const updated: WireRecord = { ...current, ...given(input, settable) };
  if (input.integrationType !== undefined) {
    if (!types.includes(input.integrationType)) throw badRequest(`Invalid integrationType ${input.integrationType}`);
    updated.integrationType = input.integrationType;
  }
  applyTarget(record, updated, {
    integrationUri: input.integrationUri ?? storedString(current, 'integrationUri'),
    integrationMethod: input.integrationMethod ?? storedString(current, 'integrationMethod'),
    payloadFormatVersion: input.payloadFormatVersion ?? storedString(current, 'payloadFormatVersion'),
    timeoutInMillis: input.timeoutInMillis ?? storedTimeout(current),
  });
  record.integrations.set(String(current.integrationId), updated);
  return structuredClone(updated);
}

/** The model lists no conflict for DeleteIntegration: a route that targets it keeps a dangling target. */
export function deleteIntegration(input: Wire<DeleteIntegrationRequest>, ctx: RequestContext): void {
  const record = apiModel(ctx).requireApi(input.apiId);
  requireIntegration(record, input.integrationId);
  record.integrations.delete(String(input.integrationId));
}

function requireIntegration(record: ApiRecord, integrationId: unknown): WireRecord {
  const integration = typeof integrationId === 'string' ? record.integrations.get(integrationId) : undefined;
  if (integration === undefined) throw notFound('Integration', String(integrationId));
  return integration;
}

function storedTimeout(integration: WireRecord): number | undefined {
  const value = integration.timeoutInMillis;
  return typeof value === 'number' ? value : undefined;
}

interface TargetInput {
  integrationUri?: string | undefined;
  integrationMethod?: string | undefined;
  payloadFormatVersion?: string | undefined;
  timeoutInMillis?: number | undefined;
}

/** The URI, method, payload format and timeout, checked against the integration type and the API's protocol. */
function applyTarget(record: ApiRecord, integration: WireRecord, input: TargetInput): void {
  const http = record.api.protocolType === 'HTTP';
  const uri = optionalString(input.integrationUri, 'integrationUri', 2048);
  if (integration.integrationType !== 'MOCK' && uri === undefined) throw badRequest('integrationUri is required for this integrationType');
  if (integration.integrationType === 'AWS_PROXY' && uri !== undefined && !lambdaUri.test(uri) && integration.integrationSubtype === undefined) {
    throw badRequest(`Invalid integration URI ${uri}: a Lambda proxy integration needs a Lambda function ARN`);
  }
  const version = input.payloadFormatVersion;
  if (version !== undefined && version !== '1.0' && version !== '2.0') throw badRequest(`Invalid payloadFormatVersion ${version}: use 1.0 or 2.0`);
  if (http && integration.integrationType === 'AWS_PROXY' && version === undefined) {
    throw badRequest('payloadFormatVersion is required for Lambda proxy integrations of HTTP APIs');
  }
  const timeout = input.timeoutInMillis ?? (http ? 30_000 : 29_000);
  if (!Number.isInteger(timeout) || timeout < 50 || timeout > 30_000) throw badRequest('timeoutInMillis must be between 50 and 30000');
  Object.assign(integration, {
    ...(uri !== undefined ? { integrationUri: uri } : {}),
    ...(version !== undefined ? { payloadFormatVersion: version } : {}),
    ...(integration.integrationType === 'AWS_PROXY' || input.integrationMethod !== undefined ? { integrationMethod: input.integrationMethod ?? 'POST' } : {}),
    timeoutInMillis: timeout,
  });
}
