import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, finishedRun, loadEvents } from '../../test/fixtures/events/replay.js';
import type { UnitResult } from '../events/results.js';
import { GitmoxiError } from '../errors.js';
import type { Plan, PlannedUnit } from '../plan/types.js';
import { appendStepSummary, escapeData, escapeProperty, failureAnnotations, formatErrorAnnotation, problemAnnotations, warningAnnotations } from './github.js';

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
  ['services/web/web', { file: 'services/web/web_svcdef.json' }],
  ['functions/resize/resize', { file: 'functions/resize/resize_lambdadef.json' }],
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
  assert.equal(
    annotations.map((a) => /gitmoxi%3A (\w)/.exec(a)?.[1]),
    ['c', 'a'],
  );
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
  const lines = failureAnnotations([pinned, busy], new Map([['apps/api/api', { file: 'apps/api/api_svcdef.json' }]]));
  assert.equal(lines, [
    '::error title=gitmoxi%3A apps/web/web was not deployed%3A another deployment drives it::in flight',
    '::notice file=apps/api/api_svcdef.json,title=gitmoxi%3A apps/api/api is pinned after an operator rollback::pinned at c2',
  ]);
});

test('failureAnnotations: the line of the changed file when it is known', () => {
  const failed: UnitResult = { unit: 'apps/web/web', outcome: 'rolled-back', startedAt: 0, finishedAt: 1, note: 'breaker' };
  const [line] = failureAnnotations([failed], new Map([['apps/web/web', { file: 'apps/web/web_input.json', line: 3 }]]));
  assert.match(line ?? '', /^::error file=apps\/web\/web_input.json,line=3,title=/);
});

test('problemAnnotations: one ::error per problem at its file, line and column', () => {
  const error = new GitmoxiError('E_DEF_INVALID', '2 problems', {
    problems: [
      {
        code: 'E_DEF_INVALID',
        message: 'desiredCount: expected a number',
        location: { file: 'apps/web/web_svcdef.json', line: 4, column: 18 },
        hint: 'write 2',
      },
      { code: 'E_RENDER_UNDEFINED', message: "'image' is undefined", location: { file: 'apps/web/web_taskdef.json', line: 7 } },
    ],
  });
  assert.equal(problemAnnotations(error), [
    '::error file=apps/web/web_svcdef.json,line=4,col=18,title=gitmoxi%3A E_DEF_INVALID::desiredCount: expected a number%0Awrite 2',
    "::error file=apps/web/web_taskdef.json,line=7,title=gitmoxi%3A E_RENDER_UNDEFINED::'image' is undefined",
  ]);
});

test('problemAnnotations: an error with only a location, and one with none', () => {
  const located = new GitmoxiError('E_CONFIG_INVALID', 'bad key', { location: { file: '.gitmoxirc.json', line: 2, column: 3 } });
  assert.match(problemAnnotations(located)[0] ?? '', /^::error file=\.gitmoxirc\.json,line=2,col=3,title=gitmoxi%3A E_CONFIG_INVALID::bad key$/);
  const [bare] = problemAnnotations(new GitmoxiError('E_GIT', 'git failed'));
  assert.match(bare ?? '', /^::error title=gitmoxi%3A E_GIT::git failed%0A/);
});

test('problemAnnotations: past ten problems, nine and a line that says how many more', () => {
  const problems = Array.from({ length: 14 }, (_, i) => ({
    code: 'E_DEF_INVALID' as const,
    message: `p${i}`,
    location: { file: 'a_svcdef.json', line: i + 1 },
  }));
  const lines = problemAnnotations(new GitmoxiError('E_DEF_INVALID', 'many', { problems }));
  assert.is(lines.length, 10);
  assert.match(lines[9] ?? '', /5 more problems/);
});

test('warningAnnotations: a placed warning at its line and column, others at the unit or the plan', () => {
  const unit = {
    prefix: 'apps/web/web',
    changedFiles: [{ path: 'apps/web/web_input.json', status: 'modified' }],
    warnings: ["apps/web/web_taskdef.json:9:22: image still holds '{{' after rendering", 'region xx-1 is unknown'],
  } as unknown as PlannedUnit;
  const plan = { units: [unit], warnings: ['a stray depdef'] } as unknown as Plan;
  assert.equal(warningAnnotations(plan), [
    "::warning file=apps/web/web_taskdef.json,line=9,col=22,title=gitmoxi%3A apps/web/web::image still holds '{{' after rendering",
    '::warning file=apps/web/web_input.json,title=gitmoxi%3A apps/web/web::region xx-1 is unknown',
    '::warning title=gitmoxi plan::a stray depdef',
  ]);
});

test.run();
