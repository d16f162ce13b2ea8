import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { projectLive } from './project.js';

test('members AWS adds are cut; members the definition sets are compared', () => {
  const wanted = { serviceName: 'web', desiredCount: 2, deploymentConfiguration: { maximumPercent: 200 } };
  const live = { serviceName: 'web', desiredCount: 3, serviceArn: 'arn:x', deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 } };
  assert.equal(projectLive(wanted, live), { serviceName: 'web', desiredCount: 3, deploymentConfiguration: { maximumPercent: 200 } });
});

test('array elements are projected one by one; extra live elements stay whole', () => {
  const wanted = { environment: [{ name: 'A', value: '1' }] };
  const live = {
    environment: [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ],
  };
  assert.equal(projectLive(wanted, live), live);
  assert.equal(projectLive({ portMappings: [{ containerPort: 80 }] }, { portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] }), {
    portMappings: [{ containerPort: 80 }],
  });
});

test('whole maps keep keys the definition never named', () => {
  const wanted = { Environment: { Variables: { A: '1' } }, Timeout: 10 };
  const live = { Environment: { Variables: { A: '1', HAND: 'x' } }, Timeout: 10, MemorySize: 128 };
  assert.equal(projectLive(wanted, live, ['Environment.Variables']), { Environment: { Variables: { A: '1', HAND: 'x' } }, Timeout: 10 });
});

test('false, empty and null match a member AWS leaves out; other absent members show as absent', () => {
  assert.equal(projectLive({ enableExecuteCommand: false, tags: [], a: 1 }, {}), { enableExecuteCommand: false, tags: [] });
});

test.run();
