/** IAM GetRole, CloudWatch Logs DescribeLogGroups and ECR DescribeImages through the real SDK clients. */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import { rejection } from '../../../../test/fakes/rejection.js';

const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };
let sim: Simulator;

test.before.each(async () => {
  sim = await startSimulator({
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    account: '111122223333',
    scenario: {
      region: 'eu-west-1',
      infrastructure: {
        roles: ['arn:aws:iam::111122223333:role/app-exec', { name: 'fn-role', trust: ['lambda.amazonaws.com'] }],
        logGroups: [{ name: '/ecs/web' }, { name: '/ecs/worker' }, { name: '/ecs/web', region: 'us-east-1' }],
        images: [{ repository: 'web', tags: ['1.0', '1.1'] }],
        queues: [{ name: 'orders' }],
      },
    },
  });
});
test.after.each(async () => {
  await sim.close();
});

test('GetRole answers a seeded role with its URL-encoded trust policy, NoSuchEntity otherwise', async () => {
  const iam = new IAMClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const role = (await iam.send(new GetRoleCommand({ RoleName: 'fn-role' }))).Role;
  assert.is(role?.Arn, 'arn:aws:iam::111122223333:role/fn-role');
  assert.ok(role?.CreateDate instanceof Date);
  const policy = JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''));
  assert.equal(
    policy.Statement.map((s: { Principal: { Service: string } }) => s.Principal.Service),
    ['lambda.amazonaws.com'],
  );
  const byArn = (await iam.send(new GetRoleCommand({ RoleName: 'app-exec' }))).Role;
  assert.is(byArn?.RoleName, 'app-exec');
  const missing = await rejection(iam.send(new GetRoleCommand({ RoleName: 'nope' })));
  assert.is(missing.name, 'NoSuchEntityException');
  assert.is(missing.$metadata.httpStatusCode, 404);
  assert.is(missing.message, 'The role with name nope cannot be found.');
});

test('DescribeLogGroups lists the seeded groups of the region, by prefix', async () => {
  const logs = new CloudWatchLogsClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
  const all = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
  assert.equal(
    all.logGroups?.map((g) => g.logGroupName),
    ['/ecs/web', '/ecs/worker'],
  );
  const one = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/wo' }));
  assert.equal(
    one.logGroups?.map((g) => g.logGroupName),
    ['/ecs/worker'],
  );
  const other = new CloudWatchLogsClient({ endpoint: sim.endpoint, region: 'ap-south-1', credentials, maxAttempts: 1 });
  assert.equal((await other.send(new DescribeLogGroupsCommand({}))).logGroups, []);
});

test('DescribeImages finds seeded tags and refuses missing images and repositories', async () => {
  const ecr = new ECRClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
  const found = await ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: '1.1' }] }));
  assert.equal(found.imageDetails?.[0]?.imageTags, ['1.1']);
  assert.match(found.imageDetails?.[0]?.imageDigest ?? '', /^sha256:[0-9a-f]{64}$/);
  const image = await rejection(ecr.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: '9.9' }] })));
  assert.is(image.name, 'ImageNotFoundException');
  const repository = await rejection(ecr.send(new DescribeImagesCommand({ repositoryName: 'api' })));
  assert.is(repository.name, 'RepositoryNotFoundException');
  const calls = sim.control.calls().map((c) => [c.service, c.operation, c.mutating]);
  assert.equal(calls[0], ['ecr', 'DescribeImages', false]);
});

test('DescribeImages answers InvalidParameterException for imageIds that are not a list of structures', async () => {
  // The SDK cannot send this; another client (or a hand-written request) can.
  const describe = (imageIds: unknown) =>
    fetch(sim.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/ecr/aws4_request, Signature=0',
      },
      body: JSON.stringify({ repositoryName: 'web', imageIds }),
    });
  for (const imageIds of ['1.1', ['1.1'], [{ imageTag: 11 }]]) {
    const answer = await describe(imageIds);
    assert.is(answer.status, 400, JSON.stringify(imageIds));
    const body = (await answer.json()) as { __type?: string; message?: string };
    assert.is(body.__type, 'InvalidParameterException');
    assert.match(body.message ?? '', /imageIds/, JSON.stringify(body));
  }
});

test('GetQueueUrl finds seeded queues; QueueDoesNotExist carries the query error code', async () => {
  const sqs = new SQSClient({ endpoint: sim.endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
  const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
  assert.is(found.QueueUrl, 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders');
  const missing = await rejection(sqs.send(new GetQueueUrlCommand({ QueueName: 'ordres' })));
  assert.is(missing.name, 'QueueDoesNotExist');
  assert.is(missing.$metadata.httpStatusCode, 400);
});

test('a scenario that seeds none of them has every role, log group and image', async () => {
  const open = await startSimulator({ clock: new ManualClock(Date.UTC(2026, 0, 1)), scenario: { region: 'us-east-1' } });
  try {
    const config = { endpoint: open.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
    const role = (await new IAMClient(config).send(new GetRoleCommand({ RoleName: 'anything' }))).Role;
    assert.equal(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')).Statement.length, 2);
    const groups = await new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/any' }));
    assert.equal(
      groups.logGroups?.map((g) => g.logGroupName),
      ['/ecs/any'],
    );
    const images = await new ECRClient(config).send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: '7' }] }));
    assert.equal(images.imageDetails?.[0]?.imageTags, ['7']);
  } finally {
    await open.close();
  }
});

test.run();
