import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../clock.js';
import { SimError } from './errors.js';
import { ScenarioError, parseScenario, validateScenario } from './scenario.js';
import { applyScenario } from './scenario-seed.js';
import { cloudwatchModule } from './services/cloudwatch/module.js';
import { ecsService } from './services/ecs/service.js';
import { elbv2Service } from './services/elbv2/service.js';
import { lambdaService } from './services/lambda/service.js';
import type { ServiceModule } from './types.js';
import { World } from './world.js';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

test('a full scenario validates', () => {
  const scenario = validateScenario({
    account: '111122223333',
    region: 'eu-west-1',
    infrastructure: {
      clusters: [{ name: 'prod' }],
      targetGroups: [{ name: 'web-blue', port: 8080 }, { name: 'web-green' }],
      loadBalancers: [
        { name: 'web', listeners: [{ port: 80, targetGroup: 'web-blue', rules: [{ priority: 1, pathPattern: '/api/*', targetGroup: 'web-green' }] }] },
      ],
      alarms: [{ name: 'web-5xx', state: 'OK' }],
      roles: ['arn:aws:iam::111122223333:role/lambda-exec'],
    },
    faults: [
      { kind: 'task-fails-to-start', match: { family: 'web', revision: 2 }, reason: 'CannotPullContainerError', count: 1 },
      { kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { image: 'repo/web:*' } },
      { kind: 'throttle', service: 'ecs', operation: 'DescribeServices', count: 3 },
      { kind: 'latency', ms: 50 },
    ],
  });
  assert.is(scenario.infrastructure?.targetGroups?.[0]?.port, 8080);
  assert.is(scenario.faults?.length, 4);
});

test('a member given as undefined is absent, as it would be once written as JSON', () => {
  const scenario = validateScenario({
    region: undefined,
    infrastructure: { clusters: [{ name: 'prod', region: undefined }] },
    faults: [{ kind: 'throttle', service: 'ecs', operation: undefined, count: 2 }],
  });
  assert.equal(scenario, { infrastructure: { clusters: [{ name: 'prod' }] }, faults: [{ kind: 'throttle', service: 'ecs', count: 2 }] });
  assert.ok(!('region' in scenario));
});

test('validation names every offending field', () => {
  const found = problems(() =>
    validateScenario({
      account: '12',
      infrastructure: { clusters: [{ nmae: 'x' }], loadBalancers: [{ name: 'lb', listeners: [{ port: 80, targetGroup: 'missing' }] }] },
      faults: [{ kind: 'alarm', alarmName: 'a' }, { kind: 'explode' }, { kind: 'throttle', service: 'dynamodb' }],
      extra: true,
    }),
  );
  const expect = [
    'scenario: account: must be a 12-digit AWS account id',
    'scenario: infrastructure.clusters[0].name: ',
    'scenario: infrastructure.clusters[0]: ',
    'scenario: faults[0]: an alarm fault needs atSeconds or whenTrafficTo',
    'scenario: faults[1].kind: ',
    'scenario: faults[2].service: ',
    'scenario: (top level): ',
  ];
  for (const prefix of expect)
    assert.ok(
      found.some((p) => p.startsWith(prefix)),
      `${prefix}\n in\n${found.join('\n')}`,
    );
  const references = problems(() =>
    validateScenario({ infrastructure: { loadBalancers: [{ name: 'lb', listeners: [{ port: 80, targetGroup: 'missing' }] }] } }),
  );
  assert.equal(references, [
    'scenario: infrastructure.loadBalancers[0].listeners[0].targetGroup: no target group named missing in infrastructure.targetGroups',
  ]);
});

test('YAML and JSON parse; errors name the source', () => {
  const yaml = 'region: us-west-2\nfaults:\n  - kind: alarm\n    alarmName: web\n    atSeconds: 30\n';
  assert.equal(parseScenario(yaml, 'scenario.yaml'), { region: 'us-west-2', faults: [{ kind: 'alarm', alarmName: 'web', atSeconds: 30 }] });
  assert.equal(parseScenario('{"region": "us-east-2"}'), { region: 'us-east-2' });
  assert.match(problems(() => parseScenario('{"faults": [{"kind": "latency"}]}', 'bad.json'))[0] ?? '', 'bad.json: faults[0].ms: ');
  assert.match(problems(() => parseScenario('a: [unclosed', 'x.yaml'))[0] ?? '', /^x\.yaml: /);
});

/** A stand-in for a real service (whose model it keeps) that records what seeding sends and answers like it would. */
function recordingModule<M extends ServiceModule>(real: M, protocol: 'awsQuery' | 'awsJson1_1', calls: [string, unknown][]): M {
  const answer = (operation: string, input: Record<string, unknown>) => {
    calls.push([operation, input]);
    if (input.Name === 'reject-me') throw new SimError('ValidationError', 'name rejected');
    switch (operation) {
      case 'CreateTargetGroup':
        return { TargetGroups: [{ TargetGroupArn: `arn:tg/${String(input.Name)}` }] };
      case 'CreateLoadBalancer':
        return { LoadBalancers: [{ LoadBalancerArn: `arn:lb/${String(input.Name)}` }] };
      case 'CreateListener':
        return { Listeners: [{ ListenerArn: `arn:listener/${String(input.Port)}` }] };
      default:
        return {};
    }
  };
  const operations = Object.fromEntries(
    ['CreateCluster', 'CreateTargetGroup', 'ModifyTargetGroupAttributes', 'CreateLoadBalancer', 'CreateListener', 'CreateRule'].map((operation) => [
      operation,
      (input: Record<string, unknown>) => answer(operation, input),
    ]),
  );
  return { ...real, protocols: [protocol], operations, readOnly: new Set() };
}

test('seeding calls each service’s own handlers, with input shaped as its wire codec decodes it', async () => {
  const calls: [string, unknown][] = [];
  const modules = [recordingModule(ecsService, 'awsJson1_1', calls), recordingModule(elbv2Service, 'awsQuery', calls), cloudwatchModule];
  const world = new World(new ManualClock(), modules, '123456789012');
  await applyScenario(
    world,
    validateScenario({
      region: 'eu-west-1',
      infrastructure: {
        clusters: [{ name: 'prod' }],
        targetGroups: [
          { name: 'blue', healthCheckIntervalSeconds: 10, deregistrationDelaySeconds: 5 },
          { name: 'fn', targetType: 'lambda' },
        ],
        loadBalancers: [
          {
            name: 'web',
            listeners: [{ port: 443, protocol: 'HTTPS', targetGroup: 'blue', rules: [{ priority: 5, pathPattern: '/fn/*', targetGroup: 'fn' }] }],
          },
        ],
        alarms: [{ name: 'web-5xx', state: 'ALARM' }],
      },
    }),
  );
  const byOperation = new Map(calls.map(([operation, input]) => [operation, input as Record<string, any>]));
  assert.equal(byOperation.get('CreateCluster'), { clusterName: 'prod' });
  assert.equal(
    calls.filter(([op]) => op === 'CreateTargetGroup').map(([, input]) => input),
    [
      { Name: 'blue', TargetType: 'ip', Protocol: 'HTTP', Port: '80', VpcId: 'vpc-0sim0000000000001', HealthCheckIntervalSeconds: '10' },
      { Name: 'fn', TargetType: 'lambda' },
    ],
  );
  assert.equal(byOperation.get('ModifyTargetGroupAttributes'), {
    TargetGroupArn: 'arn:tg/blue',
    Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }],
  });
  assert.equal(byOperation.get('CreateListener')?.DefaultActions, [{ Type: 'forward', TargetGroupArn: 'arn:tg/blue' }]);
  assert.is(byOperation.get('CreateListener')?.Port, '443');
  assert.equal(byOperation.get('CreateRule'), {
    ListenerArn: 'arn:listener/443',
    Priority: '5',
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/fn/*'] } }],
    Actions: [{ Type: 'forward', TargetGroupArn: 'arn:tg/fn' }],
  });
  const alarm = world.model('cloudwatch', '123456789012', 'eu-west-1').get('web-5xx');
  assert.is(alarm?.StateValue, 'ALARM');
});

test('seeding names a service the simulator lacks, and the entry an operation rejected', async () => {
  const world = new World(new ManualClock(), [cloudwatchModule], '123456789012');
  const missing = await applyScenario(world, validateScenario({ infrastructure: { clusters: [{ name: 'c' }], targetGroups: [{ name: 't' }] } })).catch(
    (error: unknown) => error as ScenarioError,
  );
  assert.equal(missing?.problems, [
    'scenario: infrastructure.clusters: needs the ecs service, which this simulator does not have',
    'scenario: infrastructure.targetGroups: needs the elbv2 service, which this simulator does not have',
  ]);
  const calls: [string, unknown][] = [];
  const withElb = new World(new ManualClock(), [recordingModule(elbv2Service, 'awsQuery', calls)], '123456789012');
  const rejected = await applyScenario(withElb, validateScenario({ infrastructure: { targetGroups: [{ name: 'ok' }, { name: 'reject-me' }] } })).catch(
    (error: unknown) => error as ScenarioError,
  );
  assert.equal(withElb.snapshot().accounts, {}, 'a failed seeding leaves an empty world');
  assert.equal(rejected?.problems, ['scenario: infrastructure.targetGroups[1]: elbv2 CreateTargetGroup failed: ValidationError: name rejected']);
});

test('a seeded target group takes the exact ARN the scenario gives it; listeners forward to that ARN', async () => {
  const world = new World(new ManualClock(), [elbv2Service], '123456789012');
  const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
  await applyScenario(
    world,
    validateScenario({
      infrastructure: { targetGroups: [{ name: 'web', arn }], loadBalancers: [{ name: 'lb', listeners: [{ port: 80, targetGroup: 'web' }] }] },
    }),
  );
  const elb = world.model('elbv2', '123456789012', 'us-east-1');
  assert.equal([...elb.state.targetGroups.keys()], [arn]);
  const listener = [...elb.state.listeners.values()][0];
  assert.equal(listener?.defaultActions, [{ type: 'forward', targetGroups: [{ targetGroupArn: arn, weight: 1 }], stickiness: { enabled: false } }]);
});

test('a load balancer, its listener and its rule take exact ARNs; the rule forwards to the group', async () => {
  const world = new World(new ManualClock(), [elbv2Service], '123456789012');
  const balancer = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/5555555555555555';
  const listener = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/5555555555555555/6666666666666666';
  const rule = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/5555555555555555/6666666666666666/7777777777777777';
  await applyScenario(
    world,
    validateScenario({
      infrastructure: {
        targetGroups: [{ name: 'web' }],
        loadBalancers: [
          {
            name: 'shop',
            arn: balancer,
            listeners: [{ port: 80, arn: listener, targetGroup: 'web', rules: [{ priority: 1, pathPattern: '/*', targetGroup: 'web', arn: rule }] }],
          },
        ],
      },
    }),
  );
  const elb = world.model('elbv2', '123456789012', 'us-east-1');
  assert.equal([...elb.state.loadBalancers.keys()], [balancer]);
  assert.equal(
    [...elb.state.listeners.values()].map((l) => [l.arn, l.loadBalancerArn]),
    [[listener, balancer]],
  );
  const rules = elb.describeRules({ arns: [rule] }, {}).Rules ?? [];
  assert.equal(
    rules.map((r) => [r.RuleArn, r.Priority, r.Actions?.[0]?.TargetGroupArn]),
    [[rule, '1', [...elb.state.targetGroups.keys()][0]]],
  );
  const wrong = rule.replace('/6666666666666666/', '/8888888888888888/');
  const refused = await applyScenario(
    new World(new ManualClock(), [elbv2Service], '123456789012'),
    validateScenario({
      infrastructure: {
        targetGroups: [{ name: 'web' }],
        loadBalancers: [
          {
            name: 'shop',
            arn: balancer,
            listeners: [{ port: 80, arn: listener, targetGroup: 'web', rules: [{ priority: 1, pathPattern: '/*', targetGroup: 'web', arn: wrong }] }],
          },
        ],
      },
    }),
  ).catch((error: unknown) => error as ScenarioError);
  assert.match(
    refused?.problems[0] ?? '',
    `scenario: infrastructure.loadBalancers[0].listeners[0].rules[0].arn: '${wrong}' is not the ARN of a rule of ${listener}`,
  );
});

test('seeded functions exist, with the role they name; a role the seeded roles lack is refused, naming the entry', async () => {
  const world = new World(new ManualClock(), [lambdaService], '123456789012');
  const role = 'arn:aws:iam::123456789012:role/hooks';
  await applyScenario(world, validateScenario({ infrastructure: { roles: [role], functions: [{ name: 'smoke-test', role }] } }));
  assert.equal([...world.model('lambda', '123456789012', 'us-east-1').functions.keys()], ['smoke-test']);
  const refused = await applyScenario(
    new World(new ManualClock(), [lambdaService], '123456789012'),
    validateScenario({ infrastructure: { roles: [role], functions: [{ name: 'smoke-test', role: 'arn:aws:iam::123456789012:role/other' }] } }),
  ).catch((error: unknown) => error as ScenarioError);
  assert.equal(refused?.problems, [
    'scenario: infrastructure.functions[0]: lambda CreateFunction failed: InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda.',
  ]);
});

test('a target group ARN of another name, region or account is refused, naming the entry', async () => {
  const other = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef';
  assert.equal(
    problems(() => validateScenario({ infrastructure: { targetGroups: [{ name: 'web', arn: other }] } })),
    ['scenario: infrastructure.targetGroups[0].arn: names target group api, not web: use the name the ARN carries'],
  );
  const world = new World(new ManualClock(), [elbv2Service], '123456789012');
  const elsewhere = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef';
  const refused = await applyScenario(world, validateScenario({ infrastructure: { targetGroups: [{ name: 'web', arn: elsewhere }] } })).catch(
    (error: unknown) => error as ScenarioError,
  );
  assert.equal(refused?.problems, [
    `scenario: infrastructure.targetGroups[0].arn: '${elsewhere}' is not the ARN of target group web in us-east-1 and account 123456789012 (expected arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/<16 hex digits>)`,
  ]);
});

test.run();
