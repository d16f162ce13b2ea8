import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem, GitmoxiError } from '../errors.js';
import { readScenarioFile } from './scenario-file.js';

async function problemsOf(text: string): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'gitmoxi-scenario-'));
  try {
    await writeFile(join(folder, 's.yaml'), text);
    await readScenarioFile(join(folder, 's.yaml'), 'rehearse/s.yaml', 'nothing was rehearsed');
  } catch (error) {
    if (error instanceof GitmoxiError) return error.problems.map(formatProblem);
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return [];
}

test('a valid file reads as its scenario', async () => {
  assert.equal(await problemsOf('faults:\n  - kind: alarm\n    alarmName: web-5xx\n    atSeconds: 30\n'), []);
});

test('YAML that does not parse: the line and column of the problem', async () => {
  const [problem] = await problemsOf('faults:\n  - kind: alarm\n    alarmName: [web-5xx\n');
  assert.match(problem ?? '', /^rehearse\/s\.yaml:4:1: /);
});

test('every invalid field at its own line; a missing member at its parent', async () => {
  const text = ['region: moon-1', 'faults:', '  - kind: task-crashes', '    match: { family: web }', '  - kind: alarm', '    alarmName: web-5xx', ''].join(
    '\n',
  );
  const problems = await problemsOf(text);
  assert.is(problems.length, 3);
  assert.match(problems[0] ?? '', /^rehearse\/s\.yaml:1: region: must be an AWS region such as us-east-1/);
  assert.match(problems[1] ?? '', /^rehearse\/s\.yaml:3: faults\[0\]\.afterSeconds: /);
  assert.match(problems[2] ?? '', /^rehearse\/s\.yaml:5: faults\[1\]: an alarm fault needs atSeconds or whenTrafficTo/);
});

test('an unknown key at its own line', async () => {
  const problems = await problemsOf('faults:\n  - kind: alarm\n    alarmName: web-5xx\n    atSeconds: 30\n    stat: ALARM\n');
  assert.equal(problems, ['rehearse/s.yaml:5: faults[0]: Unrecognized key: "stat"']);
});

test.run();
