import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { identityConflicts, pairRenames, withoutClaimedReplaces } from './identity-changes.js';
import type { PlannedUnit, UnitIdentity } from './types.js';

const ecs = (serviceName: string, cluster = 'demo', region: string | null = 'us-east-1'): UnitIdentity => ({ platform: 'ecs', region, cluster, serviceName });

function unit(
  prefix: string,
  action: PlannedUnit['action'],
  reason: PlannedUnit['reason'],
  identity: UnitIdentity | null,
  changedFiles: PlannedUnit['changedFiles'] = [],
): PlannedUnit {
  return {
    prefix,
    platform: 'ecs',
    strategy: 'ecs-rolling',
    action,
    reason,
    region: 'us-east-1',
    identity,
    changedFiles,
    changedRefs: [],
    hash: null,
    diff: '',
    warnings: [],
  };
}

test('a rename to the same identity is an update of it', () => {
  const [only, ...rest] = pairRenames([unit('a/web', 'delete', 'deleted', ecs('web')), unit('b/web', 'deploy', 'added', ecs('web'))]);
  assert.equal(rest, []);
  assert.equal([only?.prefix, only?.reason, only?.renamedFrom, only?.replaces], ['b/web', 'modified', 'a/web', undefined]);
});

test('a rename git saw, to another identity, replaces the old resource', () => {
  const moved = [{ path: 'b/www_svcdef.json', oldPath: 'a/web_svcdef.json', status: 'renamed' as const, kind: 'svcdef' as const }];
  const [only, ...rest] = pairRenames([unit('a/web', 'delete', 'deleted', ecs('web')), unit('b/www', 'deploy', 'added', ecs('www'), moved)]);
  assert.equal(rest, []);
  assert.equal([only?.renamedFrom, only?.replaces], ['a/web', ecs('web')]);
});

test('an unrelated delete and add stay two units', () => {
  const units = pairRenames([unit('a/web', 'delete', 'deleted', ecs('web')), unit('b/api', 'deploy', 'added', ecs('api'))]);
  assert.equal(
    units.map((u) => [u.prefix, u.action]),
    [
      ['a/web', 'delete'],
      ['b/api', 'deploy'],
    ],
  );
});

test('the deletion of a unit renamed into an invalid one waits', () => {
  const units = pairRenames([unit('a/web', 'delete', 'deleted', ecs('web')), unit('b/web', 'invalid', 'added', ecs('web'))]);
  assert.equal(
    units.map((u) => [u.prefix, u.action]),
    [
      ['a/web', 'invalid'],
      ['b/web', 'invalid'],
    ],
  );
  assert.match(units[0]?.problems?.[0]?.message ?? '', "moved to 'b/web'");
});

test('identityConflicts names every other unit of the same identity, and only those', () => {
  const at = (file: string) => ({ file, line: 3, column: 3 });
  const problems = identityConflicts([
    { prefix: 'a', identity: ecs('web'), location: at('a_svcdef.json') },
    { prefix: 'b', identity: ecs('web'), location: at('b_svcdef.json') },
    { prefix: 'c', identity: ecs('web', 'other'), location: at('c_svcdef.json') },
    { prefix: 'd', identity: ecs('web', 'demo', 'eu-west-1'), location: at('d_svcdef.json') },
  ]);
  assert.equal([...problems.keys()].sort(), ['a', 'b']);
  assert.match(problems.get('a')?.message ?? '', "unit 'a' and 'b' resolve to the same service web in cluster demo (us-east-1)");
  assert.equal(problems.get('b')?.location, at('b_svcdef.json'));
});

test("two units that swap names replace nothing: each old service is the other unit's now", () => {
  const a = { ...unit('a', 'deploy', 'modified', ecs('web2')), replaces: ecs('web') };
  const b = { ...unit('b', 'deploy', 'modified', ecs('web')), replaces: ecs('web2') };
  const at = { file: 'x' };
  const [first, second] = withoutClaimedReplaces(
    [a, b],
    [
      { prefix: 'a', identity: ecs('web2'), location: at },
      { prefix: 'b', identity: ecs('web'), location: at },
    ],
  );
  assert.equal([first?.replaces, second?.replaces], [undefined, undefined]);
  assert.match(first?.warnings[0] ?? '', "service web in cluster demo (us-east-1) is not replaced: 'b' resolves to it now");
  const alone = withoutClaimedReplaces([a], [{ prefix: 'a', identity: ecs('web2'), location: at }]);
  assert.equal(alone[0]?.replaces, ecs('web'));
});

test.run();
