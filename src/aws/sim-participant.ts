/**
 * gitmoxi as a participant of the simulator's virtual clock (docs/simulator.md, "Virtual clock"): its sleeps are
 * waits on the simulator's time, which moves only once every participant waits. Between two sleeps simulated
 * time stands still for this process, so now() is the time the last wait (or the registration) answered.
 *
 * One run has several activities at once (units, the lock renewal): while one sleeps another may be between two
 * SDK calls, which the simulator cannot see. So this process tells it when it is busy: from any wake-up or SDK
 * request until no request is in flight, a sleep is pending, and the event loop has turned without a new request.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ClientRequest, request } from 'node:http';
import type { Clock } from '../clock.js';
import { recordOf } from '../is-record.js';

export interface ParticipantClock extends Clock {
  /** Unregisters at once, so that time no longer waits for this process; later sleeps throw. */
  close(): Promise<void>;
}

/** Registers with the simulator at `endpointUrl`; undefined when it does not answer like a virtual clock. */
export async function joinVirtualClock(endpointUrl: string): Promise<ParticipantClock | undefined> {
  const base = endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`;
  const joined = await register(new URL('_sim/clock/participants', base));
  if (!joined) return undefined;
  let current = joined.now;
  let closed = false;
  const activity = busySignal(base, joined.id);
  activity.wake();
  return {
    now: () => current,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      if (closed) throw new Error('this simulator clock was closed');
      activity.sleeping(+1);
      try {
        const response = await fetch(new URL('_sim/clock/sleep', base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ participant: joined.id, ms }),
          ...(signal ? { signal } : {}),
        });
        const body: unknown = await response.json();
        const now = recordOf(body).now;
        if (!response.ok || typeof now !== 'number') {
          throw new Error(`the simulator's clock refused a wait: ${String(recordOf(body).message ?? response.status)}`);
        }
        current = Math.max(current, now);
      } finally {
        activity.sleeping(-1);
        activity.wake();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      activity.stop();
      joined.hangUp();
      await fetch(new URL(`_sim/clock/participants/${encodeURIComponent(joined.id)}`, base), { method: 'DELETE' }).catch(() => undefined);
    },
  };
}

interface BusySignal {
  /** A sleep ended (or the run started): busy, announced anew so the simulator stops counting it as woken. */
  wake(): void;
  sleeping(delta: 1 | -1): void;
  stop(): void;
}

const CLOCK_PATH = /^\/_sim\/clock\//;
/** Longer than a rate limit's usual pause against the simulator. */
const QUIET_MS = 20;
/** Longer than the SDK's jitter before it tries a failed call again. */
const RETRY_QUIET_MS = 80;

function busySignal(base: string, participant: string): BusySignal {
  let held: ClientRequest | undefined;
  let inFlight = 0;
  let sleeps = 0;
  let turn = 0;
  const hold = () => {
    const req = request(new URL('_sim/clock/busy', base), { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } });
    req.on('socket', (socket) => socket.unref());
    req.on('error', () => undefined);
    req.on('response', (response) => response.resume());
    req.end(JSON.stringify({ participant }));
    return req;
  };
  const letGo = () => {
    held?.destroy();
    held = undefined;
  };
  // Whatever a just-answered call leads to has started its next request by then: its promise chain within a turn
  // of the event loop, and the short real-time pauses the SDK and the rate limits take, since timers fire in order.
  const maybeIdle = (afterMs = QUIET_MS) => {
    const seen = ++turn;
    setTimeout(() => {
      if (seen === turn && inFlight === 0 && sleeps > 0) letGo();
    }, afterMs);
  };
  const onStart = (message: unknown) => {
    const req = recordOf(message).request;
    if (!(req instanceof ClientRequest) || CLOCK_PATH.test(req.path)) return;
    inFlight += 1;
    turn += 1;
    held ??= hold();
    let status = 0;
    req.once('response', (response: { statusCode?: number }) => (status = response.statusCode ?? 0));
    req.once('close', () => {
      inFlight -= 1;
      // An error answer may be retried by the SDK after a jittered pause (src/aws/clients.ts).
      const failed = !(status >= 200 && status < 400);
      maybeIdle(failed ? RETRY_QUIET_MS : QUIET_MS);
    });
  };
  subscribe('http.client.request.start', onStart);
  return {
    wake: () => {
      letGo();
      held = hold();
      turn += 1;
      maybeIdle();
    },
    sleeping: (delta) => {
      sleeps += delta;
      if (delta > 0) maybeIdle();
    },
    stop: () => {
      unsubscribe('http.client.request.start', onStart);
      letGo();
    },
  };
}

interface Registration {
  id: string;
  now: number;
  hangUp(): void;
}

/**
 * The registration's answer stays open: the simulator drops the participant when the connection closes, so a
 * process that exits or is killed never holds time still. The socket does not keep this process alive.
 */
function register(url: URL): Promise<Registration | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, headers: { accept: 'application/x-ndjson' } });
    const fail = () => {
      req.destroy();
      resolve(undefined);
    };
    const timer = setTimeout(fail, 2_000);
    req.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    req.on('socket', (socket) => socket.unref());
    req.on('response', (response) => {
      if (response.statusCode !== 200) {
        clearTimeout(timer);
        response.resume();
        fail();
        return;
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        const line = text.indexOf('\n');
        if (line < 0) return;
        clearTimeout(timer);
        const first = parseRegistration(text.slice(0, line));
        if (!first) return fail();
        resolve({ ...first, hangUp: () => req.destroy() });
      });
      response.on('error', () => undefined);
    });
    req.end();
  });
}

function parseRegistration(line: string): { id: string; now: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    const id = recordOf(parsed).id;
    const now = recordOf(parsed).now;
    return typeof id === 'string' && typeof now === 'number' && Number.isFinite(now) ? { id, now } : undefined;
  } catch {
    return undefined;
  }
}
