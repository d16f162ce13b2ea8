import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Svcdef } from '../../defs/svcdef-schema.js';
import { containedIn, earlierSettings, settingsNotApplied } from './earlier-settings.js';

const target = { cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', serviceName: 'web' };
const svcdef = (extra: Partial<Svcdef>): Svcdef => ({ cluster: 'demo', serviceName: 'web', launchType: 'FARGATE', desiredCount: 2, ...extra });
const base = { target, toRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1', commit: 'a'.repeat(40), hash: 'h1' };

test('earlierSettings: the commit\'s settings with the revision; what only the newer svcdef wrote goes back to "not set"', () => {
  const settings = earlierSettings({
    ...base,
    earlier: svcdef({}),
    current: svcdef({ desiredCount: 3, enableExecuteCommand: true, deploymentConfiguration: { maximumPercent: 150 } }),
    live: { desiredCount: 3, enableExecuteCommand: true, deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 100 } },
  });
  assert.equal(settings?.request, { cluster: target.cluster, service: 'web', taskDefinition: base.toRevision, desiredCount: 2, enableExecuteCommand: false });
  assert.equal(settings?.changing, ['desiredCount', 'enableExecuteCommand']);
  // ECS has no "not set" value for a deployment configuration: it is left, and said so.
  assert.equal(settings?.unrestorable, ['deploymentConfiguration']);
  assert.is(settings?.hash, 'h1');
});

test('earlierSettings: a commit whose svcdef names another service or cluster sends no settings', () => {
  assert.is(earlierSettings({ ...base, earlier: svcdef({ serviceName: 'api' }), current: undefined, live: undefined }), null);
  assert.is(earlierSettings({ ...base, earlier: svcdef({ cluster: 'other' }), current: undefined, live: undefined }), null);
});

test('settingsNotApplied: members ECS adds on read are not differences; a different value is', () => {
  const settings = earlierSettings({
    ...base,
    earlier: svcdef({ networkConfiguration: { awsvpcConfiguration: { subnets: ['s-1'] } } }),
    current: undefined,
    live: undefined,
  });
  assert.ok(settings !== null);
  const live = { desiredCount: 2, networkConfiguration: { awsvpcConfiguration: { subnets: ['s-1'], securityGroups: [], assignPublicIp: 'DISABLED' } } };
  assert.equal(settingsNotApplied(settings, live), []);
  assert.equal(settingsNotApplied(settings, { ...live, desiredCount: 3 }), ['desiredCount']);
  assert.equal(settingsNotApplied(settings, undefined), ['desiredCount', 'networkConfiguration']);
});

test('containedIn: lists match item by item and length; false and [] match a member ECS leaves out', () => {
  assert.ok(containedIn([{ a: 1 }], [{ a: 1, b: 2 }]));
  assert.not.ok(containedIn([{ a: 1 }], [{ a: 1 }, { a: 2 }]));
  assert.ok(containedIn([], undefined));
  assert.ok(containedIn(false, undefined));
  assert.not.ok(containedIn(2, '2'));
  assert.not.ok(containedIn({ a: 1 }, [1]));
});

test.run();
