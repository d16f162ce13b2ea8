import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { differingSettings, restoreRequest } from './restore-settings.js';

const target = { cluster: 'demo', serviceName: 'web' };
const before = {
  desiredCount: 2,
  deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
  launchTypeNote: 'ignored',
  loadBalancers: [{ targetGroupArn: 'tg-a', containerName: 'app', containerPort: 80 }],
  platformVersion: 'LATEST',
};

test('every setting the failed update sent goes back to what was read before, with the previous task definition', () => {
  const failed = {
    cluster: 'demo',
    service: 'web',
    taskDefinition: 'web:2',
    desiredCount: 4,
    deploymentConfiguration: { minimumHealthyPercent: 50 },
    platformVersion: '1.4.0',
  };
  assert.equal(restoreRequest(target, 'web:1', before, failed), {
    request: {
      cluster: 'demo',
      service: 'web',
      taskDefinition: 'web:1',
      desiredCount: 2,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
      platformVersion: 'LATEST',
    },
    unrestorable: [],
  });
});

test('lists and switches the service did not have are cleared', () => {
  const failed = { serviceRegistries: [{ registryArn: 'r' }], enableExecuteCommand: true, propagateTags: 'SERVICE', healthCheckGracePeriodSeconds: 30 };
  const { request } = restoreRequest(target, 'web:1', {}, failed);
  assert.equal([request.serviceRegistries, request.enableExecuteCommand, request.propagateTags, request.healthCheckGracePeriodSeconds], [[], false, 'NONE', 0]);
});

test('a launch type cannot be given back once a capacity provider strategy was set: reported, not sent', () => {
  const plan = restoreRequest(target, 'web:1', before, { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] });
  assert.equal(plan.unrestorable, ['capacityProviderStrategy']);
  assert.not.ok('capacityProviderStrategy' in plan.request);
});

test('settings not read before cannot be put back', () => {
  assert.equal(restoreRequest(target, 'web:1', undefined, { desiredCount: 4 }).unrestorable, ['desiredCount']);
});

test('differing settings compare values, not key order, and treat a missing list as empty', () => {
  const after = { ...before, deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 }, serviceRegistries: [] };
  assert.equal(differingSettings(before, after, ['deploymentConfiguration', 'serviceRegistries']), []);
  assert.equal(differingSettings(before, { ...after, desiredCount: 4 }, ['desiredCount']), ['desiredCount']);
});

test.run();
