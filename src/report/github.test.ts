import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, finishedRun, loadEvents } from '../../test/fixtures/events/replay.js';
import type { UnitResult } from '../deploy/results.js';
import { appendStepSummary, escapeData, escapeProperty, failureAnnotations, formatErrorAnnotation } from './github.js';

const data: [string, string, string][] = [
  ['plain text', 'all good', 'all good'],
  ['percent first, so escapes are not escaped twice', '100%0A', '100%250A'],
  ['newlines', 'one\ntwo\r\nthree', 'one%0Atwo%0D%0Athree'],
  ['colons and commas stay in data', 'a: b, c', 'a: b, c'],
];
for (const [name, input, expected] of data) {
  test(`escapeData: ${name}`, () => assert.is(escapeData(input), expected));
}

const properties: [string, string, string][] = [
  ['a path', 'services/web/web_svcdef.json', 'services/web/web_svcdef.json'],
  ['colon and comma', 'a: b, c', 'a%3A b%2C c'],
  ['all five', '50%,\r\n:', '50%25%2C%0D%0A%3A'],
];
for (const [name, input, expected] of properties) {
  test(`escapeProperty: ${name}`, () => assert.is(escapeProperty(input), expected));
}

test('formatErrorAnnotation: properties and message escaped by their own rules', () => {
  assert.is(
    formatErrorAnnotation({ file: 'apps/a,b/x_svcdef.json', title: 'gitmoxi: x failed', message: 'line 1: 100%\nline 2' }),
    '::error file=apps/a%2Cb/x_svcdef.json,title=gitmoxi%3A x failed::line 1: 100%25%0Aline 2',
  );
  assert.is(formatErrorAnnotation({ title: 't', message: 'm' }), '::error title=t::m');
});

const files = new Map([
  ['services/web/web', ['services/web/web_svcdef.json', 'services/web/web_taskdef.json']],
  ['functions/resize/resize', ['functions/resize/resize_lambdadef.json']],
]);

for (const name of eventFixtures) {
  test(`failureAnnotations: ${name}`, () => {
    const annotations = failureAnnotations(finishedRun(loadEvents(name)).results, files);
    expectGolden(`${name}.annotations.txt`, annotations.map((line) => `${line}\n`).join(''));
    for (const line of annotations) assert.not.match(line, /[\r\n]/);
  });
}

test('failureAnnotations: units that need an operator come first', () => {
  const base = { startedAt: 0, finishedAt: 1 };
  const annotations = failureAnnotations(
    [
      { ...base, unit: 'a', outcome: 'rolled-back' },
      { ...base, unit: 'b', outcome: 'deployed' },
      { ...base, unit: 'c', outcome: 'failed' },
    ],
    new Map(),
  );
  assert.equal(annotations.map((a) => /gitmoxi%3A (\w)/.exec(a)?.[1]), ['c', 'a']);
});

test('appendStepSummary: appends to GITHUB_STEP_SUMMARY, and does nothing without it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-summary-'));
  try {
    const path = join(dir, 'summary.md');
    assert.is(await appendStepSummary({ GITHUB_STEP_SUMMARY: path }, '# first'), true);
    assert.is(await appendStepSummary({ GITHUB_STEP_SUMMARY: path }, '# second\n'), true);
    assert.is(await readFile(path, 'utf8'), '# first\n# second\n');
    assert.is(await appendStepSummary({}, '# ignored'), false);
    assert.is(await appendStepSummary({ GITHUB_STEP_SUMMARY: '' }, '# ignored'), false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('failureAnnotations: a busy unit is an error, a pinned one a notice', () => {
  const busy: UnitResult = { unit: 'apps/web/web', outcome: 'busy', startedAt: 0, finishedAt: 1, error: { code: 'E_BUSY', message: 'in flight' } };
  const pinned: UnitResult = { unit: 'apps/api/api', outcome: 'pinned', startedAt: 0, finishedAt: 1, note: 'pinned at c2' };
  const lines = failureAnnotations([pinned, busy], new Map([['apps/api/api', ['apps/api/api_svcdef.json']]]));
  assert.equal(lines, [
    '::error title=gitmoxi%3A apps/web/web was not deployed%3A another deployment drives it::in flight',
    '::notice file=apps/api/api_svcdef.json,title=gitmoxi%3A apps/api/api is pinned after an operator rollback::pinned at c2',
  ]);
});

test.run();
