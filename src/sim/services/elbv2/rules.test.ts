import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type {
  CreateListenerOutput,
  CreateLoadBalancerOutput,
  CreateRuleOutput,
  CreateTargetGroupOutput,
  DescribeRulesOutput,
  ModifyRuleOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { SimError } from '../../errors.js';
import { createTestWorld, errorCode, TEST_VPC, type TestWorld } from './test-world.js';

function setup(): { t: TestWorld; listener: string; blue: string; green: string } {
  const t = createTestWorld();
  const group = (name: string) =>
    (t.call('CreateTargetGroup', { Name: name, TargetType: 'ip', Protocol: 'HTTP', Port: 80, VpcId: TEST_VPC }) as CreateTargetGroupOutput).TargetGroups?.[0]
      ?.TargetGroupArn as string;
  const blue = group('blue');
  const green = group('green');
  const lb = (t.call('CreateLoadBalancer', { Name: 'web', Subnets: ['s-1', 's-2'] }) as CreateLoadBalancerOutput).LoadBalancers?.[0]?.LoadBalancerArn as string;
  const created = t.call('CreateListener', {
    LoadBalancerArn: lb,
    Protocol: 'HTTP',
    Port: 80,
    DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
  }) as CreateListenerOutput;
  return { t, listener: created.Listeners?.[0]?.ListenerArn as string, blue, green };
}

const path = (value: string) => [{ Field: 'path-pattern', Values: [value] }];

test('CreateRule answers the rule; DescribeRules lists by priority with the default rule last', () => {
  const { t, listener, blue, green } = setup();
  const late = t.call('CreateRule', {
    ListenerArn: listener,
    Priority: 20,
    Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } }],
    Actions: [{ Type: 'forward', TargetGroupArn: green }],
  }) as CreateRuleOutput;
  const early = t.call('CreateRule', {
    ListenerArn: listener,
    Priority: 10,
    Conditions: path('/api/*'),
    Actions: [{ Type: 'forward', TargetGroupArn: blue }],
  }) as CreateRuleOutput;
  assert.match(early.Rules?.[0]?.RuleArn ?? '', /:listener-rule\/app\/web\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
  assert.equal(early.Rules?.[0]?.Conditions, [{ Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } }]);
  assert.equal(late.Rules?.[0]?.Conditions, [{ Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } }]);
  const rules = (t.call('DescribeRules', { ListenerArn: listener }) as DescribeRulesOutput).Rules ?? [];
  assert.equal(
    rules.map((rule) => [rule.Priority, rule.IsDefault]),
    [
      ['10', false],
      ['20', false],
      ['default', true],
    ],
  );
  assert.equal(rules[2]?.Conditions, []);
  assert.equal(rules[2]?.Actions, [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }]);
  const byArn = t.call('DescribeRules', { RuleArns: [rules[2]?.RuleArn as string] }) as DescribeRulesOutput;
  assert.is(byArn.Rules?.[0]?.IsDefault, true);
});

test('priorities are 1–50000 and unique per listener', () => {
  const { t, listener, blue } = setup();
  const create = (priority: number, value = '/a') =>
    errorCode(() =>
      t.call('CreateRule', { ListenerArn: listener, Priority: priority, Conditions: path(value), Actions: [{ Type: 'forward', TargetGroupArn: blue }] }),
    );
  assert.is(create(1), 'no error');
  assert.is(create(50000, '/b'), 'no error');
  assert.is(create(1, '/c'), 'PriorityInUse/400');
  assert.is(create(0), 'ValidationError/400');
  assert.is(create(50001), 'ValidationError/400');
});

test('CreateRule checks conditions and actions', () => {
  const { t, listener, blue } = setup();
  const forward = [{ Type: 'forward', TargetGroupArn: blue }];
  const create = (input: Record<string, unknown>) =>
    errorCode(() => t.call('CreateRule', { ListenerArn: listener, Priority: 5, Conditions: path('/x'), Actions: forward, ...input }));
  assert.is(create({ Conditions: [] }), 'ValidationError/400');
  assert.is(create({ Conditions: [{ Field: 'path-pattern', Values: [] }] }), 'ValidationError/400');
  assert.is(create({ Conditions: [{ Field: 'colour', Values: ['red'] }] }), 'ValidationError/400');
  assert.is(create({ Conditions: [{ Field: 'path-pattern', Values: ['/a b'] }] }), 'ValidationError/400');
  assert.is(create({ Conditions: [{ Field: 'path-pattern', Values: ['/a'], PathPatternConfig: { Values: ['/b'] } }] }), 'ValidationError/400');
  assert.is(create({ Conditions: [...path('/a'), ...path('/b')] }), 'ValidationError/400');
  assert.is(create({ Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/1', '/2', '/3', '/4', '/5', '/6'] } }] }), 'ValidationError/400');
  assert.is(create({ Actions: [] }), 'ValidationError/400');
  assert.is(create({ Actions: [{ Type: 'forward', TargetGroupArn: `${blue}0` }] }), 'TargetGroupNotFound/400');
  assert.is(create({ Actions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_307' } }] }), 'ValidationError/400');
  assert.is(
    create({
      Actions: [
        { Type: 'authenticate-oidc', Order: 1, AuthenticateOidcConfig: { Issuer: 'x' } },
        { ...forward[0], Order: 2 },
      ],
    }),
    'InvalidLoadBalancerAction/400',
  );
  assert.is(create({ ListenerArn: `${listener}0` }), 'ListenerNotFound/400');
});

test('ModifyRule replaces conditions and actions; the default rule takes actions only', () => {
  const { t, listener, blue, green } = setup();
  const created = t.call('CreateRule', {
    ListenerArn: listener,
    Priority: 10,
    Conditions: path('/api/*'),
    Actions: [{ Type: 'forward', TargetGroupArn: blue }],
  }) as CreateRuleOutput;
  const ruleArn = created.Rules?.[0]?.RuleArn as string;
  const modified = t.call('ModifyRule', {
    RuleArn: ruleArn,
    Actions: [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: blue, Weight: 80 },
            { TargetGroupArn: green, Weight: 20 },
          ],
        },
      },
    ],
  }) as ModifyRuleOutput;
  assert.equal(modified.Rules?.[0]?.Conditions, [{ Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } }]);
  assert.is(modified.Rules?.[0]?.Actions?.[0]?.TargetGroupArn, undefined);
  assert.equal(
    modified.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups?.map((g) => g.Weight),
    [80, 20],
  );
  t.call('ModifyRule', { RuleArn: ruleArn, Conditions: path('/v2/*') });
  const rules = (t.call('DescribeRules', { ListenerArn: listener }) as DescribeRulesOutput).Rules ?? [];
  assert.equal(rules[0]?.Conditions?.[0]?.Values, ['/v2/*']);
  const defaultArn = rules[1]?.RuleArn as string;
  t.call('ModifyRule', { RuleArn: defaultArn, Actions: [{ Type: 'forward', TargetGroupArn: green }] });
  const after = (t.call('DescribeRules', { RuleArns: [defaultArn] }) as DescribeRulesOutput).Rules?.[0];
  assert.is(after?.Actions?.[0]?.TargetGroupArn, green);
  assert.is(
    errorCode(() => t.call('ModifyRule', { RuleArn: defaultArn, Conditions: path('/x') })),
    'OperationNotPermitted/400',
  );
  assert.is(
    errorCode(() => t.call('ModifyRule', { RuleArn: `${ruleArn}0`, Conditions: path('/x') })),
    'RuleNotFound/400',
  );
  assert.is(
    errorCode(() => t.call('DescribeRules', {})),
    'ValidationError/400',
  );
});

test('CreateRule names an action or condition that is not a structure, and creates no rule', () => {
  const { t, listener, blue } = setup();
  const refusal = (input: Record<string, unknown>) => {
    try {
      t.call('CreateRule', { ListenerArn: listener, Priority: 5, ...input });
    } catch (error) {
      if (error instanceof SimError) return `${error.code}: ${error.message}`;
      throw error;
    }
    return 'no error';
  };
  assert.is(refusal({ Conditions: path('/x'), Actions: ['forward'] }), "ValidationError: 'Actions.member.1' must be a structure");
  assert.is(
    refusal({ Conditions: [{ Field: 'path-pattern', PathPatternConfig: '/x' }], Actions: [{ Type: 'forward', TargetGroupArn: blue }] }),
    "ValidationError: 'Conditions.member.1.PathPatternConfig' must be a structure",
  );
  const rules = (t.call('DescribeRules', { ListenerArn: listener }) as DescribeRulesOutput).Rules ?? [];
  assert.equal(
    rules.map((rule) => rule.Priority),
    ['default'],
  );
});

test.run();
