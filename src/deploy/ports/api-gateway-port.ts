/** Amazon API Gateway v2: the routes and integrations of a Lambda push source. */

export interface ApiState {
  apiId: string;
  name: string;
  /** HTTP or WEBSOCKET. */
  protocolType: string;
}

export interface ApiRouteState {
  routeId: string;
  routeKey: string;
  /** `integrations/ID` when the route sends its requests to an integration. */
  target?: string;
}

export interface ApiIntegrationState {
  integrationId: string;
  integrationType: string;
  integrationUri?: string;
  payloadFormatVersion?: string;
}

/** Amazon API Gateway v2 (HTTP and WebSocket APIs): the routes and integrations a Lambda push source uses. */
export interface ApiGatewayPort {
  /** GetApi; null when the API does not exist. */
  describeApi(apiId: string): Promise<ApiState | null>;
  /** GetRoute; null when the route does not exist. */
  describeRoute(apiId: string, routeId: string): Promise<ApiRouteState | null>;
  /** GetIntegrations, every page. */
  integrations(apiId: string): Promise<ApiIntegrationState[]>;
  /** CreateIntegration of a Lambda proxy (AWS_PROXY) integration. */
  createLambdaIntegration(apiId: string, integrationUri: string, payloadFormatVersion: string | null): Promise<ApiIntegrationState>;
  /** UpdateRoute: the route sends its requests to the integration. */
  setRouteTarget(apiId: string, routeId: string, integrationId: string): Promise<ApiRouteState>;
  /** GetStages, every page: each stage's variables. */
  stageVariables(apiId: string): Promise<{ stageName: string; variables: Record<string, string> }[]>;
}
