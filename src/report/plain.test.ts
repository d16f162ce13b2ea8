import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, loadEvents, memoryStream, type EventFixture } from '../../test/fixtures/events/replay.js';
import type { DeployEvent } from '../events/types.js';
import { createPlainRenderer } from './plain.js';

async function render(events: readonly DeployEvent[], options: { github: boolean; color?: boolean }): Promise<string> {
  const stdout = memoryStream();
  const renderer = createPlainRenderer(
    { stdout, workflowCommand: (line) => stdout.write(`${line}\n`) },
    { color: options.color ?? false, github: options.github },
  );
  for (const event of events) renderer.emit(event);
  await renderer.close();
  return stdout.text();
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what the test looks for.
const cursorMovement = /\x1b\[[0-9;]*[A-HJKSTfsu]/;

for (const name of eventFixtures) {
  test(`plain: ${name}`, async () => {
    const text = await render(loadEvents(name), { github: false });
    expectGolden(`${name}.plain.txt`, text);
    assert.not.match(text, '::group::');
  });

  test(`plain under GitHub Actions: ${name}`, async () => {
    const text = await render(loadEvents(name), { github: true });
    expectGolden(`${name}.github.txt`, text);
    assertGroupsWellFormed(name, text);
  });
}

test('plain: colour is SGR only, never cursor movement', async () => {
  const text = await render(loadEvents('breaker-rollback'), { github: true, color: true });
  assert.match(text, '\x1b[');
  assert.not.match(text, cursorMovement);
});

test('plain: each event line starts with its own time, never the wall clock', async () => {
  const text = await render(loadEvents('rolling-success'), { github: false });
  const eventLines = text.split('\n').filter((line) => line.startsWith('2026-'));
  assert.is(eventLines.length, loadEvents('rolling-success').length, 'one line per event');
  assert.ok(eventLines.every((line) => /^2026-01-01T00:0\d:\d\dZ /.test(line)));
});

test('plain under GitHub Actions: a unit never finished is still flushed by close()', async () => {
  const events = loadEvents('rolling-success').filter((e) => e.type !== 'unit.finished' && e.type !== 'run.finished');
  const text = await render(events, { github: true });
  assert.match(text, '::group::services/web/web: not finished');
  assert.match(text, '::group::services/api/api: not finished');
});

test('plain under GitHub Actions: heartbeats only on a change of phase', async () => {
  const unit = 'u';
  const events: DeployEvent[] = [
    { type: 'unit.started', time: 0, unit, strategy: 'ecs-rolling', action: 'deploy', region: 'us-east-1' },
    { type: 'unit.phase', time: 1000, unit, phase: 'stabilize', detail: 'first' },
    { type: 'tasks.changed', time: 2000, unit, desired: 1, running: 0, pending: 1, failed: 0, healthy: 0 },
    { type: 'unit.phase', time: 3000, unit, phase: 'stabilize', detail: 'same phase again' },
  ];
  const text = await render(events, { github: true });
  const live = text.slice(0, text.indexOf('::group::'));
  assert.is(live.trimEnd().split('\n').length, 2, live);
  assert.not.match(live, 'running 0/1');
});

test('plain under GitHub Actions: every line is printed once, live or in its group', async () => {
  for (const name of eventFixtures) {
    const lines = (await render(loadEvents(name), { github: true })).split('\n').filter((line) => /^2026-\S+ \S/.test(line));
    const repeated = lines.filter((line, index) => lines.indexOf(line) !== index);
    assert.equal(repeated, [], `${name}: printed twice`);
  }
});

/** Groups open and close in pairs, never nest, and each unit has exactly one. */
function assertGroupsWellFormed(name: EventFixture, text: string): void {
  let open: string | null = null;
  const seen: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('::group::')) {
      assert.is(open, null, `${name}: nested group`);
      open = line.slice('::group::'.length).split(':')[0] ?? '';
      seen.push(open);
    } else if (line === '::endgroup::') {
      assert.ok(open !== null, `${name}: endgroup without group`);
      open = null;
    } else if (open !== null && line !== '') {
      assert.ok(line.includes(` ${open} `), `${name}: line of another unit inside the group of ${open}: ${line}`);
    }
  }
  assert.is(open, null, `${name}: group left open`);
  assert.equal([...seen].sort(), [...new Set(seen)].sort(), `${name}: one group per unit`);
}

test.run();
