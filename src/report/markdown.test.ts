import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, finishedRun, loadEvents } from '../../test/fixtures/events/replay.js';
import type { UnitResult } from '../events/results.js';
import { formatMarkdownSummary, markdownEventLimit } from './markdown.js';

for (const name of eventFixtures) {
  test(`markdown: ${name}`, () => {
    const { results, exitCode } = finishedRun(loadEvents(name));
    expectGolden(`${name}.md`, formatMarkdownSummary({ results, exitCode }));
  });
}

const failed = (overrides: Partial<UnitResult>): UnitResult => ({
  unit: 'apps/web/web',
  outcome: 'failed',
  startedAt: 0,
  finishedAt: 1000,
  report: { summary: 'broken', step: 'stability', stoppedTasks: [], serviceEvents: [], targetHealth: [] },
  ...overrides,
});

test('markdown: a | in a cell is escaped so the table keeps its columns', () => {
  const text = formatMarkdownSummary({ results: [failed({ unit: 'apps/a|b/a|b' })], exitCode: 3 });
  assert.match(text, '| `apps/a\\|b/a\\|b` |');
});

test('markdown: AWS text with backticks cannot close its fence', () => {
  const report = { summary: 's', step: 'stability', stoppedTasks: [], targetHealth: [], serviceEvents: [{ at: 0, message: 'odd ``` message' }] };
  const text = formatMarkdownSummary({ results: [failed({ report })], exitCode: 3 });
  assert.match(text, '````text\n1970-01-01T00:00:00Z odd ``` message\n````');
});

test('markdown: only the latest service events are kept', () => {
  const serviceEvents = Array.from({ length: markdownEventLimit + 5 }, (_, i) => ({ at: i * 1000, message: `event ${i}` }));
  const report = { summary: 's', step: 'stability', stoppedTasks: [], targetHealth: [], serviceEvents };
  const text = formatMarkdownSummary({ results: [failed({ report })], exitCode: 3 });
  assert.match(text, '(5 earlier events: see the job log)');
  assert.not.match(text, 'event 4\n');
  assert.match(text, `event ${markdownEventLimit + 4}\n`);
});

test('markdown: nothing to deploy', () => {
  assert.is(
    formatMarkdownSummary({ results: [], exitCode: 0 }),
    '## gitmoxi deploy\n\nNo unit to deploy.\n\n**Exit code 0**: every affected unit deployed, or nothing to do.\n',
  );
});

test('markdown: busy and pinned units are explained below the table', () => {
  const text = formatMarkdownSummary({
    results: [
      failed({
        outcome: 'busy',
        error: { code: 'E_BUSY', message: 'in flight' },
        report: { summary: 'in flight', step: 'preflight', stoppedTasks: [], serviceEvents: [], targetHealth: [], action: 'wait' },
      }),
      { unit: 'apps/api/api', outcome: 'pinned', startedAt: 0, finishedAt: 0, note: 'pinned at c2' },
    ],
    exitCode: 1,
  });
  assert.match(text, '### `apps/web/web`: busy — another deployment in flight\n\nin flight');
  assert.match(text, '**operator action**: wait');
  assert.match(text, '### `apps/api/api`: pinned — rolled back by an operator\n\npinned at c2');
});

test.run();
