import { stripVTControlCharacters } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, finishedRun, loadEvents } from '../../test/fixtures/events/replay.js';
import type { UnitResult } from '../events/results.js';
import { formatDuration, formatTimestamp } from './format-time.js';
import { arnName, shortRevision, targetGroupName } from '../short-names.js';
import { exitCodeMeaning, formatSummary, summaryRow } from './summary.js';

for (const name of eventFixtures) {
  test(`summary: ${name}`, () => {
    const { results, exitCode } = finishedRun(loadEvents(name));
    expectGolden(`${name}.summary.txt`, formatSummary({ results, exitCode }, { color: false }));
  });
}

test('summary: nothing to deploy', () => {
  assert.is(
    formatSummary({ results: [], exitCode: 0 }, { color: false }),
    'no unit to deploy\n\nexit code 0: every affected unit deployed, or nothing to do\n',
  );
});

test('summary: colour does not change the column widths', () => {
  const { results, exitCode } = finishedRun(loadEvents('breaker-rollback'));
  const coloured = formatSummary({ results, exitCode }, { color: true });
  assert.is(stripVTControlCharacters(coloured), formatSummary({ results, exitCode }, { color: false }));
});

test('summary: a failed unit without an action from its strategy still gets one', () => {
  const result: UnitResult = {
    unit: 'apps/x/x',
    outcome: 'failed',
    startedAt: 0,
    finishedAt: 1000,
    error: { code: 'E_AWS', message: 'ThrottlingException: Rate exceeded' },
  };
  const text = formatSummary({ results: [result], exitCode: 3 }, { color: false });
  assert.match(text, 'error: E_AWS: ThrottlingException: Rate exceeded');
  assert.match(text, 'operator action: gitmoxi could not restore apps/x/x');
});

test('summary: a busy unit says what is in flight and what to do; a pinned one how to release it', () => {
  const busy: UnitResult = {
    unit: 'apps/web/web',
    outcome: 'busy',
    startedAt: 0,
    finishedAt: 900_000,
    error: { code: 'E_BUSY', message: 'another deployment still drives apps/web/web' },
    report: {
      summary: 'another deployment still drives apps/web/web',
      step: 'preflight',
      stoppedTasks: [],
      serviceEvents: [],
      targetHealth: [],
      action: 'Let the other deployment finish.',
    },
  };
  const pinned: UnitResult = {
    unit: 'apps/api/api',
    outcome: 'pinned',
    startedAt: 0,
    finishedAt: 0,
    note: 'left alone (`gitmoxi rollback --unpin apps/api/api` releases it)',
  };
  const text = formatSummary({ results: [busy, pinned], exitCode: 1 }, { color: false });
  assert.match(text, /apps\/web\/web +busy — another deployment in flight/);
  assert.match(
    text,
    'apps/web/web: busy — another deployment in flight\n  another deployment still drives apps/web/web\n  step: preflight\n  error: E_BUSY\n  operator action: Let the other deployment finish.',
  );
  assert.match(text, 'apps/api/api: pinned — rolled back by an operator\n  left alone (`gitmoxi rollback --unpin apps/api/api` releases it)');
});

const exitCodes: [number, string][] = [
  [0, 'every affected unit deployed, or nothing to do'],
  [1, 'at least one unit failed and every failed unit was rolled back to its previous healthy state'],
  [
    2,
    'invalid invocation, invalid definitions, or a failure before any change (no credentials, endpoint unreachable, wrong account): nothing invalid or refused was changed in AWS; invalid units are named in the log (file:line:col), the units listed here ran as shown',
  ],
  [3, 'at least one unit failed and could not be restored: an operator must look'],
  [4, 'interrupted (SIGINT/SIGTERM): in-flight units were brought to a safe state before exiting'],
  [9, 'unknown exit code'],
];
for (const [code, meaning] of exitCodes) {
  test(`exitCodeMeaning: ${code}`, () => assert.is(exitCodeMeaning(code), meaning));
}

const base = { unit: 'u', startedAt: 0, finishedAt: 65_000 } as const;
const rows: [string, UnitResult, [string, string, string]][] = [
  ['deployed', { ...base, outcome: 'deployed', revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:42' }, ['deployed', '1m 05s', 'web:42']],
  ['unchanged', { ...base, outcome: 'unchanged', revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:41' }, ['unchanged', '1m 05s', 'web:41']],
  ['deleted', { ...base, outcome: 'deleted', revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:41' }, ['deleted', '1m 05s', '-']],
  [
    'rolled back',
    { ...base, outcome: 'rolled-back', revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:41' },
    ['rolled back', '1m 05s', 'web:41 (restored)'],
  ],
  [
    'failed',
    { ...base, outcome: 'failed', revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:42' },
    ['FAILED — needs operator', '1m 05s', 'web:42 (running now)'],
  ],
  ['failed, nothing known to run', { ...base, outcome: 'failed' }, ['FAILED — needs operator', '1m 05s', '-']],
  ['skipped', { ...base, outcome: 'skipped', interrupted: true }, ['skipped (interrupted)', '-', '-']],
  ['busy', { ...base, outcome: 'busy' }, ['busy — another deployment in flight', '1m 05s', '-']],
  [
    'pinned',
    { ...base, outcome: 'pinned', revision: 'arn:aws:ecs:us-east-1:1:task-definition/web:41' },
    ['pinned — rolled back by an operator', '1m 05s', 'web:41 (pinned)'],
  ],
  ['lambda version', { ...base, outcome: 'deployed', revision: 'arn:aws:lambda:us-east-1:1:function:resize:7' }, ['deployed', '1m 05s', 'resize:7']],
];
for (const [name, result, [label, duration, revision]] of rows) {
  test(`summaryRow: ${name}`, () => assert.equal(summaryRow(result), { unit: 'u', result: label, duration, revision }));
}

const revisions: [string, string][] = [
  ['arn:aws:ecs:us-east-1:123456789012:task-definition/web:42', 'web:42'],
  ['arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/web-api_v2:7', 'web-api_v2:7'],
  ['arn:aws:lambda:us-east-1:123456789012:function:resize:7', 'resize:7'],
  ['arn:aws:lambda:us-east-1:123456789012:function:resize', 'resize'],
  ['web:42', 'web:42'],
  ['7', '7'],
];
for (const [revision, short] of revisions) {
  test(`shortRevision: ${revision}`, () => assert.is(shortRevision(revision), short));
}

test('arnName and targetGroupName', () => {
  assert.is(arnName('arn:aws:ecs:us-east-1:1:task/prod/0f3a9b1c'), '0f3a9b1c');
  assert.is(arnName('arn:aws:ecs:us-east-1:1:service/prod/web'), 'web');
  assert.is(targetGroupName('arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web-blue/6d0ecf831eec9f09'), 'web-blue');
  assert.is(targetGroupName('not-an-arn'), 'not-an-arn');
});

const durations: [number, string][] = [
  [0, '0s'],
  [999, '0s'],
  [45_000, '45s'],
  [65_000, '1m 05s'],
  [3_599_000, '59m 59s'],
  [3_720_000, '1h 02m'],
  [-5_000, '0s'],
];
for (const [ms, text] of durations) {
  test(`formatDuration: ${ms} ms`, () => assert.is(formatDuration(ms), text));
}

test('formatTimestamp: UTC to the second', () => {
  assert.is(formatTimestamp(Date.UTC(2026, 0, 1, 0, 0, 5, 999)), '2026-01-01T00:00:05Z');
});

test.run();
