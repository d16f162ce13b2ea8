import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ecsDepdefSchema, resolveEcsSettings } from '../defs/depdef-schema.js';
import { lambdaDepdefSchema, resolveLambdaSettings } from '../defs/lambdadepdef-schema.js';
import { lambdadefSchema } from '../defs/lambdadef-schema.js';
import { svcdefSchema } from '../defs/svcdef-schema.js';
import { taskdefSchema } from '../defs/taskdef-schema.js';
import type { EcsUnitDefinitions, LambdaUnitDefinitions } from '../defs/validate.js';
import { deriveInfrastructure } from './derive-infrastructure.js';
import { describeSeeded, mergeInfrastructure } from './merge-infrastructure.js';

const blue = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/checkout-blue/1111111111111111';
const green = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/checkout-green/2222222222222222';

function blueGreenUnit(): EcsUnitDefinitions {
  return {
    platform: 'ecs',
    svcdef: svcdefSchema.parse({
      cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
      serviceName: 'checkout',
      deploymentController: { type: 'EXTERNAL' },
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      loadBalancers: [{ targetGroupArn: blue, containerName: 'checkout', containerPort: 8080 }],
    }),
    taskdef: taskdefSchema.parse({
      family: 'checkout',
      executionRoleArn: 'arn:aws:iam::111122223333:role/exec',
      containerDefinitions: [
        {
          name: 'checkout',
          image: 'checkout:1',
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/checkout', 'awslogs-region': 'eu-west-1' } },
        },
      ],
    }),
    depdef: resolveEcsSettings(
      ecsDepdefSchema.parse({
        environment: { region: 'eu-west-1' },
        targetGroupArnPairs: [[blue, green]],
        alarms: { alarmNames: ['checkout-5xx'] },
        fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      }),
    ),
  };
}

function lambdaUnit(key: string): LambdaUnitDefinitions {
  return {
    platform: 'lambda',
    lambdadef: lambdadefSchema.parse({ FunctionName: 'hello', Role: 'arn:aws:iam::111122223333:role/hello', Code: { S3Bucket: 'artifacts', S3Key: key } }),
    depdef: resolveLambdaSettings(lambdaDepdefSchema.parse({ alias: 'live', alarms: { alarmNames: ['hello-errors'] } })),
  };
}

test('a blue/green unit: its cluster and providers, both groups with their exact ARNs, a listener on the live one only', () => {
  const derived = deriveInfrastructure([{ prefix: 'svc/checkout', definitions: blueGreenUnit() }], 'us-east-1');
  assert.is(derived.account, '111122223333');
  assert.is(derived.region, 'eu-west-1');
  assert.equal(derived.infrastructure.clusters, [{ name: 'prod', region: 'eu-west-1', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }]);
  assert.equal(derived.infrastructure.targetGroups, [
    { name: 'checkout-blue', arn: blue, region: 'eu-west-1', targetType: 'ip', protocol: 'HTTP', port: 8080 },
    { name: 'checkout-green', arn: green, region: 'eu-west-1', targetType: 'ip', protocol: 'HTTP', port: 8080 },
  ]);
  assert.equal(derived.infrastructure.loadBalancers, [
    { name: 'gitmoxi-rehearsal', region: 'eu-west-1', listeners: [{ port: 80, targetGroup: 'checkout-blue' }] },
  ]);
  assert.equal(derived.infrastructure.alarms, [{ name: 'checkout-5xx', region: 'eu-west-1' }]);
  assert.equal(derived.infrastructure.roles, ['arn:aws:iam::111122223333:role/exec']);
  assert.equal(derived.infrastructure.logGroups, [{ name: '/ecs/checkout', region: 'eu-west-1' }]);
});

test('a Lambda unit at two commits: one role, both code objects; a unit without a region deploys to the default one', () => {
  const derived = deriveInfrastructure(
    [
      { prefix: 'fn/hello', definitions: lambdaUnit('hello-1.zip') },
      { prefix: 'fn/hello', definitions: lambdaUnit('hello-2.zip') },
    ],
    'ap-south-1',
  );
  assert.is(derived.region, 'ap-south-1');
  assert.equal(derived.infrastructure.roles, ['arn:aws:iam::111122223333:role/hello']);
  assert.equal(derived.infrastructure.codeObjects, [
    { bucket: 'artifacts', key: 'hello-1.zip' },
    { bucket: 'artifacts', key: 'hello-2.zip' },
  ]);
  assert.equal(derived.infrastructure.alarms, [{ name: 'hello-errors', region: 'ap-south-1' }]);
});

test('an ECS-native unit: its rules imply their listeners and load balancer by ARN; its hook function is created', () => {
  const rule = (listener: string, id: string) =>
    `arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener-rule/app/shop/5555555555555555/${listener}/${id}`;
  const definitions: EcsUnitDefinitions = {
    ...blueGreenUnit(),
    svcdef: svcdefSchema.parse({
      cluster: 'prod',
      serviceName: 'checkout',
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 5,
        alarms: { alarmNames: ['checkout-latency'], enable: true, rollback: true },
        lifecycleHooks: [
          {
            hookTargetArn: 'arn:aws:lambda:eu-west-1:111122223333:function:smoke',
            roleArn: 'arn:aws:iam::111122223333:role/infra',
            lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          },
        ],
      },
      loadBalancers: [
        {
          targetGroupArn: blue,
          containerName: 'checkout',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: green,
            productionListenerRule: rule('6666666666666666', '7777777777777777'),
            testListenerRule: rule('8888888888888888', '9999999999999999'),
            roleArn: 'arn:aws:iam::111122223333:role/infra',
          },
        },
      ],
    }),
    depdef: resolveEcsSettings(ecsDepdefSchema.parse({ environment: { region: 'eu-west-1' } })),
  };
  const derived = deriveInfrastructure([{ prefix: 'svc/checkout', definitions }], 'us-east-1');
  const prefix = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333';
  assert.equal(derived.infrastructure.loadBalancers, [
    {
      name: 'shop',
      arn: `${prefix}:loadbalancer/app/shop/5555555555555555`,
      region: 'eu-west-1',
      listeners: [
        {
          port: 80,
          arn: `${prefix}:listener/app/shop/5555555555555555/6666666666666666`,
          targetGroup: 'checkout-blue',
          rules: [{ priority: 1, pathPattern: '/*', targetGroup: 'checkout-blue', arn: rule('6666666666666666', '7777777777777777') }],
        },
        {
          port: 81,
          arn: `${prefix}:listener/app/shop/5555555555555555/8888888888888888`,
          targetGroup: 'checkout-blue',
          rules: [{ priority: 1, pathPattern: '/*', targetGroup: 'checkout-blue', arn: rule('8888888888888888', '9999999999999999') }],
        },
      ],
    },
  ]);
  assert.equal(
    derived.infrastructure.targetGroups?.map((group) => group.name),
    ['checkout-blue', 'checkout-green'],
  );
  assert.equal(derived.infrastructure.functions, [{ name: 'smoke', region: 'eu-west-1', role: 'arn:aws:iam::111122223333:role/gitmoxi-rehearsal-hooks' }]);
  assert.ok(derived.infrastructure.roles?.includes('arn:aws:iam::111122223333:role/gitmoxi-rehearsal-hooks'));
  assert.equal(derived.infrastructure.alarms, [{ name: 'checkout-latency', region: 'eu-west-1' }]);
});

test('the scenario file wins: its group settings stay and take the derived ARN, its routes replace the derived listener', () => {
  const derived = deriveInfrastructure([{ prefix: 'svc/checkout', definitions: blueGreenUnit() }], 'us-east-1');
  const merged = mergeInfrastructure(derived, {
    region: 'eu-west-1',
    infrastructure: {
      targetGroups: [{ name: 'checkout-blue', healthCheckIntervalSeconds: 10 }],
      loadBalancers: [{ name: 'shop', listeners: [{ port: 443, protocol: 'HTTPS', targetGroup: 'checkout-blue' }] }],
      alarms: [{ name: 'checkout-5xx', state: 'ALARM' }],
    },
  });
  assert.is(merged.account, '111122223333');
  assert.equal(
    merged.infrastructure?.targetGroups?.map((group) => [group.name, group.arn, group.healthCheckIntervalSeconds]),
    [
      ['checkout-blue', blue, 10],
      ['checkout-green', green, undefined],
    ],
  );
  assert.equal(
    merged.infrastructure?.loadBalancers?.map((balancer) => balancer.name),
    ['shop'],
  );
  assert.equal(merged.infrastructure?.alarms, [{ name: 'checkout-5xx', state: 'ALARM' }]);
  assert.is(
    describeSeeded(merged),
    'seeded (account 111122223333, eu-west-1): cluster prod, target group checkout-blue, target group checkout-green, listener shop:443 → checkout-blue, alarm checkout-5xx, role exec, log group /ecs/checkout',
  );
});

test.run();
