/** Every ELBv2 operation through the real SDK v3 client against the simulator's HTTP server (awsQuery). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  RemoveTagsCommand,
  paginateDescribeTargetGroups,
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

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number }; Code?: string };
    return `${e.name}/${e.$metadata?.httpStatusCode ?? '?'}`;
  }
  return 'no error';
}

async function targetGroup(name: string): Promise<string> {
  const out = await client.send(new CreateTargetGroupCommand({ Name: name, TargetType: 'ip', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-0abc' }));
  return out.TargetGroups?.[0]?.TargetGroupArn as string;
}

async function loadBalancer(name: string): Promise<string> {
  const out = await client.send(new CreateLoadBalancerCommand({ Name: name, Subnets: ['subnet-1', 'subnet-2'] }));
  return out.LoadBalancers?.[0]?.LoadBalancerArn as string;
}

test('load balancers: create, describe with dates and states, tags', async () => {
  const created = await client.send(new CreateLoadBalancerCommand({ Name: 'web', Subnets: ['subnet-1', 'subnet-2'], Tags: [{ Key: 'team', Value: 'core' }] }));
  const lb = created.LoadBalancers?.[0];
  assert.is(lb?.State?.Code, 'provisioning');
  assert.ok(lb?.CreatedTime instanceof Date);
  sim.control.advance(120_000);
  const described = await client.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
  assert.is(described.LoadBalancers?.[0]?.State?.Code, 'active');
  assert.equal(
    described.LoadBalancers?.[0]?.AvailabilityZones?.map((zone) => zone.SubnetId),
    ['subnet-1', 'subnet-2'],
  );
  const arn = lb?.LoadBalancerArn as string;
  await client.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'gitmoxi:unit', Value: 'apps/web' }] }));
  await client.send(new RemoveTagsCommand({ ResourceArns: [arn], TagKeys: ['team'] }));
  const tags = await client.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
  assert.equal(tags.TagDescriptions, [{ ResourceArn: arn, Tags: [{ Key: 'gitmoxi:unit', Value: 'apps/web' }] }]);
  assert.is(await failure(client.send(new DescribeLoadBalancersCommand({ Names: ['nope'] }))), 'LoadBalancerNotFoundException/400');
  assert.is(
    await failure(client.send(new CreateLoadBalancerCommand({ Name: 'web', Subnets: ['subnet-3', 'subnet-4'] }))),
    'DuplicateLoadBalancerNameException/400',
  );
});

test('target groups: create, describe (paginator), attributes', async () => {
  for (const name of ['a', 'b', 'c']) await targetGroup(name);
  const names: string[] = [];
  for await (const page of paginateDescribeTargetGroups({ client, pageSize: 2 }, {})) {
    names.push(...(page.TargetGroups ?? []).map((g) => g.TargetGroupName as string));
  }
  assert.equal(names, ['a', 'b', 'c']);
  const described = await client.send(new DescribeTargetGroupsCommand({ Names: ['b'] }));
  const group = described.TargetGroups?.[0];
  assert.is(group?.HealthCheckIntervalSeconds, 30);
  assert.is(group?.HealthCheckEnabled, true);
  assert.equal(group?.Matcher, { HttpCode: '200' });
  assert.equal(group?.LoadBalancerArns, []);
  const arn = group?.TargetGroupArn as string;
  const modified = await client.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: arn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '20' }],
    }),
  );
  assert.ok(modified.Attributes?.some((a) => a.Key === 'deregistration_delay.timeout_seconds' && a.Value === '20'));
  const attributes = await client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
  assert.ok(attributes.Attributes?.some((a) => a.Key === 'stickiness.enabled' && a.Value === 'false'));
  assert.is(
    await failure(client.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: [{ Key: 'bogus', Value: '1' }] }))),
    'ValidationError/400',
  );
  assert.is(await failure(client.send(new DescribeTargetGroupsCommand({ Names: ['zzz'] }))), 'TargetGroupNotFoundException/400');
  assert.is(
    await failure(client.send(new CreateTargetGroupCommand({ Name: 'a', TargetType: 'ip', Protocol: 'HTTP', Port: 81, VpcId: 'vpc-0abc' }))),
    'DuplicateTargetGroupNameException/400',
  );
});

test('listeners: plain and weighted forwards as AWS returns them, weighted ModifyListener', async () => {
  const lb = await loadBalancer('web');
  const blue = await targetGroup('blue');
  const green = await targetGroup('green');
  const created = await client.send(
    new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }] }),
  );
  const listener = created.Listeners?.[0];
  assert.equal(listener?.DefaultActions, [
    {
      Type: 'forward',
      TargetGroupArn: blue,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
    },
  ]);
  const arn = listener?.ListenerArn as string;
  await client.send(
    new ModifyListenerCommand({
      ListenerArn: arn,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: blue, Weight: 80 },
              { TargetGroupArn: green, Weight: 20 },
            ],
            TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
          },
        },
      ],
    }),
  );
  const described = await client.send(new DescribeListenersCommand({ ListenerArns: [arn] }));
  assert.equal(described.Listeners?.[0]?.DefaultActions, [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: blue, Weight: 80 },
          { TargetGroupArn: green, Weight: 20 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 300 },
      },
    },
  ]);
  const groups = await client.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb }));
  assert.equal(
    groups.TargetGroups?.map((g) => g.LoadBalancerArns),
    [[lb], [lb]],
  );
});

test('weighted forward validation errors reach the client with their codes', async () => {
  const lb = await loadBalancer('web');
  const other = await loadBalancer('other');
  const [blue, green] = [await targetGroup('blue'), await targetGroup('green')];
  const create = (ForwardConfig: object, TargetGroupArn?: string, LoadBalancerArn = lb) =>
    failure(
      client.send(
        new CreateListenerCommand({
          LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', ForwardConfig, ...(TargetGroupArn ? { TargetGroupArn } : {}) }],
        }),
      ),
    );
  const pair = (a: number, b: number) => ({
    TargetGroups: [
      { TargetGroupArn: blue, Weight: a },
      { TargetGroupArn: green, Weight: b },
    ],
  });
  assert.is(await create(pair(1000, 0)), 'ValidationError/400');
  assert.is(await create(pair(1, 1), blue), 'ValidationError/400');
  assert.is(await create({ TargetGroups: [{ TargetGroupArn: `${blue}0`, Weight: 1 }] }), 'TargetGroupNotFoundException/400');
  assert.is(await create(pair(100, 0)), 'no error');
  assert.is(await create(pair(100, 0), undefined, other), 'TargetGroupAssociationLimitException/400');
});

test('rules: create, describe with the default rule, modify, priority in use', async () => {
  const lb = await loadBalancer('web');
  const [blue, green] = [await targetGroup('blue'), await targetGroup('green')];
  const listener = await client.send(
    new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }] }),
  );
  const listenerArn = listener.Listeners?.[0]?.ListenerArn as string;
  const created = await client.send(
    new CreateRuleCommand({
      ListenerArn: listenerArn,
      Priority: 5,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: blue }],
      Tags: [{ Key: 'k', Value: 'v' }],
    }),
  );
  const ruleArn = created.Rules?.[0]?.RuleArn as string;
  await client.send(
    new ModifyRuleCommand({
      RuleArn: ruleArn,
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: blue, Weight: 0 },
              { TargetGroupArn: green, Weight: 100 },
            ],
          },
        },
      ],
    }),
  );
  const rules = await client.send(new DescribeRulesCommand({ ListenerArn: listenerArn }));
  assert.equal(
    rules.Rules?.map((rule) => [rule.Priority, rule.IsDefault]),
    [
      ['5', false],
      ['default', true],
    ],
  );
  assert.equal(rules.Rules?.[0]?.Conditions, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }]);
  assert.equal(
    rules.Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups?.map((g) => g.Weight),
    [0, 100],
  );
  assert.equal(rules.Rules?.[1]?.Conditions, []);
  const again = new CreateRuleCommand({
    ListenerArn: listenerArn,
    Priority: 5,
    Conditions: [{ Field: 'host-header', Values: ['a.example.com'] }],
    Actions: [{ Type: 'forward', TargetGroupArn: blue }],
  });
  assert.is(await failure(client.send(again)), 'PriorityInUseException/400');
  assert.is(await failure(client.send(new DescribeRulesCommand({ RuleArns: [`${ruleArn}0`] }))), 'RuleNotFoundException/400');
  const tags = await client.send(new DescribeTagsCommand({ ResourceArns: [ruleArn] }));
  assert.equal(tags.TagDescriptions?.[0]?.Tags, [{ Key: 'k', Value: 'v' }]);
});

test('targets: register, describe health, deregister', async () => {
  const blue = await targetGroup('blue');
  await client.send(new RegisterTargetsCommand({ TargetGroupArn: blue, Targets: [{ Id: '10.0.1.4' }, { Id: '10.0.1.5', Port: 8080 }] }));
  const health = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: blue }));
  assert.equal(
    health.TargetHealthDescriptions?.map((d) => [d.Target?.Id, d.Target?.Port, d.HealthCheckPort, d.TargetHealth?.State, d.TargetHealth?.Reason]),
    [
      ['10.0.1.4', 80, '80', 'unused', 'Target.NotInUse'],
      ['10.0.1.5', 8080, '8080', 'unused', 'Target.NotInUse'],
    ],
  );
  await client.send(new DeregisterTargetsCommand({ TargetGroupArn: blue, Targets: [{ Id: '10.0.1.4' }] }));
  const after = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: blue }));
  assert.equal(
    after.TargetHealthDescriptions?.map((d) => d.Target?.Id),
    ['10.0.1.5'],
  );
  assert.is(await failure(client.send(new RegisterTargetsCommand({ TargetGroupArn: blue, Targets: [{ Id: '54.1.2.3' }] }))), 'InvalidTargetException/400');
  assert.is(await failure(client.send(new DescribeTargetHealthCommand({ TargetGroupArn: `${blue}0` }))), 'TargetGroupNotFoundException/400');
});

test.run();
