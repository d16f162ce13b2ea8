/**
 * The virtual clock over HTTP (docs/simulator.md, "Virtual clock"). These answers outlive a request-response
 * turn, so they work on the raw connection rather than through the control dispatcher:
 * - `POST /_sim/clock/participants` registers a participant and keeps the answer open. The first line is
 *   `{"id", "now"}`; the participant stays registered until the client closes the connection, so a killed
 *   process never freezes time.
 * - `POST /_sim/clock/sleep {"participant", "ms"}` answers `{"now"}` once simulated time has reached the wake-up.
 *   A client that gives up on the wait closes the connection, which cancels it.
 * - `POST /_sim/clock/busy {"participant"}` says the participant is busy until it closes the connection: time
 *   holds meanwhile, even while another of its activities sleeps.
 * - `DELETE /_sim/clock/participants/ID` unregisters at once (an in-process run that is done).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';
import { isInput } from './coerce.js';
import { VirtualClock } from './virtual-clock.js';

const PARTICIPANTS = '/_sim/clock/participants';

export function isClockWaitPath(pathname: string): boolean {
  return pathname === '/_sim/clock/sleep' || pathname === '/_sim/clock/busy' || pathname === PARTICIPANTS || pathname.startsWith(`${PARTICIPANTS}/`);
}

export async function serveClockWait(clock: Clock, pathname: string, request: IncomingMessage, body: Uint8Array, response: ServerResponse): Promise<void> {
  if (!(clock instanceof VirtualClock)) {
    const message = 'This simulator runs on a scaled or manual clock; start it with --clock virtual to wait on it.';
    return answer(response, 409, { __type: 'ClockNotVirtual', message });
  }
  const method = request.method ?? 'GET';
  if (method === 'POST' && pathname === PARTICIPANTS) return presence(clock, response);
  if (method === 'DELETE' && pathname.startsWith(`${PARTICIPANTS}/`)) {
    clock.release(decodeURIComponent(pathname.slice(PARTICIPANTS.length + 1)));
    return answer(response, 200, { released: true });
  }
  if (method === 'POST' && pathname === '/_sim/clock/sleep') return sleep(clock, body, response);
  if (method === 'POST' && pathname === '/_sim/clock/busy') return busy(clock, body, response);
  answer(response, 404, { __type: 'UnknownControlEndpoint', message: `No simulator control endpoint ${method} ${pathname}. See docs/simulator.md.` });
}

function presence(clock: VirtualClock, response: ServerResponse): void {
  const id = clock.register();
  response.on('close', () => clock.release(id));
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  response.write(`${JSON.stringify({ id, now: clock.now(), scale: clock.scale })}\n`);
}

async function sleep(clock: VirtualClock, body: Uint8Array, response: ServerResponse): Promise<void> {
  const wait = parseSleep(body);
  if (typeof wait === 'string') return answer(response, 400, { __type: 'InvalidParameterValue', message: wait });
  const gone = new AbortController();
  response.on('close', () => {
    if (!response.writableEnded) gone.abort(new Error('the client stopped waiting'));
  });
  try {
    const now = await clock.sleepFor(wait.participant, wait.ms, gone.signal);
    answer(response, 200, { now });
  } catch {
    // The client went away: nobody to answer.
  }
}

function busy(clock: VirtualClock, body: Uint8Array, response: ServerResponse): void {
  const wait = parseSleep(body, 0);
  if (typeof wait === 'string') return answer(response, 400, { __type: 'InvalidParameterValue', message: wait });
  if (!clock.holdBusy(wait.participant)) {
    return answer(response, 404, { __type: 'UnknownParticipant', message: `No participant ${wait.participant}; register with POST /_sim/clock/participants.` });
  }
  clock.requestStarted();
  response.once('close', () => clock.requestEnded());
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  response.write('{"busy":true}\n');
}

function parseSleep(body: Uint8Array, defaultMs?: number): { participant: string; ms: number } | string {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return 'The body must be JSON: {"participant": "<id from POST /_sim/clock/participants>", "ms": <milliseconds>}.';
  }
  const { participant, ms = defaultMs } = isInput(value) ? value : {};
  if (typeof participant !== 'string' || participant === '') return 'participant must be the id POST /_sim/clock/participants answered.';
  if (typeof ms !== 'number' || !(Number.isFinite(ms) && ms >= 0)) return `ms must be a non-negative number, got ${JSON.stringify(ms)}`;
  return { participant, ms };
}

function answer(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
