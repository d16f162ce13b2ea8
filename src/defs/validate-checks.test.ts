/** validateUnit's later checks: ARNs against the unit's region and account, warnings, duplicate keys, one pass. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem } from '../errors.js';
import type { DefinitionKind } from '../units/suffixes.js';
import { parseJsonSource } from './json-source.js';
import { validateUnit, type RenderedFile } from './validate.js';

const suffixes: Partial<Record<DefinitionKind, string>> = {
  svcdef: '_svcdef.json',
  taskdef: '_taskdef.json',
  depdef: '_depdef.json',
  lambdadef: '_lambdadef.json',
  lambdadepdef: '_lambdadepdef.json',
  eventsourcedef: '_lambdaeventsourcedef.json',
};

function file(kind: DefinitionKind, value: unknown): RenderedFile {
  const path = `svc/web${suffixes[kind] ?? ''}`;
  return { path, kind, source: parseJsonSource(typeof value === 'string' ? value : JSON.stringify(value, null, 2), path) };
}

const tg = (region: string, account: string, name: string) => `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${name}/1`;
const blue = tg('us-east-2', '123456789012', 'blue');
const green = tg('us-east-2', '123456789012', 'green');

const svcdef = {
  cluster: 'prod',
  serviceName: 'web',
  desiredCount: 2,
  launchType: 'FARGATE',
  taskDefinition: 'web:3',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
};
const bluegreen = { ...svcdef, deploymentController: { type: 'EXTERNAL' }, loadBalancers: [{ targetGroupArn: blue, containerName: 'web', containerPort: 80 }] };

const messages = (kind: DefinitionKind[], values: unknown[], defaultRegion: string | null = null) =>
  validateUnit(
    kind.some((k) => k.startsWith('lambda')) ? 'lambda' : 'ecs',
    kind.map((k, i) => file(k, values[i])),
    { defaultRegion },
  ).problems.map(formatProblem);

const placements: [string, DefinitionKind[], unknown[], string | null, string[]][] = [
  [
    'cluster ARN of another region',
    ['svcdef', 'depdef'],
    [{ ...svcdef, cluster: 'arn:aws:ecs:us-west-2:123456789012:cluster/prod' }, { environment: { region: 'us-east-2' } }],
    null,
    [
      'svc/web_svcdef.json:2:3: cluster: is in region us-west-2, but the unit deploys to us-east-2 (Use the ecs ARN of region us-east-2, or set environment.region to us-west-2 if the unit belongs there.)',
    ],
  ],
  [
    'cluster ARN of another account',
    ['svcdef', 'depdef'],
    [{ ...svcdef, cluster: 'arn:aws:ecs:us-east-2:999999999999:cluster/prod' }, { environment: { region: 'us-east-2', account: '123456789012' } }],
    null,
    [
      'svc/web_svcdef.json:2:3: cluster: is in account 999999999999, but environment.account is 123456789012 (Use the ecs ARN of account 123456789012, or correct environment.account.)',
    ],
  ],
  [
    'target group pair of another region, against the default region',
    ['svcdef', 'depdef'],
    [
      { ...bluegreen, loadBalancers: [{ targetGroupArn: tg('eu-west-1', '1', 'b'), containerName: 'web', containerPort: 80 }] },
      { targetGroupArnPairs: [[tg('eu-west-1', '1', 'b'), tg('eu-west-1', '1', 'g')]] },
    ],
    'eu-west-1',
    [],
  ],
  [
    'target groups outside the default region',
    ['svcdef', 'depdef'],
    [bluegreen, { targetGroupArns: [blue, green] }],
    'us-east-1',
    [
      'svc/web_svcdef.json:19:7: loadBalancers[0].targetGroupArn: is in region us-east-2, but the unit deploys to us-east-1 (Use the elasticloadbalancing ARN of region us-east-1, or set environment.region to us-east-2 if the unit belongs there.)',
      'svc/web_depdef.json:3:5: targetGroupArns[0]: is in region us-east-2, but the unit deploys to us-east-1 (Use the elasticloadbalancing ARN of region us-east-1, or set environment.region to us-east-2 if the unit belongs there.)',
      'svc/web_depdef.json:4:5: targetGroupArns[1]: is in region us-east-2, but the unit deploys to us-east-1 (Use the elasticloadbalancing ARN of region us-east-1, or set environment.region to us-east-2 if the unit belongs there.)',
    ],
  ],
  [
    'alarm ARN of another account',
    ['svcdef', 'depdef'],
    [svcdef, { environmentVariables: { account: '123456789012' }, alarms: { alarmNames: ['arn:aws:cloudwatch:us-east-2:210987654321:alarm:web-5xx'] } }],
    'us-east-2',
    [
      'svc/web_depdef.json:7:7: alarms.alarmNames[0]: is in account 210987654321, but environment.account is 123456789012 (Use the cloudwatch ARN of account 123456789012, or correct environment.account.)',
    ],
  ],
  [
    'a China ARN for a commercial region',
    ['svcdef', 'depdef'],
    [{ ...svcdef, cluster: 'arn:aws-cn:ecs:cn-north-1:123456789012:cluster/prod' }, { environment: { region: 'us-east-2' } }],
    null,
    [
      "svc/web_svcdef.json:2:3: cluster: is an ARN of partition 'aws-cn', but region us-east-2 is in partition 'aws' (Use the ecs ARN of the unit's own region (arn:aws:…), or set environment.region to the region the resource is in.)",
    ],
  ],
  [
    'Lambda role of another account (IAM has no region)',
    ['lambdadef', 'lambdadepdef'],
    [
      {
        FunctionName: 'hello',
        Runtime: 'python3.12',
        Handler: 'app.handler',
        Role: 'arn:aws:iam::999999999999:role/hello',
        Code: { S3Bucket: 'artifacts', S3Key: 'hello.zip' },
      },
      { alias: 'live', environment: { region: 'us-east-1', account: '123456789012' } },
    ],
    null,
    [
      'svc/web_lambdadef.json:5:3: Role: is in account 999999999999, but environment.account is 123456789012 (Use the iam ARN of account 123456789012, or correct environment.account.)',
    ],
  ],
  [
    'names and ARNs of the unit are fine',
    ['svcdef', 'depdef'],
    [
      { ...bluegreen, cluster: 'arn:aws:ecs:us-east-2:123456789012:cluster/prod' },
      { environment: { region: 'us-east-2', account: '123456789012' }, targetGroupArnPairs: [[blue, green]] },
    ],
    null,
    [],
  ],
];

for (const [name, kinds, values, defaultRegion, expected] of placements) {
  test(`placement: ${name}`, () => assert.equal(messages(kinds, values, defaultRegion), expected));
}

test('an unknown but well-formed region is a warning naming file:line, with the closest known one if any', () => {
  const result = validateUnit('ecs', [file('svcdef', svcdef), file('depdef', { environment: { region: 'us-moon-1' } })]);
  assert.equal(result.problems, []);
  assert.equal(result.warnings, [
    "svc/web_depdef.json:3:5: environment.region: 'us-moon-1' is not a region the AWS SDK knows; deploying there fails unless it is newer than gitmoxi's SDK",
  ]);
  assert.equal(validateUnit('ecs', [file('svcdef', svcdef), file('depdef', { environment: { region: 'eu-central-2' } })]).warnings, []);
  const typo = validateUnit('ecs', [file('svcdef', svcdef), file('depdef', { environmentVariables: { region: 'us-esat-1' } })]);
  assert.match(typo.warnings.join('\n'), "environmentVariables.region: 'us-esat-1' is not a region the AWS SDK knows (did you mean 'us-east-1'?)");
});

test('template braces left in a rendered value are a warning naming file:line, never the value', () => {
  const taskdef = {
    family: 'web',
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: '{execution_role_arn}}',
    containerDefinitions: [{ name: 'web', image: 'nginx:{{ tag', essential: true }],
  };
  const result = validateUnit('ecs', [file('svcdef', { ...svcdef, taskDefinition: undefined }), file('taskdef', taskdef)]);
  assert.equal(result.problems, []);
  assert.equal(result.warnings, [
    "svc/web_taskdef.json:6:3: executionRoleArn still holds '}}' after rendering: a template placeholder that did not render? (write {{ name }})",
    "svc/web_taskdef.json:10:7: containerDefinitions[0].image still holds '{{' after rendering: a template placeholder that did not render? (write {{ name }})",
  ]);
});

test("a webhook's payload template keeps its str.format braces without a warning", () => {
  const depdef = { webhooks: [{ name: 'slack', urls: ['https://hooks.example.com/x'], payload_template: { text: '{{literal}} {message} at {stage}' } }] };
  assert.equal(validateUnit('ecs', [file('svcdef', svcdef), file('depdef', depdef)]).warnings, []);
});

test('a duplicate key and the schema problems of the same file and of the others come in one pass', () => {
  const depText = '{\n  "stabilityCheck": {"timeout": 0},\n  "stabilityCheck": {"timeout": 1e12}\n}';
  const result = validateUnit('ecs', [file('svcdef', { ...svcdef, desiredCount: -1 }), file('depdef', depText)]);
  assert.is(result.definitions, null);
  assert.equal(result.problems.map(formatProblem), [
    'svc/web_svcdef.json:4:3: desiredCount: must be at least 0, got -1',
    "svc/web_depdef.json:3:3: key 'stabilityCheck' is written twice in one object, on lines 2 and 3: the second would silently win (Keep one of the two keys: JSON parsers disagree on which one wins.)",
    'svc/web_depdef.json:3:22: stabilityCheck.timeout: must be at most 86400 seconds (24 h), got 1000000000000 (Intervals and timeouts are in seconds: was this written in milliseconds?)',
  ]);
});

test('a file that did not parse is not reported missing, and the other files are still checked', () => {
  const result = validateUnit('ecs', [file('depdef', { percent: 5 })], { unparsed: ['svcdef'] });
  assert.equal(
    result.problems.map((p) => p.message),
    ["percent: unknown key 'percent'"],
  );
});

test.run();
