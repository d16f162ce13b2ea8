/** The virtual clock: time jumps only once every participant waits, over HTTP as in-process. */
import { spawn } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockForEndpoint, releaseClock } from '../aws/simulator-clock.js';
import { startSimulator } from './server.js';
import { VirtualClock } from './virtual-clock.js';

const START = Date.UTC(2030, 0, 1);
const HOUR = 3_600_000;

test('with nobody registered, time runs at the fallback scale', async () => {
  const clock = new VirtualClock(1_000, START);
  try {
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.ok(clock.now() >= START + 20_000, `${clock.now() - START} ms passed`);
  } finally {
    clock.dispose();
  }
});

test('a registered participant holds time still until it sleeps; then time jumps to its wake-up exactly', async () => {
  const clock = new VirtualClock(1, START);
  try {
    const id = clock.register();
    const frozen = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.is(clock.now(), frozen);
    const woke = await clock.sleepFor(id, HOUR);
    assert.is(woke, frozen + HOUR);
    assert.is(clock.now(), frozen + HOUR);
  } finally {
    clock.dispose();
  }
});

test('time waits for every participant: the earliest wake-up comes first, and only once both wait', async () => {
  const clock = new VirtualClock(1, START);
  try {
    const a = clock.register();
    const b = clock.register();
    // Before the first registration time ran at the clock's scale: count from when it holds still.
    const t0 = clock.now();
    const order: string[] = [];
    const sleepA = clock.sleepFor(a, 60_000).then((now) => {
      order.push(`a@${now - t0}`);
      clock.release(a); // a is done: while registered and awake it would hold time
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(order, [], 'b is busy: no jump');
    assert.is(clock.now(), t0);
    const sleepB = clock.sleepFor(b, 30_000).then((now) => order.push(`b@${now - t0}`));
    await sleepB;
    assert.equal(order, ['b@30000'], 'a is still asleep, b woke first');
    await clock.sleepFor(b, 60_000).then((now) => order.push(`b@${now - t0}`));
    await sleepA;
    assert.equal(order, ['b@30000', 'a@60000', 'b@90000']);
  } finally {
    clock.dispose();
  }
});

test('a request in flight holds time: its client is not waiting', async () => {
  const clock = new VirtualClock(1, START);
  try {
    const id = clock.register();
    // Before the first participant registers, time runs at the clock's scale: read it once it holds still.
    const registered = clock.now();
    clock.requestStarted();
    let woke = false;
    const sleeping = clock.sleepFor(id, 1_000).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.is(woke, false);
    assert.is(clock.now(), registered, 'no simulated time passed while the request was in flight');
    clock.requestEnded();
    await sleeping;
    assert.is(clock.now(), registered + 1_000);
  } finally {
    clock.dispose();
  }
});

test('over HTTP: gitmoxi waits ten simulated minutes on the simulator, exactly, in a moment of real time', async () => {
  const sim = await startSimulator({ clock: new VirtualClock(1, START) });
  try {
    assert.is(sim.control.clock().virtual, true);
    const clock = await clockForEndpoint(sim.endpoint);
    const before = clock.now();
    // At scale 1 on a scaled clock this wait would take ten real minutes; here it ends as soon as it is asked.
    await clock.sleep(600_000);
    assert.is(clock.now() - before, 600_000);
    assert.is(sim.control.now() - before, 600_000);
    await releaseClock(clock);
  } finally {
    await sim.close();
  }
});

test('over HTTP: a participant that is killed does not freeze time', async () => {
  const sim = await startSimulator({ clock: new VirtualClock(1, START) });
  try {
    const script = `const r = await fetch(${JSON.stringify(`${sim.endpoint}/_sim/clock/participants`)}, { method: 'POST' });
      const reader = r.body.getReader(); await reader.read(); process.stdout.write('joined\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    assert.is((sim.control.world.clock as VirtualClock).state().participants, 1);
    const frozen = sim.control.now();
    const clock = await clockForEndpoint(sim.endpoint);
    let woke = false;
    const sleeping = clock.sleep(HOUR).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.is(woke, false, 'the other participant is busy');
    child.kill('SIGKILL');
    await sleeping;
    assert.is(sim.control.now(), frozen + HOUR);
    await releaseClock(clock);
  } finally {
    await sim.close();
  }
});

test('over HTTP: a wait without a participant id is refused with the fix', async () => {
  const sim = await startSimulator({ clock: new VirtualClock(1, START) });
  try {
    const response = await fetch(`${sim.endpoint}/_sim/clock/sleep`, { method: 'POST', body: JSON.stringify({ ms: 5 }) });
    assert.is(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, 'POST /_sim/clock/participants');
  } finally {
    await sim.close();
  }
});

test.run();
