/**
 * Stages: CreateStage, GetStage, GetStages, UpdateStage, DeleteStage. Stage variables are what an integration URI
 * reads as `${stageVariables.NAME}`.
 */
import type { CreateStageRequest, DeleteStageRequest, GetStageRequest, GetStagesRequest, UpdateStageRequest } from '@aws-sdk/client-apigatewayv2';
import type { RequestContext } from '../../types.js';
import { badRequest, conflict, notFound } from './errors.js';
import type { ApiRecord, WireRecord } from './model.js';
import { page } from './paging.js';
import { apiModel, given, requiredString, stringMap, type Wire } from './wire.js';

const settable = ['accessLogSettings', 'autoDeploy', 'clientCertificateId', 'defaultRouteSettings', 'deploymentId', 'description', 'routeSettings'] as const;

export function createStage(input: Wire<CreateStageRequest>, ctx: RequestContext): WireRecord {
  const model = apiModel(ctx);
  const record = model.requireApi(input.apiId);
  const stageName = requiredString(input.stageName, 'stageName', 128);
  if (record.stages.has(stageName)) throw conflict(`Stage ${stageName} already exists`);
  const now = model.now();
  const stage: WireRecord = {
    stageName,
    createdDate: now,
    lastUpdatedDate: now,
    autoDeploy: false,
    defaultRouteSettings: { detailedMetricsEnabled: false },
    routeSettings: {},
    stageVariables: checkVariables(input.stageVariables) ?? {},
    tags: stringMap(input.tags, 'tags') ?? {},
    ...given(input, settable),
  };
  record.stages.set(stageName, stage);
  return structuredClone(stage);
}

export function getStage(input: Wire<GetStageRequest>, ctx: RequestContext): WireRecord {
  return structuredClone(requireStage(apiModel(ctx).requireApi(input.apiId), input.stageName));
}

export function getStages(input: Wire<GetStagesRequest>, ctx: RequestContext): WireRecord {
  const stages = [...apiModel(ctx).requireApi(input.apiId).stages.values()].map((stage) => structuredClone(stage));
  const { items, nextToken } = page(stages, input);
  return { items, ...(nextToken !== undefined ? { nextToken } : {}) };
}

/** PATCH: members given replace the stage's (stage variables as a whole map). */
export function updateStage(input: Wire<UpdateStageRequest>, ctx: RequestContext): WireRecord {
  const model = apiModel(ctx);
  const stage = requireStage(model.requireApi(input.apiId), input.stageName);
  Object.assign(stage, given(input, settable));
  const variables = checkVariables(input.stageVariables);
  if (variables !== undefined) stage.stageVariables = variables;
  stage.lastUpdatedDate = model.now();
  return structuredClone(stage);
}

export function deleteStage(input: Wire<DeleteStageRequest>, ctx: RequestContext): void {
  const record = apiModel(ctx).requireApi(input.apiId);
  requireStage(record, input.stageName);
  record.stages.delete(String(input.stageName));
}

function requireStage(record: ApiRecord, stageName: unknown): WireRecord {
  const stage = typeof stageName === 'string' ? record.stages.get(stageName) : undefined;
  if (stage === undefined) throw notFound('stage', `${String(stageName)} in API ${String(record.api.apiId)}`);
  return stage;
}

/** Names of letters, digits and underscores; values of the characters API Gateway allows. */
function checkVariables(value: unknown): Record<string, string> | undefined {
  const variables = stringMap(value, 'stageVariables');
  for (const [name, item] of Object.entries(variables ?? {})) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw badRequest(`Invalid stage variable name ${name}`);
    if (!/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(item)) throw badRequest(`Invalid value for stage variable ${name}`);
  }
  return variables;
}
