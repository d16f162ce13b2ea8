import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectGolden } from '../../test/golden/report/expect-golden.js';
import { eventFixtures, loadEvents, memoryStream } from '../../test/fixtures/events/replay.js';
import { eventSchemaVersion } from '../events/types.js';
import { createJsonRenderer } from './json.js';

for (const name of eventFixtures) {
  test(`json: ${name}`, async () => {
    const events = loadEvents(name);
    const stdout = memoryStream();
    const renderer = createJsonRenderer({ stdout });
    for (const event of events) renderer.emit(event);
    await renderer.close();
    const text = stdout.text();
    expectGolden(`${name}.ndjson`, text);
    const lines = text.trimEnd().split('\n');
    assert.is(lines.length, events.length, 'one line per event, nothing else');
    lines.forEach((line, i) => {
      const { schemaVersion, ...event } = JSON.parse(line) as { schemaVersion: number };
      assert.is(schemaVersion, eventSchemaVersion);
      assert.equal(event, events[i]);
    });
  });
}

test.run();
