import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDefinition } from './describe-issue.js';
import { containerDefinitionKeys, registerTaskDefinitionKeys, taskdefSchema } from './taskdef-schema.js';

function problems(value: unknown): string[] {
  const result = parseDefinition(taskdefSchema, value);
  return result.ok ? [] : result.issues.map((i) => (i.hint === undefined ? i.message : `${i.message} (${i.hint})`));
}

const fargate = {
  family: 'web',
  networkMode: 'awsvpc',
  containerDefinitions: [
    {
      name: 'web',
      image: '123456789012.dkr.ecr.us-east-2.amazonaws.com/web:1.4.2',
      essential: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'PORT', value: '8080' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-2', 'awslogs-stream-prefix': 'ecs' } },
    },
  ],
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
};

test('taskdef: every typed key is a member of the AWS model', () => {
  const model = new Set<string>(registerTaskDefinitionKeys);
  assert.equal(
    Object.keys(taskdefSchema.shape).filter((key) => !model.has(key)),
    [],
  );
  assert.ok(containerDefinitionKeys.includes('portMappings'));
});

test('taskdef valid: a Fargate task definition', () => assert.equal(problems(fargate), []));

test('taskdef: numeric cpu and memory are accepted and become strings', () => {
  const result = parseDefinition(taskdefSchema, { ...fargate, cpu: 512, memory: 1024 });
  assert.ok(result.ok);
  if (result.ok) assert.equal([result.data.cpu, result.data.memory], ['512', '1024']);
});

test('taskdef: vCPU and GB notations stay as written', () => {
  const result = parseDefinition(taskdefSchema, { ...fargate, cpu: '1 vCPU', memory: '2 GB' });
  assert.ok(result.ok);
  if (result.ok) assert.equal([result.data.cpu, result.data.memory], ['1 vCPU', '2 GB']);
});

const container = fargate.containerDefinitions[0];

const invalid: [string, unknown, string[]][] = [
  ['missing family', { containerDefinitions: fargate.containerDefinitions }, ['family: is required']],
  ['family with a slash', { ...fargate, family: 'apps/web' }, ["family: must be up to 255 letters, digits, hyphens and underscores, got 'apps/web'"]],
  ['no containers', { family: 'web', containerDefinitions: [] }, ['containerDefinitions: must not be empty']],
  ['containers missing', { family: 'web' }, ['containerDefinitions: is required']],
  ['container without image', { family: 'web', containerDefinitions: [{ name: 'web' }] }, ['containerDefinitions[0].image: is required']],
  ['container without name', { family: 'web', containerDefinitions: [{ image: 'nginx' }] }, ['containerDefinitions[0].name: is required']],
  [
    'numeric environment value',
    { family: 'web', containerDefinitions: [{ ...container, environment: [{ name: 'PORT', value: 8080 }] }] },
    ['containerDefinitions[0].environment[0].value: must be a string, got 8080'],
  ],
  [
    'misspelt container member',
    { family: 'web', containerDefinitions: [{ ...container, portMapping: [] }] },
    [
      "containerDefinitions[0].portMapping: unknown key 'portMapping' (did you mean 'portMappings'?) (Allowed here: the members of this AWS API structure, as the AWS API reference lists them.)",
    ],
  ],
  [
    'bad port protocol',
    { family: 'web', containerDefinitions: [{ ...container, portMappings: [{ containerPort: 80, protocol: 'http' }] }] },
    ["containerDefinitions[0].portMappings[0].protocol: must be one of 'tcp', 'udp', got 'http' (did you mean 'tcp'?)"],
  ],
  ['cpu as true', { ...fargate, cpu: true }, ['cpu: must be a string or a number, got true']],
  ['zero memory', { ...fargate, memory: 0 }, ['memory: must be greater than 0, got 0']],
  ['unknown network mode', { ...fargate, networkMode: 'vpc' }, ["networkMode: must be one of 'bridge', 'host', 'awsvpc', 'none', got 'vpc'"]],
  [
    'unknown compatibility',
    { ...fargate, requiresCompatibilities: ['FARGATE_SPOT'] },
    ["requiresCompatibilities[0]: must be one of 'EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES', got 'FARGATE_SPOT'"],
  ],
  [
    'describe output pasted in',
    { ...fargate, revision: 3, status: 'ACTIVE' },
    [
      "revision: unknown key 'revision' (revision is an output of describe-task-definition, not part of RegisterTaskDefinition; remove it.)",
      "status: unknown key 'status' (status is an output of describe-task-definition, not part of RegisterTaskDefinition; remove it.)",
    ],
  ],
];

for (const [name, value, expected] of invalid) {
  test(`taskdef invalid: ${name}`, () => assert.equal(problems(value), expected));
}

test.run();
