import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem } from '../errors.js';
import type { DefinitionKind } from '../units/suffixes.js';
import { parseJsonSource } from './json-source.js';
import { validateUnit, type RenderedFile } from './validate.js';

const suffixes: Record<DefinitionKind, string> = {
  svcdef: '_svcdef.json',
  taskdef: '_taskdef.json',
  depdef: '_depdef.json',
  input: '_input.json',
  lambdadef: '_lambdadef.json',
  eventsourcedef: '_lambdaeventsourcedef.json',
  lambdadepdef: '_lambdadepdef.json',
  lambdainput: '_lambdainput.json',
};

function file(kind: DefinitionKind, text: string, prefix = 'apps/web/web'): RenderedFile {
  const path = `${prefix}${suffixes[kind]}`;
  return { path, kind, source: parseJsonSource(text, path) };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

const blue = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-blue/1';
const green = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-green/2';

const svcdef = {
  cluster: 'prod',
  serviceName: 'web',
  desiredCount: 2,
  deploymentController: { type: 'EXTERNAL' },
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'] } },
  loadBalancers: [{ targetGroupArn: blue, containerName: 'web', containerPort: 80 }],
  launchType: 'FARGATE',
};
const taskdef = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: 256,
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', portMappings: [{ containerPort: 80 }] }],
};
const depdef = { targetGroupArnPairs: [[blue, green]], trafficShiftingConfig: { type: 'LINEAR', percent: 25 } };

test('validateUnit: a valid blue/green unit gives typed definitions with the settings resolved', () => {
  const result = validateUnit('ecs', [file('svcdef', json(svcdef)), file('taskdef', json(taskdef)), file('depdef', json(depdef)), file('input', '{}')]);
  assert.equal(result.problems, []);
  const definitions = result.definitions;
  assert.ok(definitions !== null && definitions.platform === 'ecs');
  if (definitions?.platform !== 'ecs') return;
  assert.is(definitions.svcdef.serviceName, 'web');
  assert.is(definitions.taskdef?.cpu, '256');
  assert.equal(definitions.depdef.trafficShiftingConfig, { type: 'LINEAR', percent: 25, waitInterval: 60 });
  assert.equal(definitions.depdef.targetGroupArnPairs, [[blue, green]]);
  assert.is(definitions.depdef.circuitBreaker, null);
});

test('validateUnit: a unit without taskdef or depdef leaves taskdef out and applies every default', () => {
  const result = validateUnit('ecs', [file('svcdef', json({ serviceName: 'web', taskDefinition: 'web:4', launchType: 'EC2' }))]);
  assert.equal(result.problems, []);
  assert.ok(result.definitions?.platform === 'ecs' && !('taskdef' in result.definitions));
  assert.equal(result.definitions?.depdef.stabilityCheck, { pollInterval: 30, timeout: 300 });
});

test('validateUnit: problems carry the exact line and column of the offending key', () => {
  const text = [
    '{',
    '  "trafficShiftingConfig": {',
    '    "type": "CANARYY",',
    '    "percent": 150,',
    '    "waitIntervl": 30',
    '  },',
    '  "stabilityCheck": {"timeout": 0}',
    '}',
  ].join('\n');
  const result = validateUnit('ecs', [file('svcdef', json({ ...svcdef, taskDefinition: 'web:1' })), file('depdef', text)]);
  assert.is(result.definitions, null);
  assert.equal(result.problems.map(formatProblem), [
    "apps/web/web_depdef.json:3:5: trafficShiftingConfig.type: must be one of 'CANARY', 'LINEAR', 'ALL_AT_ONCE', got 'CANARYY' (did you mean 'CANARY'?)",
    'apps/web/web_depdef.json:4:5: trafficShiftingConfig.percent: must be between 1 and 100, got 150',
    "apps/web/web_depdef.json:5:5: trafficShiftingConfig.waitIntervl: unknown key 'waitIntervl' (did you mean 'waitInterval'?) (Allowed here: type, percent, waitInterval; older GitMoxi spellings are listed in docs/legacy-keys.md.)",
    'apps/web/web_depdef.json:7:22: stabilityCheck.timeout: must be greater than 0, got 0',
  ]);
  assert.ok(result.problems.every((p) => p.code === 'E_DEF_INVALID'));
});

test('validateUnit: every problem of every file is reported together', () => {
  const svcText = ['{', '  "serviceNmae": "web",', '  "desiredCount": -1', '}'].join('\n');
  const taskText = ['{', '  "family": "web",', '  "containerDefinitions": []', '}'].join('\n');
  const depText = ['{', '  "gmDeploymentCircuitBreaker": {"failureThresholdPercent": 0}', '}'].join('\n');
  const result = validateUnit('ecs', [file('svcdef', svcText), file('taskdef', taskText), file('depdef', depText)]);
  assert.equal(result.problems.map(formatProblem), [
    'apps/web/web_svcdef.json:1:1: serviceName: is required',
    "apps/web/web_svcdef.json:2:3: serviceNmae: unknown key 'serviceNmae' (did you mean 'serviceName'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    'apps/web/web_svcdef.json:3:3: desiredCount: must be at least 0, got -1',
    'apps/web/web_taskdef.json:3:3: containerDefinitions: must not be empty',
    'apps/web/web_depdef.json:2:34: gmDeploymentCircuitBreaker.failureThresholdPercent: must be between 1 and 100, got 0',
  ]);
});

test('validateUnit: rule findings are located in the file they name, with their hint', () => {
  const svcText = json({ ...svcdef, loadBalancers: [{ targetGroupArn: 'tg-elsewhere', containerName: 'web', containerPort: 80 }] });
  const result = validateUnit('ecs', [file('svcdef', svcText), file('taskdef', json(taskdef)), file('depdef', json(depdef))]);
  assert.equal(
    result.problems.map((p) => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}`),
    [
      "apps/web/web_svcdef.json:20:7: loadBalancers[0].targetGroupArn: is in none of the depdef's targetGroupArnPairs, so blue/green has no partner to shift it to",
    ],
  );
  assert.is(result.problems[0]?.hint, 'Add a pair [this target group, its partner] to targetGroupArnPairs.');
});

test('validateUnit: rules that read an invalid file are skipped; the others still run', () => {
  const result = validateUnit('ecs', [
    file('svcdef', json({ ...svcdef, loadBalancers: [], capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] })),
    file('depdef', json({ trafficShiftingConfig: { percent: 0 } })),
  ]);
  assert.equal(
    result.problems.map((p) => p.message),
    [
      'trafficShiftingConfig.percent: must be between 1 and 100, got 0',
      'capacityProviderStrategy: cannot be combined with launchType: ECS accepts one or the other',
      'deploymentController.type: blue/green (EXTERNAL) shifts traffic between target groups, but loadBalancers is empty',
      'the svcdef has no taskDefinition and the unit has no _taskdef.json',
    ],
  );
});

test('validateUnit: a file that is not a JSON object', () => {
  const result = validateUnit('ecs', [file('svcdef', '[1, 2]')]);
  assert.equal(result.problems.map(formatProblem), ['apps/web/web_svcdef.json:1:1: the file must contain an object, got a list']);
});

test('validateUnit: a unit without its primary file is not deployable', () => {
  const result = validateUnit('ecs', [file('depdef', '{}')]);
  assert.equal(
    result.problems.map((p) => [p.code, p.message, p.location.file]),
    [['E_NOT_DEPLOYABLE', 'an ECS unit needs a _svcdef.json', 'apps/web/web_depdef.json']],
  );
  assert.is(result.definitions, null);
});

test('validateUnit: a file of the other platform is a problem', () => {
  const result = validateUnit('ecs', [file('svcdef', json({ serviceName: 'web', taskDefinition: 'web:1' })), file('lambdadef', '{}')]);
  assert.equal(
    result.problems.map((p) => p.message),
    ['web_lambdadef.json is a Lambda file in an ECS unit'],
  );
});

const lambdadef = {
  FunctionName: 'orders',
  Role: 'arn:aws:iam::123456789012:role/orders',
  Runtime: 'python3.12',
  Handler: 'app.handler',
  Code: { S3Bucket: 'artifacts', S3Key: 'orders.zip' },
};

test('validateUnit: a valid Lambda unit normalises the stage variable and resolves the settings', () => {
  const eventSources = { PushEventSources: [{ Service: 'apigateway.amazonaws.com', ApiId: 'a', RouteId: 'r', AlaisStageVariableName: 'lambdaAlias' }] };
  const result = validateUnit('lambda', [
    file('lambdadef', json(lambdadef), 'fns/orders'),
    file('eventsourcedef', json(eventSources), 'fns/orders'),
    file('lambdadepdef', json({ alias: 'live', readinessCheck: { maxRetries: 3 } }), 'fns/orders'),
    file('lambdainput', '{}', 'fns/orders'),
  ]);
  assert.equal(result.problems, []);
  const definitions = result.definitions;
  if (definitions?.platform !== 'lambda') return assert.unreachable('expected Lambda definitions');
  assert.equal(definitions.eventSources?.PushEventSources, [
    { Service: 'apigateway.amazonaws.com', ApiId: 'a', RouteId: 'r', AliasStageVariableName: 'lambdaAlias' },
  ]);
  assert.is(definitions.depdef.alias, 'live');
  assert.equal(definitions.depdef.readinessCheck, { waitInterval: 10, maxRetries: 3 });
});

test('validateUnit: Lambda problems from schemas and rules across files, together', () => {
  const result = validateUnit('lambda', [
    file('lambdadef', json({ ...lambdadef, Handler: undefined, MemorySize: 20000 }), 'fns/orders'),
    file('eventsourcedef', json({ PushEventSources: [{ Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: 'tg' }] }), 'fns/orders'),
  ]);
  assert.equal(result.problems.map(formatProblem), [
    'fns/orders_lambdadef.json:1:1: Handler: is required for a .zip package (Set Handler, or "PackageType": "Image" with Code.ImageUri for a container image.)',
    'fns/orders_lambdadef.json:9:3: MemorySize: must be at most 10240, got 20000 (Higher limits need Lambda Managed Instances (CapacityProviderConfig).)',
    'fns/orders_lambdaeventsourcedef.json:2:3: PushEventSources: invoke the function through its alias, but the unit has no _lambdadepdef.json naming one (Add a _lambdadepdef.json with "alias", for example {"alias": "live"}.)',
  ]);
});

test('validateUnit: a Lambda unit without a lambdadef is not deployable', () => {
  const result = validateUnit('lambda', [file('lambdadepdef', json({ alias: 'live' }), 'fns/orders')]);
  assert.equal(
    result.problems.map((p) => p.code),
    ['E_NOT_DEPLOYABLE'],
  );
});

test.run();
