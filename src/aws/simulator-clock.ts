/**
 * Which clock a deployment waits on. Against the gitmoxi simulator, waits follow the simulator's time, so a
 * deployment with 30 s polls and a 300 s timeout finishes in seconds when the simulator runs 50× faster.
 * Against AWS, LocalStack or anything else, real time.
 */
import { scaledClock, systemClock, type Clock } from '../clock.js';
import { isRecord, recordOf } from '../is-record.js';
import { joinVirtualClock } from './sim-participant.js';

/** How long to wait for the simulator's answer before deciding the endpoint is something else. */
const PROBE_TIMEOUT_MS = 2_000;

/** The answer of the simulator's `GET /_sim/clock` (src/sim/control.ts, ClockState). */
interface SimulatorClockState {
  now: number;
  scale: number;
  manual: boolean;
  /** Absent from simulators older than the virtual clock. */
  virtual?: boolean;
}

/**
 * A clock that follows the simulator at `endpointUrl`. On a virtual simulator clock, this process registers as a
 * participant and its sleeps are waits on the simulator's time (src/aws/sim-participant.ts); call `releaseClock`
 * when the deployment is done if the process lives on. Otherwise its current time, advancing at its scale. A manual
 * simulator clock (one that moves only when a test advances it) is followed at scale 1 from its current time:
 * gitmoxi's waits then take real time, and whoever drives the simulator advances it alongside.
 * Without an endpoint, or when the endpoint does not answer like the simulator, the system clock.
 */
export async function clockForEndpoint(endpointUrl: string | undefined): Promise<Clock> {
  if (endpointUrl === undefined) return systemClock;
  const state = await probeSimulatorClock(endpointUrl);
  if (!state) return systemClock;
  if (state.virtual === true) {
    const participant = await joinVirtualClock(endpointUrl);
    if (participant) {
      simulatorClocks.set(participant, { scale: null, virtual: true });
      return participant;
    }
  }
  const clock = scaledClock(state.manual ? 1 : state.scale, state.now);
  simulatorClocks.set(clock, { scale: state.manual ? null : state.scale });
  return clock;
}

const simulatorClocks = new WeakMap<Clock, { scale: number | null; virtual?: boolean }>();

/**
 * Whether `clock` follows the simulator, and how fast (null: a manual or virtual clock). Times printed from it are
 * the simulator's, usually hours ahead of the machine's, and output must say so.
 */
export function simulatorClockOf(clock: Clock): { scale: number | null; virtual?: boolean } | undefined {
  return simulatorClocks.get(clock);
}

/** Lets the simulator's virtual clock move on without this process (a no-op for every other clock). */
export async function releaseClock(clock: Clock): Promise<void> {
  const close = recordOf(clock).close;
  if (typeof close === 'function') await close.call(clock);
}

async function probeSimulatorClock(endpointUrl: string): Promise<SimulatorClockState | undefined> {
  try {
    const url = new URL('_sim/clock', endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`);
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    return isClockState(body) ? body : undefined;
  } catch {
    // Not reachable, not JSON, or not a URL: not the simulator.
    return undefined;
  }
}

function isClockState(value: unknown): value is SimulatorClockState {
  if (!isRecord(value)) return false;
  const { now, scale, manual, virtual } = value;
  const virtualOk = virtual === undefined || typeof virtual === 'boolean';
  return Number.isFinite(now) && typeof scale === 'number' && scale > 0 && Number.isFinite(scale) && typeof manual === 'boolean' && virtualOk;
}
