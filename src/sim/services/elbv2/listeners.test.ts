import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type {
  CreateListenerOutput,
  CreateLoadBalancerOutput,
  CreateTargetGroupOutput,
  DescribeListenersOutput,
  DescribeTargetGroupsOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createTestWorld, errorCode, TEST_VPC, type TestWorld } from './test-world.js';

function group(t: TestWorld, name: string): string {
  const out = t.call('CreateTargetGroup', {
    Name: name,
    TargetType: 'ip',
    Protocol: 'HTTP',
    Port: 80,
    VpcId: TEST_VPC,
  }) as CreateTargetGroupOutput;
  return out.TargetGroups?.[0]?.TargetGroupArn as string;
}

function balancer(t: TestWorld, name: string): string {
  const out = t.call('CreateLoadBalancer', { Name: name, Subnets: ['subnet-1', 'subnet-2'] }) as CreateLoadBalancerOutput;
  return out.LoadBalancers?.[0]?.LoadBalancerArn as string;
}

function setup(): { t: TestWorld; lb: string; blue: string; green: string } {
  const t = createTestWorld();
  return { t, lb: balancer(t, 'web'), blue: group(t, 'web-blue'), green: group(t, 'web-green') };
}

function weighted(...groups: [string, number][]): Record<string, unknown> {
  return {
    Type: 'forward',
    ForwardConfig: { TargetGroups: groups.map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })) },
  };
}

test('a plain forward is returned with TargetGroupArn and a ForwardConfig at weight 1', () => {
  const { t, lb, blue } = setup();
  const out = t.call('CreateListener', {
    LoadBalancerArn: lb,
    Protocol: 'HTTP',
    Port: 80,
    DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
  }) as CreateListenerOutput;
  const listener = out.Listeners?.[0];
  assert.match(listener?.ListenerArn ?? '', /:listener\/app\/web\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
  assert.equal(listener?.DefaultActions, [
    {
      Type: 'forward',
      TargetGroupArn: blue,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
    },
  ]);
});

test('a weighted forward is returned with ForwardConfig only', () => {
  const { t, lb, blue, green } = setup();
  const out = t.call('CreateListener', {
    LoadBalancerArn: lb,
    Protocol: 'HTTP',
    Port: 80,
    DefaultActions: [weighted([blue, 90], [green, 10])],
  }) as CreateListenerOutput;
  assert.equal(out.Listeners?.[0]?.DefaultActions, [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: blue, Weight: 90 },
          { TargetGroupArn: green, Weight: 10 },
        ],
        TargetGroupStickinessConfig: { Enabled: false },
      },
    },
  ]);
});

test('ModifyListener shifts weights; DescribeListeners shows them; all-zero weights are accepted', () => {
  const { t, lb, blue, green } = setup();
  const created = t.call('CreateListener', {
    LoadBalancerArn: lb,
    Protocol: 'HTTP',
    Port: 80,
    DefaultActions: [weighted([blue, 100], [green, 0])],
  }) as CreateListenerOutput;
  const arn = created.Listeners?.[0]?.ListenerArn as string;
  t.call('ModifyListener', { ListenerArn: arn, DefaultActions: [weighted([blue, 0], [green, 100])] });
  const described = t.call('DescribeListeners', { LoadBalancerArn: lb }) as DescribeListenersOutput;
  const tuples = described.Listeners?.[0]?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups;
  assert.equal(tuples, [
    { TargetGroupArn: blue, Weight: 0 },
    { TargetGroupArn: green, Weight: 100 },
  ]);
  assert.is(
    errorCode(() => t.call('ModifyListener', { ListenerArn: arn, DefaultActions: [weighted([blue, 0], [green, 0])] })),
    'no error',
  );
});

test('forward validation: weights, counts, duplicates, ARN/ForwardConfig agreement, stickiness', () => {
  const { t, lb, blue, green } = setup();
  const create = (action: Record<string, unknown>) =>
    errorCode(() => t.call('CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [action] }));
  const extra = ['g3', 'g4', 'g5', 'g6'].map((name) => group(t, name));
  assert.is(create(weighted([blue, 1000], [green, 0])), 'ValidationError/400');
  assert.is(create(weighted([blue, -1], [green, 0])), 'ValidationError/400');
  assert.is(create(weighted([blue, 1], [green, 1], ...extra.map((arn): [string, number] => [arn, 1]))), 'ValidationError/400');
  assert.is(create(weighted([blue, 1], [blue, 1])), 'ValidationError/400');
  assert.is(create({ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue }, { TargetGroupArn: green }] } }), 'ValidationError/400');
  assert.is(create({ Type: 'forward', TargetGroupArn: blue, ...weighted([green, 1]) }), 'ValidationError/400');
  assert.is(create({ Type: 'forward', TargetGroupArn: blue, ...weighted([blue, 1], [green, 1]) }), 'ValidationError/400');
  assert.is(create({ Type: 'forward' }), 'ValidationError/400');
  assert.is(create({ Type: 'teleport', TargetGroupArn: blue }), 'ValidationError/400');
  assert.is(
    create({
      ...weighted([blue, 1], [green, 1]),
      ForwardConfig: { ...(weighted([blue, 1], [green, 1]).ForwardConfig as object), TargetGroupStickinessConfig: { Enabled: true } },
    }),
    'ValidationError/400',
  );
  assert.is(create({ Type: 'forward', TargetGroupArn: `${blue}0` }), 'TargetGroupNotFound/400');
  // Five groups are the most, and matching TargetGroupArn + single ForwardConfig is fine.
  const five = weighted([blue, 1], [green, 1], ...extra.slice(0, 3).map((arn): [string, number] => [arn, 1]));
  assert.is(create(five), 'no error');
});

test('a target group serves one load balancer only (TargetGroupAssociationLimit)', () => {
  const { t, lb, blue } = setup();
  const other = balancer(t, 'other');
  t.call('CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }] });
  // A second listener of the same load balancer may use it.
  t.call('CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 8080, DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }] });
  const code = errorCode(() =>
    t.call('CreateListener', { LoadBalancerArn: other, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }] }),
  );
  assert.is(code, 'TargetGroupAssociationLimit/400');
});

test('listener rules for protocol, port, certificates and duplicates', () => {
  const { t, lb, blue } = setup();
  const forward = [{ Type: 'forward', TargetGroupArn: blue }];
  const create = (input: Record<string, unknown>) => errorCode(() => t.call('CreateListener', { LoadBalancerArn: lb, DefaultActions: forward, ...input }));
  assert.is(create({ Protocol: 'HTTPS', Port: 443 }), 'ValidationError/400');
  assert.is(create({ Protocol: 'TCP', Port: 80 }), 'UnsupportedProtocol/400');
  assert.is(create({ Protocol: 'HTTP', Port: 70000 }), 'ValidationError/400');
  assert.is(create({ Protocol: 'HTTP', Port: 80 }), 'no error');
  assert.is(create({ Protocol: 'HTTP', Port: 80 }), 'no error');
  assert.is(
    create({ Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }] }),
    'DuplicateListener/400',
  );
  assert.is(
    errorCode(() => t.call('CreateListener', { LoadBalancerArn: `${lb}0`, Protocol: 'HTTP', Port: 81, DefaultActions: forward })),
    'LoadBalancerNotFound/400',
  );
  const https = t.call('CreateListener', {
    LoadBalancerArn: lb,
    Protocol: 'HTTPS',
    Port: 443,
    Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }],
    DefaultActions: forward,
  }) as CreateListenerOutput;
  assert.is(https.Listeners?.[0]?.SslPolicy, 'ELBSecurityPolicy-2016-08');
  const httpsArn = https.Listeners?.[0]?.ListenerArn as string;
  assert.is(
    errorCode(() => t.call('ModifyListener', { ListenerArn: httpsArn, Port: 80 })),
    'DuplicateListener/400',
  );
  assert.is(
    errorCode(() => t.call('ModifyListener', { ListenerArn: `${httpsArn}0`, Port: 8443 })),
    'ListenerNotFound/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeListeners', {})),
    'ValidationError/400',
  );
});

test('DescribeTargetGroups fills LoadBalancerArns from listeners, including weight-0 groups', () => {
  const { t, lb, blue, green } = setup();
  group(t, 'idle');
  t.call('CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [weighted([blue, 100], [green, 0])] });
  const all = t.call('DescribeTargetGroups', {}) as DescribeTargetGroupsOutput;
  const arns = Object.fromEntries((all.TargetGroups ?? []).map((g) => [g.TargetGroupName, g.LoadBalancerArns]));
  assert.equal(arns, { 'web-blue': [lb], 'web-green': [lb], idle: [] });
  const byLb = t.call('DescribeTargetGroups', { LoadBalancerArn: lb }) as DescribeTargetGroupsOutput;
  assert.equal(
    byLb.TargetGroups?.map((g) => g.TargetGroupName),
    ['web-blue', 'web-green'],
  );
  assert.is(
    errorCode(() => t.call('DescribeTargetGroups', { LoadBalancerArn: `${lb}0` })),
    'LoadBalancerNotFound/400',
  );
});

test.run();
