import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Svcdef } from '../../defs/svcdef-schema.js';
import { createTaskSetRequest, externalCreateServiceRequest, externalUpdateServiceRequest, scaleForCount, shiftedLoadBalancers } from './task-set-requests.js';

const svcdef = {
  cluster: 'demo',
  serviceName: 'web',
  desiredCount: 3,
  deploymentController: { type: 'EXTERNAL' },
  capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
  loadBalancers: [{ targetGroupArn: 'blue', containerName: 'app', containerPort: 80 }],
  platformVersion: 'LATEST',
  healthCheckGracePeriodSeconds: 30,
  tags: [{ key: 'team', value: 'payments' }],
} as Svcdef;
const target = { cluster: 'demo', serviceName: 'web' };

test('CreateService of an EXTERNAL service leaves every task-set-level field out and adds tags', () => {
  const request = externalCreateServiceRequest(svcdef, { 'gitmoxi:lock': 'me until then' });
  assert.equal(Object.keys(request).sort(), ['cluster', 'deploymentController', 'desiredCount', 'healthCheckGracePeriodSeconds', 'serviceName', 'tags']);
  assert.equal(request['tags'], [
    { key: 'team', value: 'payments' },
    { key: 'gitmoxi:lock', value: 'me until then' },
  ]);
});

test('UpdateService of an EXTERNAL service sends only what ECS lets it change', () => {
  assert.equal(externalUpdateServiceRequest(svcdef, target), { cluster: 'demo', service: 'web', desiredCount: 3, healthCheckGracePeriodSeconds: 30 });
});

test('CreateTaskSet carries the launch settings, the scale and the hash; a fallback replaces the capacity providers', () => {
  const spec = {
    taskDefinitionArn: 'td:2',
    loadBalancers: [{ targetGroupArn: 'green', containerName: 'app', containerPort: 80 }],
    scale: 100,
    externalId: 'h2',
  };
  const request = createTaskSetRequest(svcdef, target, spec);
  assert.equal(request, {
    cluster: 'demo',
    service: 'web',
    taskDefinition: 'td:2',
    loadBalancers: spec.loadBalancers,
    scale: { value: 100, unit: 'PERCENT' },
    externalId: 'h2',
    networkConfiguration: svcdef.networkConfiguration,
    platformVersion: 'LATEST',
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    tags: [{ key: 'team', value: 'payments' }],
  });
  const fallback = createTaskSetRequest(svcdef, target, { ...spec, capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] });
  assert.equal(fallback['capacityProviderStrategy'], [{ capacityProvider: 'FARGATE', weight: 1 }]);
  const fargate = createTaskSetRequest({ ...svcdef, capacityProviderStrategy: undefined, launchType: 'FARGATE' } as Svcdef, target, spec);
  assert.is(fargate['launchType'], 'FARGATE');
  assert.is(fargate['capacityProviderStrategy'], undefined);
});

test('shiftedLoadBalancers: each entry moves to the partner of the live member of its pair', () => {
  const pairs: [string, string][] = [
    ['blue', 'green'],
    ['api-blue', 'api-green'],
  ];
  const lbs = [
    { targetGroupArn: 'blue', containerName: 'app', containerPort: 80 },
    { targetGroupArn: 'api-blue', containerName: 'app', containerPort: 80 },
  ];
  const fromBlue = new Map([
    ['blue', 'green'],
    ['api-blue', 'api-green'],
  ]);
  assert.equal(shiftedLoadBalancers(lbs, pairs, fromBlue), [
    { targetGroupArn: 'green', containerName: 'app', containerPort: 80 },
    { targetGroupArn: 'api-green', containerName: 'app', containerPort: 80 },
  ]);
  const fromGreen = new Map([
    ['green', 'blue'],
    ['api-green', 'api-blue'],
  ]);
  assert.equal(shiftedLoadBalancers(lbs, pairs, fromGreen), lbs);
  assert.type(shiftedLoadBalancers([{ targetGroupArn: 'other', containerName: 'app', containerPort: 80 }], pairs, fromBlue), 'string');
});

test('scaleForCount: ECS runs exactly the count asked for (ceil of desired × scale / 100)', () => {
  for (let desired = 1; desired <= 60; desired++) {
    for (let count = 0; count <= desired; count++) {
      const scale = scaleForCount(count, desired);
      assert.ok(scale >= 0 && scale <= 100);
      assert.is(Math.ceil((desired * scale) / 100), count, `${count} of ${desired} at ${scale}%`);
    }
  }
});

test.run();
