/**
 * An API Gateway v2 route that invokes the function's alias: a Lambda proxy (AWS_PROXY) integration whose URI
 * names the alias, either directly or through a stage variable (`function:NAME:${stageVariables.VAR}`), so each
 * stage can call the alias its variable names. The integration is reused when one with the same URI exists, and
 * the route is pointed at it only when it points elsewhere.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { PushEventSource } from '../../defs/eventsource-schema.js';
import type { UnitContext } from '../context.js';
import type { PushTarget } from './push-sources.js';
import { qualifiedArn } from './function-target.js';

type ApiSource = Extract<PushEventSource, { Service: 'apigateway.amazonaws.com' }>;

/** The integration URI for a source: the alias, or the stage variable that names it. */
function integrationUri(target: PushTarget, source: ApiSource): string {
  const variable = stageVariableOf(source);
  return qualifiedArn(target.functionArn, variable === undefined ? target.alias : `\${stageVariables.${variable}}`);
}

export async function attachApiRoute(ctx: UnitContext, target: PushTarget, source: ApiSource): Promise<void> {
  const api = await ctx.ports.apiGateway.describeApi(source.ApiId);
  if (api === null) throw new Error(`API ${source.ApiId} does not exist (PushEventSources, ApiId)`);
  const route = await ctx.ports.apiGateway.describeRoute(source.ApiId, source.RouteId);
  if (route === null) throw new Error(`API ${source.ApiId} has no route ${source.RouteId} (PushEventSources, RouteId)`);
  const uri = integrationUri(target, source);
  const existing = (await ctx.ports.apiGateway.integrations(source.ApiId)).find((i) => i.integrationType === 'AWS_PROXY' && i.integrationUri === uri);
  let integrationId = existing?.integrationId;
  if (integrationId === undefined) {
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `creating a Lambda integration in API ${source.ApiId} for ${uri}` });
    // HTTP APIs need the event format named; 2.0 is the current one. WebSocket APIs take none.
    const created = await ctx.ports.apiGateway.createLambdaIntegration(source.ApiId, uri, api.protocolType === 'HTTP' ? '2.0' : null);
    integrationId = created.integrationId;
  }
  if (route.target !== `integrations/${integrationId}`) {
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `pointing route ${route.routeKey} of API ${source.ApiId} at integration ${integrationId}` });
    await ctx.ports.apiGateway.setRouteTarget(source.ApiId, source.RouteId, integrationId);
  }
  const variable = stageVariableOf(source);
  if (variable !== undefined) await noteStages(ctx, target, source.ApiId, variable);
}

/** The source's stage variable (either spelling reaches here as AliasStageVariableName), if it names one. */
function stageVariableOf(source: ApiSource): string | undefined {
  return 'AliasStageVariableName' in source ? source.AliasStageVariableName : undefined;
}

/** A stage variable that names another alias (or none) sends that stage's requests elsewhere: say so. */
async function noteStages(ctx: UnitContext, target: PushTarget, apiId: string, variable: string): Promise<void> {
  const stages = await ctx.ports.apiGateway.stageVariables(apiId);
  if (stages.some((stage) => stage.variables[variable] === target.alias)) return;
  const names = stages.map((stage) => stage.stageName).join(', ') || 'none';
  ctx.emit({
    type: 'unit.phase',
    phase: 'update',
    detail: `note: no stage of API ${apiId} (stages: ${names}) sets the stage variable ${variable} to ${target.alias}; requests reach the alias once one does`,
  });
}
