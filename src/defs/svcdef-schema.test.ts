import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDefinition } from './describe-issue.js';
import { createServiceKeys, svcdefSchema, type Svcdef } from './svcdef-schema.js';

function problems(value: unknown): string[] {
  const result = parseDefinition(svcdefSchema, value);
  return result.ok ? [] : result.issues.map((i) => (i.hint === undefined ? i.message : `${i.message} (${i.hint})`));
}

const blueGreen = {
  cluster: 'prod',
  serviceName: 'web',
  desiredCount: 3,
  deploymentController: { type: 'EXTERNAL' },
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-0a', 'subnet-0b'], assignPublicIp: 'DISABLED', securityGroups: ['sg-0c'] },
  },
  loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-blue/1', containerPort: 80, containerName: 'web' }],
  capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
};

const rolling = {
  cluster: 'prod',
  serviceName: 'api_v2',
  desiredCount: 0,
  taskDefinition: 'api:12',
  launchType: 'FARGATE',
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'] } },
  tags: [{ key: 'team', value: 'payments' }],
  enableExecuteCommand: true,
  propagateTags: 'SERVICE',
};

test('svcdef: every typed key is a CreateService member (the model list guards the shape)', () => {
  const model = new Set<string>(createServiceKeys);
  assert.equal(
    Object.keys(svcdefSchema.shape).filter((key) => !model.has(key)),
    [],
  );
});

const valid: [string, unknown][] = [
  ['a blue/green service on Fargate Spot', blueGreen],
  ['a rolling service with model members gitmoxi does not type', rolling],
  ['only a name', { serviceName: 'x' }],
  ['a Classic Load Balancer', { serviceName: 'x', loadBalancers: [{ loadBalancerName: 'clb', containerName: 'web', containerPort: 80 }] }],
];

for (const [name, value] of valid) {
  test(`svcdef valid: ${name}`, () => assert.equal(problems(value), []));
}

test('svcdef: members outside the typed shape pass through unchanged', () => {
  const result = parseDefinition(svcdefSchema, rolling);
  assert.ok(result.ok);
  const svcdef: Svcdef | undefined = result.ok ? result.data : undefined;
  assert.is(svcdef?.['propagateTags'], 'SERVICE');
  assert.is(svcdef?.['enableExecuteCommand'], true);
});

const invalid: [string, unknown, string[]][] = [
  ['missing serviceName', { cluster: 'c' }, ['serviceName: is required']],
  [
    'misspelt serviceName',
    { serviceNmae: 'web' },
    [
      'serviceName: is required',
      "serviceNmae: unknown key 'serviceNmae' (did you mean 'serviceName'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    ],
  ],
  [
    'a list rendered as its text (no tojson)',
    { serviceName: 'x', networkConfiguration: { awsvpcConfiguration: { subnets: "['subnet-1', 'subnet-2']" } } },
    [
      "networkConfiguration.awsvpcConfiguration.subnets: must be a list, not the text of one, got '['subnet-1', 'subnet-2']' (Render a list with tojson and without quotes: \"subnets\": {{ subnets | tojson }}.)",
    ],
  ],
  [
    'a key in no AWS model',
    { serviceName: 'x', trafficShifting: {} },
    ["trafficShifting: unknown key 'trafficShifting' (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)"],
  ],
  [
    'case slip in a key',
    { serviceName: 'x', DesiredCount: 2 },
    [
      "DesiredCount: unknown key 'DesiredCount' (did you mean 'desiredCount'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    ],
  ],
  [
    'describe-services output pasted in',
    { serviceName: 'x', serviceArn: 'arn:…' },
    ["serviceArn: unknown key 'serviceArn' (serviceArn is an output of describe-services, not part of CreateService; remove it.)"],
  ],
  ['service name with a space', { serviceName: 'my web' }, ["serviceName: must be up to 255 letters, digits, hyphens and underscores, got 'my web'"]],
  ['negative desiredCount', { serviceName: 'x', desiredCount: -1 }, ['desiredCount: must be at least 0, got -1']],
  ['fractional desiredCount', { serviceName: 'x', desiredCount: 1.5 }, ['desiredCount: must be a whole number, got 1.5']],
  ['desiredCount as a string', { serviceName: 'x', desiredCount: '3' }, ["desiredCount: must be a number, got '3'"]],
  [
    'unknown launch type',
    { serviceName: 'x', launchType: 'FARGATE_SPOT' },
    ["launchType: must be one of 'EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES', got 'FARGATE_SPOT'"],
  ],
  [
    'unknown controller type',
    { serviceName: 'x', deploymentController: { type: 'BLUE_GREEN' } },
    ["deploymentController.type: must be one of 'ECS', 'EXTERNAL', 'CODE_DEPLOY', got 'BLUE_GREEN'"],
  ],
  [
    'controller without type',
    { serviceName: 'x', deploymentController: {} },
    ["deploymentController.type: is required (one of 'ECS', 'EXTERNAL', 'CODE_DEPLOY')"],
  ],
  [
    'no subnets',
    { serviceName: 'x', networkConfiguration: { awsvpcConfiguration: { subnets: [] } } },
    ['networkConfiguration.awsvpcConfiguration.subnets: must not be empty'],
  ],
  [
    'subnets missing',
    { serviceName: 'x', networkConfiguration: { awsvpcConfiguration: {} } },
    ['networkConfiguration.awsvpcConfiguration.subnets: is required'],
  ],
  [
    'subnets as a string',
    { serviceName: 'x', networkConfiguration: { awsvpcConfiguration: { subnets: 'subnet-1' } } },
    ["networkConfiguration.awsvpcConfiguration.subnets: must be a list, got 'subnet-1'"],
  ],
  [
    'bad assignPublicIp',
    { serviceName: 'x', networkConfiguration: { awsvpcConfiguration: { subnets: ['s'], assignPublicIp: 'true' } } },
    ["networkConfiguration.awsvpcConfiguration.assignPublicIp: must be one of 'ENABLED', 'DISABLED', got 'true'"],
  ],
  [
    'misspelt awsvpc member',
    { serviceName: 'x', networkConfiguration: { awsvpcConfiguration: { subnets: ['s'], securityGroup: ['sg'] } } },
    [
      "networkConfiguration.awsvpcConfiguration.securityGroup: unknown key 'securityGroup' (did you mean 'securityGroups'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    ],
  ],
  [
    'load balancer without a container',
    { serviceName: 'x', loadBalancers: [{ targetGroupArn: 'tg', containerPort: 80 }] },
    ['loadBalancers[0].containerName: is required'],
  ],
  [
    'load balancer port out of range',
    { serviceName: 'x', loadBalancers: [{ targetGroupArn: 'tg', containerName: 'web', containerPort: 70000 }] },
    ['loadBalancers[0].containerPort: must be at most 65535, got 70000'],
  ],
  [
    'load balancer without a target',
    { serviceName: 'x', loadBalancers: [{ containerName: 'web', containerPort: 80 }] },
    ['loadBalancers[0]: needs targetGroupArn (or loadBalancerName for a Classic Load Balancer)'],
  ],
  [
    'capacity provider weight too high',
    { serviceName: 'x', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1001 }] },
    ['capacityProviderStrategy[0].weight: must be at most 1000, got 1001'],
  ],
  ['tag without key', { serviceName: 'x', tags: [{ value: 'v' }] }, ['tags[0].key: is required']],
  ['tags as a map', { serviceName: 'x', tags: { team: 'a' } }, ['tags: must be a list, got an object']],
  [
    'circuit breaker without rollback',
    { serviceName: 'x', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true } } },
    ['deploymentConfiguration.deploymentCircuitBreaker.rollback: is required'],
  ],
  [
    'unknown ECS strategy',
    { serviceName: 'x', deploymentConfiguration: { strategy: 'ROLLIN' } },
    ["deploymentConfiguration.strategy: must be one of 'ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY', got 'ROLLIN' (did you mean 'ROLLING'?)"],
  ],
];

for (const [name, value, expected] of invalid) {
  test(`svcdef invalid: ${name}`, () => assert.equal(problems(value), expected));
}

test.run();
