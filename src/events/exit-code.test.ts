import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runExitCode } from './exit-code.js';
import type { UnitOutcome } from './results.js';

const r = (outcome: UnitOutcome) => ({ unit: outcome, outcome, startedAt: 0, finishedAt: 0 });

const cases: [string, UnitOutcome[], boolean, number][] = [
  ['all deployed', ['deployed', 'unchanged', 'deleted'], false, 0],
  ['nothing to do', [], false, 0],
  ['one rolled back', ['deployed', 'rolled-back'], false, 1],
  ['one needs an operator', ['rolled-back', 'failed', 'deployed'], false, 3],
  ['interrupted, all safe', ['rolled-back', 'skipped'], true, 4],
  ['interrupted, one unsafe', ['failed', 'skipped'], true, 3],
  ['pinned: nothing to do', ['pinned', 'unchanged'], false, 0],
  ['busy: not deployed, the previous version runs', ['deployed', 'busy', 'pinned'], false, 1],
  ['busy and rolled back', ['busy', 'rolled-back'], false, 1],
  ['busy, and one needs an operator', ['busy', 'failed'], false, 3],
  ['interrupted while one waited', ['busy', 'skipped'], true, 4],
];

for (const [name, outcomes, interrupted, code] of cases) {
  test(`exit code: ${name}`, () => {
    assert.is(runExitCode(outcomes.map(r), interrupted), code);
  });
}

test.run();
