import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { safeOutput } from '../../report/safe-output.js';
import { formatProblem, GitmoxiError } from '../../errors.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { clockForEndpoint, releaseClock } from '../../aws/simulator-clock.js';
import { sim } from './sim.js';

/** Response bodies of the control endpoints and test fakes, read loosely. */
async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

const global: GlobalOptions = { repo: '.', json: false, color: false, verbose: false };

function fakeIo(cwd = process.cwd()) {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CommandIo = safeOutput({ stdout, stderr, env: {}, cwd, signal: controller.signal }, { maskTo: 'stdout' });
  return { io, controller, out: () => out.join(''), err: () => err.join('') };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 200; i++) {
    const match = read().match(pattern);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never printed ${pattern}`);
}

test('serves with a scenario and scaled clock until the signal aborts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
  await writeFile(join(dir, 'scenario.yaml'), 'region: eu-west-1\ninfrastructure:\n  alarms:\n    - name: web-5xx\n');
  const { io, controller, out } = fakeIo(dir);
  const running = sim({ host: '127.0.0.1', port: 0, timeScale: 30, scenario: 'scenario.yaml' }, global, io);
  const [, endpoint] = await waitFor(out, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  assert.match(out(), `export AWS_ENDPOINT_URL=${endpoint}`);
  assert.match(out(), 'AWS_REGION=eu-west-1');
  const clock = await json(fetch(`${endpoint}/_sim/clock`));
  assert.is(clock.scale, 30);
  const state = await json(fetch(`${endpoint}/_sim/state`));
  assert.ok(state.accounts['123456789012']['eu-west-1'].cloudwatch.alarms.length === 1);
  controller.abort();
  assert.is(await running, 0);
  await fetch(`${endpoint}/_sim/clock`).then(
    () => assert.unreachable('the server should be closed'),
    () => undefined,
  );
});

test('--json prints one sim.started line', async () => {
  const { io, controller, out } = fakeIo();
  const running = sim({ host: '127.0.0.1', port: 0, timeScale: 1 }, { ...global, json: true }, io);
  const [line] = await waitFor(out, /^\{.*\}\n/);
  const event = JSON.parse(line);
  assert.is(event.type, 'sim.started');
  assert.match(event.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.is(event.listening, event.endpoint);
  controller.abort();
  assert.is(await running, 0);
});

test('--host 0.0.0.0 announces the wildcard address it binds, and loopback for local clients', async () => {
  const { io, controller, out } = fakeIo();
  const running = sim({ host: '0.0.0.0', port: 0, timeScale: 1 }, global, io);
  const [, port] = await waitFor(out, /listening on http:\/\/0\.0\.0\.0:(\d+) /);
  assert.match(out(), 'Every network interface');
  assert.match(out(), `export AWS_ENDPOINT_URL=http://127.0.0.1:${port}\n`);
  const clock = await json(fetch(`http://127.0.0.1:${port}/_sim/clock`));
  assert.is(clock.scale, 1);
  controller.abort();
  assert.is(await running, 0);

  const quiet = fakeIo();
  const again = sim({ host: '0.0.0.0', port: 0, timeScale: 1 }, { ...global, json: true }, quiet.io);
  const [line] = await waitFor(quiet.out, /^\{.*\}\n/);
  const event = JSON.parse(line);
  assert.match(event.listening, /^http:\/\/0\.0\.0\.0:\d+$/);
  assert.is(event.endpoint, event.listening.replace('0.0.0.0', '127.0.0.1'));
  quiet.controller.abort();
  assert.is(await again, 0);
});

test('bad options and invalid scenarios exit 2 with the reason on stderr', async () => {
  const bad = fakeIo();
  assert.is(await sim({ host: '127.0.0.1', port: 0, timeScale: 0 }, global, bad.io), 2);
  assert.match(bad.err(), '--time-scale must be a positive number');
  const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
  await writeFile(join(dir, 'bad.yaml'), 'region: us-east-1\nfaults:\n  - kind: throttle\n    count: 3\n');
  const invalid = fakeIo(dir);
  try {
    await sim({ host: '127.0.0.1', port: 0, timeScale: 1, scenario: 'bad.yaml' }, global, invalid.io);
    assert.unreachable('an invalid scenario is refused');
  } catch (error) {
    if (!(error instanceof GitmoxiError)) throw error;
    assert.is(error.code, 'E_SCENARIO_INVALID');
    assert.is(error.exitCode, 2);
    assert.is(error.message, 'the scenario file bad.yaml is not valid: the simulator did not start');
    const problems = error.problems.map(formatProblem);
    assert.is(problems.length, 1);
    assert.match(problems[0] ?? '', /^bad\.yaml:3: faults\[0\]\.service: Invalid option: expected one of "ecs"\|"elbv2"/);
  }
});

test('--clock virtual: a gitmoxi wait of an hour on it ends at once, exactly an hour later', async () => {
  const { io, controller, out } = fakeIo();
  const running = sim({ host: '127.0.0.1', port: 0, timeScale: 1, clock: 'virtual' }, { ...global, json: true }, io);
  const [line] = await waitFor(out, /^\{.*\}\n/);
  const event = JSON.parse(line);
  assert.is(event.clock, 'virtual');
  assert.is((await json(fetch(`${event.endpoint}/_sim/clock`))).virtual, true);
  const clock = await clockForEndpoint(event.endpoint);
  const before = clock.now();
  await clock.sleep(3_600_000);
  assert.is(clock.now() - before, 3_600_000);
  await releaseClock(clock);
  controller.abort();
  assert.is(await running, 0);
});

test('--clock must be virtual or scaled', async () => {
  const { io, err } = fakeIo();
  assert.is(await sim({ host: '127.0.0.1', port: 0, timeScale: 1, clock: 'fast' }, global, io), 2);
  assert.match(err(), '--clock must be virtual or scaled, got fast');
});

test.run();
