/**
 * ApiGatewayPort over @aws-sdk/client-apigatewayv2. IAM actions used (API Gateway authorises its management API
 * by HTTP method and resource): apigateway:GET on /apis/ID, /apis/ID/routes/ID, /apis/ID/integrations and
 * /apis/ID/stages; apigateway:POST on /apis/ID/integrations; apigateway:PATCH on /apis/ID/routes/ID.
 */
import {
  CreateIntegrationCommand,
  GetApiCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetStagesCommand,
  UpdateRouteCommand,
  type ApiGatewayV2Client,
  type Integration,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiGatewayPort, ApiIntegrationState, ApiRouteState, ApiState } from '../deploy/ports/api-gateway-port.js';
import { callAws, isAwsError } from './call-aws.js';
import { compact } from './compact.js';

export class ApiGatewayAdapter implements ApiGatewayPort {
  constructor(private readonly apiGateway: ApiGatewayV2Client) {}

  async describeApi(apiId: string): Promise<ApiState | null> {
    const output = await orNull(() => callAws('API Gateway GetApi', () => this.apiGateway.send(new GetApiCommand({ ApiId: apiId }))));
    if (output === null) return null;
    return { apiId: output.ApiId ?? apiId, name: output.Name ?? '', protocolType: output.ProtocolType ?? 'HTTP' };
  }

  async describeRoute(apiId: string, routeId: string): Promise<ApiRouteState | null> {
    const output = await orNull(() => callAws('API Gateway GetRoute', () => this.apiGateway.send(new GetRouteCommand({ ApiId: apiId, RouteId: routeId }))));
    return output === null ? null : compact({ routeId: output.RouteId ?? routeId, routeKey: output.RouteKey ?? '', target: output.Target });
  }

  async integrations(apiId: string): Promise<ApiIntegrationState[]> {
    const items: Integration[] = [];
    let nextToken: string | undefined;
    do {
      const input = { ApiId: apiId, ...(nextToken ? { NextToken: nextToken } : {}) };
      const page = await callAws('API Gateway GetIntegrations', () => this.apiGateway.send(new GetIntegrationsCommand(input)));
      items.push(...(page.Items ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return items.map(toIntegrationState);
  }

  async createLambdaIntegration(apiId: string, integrationUri: string, payloadFormatVersion: string | null): Promise<ApiIntegrationState> {
    const input = {
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY' as const,
      IntegrationUri: integrationUri,
      ...(payloadFormatVersion !== null ? { PayloadFormatVersion: payloadFormatVersion } : {}),
    };
    const output = await callAws('API Gateway CreateIntegration', () => this.apiGateway.send(new CreateIntegrationCommand(input)));
    return toIntegrationState(output);
  }

  async setRouteTarget(apiId: string, routeId: string, integrationId: string): Promise<ApiRouteState> {
    const output = await callAws('API Gateway UpdateRoute', () =>
      this.apiGateway.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, Target: `integrations/${integrationId}` })),
    );
    return compact({ routeId: output.RouteId ?? routeId, routeKey: output.RouteKey ?? '', target: output.Target });
  }

  async stageVariables(apiId: string): Promise<{ stageName: string; variables: Record<string, string> }[]> {
    const stages: Stage[] = [];
    let nextToken: string | undefined;
    do {
      const input = { ApiId: apiId, ...(nextToken ? { NextToken: nextToken } : {}) };
      const page = await callAws('API Gateway GetStages', () => this.apiGateway.send(new GetStagesCommand(input)));
      stages.push(...(page.Items ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return stages.map((stage) => ({ stageName: stage.StageName ?? '', variables: { ...(stage.StageVariables ?? {}) } }));
  }
}

function toIntegrationState(integration: Integration): ApiIntegrationState {
  return compact({
    integrationId: integration.IntegrationId ?? '',
    integrationType: integration.IntegrationType ?? '',
    integrationUri: integration.IntegrationUri,
    payloadFormatVersion: integration.PayloadFormatVersion,
  });
}

/** API Gateway answers NotFoundException for a missing API, route or stage. */
async function orNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (isAwsError(error, 'NotFoundException')) return null;
    throw error;
  }
}
