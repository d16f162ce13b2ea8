/**
 * The bad-input corpus: every case must fail `gitmoxi plan` with exit code 2, a problem of the expected code
 * that names the file (and the line where there is one), and nothing else happening.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { mutatingCalls, startEcsSimulator } from '../fakes/sim-fixture.js';
import { makeRepo, type FileTree } from '../fakes/temp-repo.js';

const tf = (outputs: Record<string, unknown>, sensitive: string[] = []) =>
  JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v, type: 'string', sensitive: sensitive.includes(k) }])));

const svcdef = `{
  "cluster": "demo",
  "serviceName": "web",
  "desiredCount": 2,
  "launchType": "FARGATE",
  "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["{{ subnet }}"], "assignPublicIp": "DISABLED" } }
}`;
const taskdef = `{
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [{ "name": "web", "image": "{{ image }}", "essential": true }]
}`;
const depdef = `{
  "trafficShiftingConfig": { "type": "CANARY", "percent": 20, "waitInterval": 60 },
  "stabilityCheck": { "timeout": 300 }
}`;
const lambdadef = `{
  "FunctionName": "hello",
  "Runtime": "python3.12",
  "Handler": "app.handler",
  "Role": "arn:aws:iam::123456789012:role/hello",
  "Code": { "S3Bucket": "bucket", "S3Key": "hello.zip" },
  "MemorySize": 256
}`;

/** A valid repository: one ECS unit, one Lambda unit, a Terraform output file. */
const base: FileTree = {
  'infra/terraform_output.json': tf({ subnet: 'subnet-1', image: 'nginx:1.27' }),
  'svc/web_input.json': '{ "ref": { "file": ["infra/terraform_output.json"], "type": "TERRAFORM" } }',
  'svc/web_svcdef.json': svcdef,
  'svc/web_taskdef.json': taskdef,
  'svc/web_depdef.json': depdef,
  'fn/hello_lambdadef.json': lambdadef,
  'fn/hello_lambdadepdef.json': '{ "alias": "live" }',
};

interface Case {
  name: string;
  files: FileTree;
  code: string | string[];
  file: string;
  line?: number;
  /** Text the message must contain. */
  says?: RegExp;
}

const replace = (path: string, from: string, to: string): FileTree => ({ [path]: String(base[path]).replace(from, to) });

/** Input that used to plan (or crash): each must also leave AWS untouched when deployed (see the last tests). */
const guardedCases: Case[] = [
  {
    name: 'a key written twice',
    files: replace('svc/web_svcdef.json', '"desiredCount": 2,', '"desiredCount": 2,\n  "serviceName": "web-canary",'),
    code: 'E_JSON_DUPLICATE_KEY',
    file: 'svc/web_svcdef.json',
    line: 5,
    says: /'serviceName' is written twice .* lines 3 and 5/,
  },
  {
    name: 'a key written twice in the input file',
    files: { 'svc/web_input.json': '{\n  "ref": { "file": ["infra/terraform_output.json"], "type": "TERRAFORM" },\n  "image": "a",\n  "image": "b"\n}' },
    code: 'E_JSON_DUPLICATE_KEY',
    file: 'svc/web_input.json',
    line: 4,
  },
  {
    name: '100,000 levels of nesting',
    files: { 'svc/web_taskdef.json': `{"family": "web",\n "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
    code: 'E_JSON_TOO_DEEP',
    file: 'svc/web_taskdef.json',
    line: 2,
  },
  {
    name: 'a malformed region',
    files: { 'svc/web_depdef.json': '{\n  "environment": { "region": "useast1" }\n}' },
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /region/,
  },
  {
    name: 'a cluster ARN of another region',
    files: {
      ...replace('svc/web_svcdef.json', '"demo"', '"arn:aws:ecs:eu-west-1:123456789012:cluster/demo"'),
      'svc/web_depdef.json': '{\n  "environment": { "region": "us-east-1" }\n}',
    },
    code: 'E_DEF_INVALID',
    file: 'svc/web_svcdef.json',
    line: 2,
    says: /is in region eu-west-1, but the unit deploys to us-east-1/,
  },
  {
    name: 'a Lambda role of another account',
    files: { 'fn/hello_lambdadepdef.json': '{\n  "alias": "live",\n  "environment": { "region": "us-east-1", "account": "000000000000" }\n}' },
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 5,
    says: /is in account 123456789012, but environment.account is 000000000000/,
  },
  {
    name: 'a waitInterval of 1e12 seconds',
    files: replace('svc/web_depdef.json', '"waitInterval": 60', '"waitInterval": 1e12'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /at most 86400 seconds/,
  },
];

/** Input AWS refuses at CreateFunction / RegisterTaskDefinition: caught before the deploy reaches it. */
const awsWouldRefuseCases: Case[] = [
  {
    name: 'a one-letter Lambda variable name',
    files: replace('fn/hello_lambdadef.json', '"MemorySize": 256', '"MemorySize": 256,\n  "Environment": { "Variables": { "A": "1" } }'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 8,
    says: /a letter, then at least one letter/,
  },
  {
    name: 'a Lambda variable name with a hyphen',
    files: replace('fn/hello_lambdadef.json', '"MemorySize": 256', '"MemorySize": 256,\n  "Environment": { "Variables": { "MY-VAR": "1" } }'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 8,
    says: /MY-VAR/,
  },
  {
    name: 'a reserved Lambda variable',
    files: replace('fn/hello_lambdadef.json', '"MemorySize": 256', '"MemorySize": 256,\n  "Environment": { "Variables": { "AWS_REGION": "eu-west-1" } }'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 8,
    says: /reserved/,
  },
  {
    name: 'an unknown runtime',
    files: replace('fn/hello_lambdadef.json', '"python3.12"', '"foo"'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 3,
    says: /'foo' is not a Lambda runtime/,
  },
  {
    name: 'a retired runtime',
    files: replace('fn/hello_lambdadef.json', '"python3.12"', '"python2.7"'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 3,
    says: /retired/,
  },
  {
    name: 'a handler with a space',
    files: replace('fn/hello_lambdadef.json', '"app.handler"', '"app handler"'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 4,
    says: /whitespace/,
  },
  {
    name: 'a Fargate memory size cpu 256 cannot have',
    files: replace('svc/web_taskdef.json', '"memory": "512"', '"memory": "4096"'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_taskdef.json',
    line: 6,
    says: /not a Fargate memory size/,
  },
  {
    name: 'hostPort unlike containerPort under awsvpc',
    files: replace('svc/web_taskdef.json', '"essential": true }', '"essential": true, "portMappings": [{ "containerPort": 80, "hostPort": 8080 }] }'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_taskdef.json',
    line: 7,
    says: /under awsvpc they must match/,
  },
  {
    name: 'an unknown log driver',
    files: replace('svc/web_taskdef.json', '"essential": true }', '"essential": true, "logConfiguration": { "logDriver": "cloudwatch" } }'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_taskdef.json',
    line: 7,
    says: /not an ECS log driver/,
  },
];
guardedCases.push(...awsWouldRefuseCases);

const cases: Case[] = [
  { name: 'missing comma', files: replace('svc/web_svcdef.json', '"demo",', '"demo"'), code: 'E_JSON_INVALID', file: 'svc/web_svcdef.json', line: 3 },
  {
    name: 'trailing comma',
    files: replace('svc/web_taskdef.json', '"essential": true }', '"essential": true, }'),
    code: 'E_JSON_INVALID',
    file: 'svc/web_taskdef.json',
    line: 7,
  },
  { name: 'comment in JSON', files: replace('svc/web_depdef.json', '{\n', '{\n  // tuned\n'), code: 'E_JSON_INVALID', file: 'svc/web_depdef.json', line: 2 },
  {
    name: 'unclosed expression',
    files: replace('svc/web_taskdef.json', '{{ image }}', '{{ image '),
    code: 'E_RENDER_SYNTAX',
    file: 'svc/web_taskdef.json',
    line: 7,
  },
  {
    name: 'unclosed if block',
    files: replace('svc/web_svcdef.json', '"desiredCount": 2,', '{% if true %}"desiredCount": 2,'),
    code: 'E_RENDER_SYNTAX',
    file: 'svc/web_svcdef.json',
  },
  {
    name: 'unknown tag',
    files: replace('svc/web_svcdef.json', '"desiredCount": 2,', '{% frobnicate %}"desiredCount": 2,'),
    code: 'E_RENDER_SYNTAX',
    file: 'svc/web_svcdef.json',
    line: 4,
  },
  {
    name: 'undefined variable',
    files: replace('svc/web_taskdef.json', '{{ image }}', '{{ image_tag }}'),
    code: 'E_RENDER_UNDEFINED',
    file: 'svc/web_taskdef.json',
    line: 7,
    says: /image_tag/,
  },
  {
    name: 'undefined variable on line 1',
    files: { 'svc/web_svcdef.json': `{{ header }}${svcdef}` },
    code: 'E_RENDER_UNDEFINED',
    file: 'svc/web_svcdef.json',
    line: 1,
    says: /header/,
  },
  {
    name: 'undefined variable in a lambdadef',
    files: replace('fn/hello_lambdadef.json', '"bucket"', '"{{ bucket }}"'),
    code: 'E_RENDER_UNDEFINED',
    file: 'fn/hello_lambdadef.json',
    line: 6,
    says: /bucket/,
  },
  {
    name: 'undefined CDK attribute',
    files: {
      'cdk/outputs.json': JSON.stringify({ Net: { SubnetA: 'subnet-a' } }),
      'svc/web_input.json': '{ "ref": { "file": "cdk/outputs.json", "type": "CDK" }, "image": "x" }',
      'svc/web_svcdef.json': svcdef.replace('{{ subnet }}', '{{ Net.SubnetB }}'),
    },
    code: 'E_RENDER_UNDEFINED',
    file: 'svc/web_svcdef.json',
    line: 6,
    says: /SubnetB/,
  },
  {
    name: 'missing ref file',
    files: replace('svc/web_input.json', 'infra/terraform_output.json', 'infra/missing.json'),
    code: 'E_INPUT_REF_MISSING',
    file: 'svc/web_input.json',
    says: /infra\/missing\.json/,
  },
  {
    name: 'ref escaping the repository',
    files: replace('svc/web_input.json', 'infra/terraform_output.json', '../outside.json'),
    code: 'E_INPUT_REF_ESCAPES_REPO',
    file: 'svc/web_input.json',
  },
  {
    name: 'absolute ref path',
    files: replace('svc/web_input.json', 'infra/terraform_output.json', '/etc/passwd'),
    code: 'E_INPUT_REF_ESCAPES_REPO',
    file: 'svc/web_input.json',
  },
  {
    name: 'sneaky ref path',
    files: replace('svc/web_input.json', 'infra/terraform_output.json', 'infra/../../x.json'),
    code: 'E_INPUT_REF_ESCAPES_REPO',
    file: 'svc/web_input.json',
  },
  { name: 'unknown ref type', files: replace('svc/web_input.json', 'TERRAFORM', 'YAML'), code: 'E_INPUT_INVALID', file: 'svc/web_input.json' },
  {
    name: 'ref file of the wrong shape',
    files: replace('svc/web_input.json', 'infra/terraform_output.json', 'fn/hello_lambdadef.json'),
    code: 'E_INPUT_REF_TYPE',
    file: 'fn/hello_lambdadef.json',
  },
  { name: 'input file is not JSON', files: { 'svc/web_input.json': '{ "ref": ' }, code: 'E_INPUT_INVALID', file: 'svc/web_input.json', line: 1 },
  { name: 'empty svcdef', files: { 'svc/web_svcdef.json': '' }, code: 'E_FILE_EMPTY', file: 'svc/web_svcdef.json' },
  { name: 'whitespace-only taskdef', files: { 'svc/web_taskdef.json': '  \n\n' }, code: 'E_FILE_EMPTY', file: 'svc/web_taskdef.json' },
  {
    name: 'binary garbage',
    files: { 'svc/web_svcdef.json': Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47]) },
    code: 'E_FILE_BINARY',
    file: 'svc/web_svcdef.json',
  },
  {
    name: 'invalid UTF-8',
    files: { 'fn/hello_lambdadef.json': Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
    code: 'E_FILE_BINARY',
    file: 'fn/hello_lambdadef.json',
  },
  {
    name: 'a 5 MB file',
    files: { 'svc/web_taskdef.json': `{"family": "web", "pad": "${'x'.repeat(5 * 1024 * 1024)}"}` },
    code: 'E_FILE_TOO_LARGE',
    file: 'svc/web_taskdef.json',
  },
  {
    name: 'percent 0',
    files: replace('svc/web_depdef.json', '"percent": 20', '"percent": 0'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /percent/,
  },
  {
    name: 'percent over 100',
    files: replace('svc/web_depdef.json', '"percent": 20', '"percent": 101'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /percent/,
  },
  {
    name: 'negative waitInterval',
    files: replace('svc/web_depdef.json', '"waitInterval": 60', '"waitInterval": -5'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /waitInterval/,
  },
  {
    name: 'zero stability timeout',
    files: replace('svc/web_depdef.json', '"timeout": 300', '"timeout": 0'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 3,
    says: /timeout/,
  },
  {
    name: 'unknown shifting type',
    files: replace('svc/web_depdef.json', '"CANARY"', '"CANARI"'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /CANARY/,
  },
  {
    name: 'misspelt depdef key',
    files: replace('svc/web_depdef.json', '"waitInterval"', '"waitIntervl"'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
    says: /did you mean 'waitInterval'/,
  },
  {
    name: 'breaker percent over 100',
    files: { 'svc/web_depdef.json': '{\n  "gmDeploymentCircuitBreaker": { "failureThresholdPercent": 150 }\n}' },
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    line: 2,
  },
  {
    name: 'lambdadepdef without alias',
    files: { 'fn/hello_lambdadepdef.json': '{\n  "trafficShiftingConfig": { "type": "LINEAR", "percent": 10 }\n}' },
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadepdef.json',
    says: /alias/,
  },
  {
    name: 'svcdef without serviceName',
    files: replace('svc/web_svcdef.json', '"serviceName": "web",', ''),
    code: 'E_DEF_INVALID',
    file: 'svc/web_svcdef.json',
    says: /serviceName/,
  },
  {
    name: 'negative desiredCount',
    files: replace('svc/web_svcdef.json', '"desiredCount": 2', '"desiredCount": -1'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_svcdef.json',
    line: 4,
    says: /desiredCount/,
  },
  { name: 'svcdef is an array', files: { 'svc/web_svcdef.json': '[1, 2]' }, code: 'E_DEF_INVALID', file: 'svc/web_svcdef.json', line: 1 },
  {
    name: 'taskdef without containers',
    files: replace('svc/web_taskdef.json', '[{ "name": "web", "image": "{{ image }}", "essential": true }]', '[]'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_taskdef.json',
    line: 7,
  },
  {
    name: 'blue/green without target group pairs',
    files: replace('svc/web_svcdef.json', '"launchType": "FARGATE",', '"launchType": "FARGATE", "deploymentController": { "type": "EXTERNAL" },'),
    code: 'E_DEF_INVALID',
    file: 'svc/web_depdef.json',
    says: /targetGroupArnPairs/,
  },
  {
    name: 'lambda memory too small',
    files: replace('fn/hello_lambdadef.json', '"MemorySize": 256', '"MemorySize": 64'),
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdadef.json',
    line: 7,
    says: /MemorySize/,
  },
  {
    name: 'unknown push source service',
    files: { 'fn/hello_lambdaeventsourcedef.json': '{\n  "PushEventSources": [{ "Service": "sns.amazonaws.com", "TopicArn": "x" }]\n}' },
    code: 'E_DEF_INVALID',
    file: 'fn/hello_lambdaeventsourcedef.json',
    line: 2,
  },
  {
    name: 'a value that breaks the JSON',
    files: replace('svc/web_input.json', '"TERRAFORM" }', '"TERRAFORM" }, "image": "nginx\\"1.27"'),
    code: 'E_JSON_INVALID',
    file: 'svc/web_taskdef.json',
    line: 7,
  },
  {
    name: 'unknown filter',
    files: replace('svc/web_taskdef.json', '{{ image }}', '{{ image | shout }}'),
    code: ['E_RENDER_SYNTAX', 'E_RENDER_FAILED'],
    file: 'svc/web_taskdef.json',
    line: 7,
    says: /shout/,
  },
  { name: 'ECS and Lambda files share a prefix', files: { 'svc/web_lambdadef.json': lambdadef }, code: 'E_DEF_INVALID', file: 'svc/web' },
  ...guardedCases,
];

/** `plan --json` lists each invalid unit with its problems (docs/isolation.md). */
interface PlanJson {
  units: { action: string; problems?: { code: string; message: string; location: { file: string; line?: number } }[] }[];
}

for (const item of cases) {
  test(`bad input: ${item.name}`, async () => {
    const repo = await makeRepo([{ files: { ...base, ...item.files } }]);
    try {
      const result = await runCli(['plan', '--json'], { cwd: repo.dir });
      assert.is(result.code, 2, `exit code\n${result.stderr}`);
      const plan = JSON.parse(result.stdout) as PlanJson;
      const codes = Array.isArray(item.code) ? item.code : [item.code];
      const problems = plan.units.filter((u) => u.action === 'invalid').flatMap((u) => u.problems ?? []);
      const match = problems.find((p) => codes.includes(p.code) && p.location.file.startsWith(item.file));
      assert.ok(match, `no ${codes.join('/')} problem naming ${item.file} in:\n${result.stderr}`);
      if (item.line !== undefined) assert.is(match.location.line, item.line, `line of ${match.message}`);
      if (item.says) assert.match(match.message, item.says);
      assert.ok(result.stderr.includes(item.file), 'stderr names the file');
    } finally {
      await repo.cleanup();
    }
  });
}

test('bad input: every problem in every unit is reported together', async () => {
  const repo = await makeRepo([
    {
      files: {
        ...base,
        ...replace('svc/web_depdef.json', '"percent": 20', '"percent": 0'),
        ...replace('fn/hello_lambdadef.json', '"MemorySize": 256', '"MemorySize": 1'),
        'other/api_svcdef.json': '{ "serviceName": ',
      },
    },
  ]);
  try {
    const result = await runCli(['plan'], { cwd: repo.dir });
    assert.is(result.code, 2);
    assert.match(result.stderr, /svc\/web_depdef\.json:2:\d+: /);
    assert.match(result.stderr, /fn\/hello_lambdadef\.json:7:\d+: /);
    assert.match(result.stderr, /other\/api_svcdef\.json:1:\d+: /);
    assert.match(result.stderr, /3 units: a deploy would leave them alone/);
  } finally {
    await repo.cleanup();
  }
});

test('bad input: a JSON problem in one file does not hide the schema problems of the others', async () => {
  const input = '{\n  "ref": { "file": ["infra/terraform_output.json"], "type": "TERRAFORM" },\n  "image": "a",\n  "image": "b"\n}';
  const files = {
    ...base,
    ...replace('svc/web_svcdef.json', '"demo",', '"demo"'),
    ...replace('svc/web_depdef.json', '"percent": 20', '"percent": 0'),
    'svc/web_input.json': input,
  };
  const repo = await makeRepo([{ files }]);
  try {
    const result = await runCli(['plan'], { cwd: repo.dir });
    assert.is(result.code, 2);
    assert.match(result.stderr, /svc\/web_svcdef\.json:3:\d+: invalid JSON/);
    assert.match(result.stderr, /svc\/web_depdef\.json:2:\d+: trafficShiftingConfig\.percent/);
    assert.match(result.stderr, /svc\/web_input\.json:4:3: key 'image' is written twice/);
  } finally {
    await repo.cleanup();
  }
});

for (const item of guardedCases) {
  test(`bad input, deployed: ${item.name} exits 2 and calls nothing that changes AWS`, async () => {
    const sim = await startEcsSimulator();
    const repo = await makeRepo([{ files: { ...base, ...item.files } }]);
    try {
      // --atomic: the base repository's other units are valid and would deploy beside the invalid one (docs/isolation.md).
      const result = await runCli(['deploy', '--atomic', '--endpoint-url', sim.endpoint, '--region', 'us-east-1', '--no-color'], { cwd: repo.dir });
      assert.is(result.code, 2, result.stdout + result.stderr);
      assert.equal(mutatingCalls(sim), []);
    } finally {
      await repo.cleanup();
      await sim.close();
    }
  });
}

test('gitmoxi sim --scenario with a mistake: exit 2 before it listens, naming the file, the line and the fix', async () => {
  const repo = await makeRepo([{ files: { 'sim/scenario.yaml': 'region: us-east-1\nfaults:\n  - kind: throttle\n    sevrice: ecs\n' } }]);
  try {
    const result = await runCli(['sim', '--scenario', 'sim/scenario.yaml', '--port', '0'], { cwd: repo.dir });
    assert.is(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, 'error[E_SCENARIO_INVALID]: the scenario file sim/scenario.yaml is not valid: the simulator did not start');
    assert.match(result.stderr, /sim\/scenario\.yaml:3: faults\[0\]\.service: /);
    assert.match(result.stderr, /sim\/scenario\.yaml:4: faults\[0\]: Unrecognized key: "sevrice"/);
    assert.match(result.stderr, 'hint: Fix the scenario file at the lines shown');
    assert.not.match(result.stdout, 'listening');
  } finally {
    await repo.cleanup();
  }
});

test('the valid base repository plans cleanly', async () => {
  const repo = await makeRepo([{ files: base }]);
  try {
    const result = await runCli(['plan', '--json'], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
  } finally {
    await repo.cleanup();
  }
});

test.run();
