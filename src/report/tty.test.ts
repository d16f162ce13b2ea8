import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventFixtures, loadEvents, memoryStream } from '../../test/fixtures/events/replay.js';
import type { DeployEvent } from '../events/types.js';
import { createTtyRenderer } from './tty.js';

/** Fails instead of hanging the suite if the listr2 run never ends. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function render(events: readonly DeployEvent[], color = false): Promise<string> {
  const stdout = memoryStream(false);
  const stderr = memoryStream(false);
  const renderer = createTtyRenderer({ stdout, stderr }, { color });
  for (const event of events) renderer.emit(event);
  await within(5000, renderer.close());
  return stdout.text();
}

for (const name of eventFixtures) {
  test(`tty: renders ${name} on a non-TTY stream and ends`, async () => {
    const text = await render(loadEvents(name));
    assert.match(text, 'services/');
    assert.match(text, /exit code \d: /);
  });
}

test("tty: each unit's final line is shown", async () => {
  const text = await render(loadEvents('breaker-rollback'));
  assert.match(text, /services\/web\/web\s+rolled back\s+web:41/);
  assert.match(text, /services\/api\/api\s+unchanged\s+api:17/);
});

test('tty: close() ends even when the run never finished', async () => {
  const events = loadEvents('rolling-success').filter((e) => e.type !== 'unit.finished' && e.type !== 'run.finished');
  const text = await render(events);
  assert.match(text, 'not finished');
  assert.not.match(text, 'exit code');
});

test('tty: close() without any event writes nothing', async () => {
  assert.is(await render([]), '');
});

test('tty: --no-color leaves no colour codes', async () => {
  const text = await render(loadEvents('not-restored'));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what the test looks for.
  assert.not.match(text, /\x1b\[[0-9;]*m/);
});

test.run();
