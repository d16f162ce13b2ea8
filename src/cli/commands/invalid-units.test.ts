import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Plan, PlannedUnit } from '../../plan/types.js';
import { assertAtomic, reportedExitCode } from './invalid-units.js';

function plan(actions: PlannedUnit['action'][]): Plan {
  const units = actions.map(
    (action, index): PlannedUnit => ({
      prefix: `u${index}`,
      platform: 'ecs',
      strategy: 'ecs-rolling',
      action,
      reason: 'modified',
      region: 'us-east-1',
      identity: null,
      changedFiles: [],
      changedRefs: [],
      hash: null,
      diff: '',
      warnings: [],
      ...(action === 'invalid'
        ? { problems: [{ code: 'E_JSON_INVALID', message: 'bad', location: { file: `u${index}_svcdef.json`, line: 1, column: 2 } }] }
        : {}),
    }),
  );
  return {
    schemaVersion: 2,
    repo: '.',
    from: null,
    to: 'x',
    units,
    warnings: [],
    summary: { deploy: 0, delete: 0, 'settings-only': 0, 'not-deployable': 0, invalid: 0 },
  };
}

// docs/isolation.md: 3 > 4 > 2 > 1 > 0.
const precedence: [number, number][] = [
  [0, 2],
  [1, 2],
  [2, 2],
  [3, 3],
  [4, 4],
];
for (const [run, combined] of precedence) {
  test(`a run ending ${run} with an invalid unit exits ${combined}`, () => assert.is(reportedExitCode(plan(['deploy', 'invalid']), run), combined));
}

test('without invalid units the run keeps its code; a not-deployable unit is a warning, not an error', () => {
  for (const run of [0, 1, 3, 4]) assert.is(reportedExitCode(plan(['deploy', 'not-deployable', 'settings-only']), run), run);
});

test('--atomic refuses a plan with an invalid unit, naming every problem', () => {
  assert.not.throws(() => assertAtomic(plan(['deploy', 'not-deployable'])));
  try {
    assertAtomic(plan(['invalid', 'deploy', 'invalid']));
    assert.unreachable('an invalid unit must refuse the run');
  } catch (error) {
    const problems = (error as { problems: { location: { file: string } }[] }).problems;
    assert.equal(
      problems.map((p) => p.location.file),
      ['u0_svcdef.json', 'u2_svcdef.json'],
    );
    assert.match((error as Error).message, '2 problems in 2 units: nothing was deployed (--atomic)');
  }
});

test.run();
