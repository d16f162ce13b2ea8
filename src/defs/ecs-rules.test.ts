import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { ecsDepdefSchema } from './depdef-schema.js';
import { formatJsonPath, parseDefinition } from './describe-issue.js';
import * as rules from './ecs-rules.js';
import type { EcsRuleInput, Rule } from './rule.js';
import { checkEcsRules } from './rules.js';
import { svcdefSchema } from './svcdef-schema.js';
import { taskdefSchema } from './taskdef-schema.js';

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = parseDefinition(schema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.data;
}

const blue = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-blue/1';
const green = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-green/2';
const network = { awsvpcConfiguration: { subnets: ['subnet-1'] } };
const lb = { targetGroupArn: blue, containerName: 'web', containerPort: 80 };
const taskdef = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
};

/** An input from plain JSON values: svcdef required, taskdef and depdef when given. */
function input(svcdef: object, extra: { taskdef?: object; depdef?: object } = {}): EcsRuleInput {
  const result: EcsRuleInput = { svcdef: parse(svcdefSchema, { serviceName: 'web', ...svcdef }) };
  if (extra.taskdef !== undefined) result.taskdef = parse(taskdefSchema, extra.taskdef);
  if (extra.depdef !== undefined) result.depdef = parse(ecsDepdefSchema, extra.depdef);
  return result;
}

function run(rule: Rule<EcsRuleInput>, value: EcsRuleInput): string[] {
  return rule.check(value).map((f) => `${f.kind}:${formatJsonPath(f.path) || '(root)'}: ${f.message}`);
}

const externalController = { deploymentController: { type: 'EXTERNAL' } };

const cases: [string, Rule<EcsRuleInput>, EcsRuleInput, string[]][] = [
  [
    'CODE_DEPLOY is refused',
    rules.codeDeployUnsupported,
    input({ deploymentController: { type: 'CODE_DEPLOY' } }),
    ['svcdef:deploymentController.type: CODE_DEPLOY services are deployed by AWS CodeDeploy, which gitmoxi does not drive'],
  ],
  ['EXTERNAL is fine', rules.codeDeployUnsupported, input(externalController), []],
  [
    'launchType and capacity providers together',
    rules.launchTypeOrCapacityProviders,
    input({ launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }),
    ['svcdef:capacityProviderStrategy: cannot be combined with launchType: ECS accepts one or the other'],
  ],
  ['capacity providers alone', rules.launchTypeOrCapacityProviders, input({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }), []],
  [
    'blue/green without a depdef',
    rules.blueGreenNeedsPairs,
    input(externalController),
    ['svcdef:deploymentController.type: blue/green (EXTERNAL) needs targetGroupArnPairs, but the unit has no _depdef.json'],
  ],
  [
    'blue/green with a depdef but no pairs',
    rules.blueGreenNeedsPairs,
    input(externalController, { depdef: {} }),
    ["depdef:(root): targetGroupArnPairs is missing: the svcdef's deploymentController is EXTERNAL (blue/green)"],
  ],
  [
    'blue/green with an empty pair list',
    rules.blueGreenNeedsPairs,
    input(externalController, { depdef: { targetGroupArnPairs: [] } }),
    ["depdef:targetGroupArnPairs: must not be empty: the svcdef's deploymentController is EXTERNAL (blue/green)"],
  ],
  ['blue/green with pairs', rules.blueGreenNeedsPairs, input(externalController, { depdef: { targetGroupArnPairs: [[blue, green]] } }), []],
  ['blue/green with the older single pair', rules.blueGreenNeedsPairs, input(externalController, { depdef: { targetGroupArns: [blue, green] } }), []],
  ['rolling needs no pairs', rules.blueGreenNeedsPairs, input({}, { depdef: {} }), []],
  [
    'blue/green without a load balancer',
    rules.blueGreenNeedsLoadBalancer,
    input(externalController),
    ['svcdef:deploymentController.type: blue/green (EXTERNAL) shifts traffic between target groups, but loadBalancers is empty'],
  ],
  ['blue/green with a load balancer', rules.blueGreenNeedsLoadBalancer, input({ ...externalController, loadBalancers: [lb] }), []],
  [
    'a target group outside every pair',
    rules.loadBalancersInPairs,
    input({ ...externalController, loadBalancers: [lb, { ...lb, targetGroupArn: 'tg-other' }] }, { depdef: { targetGroupArnPairs: [[blue, green]] } }),
    ["svcdef:loadBalancers[1].targetGroupArn: is in none of the depdef's targetGroupArnPairs, so blue/green has no partner to shift it to"],
  ],
  [
    'the green side of a pair is live',
    rules.loadBalancersInPairs,
    input({ ...externalController, loadBalancers: [{ ...lb, targetGroupArn: green }] }, { depdef: { targetGroupArnPairs: [[blue, green]] } }),
    [],
  ],
  ['no task definition anywhere', rules.taskDefinitionSource, input({}), ['svcdef:(root): the svcdef has no taskDefinition and the unit has no _taskdef.json']],
  ['an existing revision by name', rules.taskDefinitionSource, input({ taskDefinition: 'web:3' }), []],
  ['a taskdef file', rules.taskDefinitionSource, input({}, { taskdef }), []],
  [
    'taskDefinition of another family',
    rules.taskDefinitionMatchesFamily,
    input({ taskDefinition: 'api:3' }, { taskdef }),
    ["svcdef:taskDefinition: names 'api:3', but the unit's taskdef registers family 'web'"],
  ],
  [
    'taskDefinition naming the family by ARN',
    rules.taskDefinitionMatchesFamily,
    input({ taskDefinition: 'arn:aws:ecs:us-east-2:123456789012:task-definition/web:7' }, { taskdef }),
    [],
  ],
  [
    'fallback without Spot',
    rules.fallbackNeedsSpot,
    input({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }, { depdef: { fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] } }),
    ["depdef:fallbackCapacityProviderStrategy: is only used when the svcdef's capacityProviderStrategy places tasks on FARGATE_SPOT, and it does not"],
  ],
  [
    'fallback with a launch type',
    rules.fallbackNeedsSpot,
    input({ launchType: 'FARGATE' }, { depdef: { fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] } }),
    ["depdef:fallbackCapacityProviderStrategy: is only used when the svcdef's capacityProviderStrategy places tasks on FARGATE_SPOT, and it does not"],
  ],
  [
    'fallback with Spot',
    rules.fallbackNeedsSpot,
    input(
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
      { depdef: { fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] } },
    ),
    [],
  ],
  ['an empty fallback', rules.fallbackNeedsSpot, input({}, { depdef: { fallbackCapacityProviderStrategy: [] } }), []],
  [
    'Fargate task without sizes or awsvpc',
    rules.fargateTaskSize,
    input({ launchType: 'FARGATE' }, { taskdef: { family: 'web', containerDefinitions: taskdef.containerDefinitions } }),
    [
      'taskdef:cpu: is required: Fargate tasks need a task-level cpu and memory',
      'taskdef:memory: is required: Fargate tasks need a task-level cpu and memory',
      'taskdef:networkMode: is required: Fargate tasks need "networkMode": "awsvpc"',
    ],
  ],
  [
    'Fargate task in bridge mode',
    rules.fargateTaskSize,
    input({}, { taskdef: { ...taskdef, networkMode: 'bridge' } }),
    ["taskdef:networkMode: must be 'awsvpc' on Fargate, got 'bridge'"],
  ],
  [
    'EC2 task without sizes',
    rules.fargateTaskSize,
    input({ launchType: 'EC2' }, { taskdef: { family: 'web', containerDefinitions: taskdef.containerDefinitions } }),
    [],
  ],
  [
    'awsvpc without a network configuration',
    rules.awsvpcNeedsNetworkConfiguration,
    input({}, { taskdef }),
    ['svcdef:networkConfiguration: networkConfiguration.awsvpcConfiguration is required: the tasks use awsvpc networking'],
  ],
  ['awsvpc with a network configuration', rules.awsvpcNeedsNetworkConfiguration, input({ networkConfiguration: network }, { taskdef }), []],
  [
    'a load balancer on a missing container',
    rules.loadBalancerContainers,
    input({ loadBalancers: [{ ...lb, containerName: 'nginx' }] }, { taskdef }),
    ["svcdef:loadBalancers[0].containerName: 'nginx' is not a container of the taskdef ('web')"],
  ],
  [
    'a load balancer on an unmapped port',
    rules.loadBalancerContainers,
    input({ loadBalancers: [{ ...lb, containerPort: 8080 }] }, { taskdef }),
    ["svcdef:loadBalancers[0].containerPort: 8080 is not a containerPort of 'web' (80)"],
  ],
  ['a load balancer on a mapped port', rules.loadBalancerContainers, input({ loadBalancers: [lb] }, { taskdef }), []],
  [
    'two containers with one name',
    rules.uniqueContainerNames,
    input({}, { taskdef: { ...taskdef, containerDefinitions: [...taskdef.containerDefinitions, { name: 'web', image: 'envoy' }] } }),
    ["taskdef:containerDefinitions[1].name: 'web' is already the name of another container"],
  ],
];

for (const [name, rule, value, expected] of cases) {
  test(`${rule.name}: ${name}`, () => assert.equal(run(rule, value), expected));
}

const families: [string, string][] = [
  ['web', 'web'],
  ['web:12', 'web'],
  ['arn:aws:ecs:us-east-2:123456789012:task-definition/web:12', 'web'],
  ['arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web-api', 'web-api'],
];

for (const [reference, family] of families) {
  test(`taskDefinitionFamily(${reference}) = ${family}`, () => assert.is(rules.taskDefinitionFamily(reference), family));
}

test('checkEcsRules: a valid blue/green unit has no findings', () => {
  const unit = input(
    { ...externalController, loadBalancers: [lb], networkConfiguration: network, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
    {
      taskdef,
      depdef: { targetGroupArnPairs: [[blue, green]], fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
    },
  );
  assert.equal(checkEcsRules(unit), []);
});

test('checkEcsRules: every broken rule is reported, and rules reading an invalid file are skipped', () => {
  const unit = input({ deploymentController: { type: 'EXTERNAL' }, launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] });
  const all = checkEcsRules(unit).map((f) => f.message);
  assert.equal(all.length, 5);
  // With the depdef invalid, the rules that read it stay quiet (its own problems are reported instead).
  const withoutDepdef = checkEcsRules(unit, new Set(['depdef'])).map((f) => f.message);
  assert.equal(withoutDepdef.length, 4);
  assert.not.ok(withoutDepdef.some((m) => m.includes('targetGroupArnPairs')));
});

test.run();
