import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStream } from '../../test/fixtures/events/replay.js';
import { safeOutput } from './safe-output.js';
import { createRenderer, selectRenderer, type RendererKind } from './select.js';

const cases: [string, { json: boolean; isTTY: boolean; env: NodeJS.ProcessEnv }, RendererKind][] = [
  ['--json on a terminal', { json: true, isTTY: true, env: {} }, 'json'],
  ['--json in CI', { json: true, isTTY: false, env: { CI: 'true' } }, 'json'],
  ['a terminal outside CI', { json: false, isTTY: true, env: {} }, 'tty'],
  ['a terminal in CI', { json: false, isTTY: true, env: { CI: 'true' } }, 'plain'],
  ['CI=1 counts as CI', { json: false, isTTY: true, env: { CI: '1' } }, 'plain'],
  ['CI=false does not', { json: false, isTTY: true, env: { CI: 'false' } }, 'tty'],
  ['an empty CI does not', { json: false, isTTY: true, env: { CI: '' } }, 'tty'],
  ['a pipe or file', { json: false, isTTY: false, env: {} }, 'plain'],
  ['GitHub Actions', { json: false, isTTY: false, env: { CI: 'true', GITHUB_ACTIONS: 'true' } }, 'plain'],
  ['a dumb terminal cannot redraw', { json: false, isTTY: true, env: { TERM: 'dumb' } }, 'plain'],
];

for (const [name, options, expected] of cases) {
  for (const color of [true, false]) {
    test(`selectRenderer: ${name}${color ? '' : ', --no-color'}`, () => {
      assert.is(selectRenderer({ ...options, color }), expected);
    });
  }
}

test('createRenderer: json writes NDJSON to stdout and nothing to stderr', async () => {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const io = safeOutput({ stdout, stderr, env: {}, cwd: '.', signal: new AbortController().signal }, { maskTo: 'stdout' });
  const renderer = createRenderer('json', io, { color: false });
  renderer.emit({ type: 'unit.phase', time: 0, unit: 'u', phase: 'tag', detail: '' });
  await renderer.close();
  assert.is(stdout.text(), '{"schemaVersion":1,"type":"unit.phase","time":0,"unit":"u","phase":"tag","detail":""}\n');
  assert.is(stderr.text(), '');
});

test('createRenderer: plain groups by unit only under GitHub Actions', async () => {
  for (const [env, grouped] of [
    [{ GITHUB_ACTIONS: 'true' }, true],
    [{}, false],
  ] as const) {
    const stdout = memoryStream();
    const io = safeOutput({ stdout, stderr: memoryStream(), env, cwd: '.', signal: new AbortController().signal }, { maskTo: 'stdout' });
    const renderer = createRenderer('plain', io, { color: false });
    renderer.emit({ type: 'unit.phase', time: 0, unit: 'u', phase: 'tag', detail: 'x' });
    // The phase line is a heartbeat, printed live; the details below it go into the unit's group.
    renderer.emit({ type: 'tasks.changed', time: 1, unit: 'u', desired: 1, running: 0, pending: 1, failed: 0, healthy: 0 });
    await renderer.close();
    assert.is(stdout.text().includes('::group::u'), grouped);
  }
});

test.run();
