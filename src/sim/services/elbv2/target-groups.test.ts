import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type {
  CreateTargetGroupOutput,
  DescribeTargetGroupAttributesOutput,
  DescribeTargetGroupsOutput,
  ModifyTargetGroupAttributesOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createTestWorld, errorCode, TEST_ACCOUNT, TEST_VPC } from './test-world.js';

const ip = { TargetType: 'ip', Protocol: 'HTTP', Port: 8080, VpcId: TEST_VPC };

test('an IP target group gets the documented defaults', () => {
  const t = createTestWorld();
  const out = t.call('CreateTargetGroup', { Name: 'web-blue', ...ip }) as CreateTargetGroupOutput;
  const group = out.TargetGroups?.[0];
  assert.match(group?.TargetGroupArn ?? '', new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:${TEST_ACCOUNT}:targetgroup/web-blue/[0-9a-f]{16}$`));
  assert.equal(
    {
      protocol: group?.Protocol,
      port: group?.Port,
      vpc: group?.VpcId,
      checkProtocol: group?.HealthCheckProtocol,
      checkPort: group?.HealthCheckPort,
      enabled: group?.HealthCheckEnabled,
      interval: group?.HealthCheckIntervalSeconds,
      timeout: group?.HealthCheckTimeoutSeconds,
      healthy: group?.HealthyThresholdCount,
      unhealthy: group?.UnhealthyThresholdCount,
      path: group?.HealthCheckPath,
      matcher: group?.Matcher,
      type: group?.TargetType,
      version: group?.ProtocolVersion,
      lbs: group?.LoadBalancerArns,
    },
    {
      protocol: 'HTTP',
      port: 8080,
      vpc: TEST_VPC,
      checkProtocol: 'HTTP',
      checkPort: 'traffic-port',
      enabled: true,
      interval: 30,
      timeout: 5,
      healthy: 5,
      unhealthy: 2,
      path: '/',
      matcher: { HttpCode: '200' },
      type: 'ip',
      version: 'HTTP1',
      lbs: [],
    },
  );
  const attributes = t.call('DescribeTargetGroupAttributes', { TargetGroupArn: group?.TargetGroupArn }) as DescribeTargetGroupAttributesOutput;
  const byKey = Object.fromEntries((attributes.Attributes ?? []).map((a) => [a.Key, a.Value]));
  assert.is(byKey['deregistration_delay.timeout_seconds'], '300');
  assert.is(byKey['stickiness.enabled'], 'false');
  assert.is(byKey['stickiness.type'], 'lb_cookie');
  assert.is(byKey['load_balancing.algorithm.type'], 'round_robin');
  assert.is(byKey['slow_start.duration_seconds'], '0');
});

test('a lambda target group has no protocol, port or VPC, and health checks off', () => {
  const t = createTestWorld();
  const out = t.call('CreateTargetGroup', { Name: 'fn', TargetType: 'lambda' }) as CreateTargetGroupOutput;
  const group = out.TargetGroups?.[0];
  assert.is(group?.Protocol, undefined);
  assert.is(group?.Port, undefined);
  assert.is(group?.VpcId, undefined);
  assert.is(group?.HealthCheckEnabled, false);
  assert.is(group?.HealthCheckIntervalSeconds, 35);
  assert.is(group?.HealthCheckTimeoutSeconds, 30);
  const attributes = t.call('DescribeTargetGroupAttributes', { TargetGroupArn: group?.TargetGroupArn }) as DescribeTargetGroupAttributesOutput;
  const keys = (attributes.Attributes ?? []).map((a) => a.Key);
  assert.ok(keys.includes('lambda.multi_value_headers.enabled'));
  assert.not.ok(keys.includes('deregistration_delay.timeout_seconds'));
  assert.is(
    errorCode(() => t.call('CreateTargetGroup', { Name: 'fn2', TargetType: 'lambda', Port: 80 })),
    'ValidationError/400',
  );
});

test('CreateTargetGroup validates type fields, ranges and names; it is idempotent', () => {
  const t = createTestWorld();
  const create = (input: Record<string, unknown>) => errorCode(() => t.call('CreateTargetGroup', { Name: 'tg', ...ip, ...input }));
  assert.is(create({ Port: undefined }), 'ValidationError/400');
  assert.is(create({ Protocol: undefined }), 'ValidationError/400');
  assert.is(create({ VpcId: undefined }), 'ValidationError/400');
  assert.is(create({ HealthCheckEnabled: false }), 'ValidationError/400');
  assert.is(create({ HealthCheckIntervalSeconds: 4 }), 'ValidationError/400');
  assert.is(create({ HealthyThresholdCount: 11 }), 'ValidationError/400');
  assert.is(create({ HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10 }), 'ValidationError/400');
  assert.is(create({ HealthCheckPath: 'health' }), 'ValidationError/400');
  assert.is(create({ Matcher: { HttpCode: '200-600' } }), 'ValidationError/400');
  assert.is(create({ Name: 'tg-' }), 'ValidationError/400');
  assert.is(create({ TargetType: 'container' }), 'ValidationError/400');
  assert.is(create({}), 'no error');
  assert.is(create({}), 'no error');
  assert.is(create({ Port: 9090 }), 'DuplicateTargetGroupName/400');
  // A short interval alone is accepted: the default timeout shrinks below it.
  const fast = t.call('CreateTargetGroup', { Name: 'fast', ...ip, HealthCheckIntervalSeconds: 5 }) as CreateTargetGroupOutput;
  assert.is(fast.TargetGroups?.[0]?.HealthCheckTimeoutSeconds, 4);
});

test('ModifyTargetGroupAttributes validates keys and values, all or nothing', () => {
  const t = createTestWorld();
  const arn = (t.call('CreateTargetGroup', { Name: 'tg', ...ip }) as CreateTargetGroupOutput).TargetGroups?.[0]?.TargetGroupArn;
  const modify = (Attributes: { Key: string; Value: string }[]) => errorCode(() => t.call('ModifyTargetGroupAttributes', { TargetGroupArn: arn, Attributes }));
  assert.is(modify([{ Key: 'no.such.key', Value: '1' }]), 'ValidationError/400');
  assert.is(modify([{ Key: 'deregistration_delay.timeout_seconds', Value: '3601' }]), 'InvalidConfigurationRequest/400');
  assert.is(modify([{ Key: 'stickiness.enabled', Value: 'yes' }]), 'InvalidConfigurationRequest/400');
  assert.is(
    modify([
      { Key: 'deregistration_delay.timeout_seconds', Value: '10' },
      { Key: 'slow_start.duration_seconds', Value: '5' },
    ]),
    'InvalidConfigurationRequest/400',
  );
  const out = t.call('ModifyTargetGroupAttributes', {
    TargetGroupArn: arn,
    Attributes: [
      { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
      { Key: 'stickiness.enabled', Value: 'true' },
    ],
  }) as ModifyTargetGroupAttributesOutput;
  const byKey = Object.fromEntries((out.Attributes ?? []).map((a) => [a.Key, a.Value]));
  assert.is(byKey['deregistration_delay.timeout_seconds'], '30');
  assert.is(byKey['stickiness.enabled'], 'true');
  assert.is(
    errorCode(() => t.call('DescribeTargetGroupAttributes', { TargetGroupArn: `${arn}0` })),
    'TargetGroupNotFound/400',
  );
});

test('DescribeTargetGroups by names and ARNs, paged, one filter at a time', () => {
  const t = createTestWorld();
  const arns = ['a', 'b', 'c'].map(
    (name) => (t.call('CreateTargetGroup', { Name: name, ...ip }) as CreateTargetGroupOutput).TargetGroups?.[0]?.TargetGroupArn as string,
  );
  const byName = t.call('DescribeTargetGroups', { Names: ['c', 'a'] }) as DescribeTargetGroupsOutput;
  assert.equal(
    byName.TargetGroups?.map((g) => g.TargetGroupName),
    ['c', 'a'],
  );
  const byArn = t.call('DescribeTargetGroups', { TargetGroupArns: [arns[1]] }) as DescribeTargetGroupsOutput;
  assert.equal(
    byArn.TargetGroups?.map((g) => g.TargetGroupName),
    ['b'],
  );
  const first = t.call('DescribeTargetGroups', { PageSize: 2 }) as DescribeTargetGroupsOutput;
  assert.is(first.TargetGroups?.length, 2);
  const second = t.call('DescribeTargetGroups', { PageSize: 2, Marker: first.NextMarker }) as DescribeTargetGroupsOutput;
  assert.equal(
    second.TargetGroups?.map((g) => g.TargetGroupName),
    ['c'],
  );
  assert.is(second.NextMarker, undefined);
  assert.is(
    errorCode(() => t.call('DescribeTargetGroups', { Names: ['zzz'] })),
    'TargetGroupNotFound/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeTargetGroups', { Names: ['a'], TargetGroupArns: [arns[0]] })),
    'ValidationError/400',
  );
});

test.run();
