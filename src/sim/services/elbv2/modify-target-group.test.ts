/** ModifyTargetGroup through the real SDK v3 client: the health check settings it changes and the errors it gives. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CreateTargetGroupCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupCommand,
  type ModifyTargetGroupCommandInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import { elbv2Service } from './service.js';

let sim: Simulator;
let client: ElasticLoadBalancingV2Client;

test.before(async () => {
  sim = await startSimulator({ clock: new ManualClock(), modules: [elbv2Service] });
  client = new ElasticLoadBalancingV2Client({
    endpoint: sim.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulator-secret' },
    maxAttempts: 1,
  });
});

test.after(async () => {
  client.destroy();
  await sim.close();
});

test.before.each(() => sim.control.reset());

async function ipGroup(): Promise<string> {
  const out = await client.send(new CreateTargetGroupCommand({ Name: 'web', TargetType: 'ip', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-0abc' }));
  return out.TargetGroups?.[0]?.TargetGroupArn as string;
}

async function failure(input: ModifyTargetGroupCommandInput): Promise<string> {
  try {
    await client.send(new ModifyTargetGroupCommand(input));
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return `${e.name}/${e.$metadata?.httpStatusCode ?? '?'}: ${e.message}`;
  }
  return 'no error';
}

test('changes the health check settings it is given and keeps the others', async () => {
  const arn = await ipGroup();
  const out = await client.send(
    new ModifyTargetGroupCommand({
      TargetGroupArn: arn,
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-299' },
    }),
  );
  const described = (await client.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }))).TargetGroups?.[0];
  assert.equal(out.TargetGroups?.[0], described);
  assert.equal(
    {
      path: described?.HealthCheckPath,
      interval: described?.HealthCheckIntervalSeconds,
      timeout: described?.HealthCheckTimeoutSeconds,
      healthy: described?.HealthyThresholdCount,
      unhealthy: described?.UnhealthyThresholdCount,
      matcher: described?.Matcher,
      port: described?.Port,
    },
    { path: '/health', interval: 10, timeout: 5, healthy: 3, unhealthy: 2, matcher: { HttpCode: '200-299' }, port: 80 },
  );
});

test('errors: unknown group, out of range, timeout not below the interval, checks off for an IP group', async () => {
  const arn = await ipGroup();
  const unknown = arn.replace(/\/[0-9a-f]+$/, '/0123456789abcdef');
  assert.match(await failure({ TargetGroupArn: unknown }), /^TargetGroupNotFoundException\/400/);
  assert.match(await failure({ TargetGroupArn: arn, HealthyThresholdCount: 11 }), /^ValidationError\/400/);
  assert.is(
    await failure({ TargetGroupArn: arn, HealthCheckIntervalSeconds: 5 }),
    "ValidationError/400: Health check interval '5' must be greater than the timeout '5'",
  );
  assert.match(await failure({ TargetGroupArn: arn, HealthCheckEnabled: false }), /^ValidationError\/400: Health checks cannot be disabled/);
  assert.match(await failure({ TargetGroupArn: arn, HealthCheckPath: 'health' }), /must begin with a '\/'/);
  const unchanged = (await client.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }))).TargetGroups?.[0];
  assert.equal([unchanged?.HealthCheckIntervalSeconds, unchanged?.HealthCheckPath], [30, '/']);
});

test('a lambda group can turn its health checks on', async () => {
  const created = await client.send(new CreateTargetGroupCommand({ Name: 'fn', TargetType: 'lambda' }));
  const arn = created.TargetGroups?.[0]?.TargetGroupArn as string;
  assert.is(created.TargetGroups?.[0]?.HealthCheckEnabled, false);
  const out = await client.send(new ModifyTargetGroupCommand({ TargetGroupArn: arn, HealthCheckEnabled: true }));
  assert.is(out.TargetGroups?.[0]?.HealthCheckEnabled, true);
});

test.run();
