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
        { name: 'checkout', image: 'checkout:1', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/checkout', 'awslogs-region': 'eu-west-1' } } },
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
  assert.equal(derived.infrastructure.loadBalancers, [{ name: 'gitmoxi-rehearsal', region: 'eu-west-1', listeners: [{ port: 80, targetGroup: 'checkout-blue' }] }]);
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
  assert.equal(merged.infrastructure?.targetGroups?.map((group) => [group.name, group.arn, group.healthCheckIntervalSeconds]), [
    ['checkout-blue', blue, 10],
    ['checkout-green', green, undefined],
  ]);
  assert.equal(merged.infrastructure?.loadBalancers?.map((balancer) => balancer.name), ['shop']);
  assert.equal(merged.infrastructure?.alarms, [{ name: 'checkout-5xx', state: 'ALARM' }]);
  assert.is(
    describeSeeded(merged),
    'seeded (account 111122223333, eu-west-1): cluster prod, target group checkout-blue, target group checkout-green, listener shop:443 → checkout-blue, alarm checkout-5xx, role exec, log group /ecs/checkout',
  );
});

test.run();
