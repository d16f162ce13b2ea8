import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CreateLoadBalancerOutput, DescribeLoadBalancersOutput, DescribeTagsOutput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { provisioningMs } from './load-balancers.js';
import { createTestWorld, errorCode, TEST_ACCOUNT } from './test-world.js';

const subnets = ['subnet-1', 'subnet-2'];

test('CreateLoadBalancer gives an app ARN, a DNS name and provisioning, then active', () => {
  const t = createTestWorld();
  const out = t.call('CreateLoadBalancer', { Name: 'web', Subnets: subnets }) as CreateLoadBalancerOutput;
  const lb = out.LoadBalancers?.[0];
  assert.match(lb?.LoadBalancerArn ?? '', new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:${TEST_ACCOUNT}:loadbalancer/app/web/[0-9a-f]{16}$`));
  assert.match(lb?.DNSName ?? '', /^web-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
  assert.is(lb?.State?.Code, 'provisioning');
  assert.is(lb?.Type, 'application');
  assert.is(lb?.Scheme, 'internet-facing');
  assert.equal(
    lb?.AvailabilityZones?.map((zone) => zone.ZoneName),
    ['us-east-1a', 'us-east-1b'],
  );
  t.tick(provisioningMs);
  const described = t.call('DescribeLoadBalancers', { Names: ['web'] }) as DescribeLoadBalancersOutput;
  assert.is(described.LoadBalancers?.[0]?.State?.Code, 'active');
});

test('an internal load balancer gets an internal- DNS name', () => {
  const t = createTestWorld();
  const out = t.call('CreateLoadBalancer', { Name: 'api', Subnets: subnets, Scheme: 'internal' }) as CreateLoadBalancerOutput;
  assert.match(out.LoadBalancers?.[0]?.DNSName ?? '', /^internal-api-/);
});

test('CreateLoadBalancer is idempotent for the same settings and refuses a different one', () => {
  const t = createTestWorld();
  const first = t.call('CreateLoadBalancer', { Name: 'web', Subnets: subnets }) as CreateLoadBalancerOutput;
  const again = t.call('CreateLoadBalancer', { Name: 'web', Subnets: subnets }) as CreateLoadBalancerOutput;
  assert.is(again.LoadBalancers?.[0]?.LoadBalancerArn, first.LoadBalancers?.[0]?.LoadBalancerArn);
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: 'web', Subnets: subnets, Scheme: 'internal' })),
    'DuplicateLoadBalancerName/400',
  );
});

test('CreateLoadBalancer checks names, subnets and type', () => {
  const t = createTestWorld();
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: '-web', Subnets: subnets })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: 'a'.repeat(33), Subnets: subnets })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: 'web_1', Subnets: subnets })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: 'internal-x', Subnets: subnets })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: 'web', Subnets: ['subnet-1'] })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Subnets: subnets })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('CreateLoadBalancer', { Name: 'web', Subnets: subnets, Scheme: 'public' })),
    'ValidationError/400',
  );
});

test('DescribeLoadBalancers filters by name and ARN and reports missing ones', () => {
  const t = createTestWorld();
  for (const name of ['a', 'b', 'c']) t.call('CreateLoadBalancer', { Name: name, Subnets: subnets });
  const all = t.call('DescribeLoadBalancers', {}) as DescribeLoadBalancersOutput;
  assert.equal(
    all.LoadBalancers?.map((lb) => lb.LoadBalancerName),
    ['a', 'b', 'c'],
  );
  const byName = t.call('DescribeLoadBalancers', { Names: ['c', 'a'] }) as DescribeLoadBalancersOutput;
  assert.equal(
    byName.LoadBalancers?.map((lb) => lb.LoadBalancerName),
    ['a', 'c'],
  );
  const arn = all.LoadBalancers?.[1]?.LoadBalancerArn as string;
  const byArn = t.call('DescribeLoadBalancers', { LoadBalancerArns: [arn] }) as DescribeLoadBalancersOutput;
  assert.equal(
    byArn.LoadBalancers?.map((lb) => lb.LoadBalancerName),
    ['b'],
  );
  assert.is(
    errorCode(() => t.call('DescribeLoadBalancers', { Names: ['nope'] })),
    'LoadBalancerNotFound/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeLoadBalancers', { LoadBalancerArns: [`${arn}0`] })),
    'LoadBalancerNotFound/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeLoadBalancers', { Names: ['a'], LoadBalancerArns: [arn] })),
    'ValidationError/400',
  );
});

test('DescribeLoadBalancers pages with Marker and PageSize', () => {
  const t = createTestWorld();
  for (const name of ['a', 'b', 'c', 'd', 'e']) t.call('CreateLoadBalancer', { Name: name, Subnets: subnets });
  const names: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = t.call('DescribeLoadBalancers', { PageSize: 2, Marker: marker }) as DescribeLoadBalancersOutput;
    names.push(...(page.LoadBalancers ?? []).map((lb) => lb.LoadBalancerName as string));
    marker = page.NextMarker;
    pages += 1;
  } while (marker !== undefined);
  assert.equal(names, ['a', 'b', 'c', 'd', 'e']);
  assert.is(pages, 3);
  assert.is(
    errorCode(() => t.call('DescribeLoadBalancers', { PageSize: 401 })),
    'ValidationError/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeLoadBalancers', { Marker: 'garbage' })),
    'ValidationError/400',
  );
});

test('tags: AddTags, DescribeTags, RemoveTags, with their limits', () => {
  const t = createTestWorld();
  const out = t.call('CreateLoadBalancer', {
    Name: 'web',
    Subnets: subnets,
    Tags: [{ Key: 'team', Value: 'core' }],
  }) as CreateLoadBalancerOutput;
  const arn = out.LoadBalancers?.[0]?.LoadBalancerArn as string;
  t.call('AddTags', {
    ResourceArns: [arn],
    Tags: [
      { Key: 'gitmoxi:unit', Value: 'apps/web' },
      { Key: 'team', Value: 'edge' },
    ],
  });
  let tags = t.call('DescribeTags', { ResourceArns: [arn] }) as DescribeTagsOutput;
  assert.equal(tags.TagDescriptions?.[0]?.Tags, [
    { Key: 'team', Value: 'edge' },
    { Key: 'gitmoxi:unit', Value: 'apps/web' },
  ]);
  t.call('RemoveTags', { ResourceArns: [arn], TagKeys: ['team'] });
  tags = t.call('DescribeTags', { ResourceArns: [arn] }) as DescribeTagsOutput;
  assert.equal(tags.TagDescriptions?.[0]?.Tags, [{ Key: 'gitmoxi:unit', Value: 'apps/web' }]);
  const many = Array.from({ length: 21 }, () => arn);
  assert.is(
    errorCode(() => t.call('DescribeTags', { ResourceArns: many })),
    'ValidationError/400',
  );
  const fiftyOne = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
  assert.is(
    errorCode(() => t.call('AddTags', { ResourceArns: [arn], Tags: fiftyOne })),
    'TooManyTags/400',
  );
  const duplicate = [
    { Key: 'a', Value: '1' },
    { Key: 'a', Value: '2' },
  ];
  assert.is(
    errorCode(() => t.call('AddTags', { ResourceArns: [arn], Tags: duplicate })),
    'DuplicateTagKeys/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeTags', { ResourceArns: [`${arn}0`] })),
    'LoadBalancerNotFound/400',
  );
  const tgArn = arn.replace(':loadbalancer/app/web/', ':targetgroup/none/');
  assert.is(
    errorCode(() => t.call('DescribeTags', { ResourceArns: [tgArn] })),
    'TargetGroupNotFound/400',
  );
});

test.run();
