import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRunUnit, deployableUnit } from './run-units.js';
import type { PlannedUnit } from './types.js';

const planned = (overrides: Partial<PlannedUnit>): PlannedUnit => ({
  prefix: 'services/web/web',
  platform: 'ecs',
  strategy: 'ecs-rolling',
  action: 'deploy',
  reason: 'modified',
  region: 'us-east-1',
  identity: { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'web' },
  changedFiles: [],
  changedRefs: [],
  hash: 'h1',
  diff: '',
  warnings: [],
  ...overrides,
});

test('a deployment with its hash, Region and identity runs as a DeployableUnit', () => {
  const unit = deployableUnit(planned({}));
  assert.is(unit?.hash, 'h1');
  assert.is(unit?.region, 'us-east-1');
  assert.equal(checkRunUnit(planned({})), { kind: 'ok', unit: planned({}) });
});

test('a deployment without a Region, hash or identity is refused, each named', () => {
  const checked = checkRunUnit(planned({ region: null, hash: null, identity: null }));
  assert.is(checked.kind, 'refused');
  const problems = checked.kind === 'refused' ? checked.problems.join('\n') : '';
  assert.match(problems, 'services/web/web: no region (set environment.region in its depdef, --region, or AWS_REGION)');
  assert.match(problems, 'its definitions name no service or function');
  assert.match(problems, 'were not rendered');
  assert.is(deployableUnit(planned({ hash: null })), null);
});

test('a deletion runs without a hash or an identity (found by its tag then)', () => {
  const checked = checkRunUnit(planned({ action: 'delete', hash: null, identity: null, lookupByTag: true }));
  assert.is(checked.kind, 'ok');
  assert.is(checked.kind === 'ok' ? checked.unit.action : '', 'delete');
});

test('invalid, unchanged or settings-only units never run', () => {
  for (const action of ['invalid', 'settings-only', 'not-deployable'] as const) {
    assert.is(checkRunUnit(planned({ action })).kind, 'refused', action);
    assert.is(deployableUnit(planned({ action })), null, action);
  }
});

test.run();
