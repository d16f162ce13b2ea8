/**
 * API Gateway v2 through the real `@aws-sdk/client-apigatewayv2` over HTTP: APIs, routes, integrations and
 * stages, scenario seeding, the errors and statuses of the model; and ELBv2's refusal to register a Lambda
 * function that has not granted it the invoke permission.
 */
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  GetApisCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUNCTION_CREATE_MS } from '../lambda/lifecycle.js';
import { lambdaClient, rejection, startLambdaSim, type LambdaSim } from '../lambda/sdk-harness.js';
import { TEST_REGION, zipFunction } from '../lambda/test-world.js';

let sim: LambdaSim;
let api: ApiGatewayV2Client;
const fnArn = `arn:aws:lambda:${TEST_REGION}:123456789012:function:web`;

test.before.each(async () => {
  sim = await startLambdaSim({
    infrastructure: {
      apis: [{ name: 'shop', routes: [{ routeKey: 'GET /pets' }], stages: [{ name: 'prod', stageVariables: { alias: 'live' } }] }],
      targetGroups: [{ name: 'web-lambda', targetType: 'lambda' }],
    },
  });
  api = new ApiGatewayV2Client({ endpoint: sim.endpoint, region: TEST_REGION, credentials: sim.credentials, maxAttempts: 1 });
});

test.after.each(async () => {
  await sim.close();
});

async function seededApi(): Promise<{ apiId: string; routeId: string }> {
  const apis = await api.send(new GetApisCommand({}));
  const apiId = apis.Items?.[0]?.ApiId ?? '';
  const routes = await api.send(new GetRoutesCommand({ ApiId: apiId }));
  return { apiId, routeId: routes.Items?.[0]?.RouteId ?? '' };
}

test('a seeded API has its route and stage; GetStage(s) answer the stage variables', async () => {
  const { apiId, routeId } = await seededApi();
  assert.match(apiId, /^[a-z0-9]{10}$/);
  const route = await api.send(new GetRouteCommand({ ApiId: apiId, RouteId: routeId }));
  assert.equal([route.RouteKey, route.Target, route.AuthorizationType], ['GET /pets', undefined, 'NONE']);
  const stage = await api.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
  assert.equal(stage.StageVariables, { alias: 'live' });
  assert.ok(stage.CreatedDate instanceof Date);
  await api.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { alias: 'beta' } }));
  const stages = await api.send(new GetStagesCommand({ ApiId: apiId }));
  assert.equal(
    stages.Items?.map((s) => [s.StageName, s.StageVariables]),
    [['prod', { alias: 'beta' }]],
  );
});

test('a Lambda proxy integration through a stage variable, a route pointed at it, and PATCH semantics', async () => {
  const { apiId, routeId } = await seededApi();
  const uri = `${fnArn}:\${stageVariables.alias}`;
  const created = await api.send(
    new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: uri, PayloadFormatVersion: '2.0' }),
  );
  assert.match(created.IntegrationId ?? '', /^[a-z0-9]{7}$/);
  assert.equal([created.IntegrationMethod, created.TimeoutInMillis, created.ConnectionType], ['POST', 30000, 'INTERNET']);
  const routed = await api.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, Target: `integrations/${created.IntegrationId}` }));
  assert.equal([routed.RouteKey, routed.Target], ['GET /pets', `integrations/${created.IntegrationId}`]);
  await api.send(new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: created.IntegrationId, Description: 'hello' }));
  const read = await api.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: created.IntegrationId }));
  assert.equal([read.IntegrationUri, read.Description, read.PayloadFormatVersion], [uri, 'hello', '2.0']);
  const all = await api.send(new GetIntegrationsCommand({ ApiId: apiId }));
  assert.is(all.Items?.length, 1);
  await api.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: created.IntegrationId }));
  assert.equal((await api.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items, []);
});

test('errors: unknown ids are 404 NotFoundException, bad input 400, a duplicate route key 409', async () => {
  const { apiId } = await seededApi();
  const missing = await rejection(api.send(new GetRouteCommand({ ApiId: apiId, RouteId: 'nope123' })));
  assert.equal([missing.name, missing.$metadata.httpStatusCode], ['NotFoundException', 404]);
  const noApi = await rejection(api.send(new GetIntegrationsCommand({ ApiId: 'zzzzzzzzzz' })));
  assert.is(noApi.name, 'NotFoundException');
  const noFormat = await rejection(api.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn })));
  assert.equal([noFormat.name, noFormat.$metadata.httpStatusCode], ['BadRequestException', 400]);
  const badTarget = await rejection(api.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /pets', Target: 'integrations/abcdefg' })));
  assert.is(badTarget.name, 'BadRequestException');
  const duplicate = await rejection(api.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /pets' })));
  assert.equal([duplicate.name, duplicate.$metadata.httpStatusCode], ['ConflictException', 409]);
  const created = await api.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  assert.match(created.ApiEndpoint ?? '', /^wss:\/\//);
});

test('ELBv2 registers a Lambda alias only once the alias lets elasticloadbalancing invoke it from that group', async () => {
  const lambda = lambdaClient(sim);
  await lambda.send(new CreateFunctionCommand({ ...zipFunction('web'), Publish: true }));
  sim.advance(FUNCTION_CREATE_MS);
  await lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
  const elb = new ElasticLoadBalancingV2Client({ endpoint: sim.endpoint, region: TEST_REGION, credentials: sim.credentials, maxAttempts: 1 });
  const group = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-lambda'] }))).TargetGroups?.[0]?.TargetGroupArn ?? '';
  const register = () => elb.send(new RegisterTargetsCommand({ TargetGroupArn: group, Targets: [{ Id: `${fnArn}:live` }] }));
  const denied = await rejection(register());
  assert.is(denied.name, 'AccessDenied');
  assert.match(denied.message, /elasticloadbalancing principal does not have permission to invoke .*:live from target group/);
  const grant = { FunctionName: 'web', Qualifier: 'live', Action: 'lambda:InvokeFunction', Principal: 'elasticloadbalancing.amazonaws.com' };
  await lambda.send(new AddPermissionCommand({ ...grant, StatementId: 'other', SourceArn: `${group}-other` }));
  assert.is((await rejection(register())).name, 'AccessDenied');
  await lambda.send(new AddPermissionCommand({ ...grant, StatementId: 'elb', SourceArn: group }));
  await register();
});

test.run();
