/**
 * `gitmoxi diff` against the simulator: right after a deploy nothing differs; a change made by hand that keeps
 * the hash tag (desired count, a variable, a listener weight, alias routing) shows, and `status --deep` calls
 * the unit Drifted.
 */
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetPolicyCommand, LambdaClient, RemovePermissionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blueGreenUnit, startBlueGreenSimulator, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { runCli } from '../fakes/cli.js';
import { lambdaUnit, startLambdaSimulator } from '../fakes/lambda-fixture.js';
import { ecsClient, ecsUnit, mutatingCalls, startEcsSimulator, type Simulator } from '../fakes/sim-fixture.js';
import { makeRepo, type FileTree, type TempRepo } from '../fakes/temp-repo.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sim: Simulator | undefined;
const repos: TempRepo[] = [];
test.after.each(async () => {
  await sim?.close();
  sim = undefined;
  for (const repo of repos.splice(0)) await repo.cleanup();
});

async function deployed(started: Simulator, files: FileTree): Promise<TempRepo> {
  sim = started;
  const repo = await makeRepo([{ files }]);
  repos.push(repo);
  const result = await cli(repo, 'deploy');
  assert.is(result.code, 0, result.stdout + result.stderr);
  return repo;
}

function cli(repo: TempRepo, ...args: string[]) {
  return runCli([...args, '--endpoint-url', (sim as Simulator).endpoint, '--no-color'], { cwd: repo.dir });
}

async function noDifference(repo: TempRepo, unit: string) {
  const result = await cli(repo, 'diff', '--exit-code');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`${unit}\\s+\\S+ us-east-1\\s+no difference`));
}

test('rolling service: no difference after deploy; a desired count changed by hand shows, and status --deep says Drifted', async () => {
  const repo = await deployed(await startEcsSimulator(), ecsUnit({ name: 'web', image: 'nginx:1.27' }));
  await noDifference(repo, 'services/web/web');
  const before = mutatingCalls(sim as Simulator).length;
  await ecsClient(sim as Simulator).send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', desiredCount: 5 }));

  const result = await cli(repo, 'diff', '--exit-code');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /services\/web\/web\s+ecs us-east-1\s+1 document differs/);
  assert.match(result.stdout, /^-\s+"desiredCount": 5,$/m);
  assert.match(result.stdout, /^\+\s+"desiredCount": 2,$/m);
  assert.match(result.stdout, /\+\+\+ services\/web\/web_svcdef\.json/);
  const json = JSON.parse((await cli(repo, 'diff', '--json')).stdout) as { units: { unit: string; state: string; documents: { file: string }[] }[] };
  assert.equal(
    json.units.map((u) => [u.unit, u.state, u.documents.map((d) => d.file)]),
    [['services/web/web', 'different', ['services/web/web_svcdef.json']]],
  );

  const shallow = JSON.parse((await cli(repo, 'status', '--json')).stdout) as { units: { state: string }[] };
  assert.is(shallow.units[0]?.state, 'Synced');
  const deep = await cli(repo, 'status', '--deep', '--json');
  assert.is((JSON.parse(deep.stdout) as { units: { state: string }[] }).units[0]?.state, 'Drifted', deep.stderr);
  // diff and status --deep only read.
  assert.is(mutatingCalls(sim as Simulator).length, before + 1);

  // A unit whose files are invalid is reported (exit 2); the others are still compared.
  await repo.commit({ 'services/api/api_svcdef.json': '{ "serviceName": ' });
  const isolated = await cli(repo, 'diff');
  assert.is(isolated.code, 2, isolated.stdout + isolated.stderr);
  assert.match(isolated.stdout, /services\/web\/web\s+ecs us-east-1\s+1 document differs/);
  assert.match(isolated.stderr, /services\/api\/api_svcdef\.json:1:\d+/);
});

test('Lambda function with alias and event source: no difference after deploy; a variable set by hand shows, a secret does not', async () => {
  const queue = 'arn:aws:sqs:us-east-1:123456789012:orders';
  const started = await startLambdaSimulator();
  const elb = new ElasticLoadBalancingV2Client({ endpoint: started.endpoint, region: 'us-east-1', credentials });
  const targetGroupArn = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['hello-lambda'] }))).TargetGroups?.[0]?.TargetGroupArn ?? '';
  const files = lambdaUnit({
    name: 'hello',
    eventSources: {
      PushEventSources: [{ Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: targetGroupArn }],
      PullEventSources: { EventSourceMapping: { EventSourceArn: queue, BatchSize: 5 } },
    },
  });
  // A sensitive Terraform output in a variable: the diff shows the variable's line, never its value.
  const secret = 'pw-Zq81-never-printed';
  const lambdadef = JSON.parse(String(files['functions/hello/hello_lambdadef.json']));
  lambdadef.Environment = { Variables: { DB_PASSWORD: '{{ db_password }}' } };
  files['functions/hello/hello_lambdadef.json'] = JSON.stringify(lambdadef, null, 2);
  files['functions/hello/hello_lambdainput.json'] = JSON.stringify({ ref: { file: ['infra/tf.json'], type: 'TERRAFORM' } });
  files['infra/tf.json'] = JSON.stringify({ db_password: { value: secret, type: 'string', sensitive: true } });
  const repo = await deployed(started, files);
  await noDifference(repo, 'functions/hello/hello');
  const lambda = new LambdaClient({ endpoint: (sim as Simulator).endpoint, region: 'us-east-1', credentials });
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello', Environment: { Variables: { DB_PASSWORD: secret, DEBUG: '1' } } }));
  const result = await cli(repo, 'diff', '--exit-code', 'functions/hello/hello');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /^-\s+"DEBUG": "1"$/m);
  assert.match(result.stdout, /\+\+\+ functions\/hello\/hello_lambdadef\.json/);
  assert.match(result.stdout, /"DB_PASSWORD": "\(sensitive\)"/);
  assert.not.ok((result.stdout + result.stderr).includes(secret), 'the secret is printed');
  const json = await cli(repo, 'diff', '--json');
  assert.not.ok((json.stdout + json.stderr).includes(secret), 'the secret is printed in --json');

  // The target group's invoke permission removed by hand: the push source shows it.
  const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'hello', Qualifier: 'live' }))).Policy ?? '{}') as {
    Statement: { Sid: string }[];
  };
  const sid = policy.Statement.find((statement) => statement.Sid.startsWith('gitmoxi-elb-'))?.Sid;
  await lambda.send(new RemovePermissionCommand({ FunctionName: 'hello', Qualifier: 'live', StatementId: sid }));
  const push = await cli(repo, 'diff', 'functions/hello/hello');
  assert.match(push.stdout, /live: push sources/);
  assert.match(push.stdout, /^-\s+"mayInvoke": false,$/m);
});

test('blue/green service: no difference after deploy; a listener weight moved by hand shows', async () => {
  const started = await startBlueGreenSimulator();
  const groups = targetGroupArns(started);
  const repo = await deployed(started, blueGreenUnit({ name: 'web', image: 'nginx:1.27', targetGroups: groups }));
  await noDifference(repo, 'services/web/web');
  const elb = new ElasticLoadBalancingV2Client({ endpoint: started.endpoint, region: 'us-east-1', credentials });
  const balancer = (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers?.[0]?.LoadBalancerArn;
  const listener = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: balancer }))).Listeners?.find((l) => l.Port === 80);
  await elb.send(
    new ModifyListenerCommand({
      ListenerArn: listener?.ListenerArn,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: groups['web-blue'], Weight: 50 },
              { TargetGroupArn: groups['web-green'], Weight: 50 },
            ],
          },
        },
      ],
    }),
  );
  const result = await cli(repo, 'diff', '--exit-code');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /listener weights/);
  assert.match(result.stdout, /^-\s+"[^"]+": 50,?$/m);
});

test.run();
