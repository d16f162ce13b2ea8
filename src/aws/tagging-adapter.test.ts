/** TaggingAdapter through the real @aws-sdk/client-resource-groups-tagging-api against the simulator. */
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TaggedResourceRef } from '../deploy/ports/tagging-port.js';
import { partitionOf, resourceArn } from './tagging-adapter.js';
import { ACCOUNT, REGION, calls, startTestAws, webService, webTaskDefinition, type TestAws } from './test-simulator.js';

let aws: TestAws;

test.before.each(async () => {
  aws = await startTestAws();
});

test.after.each(async () => {
  await aws.close();
});

async function createFunction(name: string, tags: Record<string, string>): Promise<void> {
  const code = { S3Bucket: 'artifacts', S3Key: `${name}.zip` };
  await aws.clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${ACCOUNT}:role/exec`,
      Code: code,
      Tags: tags,
    }),
  );
}

test('resourceTags answers in the order asked, null for what the index does not list', async () => {
  await createFunction('api', { 'gitmoxi:unit': 'apps/api/api', 'gitmoxi:hash': 'h1' });
  await createFunction('untagged', {});
  const taskDefinitionArn = await aws.ports.ecs.registerTaskDefinition(webTaskDefinition(), {});
  await aws.ports.ecs.createService(webService(taskDefinitionArn, { tags: [{ key: 'gitmoxi:unit', value: 'apps/web/web' }] }));
  const refs: TaggedResourceRef[] = [
    { platform: 'lambda', functionName: 'ghost' },
    { platform: 'ecs', cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`, serviceName: 'web' },
    { platform: 'lambda', functionName: 'api' },
    { platform: 'lambda', functionName: 'untagged' },
  ];
  const answers = await aws.ports.tagging.resourceTags(refs);
  assert.equal(answers, [
    null,
    { resourceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/web`, tags: { 'gitmoxi:unit': 'apps/web/web' } },
    { resourceArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`, tags: { 'gitmoxi:unit': 'apps/api/api', 'gitmoxi:hash': 'h1' } },
    null,
  ]);
});

test('resourceTags asks 100 ARNs a call, and the account once', async () => {
  const refs: TaggedResourceRef[] = Array.from({ length: 250 }, (_, i) => ({ platform: 'lambda', functionName: `f${i}` }));
  aws.sim.control.clearCalls();
  assert.is((await aws.ports.tagging.resourceTags(refs)).filter((answer) => answer !== null).length, 0);
  await aws.ports.tagging.resourceTags(refs.slice(0, 5));
  assert.equal(
    calls(aws.sim, 'tagging')
      .map((call) => (call.params as { ResourceARNList: string[] }).ResourceARNList.length)
      .sort((a, b) => a - b),
    [5, 50, 100, 100],
  );
  assert.is(calls(aws.sim, 'sts').length, 1);
});

test('ARNs: the partition of the Region, long ECS service ARNs, Lambda names given as ARNs kept', () => {
  assert.equal(['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1'].map(partitionOf), [
    'aws',
    'aws-cn',
    'aws-us-gov',
    'aws-iso',
    'aws-iso-b',
    'aws-iso-e',
  ]);
  assert.is(resourceArn({ platform: 'ecs', cluster: 'prod', serviceName: 'web' }, 'aws-cn', 'cn-north-1', '1'), 'arn:aws-cn:ecs:cn-north-1:1:service/prod/web');
  assert.is(
    resourceArn({ platform: 'lambda', functionName: 'arn:aws:lambda:us-east-1:1:function:api:live' }, 'aws', 'us-east-1', '1'),
    'arn:aws:lambda:us-east-1:1:function:api',
  );
});

test.run();
