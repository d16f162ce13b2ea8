import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Plan, PlannedUnit } from '../plan/types.js';
import { formatPlanMarkdown, formatStatusMarkdown, summaryDiffBudget } from './step-summaries.js';

const unit = (prefix: string, diff: string, extra: Partial<PlannedUnit> = {}): PlannedUnit =>
  ({
    prefix,
    platform: 'ecs',
    strategy: 'ecs-rolling',
    action: 'deploy',
    reason: 'modified',
    region: 'us-east-1',
    identity: null,
    changedFiles: [{ path: `${prefix}_input.json`, status: 'modified', kind: 'input' }],
    changedRefs: [],
    hash: 'h',
    diff,
    warnings: [],
    ...extra,
  }) as PlannedUnit;

const plan = (units: PlannedUnit[]): Plan =>
  ({
    schemaVersion: 2,
    repo: '/r',
    from: 'a'.repeat(40),
    to: 'b'.repeat(40),
    units,
    warnings: [],
    summary: { deploy: units.length, delete: 0, 'settings-only': 0, 'not-deployable': 0, invalid: 0 },
  }) as unknown as Plan;

test('plan: a row per unit and its diff folded in a fence no backtick run in it can close', () => {
  const markdown = formatPlanMarkdown(plan([unit('apps/web/web', '-"image": "a"\n+"image": "b ``` c"\n')]));
  assert.match(markdown, '| `apps/web/web` | deploy | ecs-rolling | us-east-1 | web_input.json |');
  assert.match(
    markdown,
    '<details><summary><code>apps/web/web</code>: deploy, rendered diff</summary>\n\n````diff\n-"image": "a"\n+"image": "b ``` c"\n````\n\n</details>',
  );
});

test('plan: diffs past the 1 MiB budget stay in the log, and the summary says how many', () => {
  const big = `+${'x'.repeat(summaryDiffBudget / 2)}\n`;
  const markdown = formatPlanMarkdown(plan([unit('a/a', big), unit('b/b', big), unit('c/c', '+small\n')]));
  assert.ok(markdown.length < 1024 * 1024, `${markdown.length} bytes`);
  assert.match(markdown, '<code>a/a</code>');
  assert.not.match(markdown, '<code>b/b</code>');
  assert.match(markdown, '<code>c/c</code>');
  assert.match(markdown, 'The rendered diff of 1 more unit is in the job log');
});

test('plan: an invalid unit lists its problems at file:line:col', () => {
  const invalid = unit('apps/api/api', '', {
    action: 'invalid',
    problems: [{ code: 'E_DEF_INVALID', message: 'desiredCount: expected number', location: { file: 'apps/api/api_svcdef.json', line: 4, column: 18 } }],
  });
  const markdown = formatPlanMarkdown(plan([invalid]));
  assert.match(markdown, '- :x: `apps/api/api`: apps/api/api_svcdef.json:4:18: desiredCount: expected number');
});

test('status: a row per unit and the count of each state', () => {
  const markdown = formatStatusMarkdown('c'.repeat(40), [
    { unit: 'a/a', platform: 'ecs', region: 'us-east-1', state: 'Synced', runs: 'a:3', commit: 'd'.repeat(40) },
    { unit: 'b/b', platform: 'lambda', region: 'us-east-1', state: 'OutOfSync', runs: null, commit: null },
  ]);
  assert.match(markdown, '## gitmoxi status at `cccccccccccc`');
  assert.match(markdown, '| `b/b` | OutOfSync | lambda us-east-1 | nothing runs | - |');
  assert.match(markdown, '1 Synced, 1 OutOfSync');
});

test.run();
