/** clockForEndpoint follows the gitmoxi simulator's clock and falls back to the system clock for anything else. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock, scaledClock, systemClock } from '../clock.js';
import { startSimulator } from '../sim/server.js';
import { clockForEndpoint } from './simulator-clock.js';

async function serve(listener: RequestListener): Promise<{ endpoint: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

test('a simulator on a 50× clock gives a clock at its scale and time', async () => {
  const sim = await startSimulator({ clock: scaledClock(50, Date.UTC(2030, 0, 1)) });
  try {
    const clock = await clockForEndpoint(sim.endpoint);
    assert.is((clock as { scale?: number }).scale, 50);
    // Both clocks run 50× faster, from 2030; they differ by the probe's round trip, times 50.
    assert.ok(Math.abs(clock.now() - sim.control.now()) < 30_000, `${clock.now()} vs ${sim.control.now()}`);
  } finally {
    await sim.close();
  }
});

test('a trailing slash on the endpoint is fine', async () => {
  const sim = await startSimulator({ clock: scaledClock(20) });
  try {
    assert.is(((await clockForEndpoint(`${sim.endpoint}/`)) as { scale?: number }).scale, 20);
  } finally {
    await sim.close();
  }
});

test('a manual simulator clock is followed at scale 1 from its current time', async () => {
  const manual = new ManualClock(Date.UTC(2026, 0, 1));
  const sim = await startSimulator({ clock: manual });
  try {
    const clock = await clockForEndpoint(sim.endpoint);
    assert.is((clock as { scale?: number }).scale, 1);
    assert.ok(Math.abs(clock.now() - Date.UTC(2026, 0, 1)) < 1_000);
  } finally {
    await sim.close();
  }
});

test('an endpoint that answers 404 (LocalStack, anything else) gives the system clock', async () => {
  const { endpoint, server } = await serve((_request, response) => {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  try {
    assert.is(await clockForEndpoint(endpoint), systemClock);
  } finally {
    await close(server);
  }
});

test('an answer that is not the simulator clock state gives the system clock', async () => {
  const bodies = ['<html>hello</html>', JSON.stringify({ now: 'soon', scale: 2, manual: false }), JSON.stringify({ now: 1, scale: 0, manual: false })];
  for (const body of bodies) {
    const { endpoint, server } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    try {
      assert.is(await clockForEndpoint(endpoint), systemClock, body);
    } finally {
      await close(server);
    }
  }
});

test('no endpoint, or one nobody listens on, gives the system clock', async () => {
  assert.is(await clockForEndpoint(undefined), systemClock);
  const { endpoint, server } = await serve(() => undefined);
  await close(server);
  assert.is(await clockForEndpoint(endpoint), systemClock);
  assert.is(await clockForEndpoint('not a url'), systemClock);
});

test.run();
