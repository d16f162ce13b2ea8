/**
 * Controlling the simulator: in-process through SimControl, over HTTP through the reserved `/_sim/*` paths
 * (which no AWS API uses). Reads of state first bring every model up to the current time.
 */
import { ManualClock, type Clock } from '../clock.js';
import type { WireResponse } from './codecs/wire.js';
import { isInput } from './coerce.js';
import { SimError } from './errors.js';
import { ScenarioError, parseScenario, validateScenario } from './scenario.js';
import { applyScenario } from './scenario-seed.js';
import { VirtualClock } from './virtual-clock.js';
import type { CallRecord, World, WorldSnapshot } from './world.js';

interface ClockState {
  now: number;
  /** How much faster than real time the clock runs (1 for the system clock and a manual clock). */
  scale: number;
  /** True when time moves only through `advance`. */
  manual: boolean;
  /**
   * True for the virtual clock: registered clients wait on it (`POST /_sim/clock/sleep`) and time jumps once they
   * all wait; `scale` is then its speed while nobody is registered.
   */
  virtual: boolean;
}

export interface SimControl {
  readonly world: World;
  /** Empties the simulator: no scenario, no resources, no faults, no calls. */
  reset(): void;
  /** Validates a scenario (object, or JSON/YAML text), resets, and seeds it. Throws ScenarioError. */
  loadScenario(scenario: unknown): Promise<void>;
  /** Adds faults to the running scenario without resetting; their `atSeconds` count from now. */
  addFaults(faults: unknown): void;
  /** Moves a manual clock forward; throws a 409 SimError for other clocks. */
  advance(ms: number): void;
  now(): number;
  clock(): ClockState;
  state(): WorldSnapshot;
  calls(): CallRecord[];
  clearCalls(): void;
}

export function clockScale(clock: Clock): number {
  const scale = 'scale' in clock ? clock.scale : undefined;
  return typeof scale === 'number' && scale > 0 ? scale : 1;
}

export function createControl(world: World): SimControl {
  const clock = world.clock;
  return {
    world,
    reset: () => world.reset(),
    loadScenario: async (scenario) => {
      const parsed = typeof scenario === 'string' ? parseScenario(scenario) : validateScenario(scenario);
      await applyScenario(world, parsed);
    },
    addFaults: (faults) => {
      const list = Array.isArray(faults) ? faults : ((isInput(faults) ? faults.faults : undefined) ?? [faults]);
      const parsed = validateScenario({ faults: list }, 'faults');
      world.addFaults(parsed.faults ?? []);
    },
    advance: (ms) => {
      if (!(clock instanceof ManualClock)) {
        const message = 'Only a manual clock can be advanced; this simulator runs on a real or scaled clock.';
        throw new SimError('ClockNotManual', message, 409);
      }
      if (!(Number.isFinite(ms) && ms >= 0)) {
        throw new SimError('InvalidParameterValue', `ms must be a non-negative number, got ${ms}`);
      }
      clock.advance(ms);
      world.advanceAll();
    },
    now: () => clock.now(),
    clock: () => ({
      now: clock.now(),
      scale: clockScale(clock),
      manual: clock instanceof ManualClock,
      virtual: clock instanceof VirtualClock,
    }),
    state: () => {
      world.advanceAll();
      return world.snapshot();
    },
    calls: () => [...world.calls],
    clearCalls: () => {
      world.calls.length = 0;
    },
  };
}

/** Answers one `/_sim/*` request. */
export async function handleControlRequest(control: SimControl, method: string, pathname: string, body: Uint8Array): Promise<WireResponse> {
  try {
    return json(200, await dispatch(control, `${method} ${pathname.replace(/\/+$/, '')}`, body));
  } catch (error) {
    if (error instanceof ScenarioError) {
      return json(400, { __type: 'InvalidScenario', message: error.message, problems: error.problems });
    }
    if (error instanceof SimError) return json(error.status, { __type: error.code, message: error.message });
    throw error;
  }
}

async function dispatch(control: SimControl, route: string, body: Uint8Array): Promise<unknown> {
  switch (route) {
    case 'POST /_sim/reset':
      control.reset();
      return { reset: true };
    case 'POST /_sim/scenario':
      await control.loadScenario(Buffer.from(body).toString('utf8'));
      return { loaded: true };
    case 'POST /_sim/faults':
      control.addFaults(readJson(body));
      return { added: true };
    case 'GET /_sim/clock':
      return control.clock();
    case 'POST /_sim/clock/advance':
      control.advance(Number(member(readJson(body), 'ms')));
      return control.clock();
    case 'GET /_sim/state':
      return control.state();
    case 'GET /_sim/calls':
      return { calls: control.calls() };
    case 'DELETE /_sim/calls':
      control.clearCalls();
      return { cleared: true };
    default:
      throw new SimError('UnknownControlEndpoint', `No simulator control endpoint ${route}. See docs/simulator.md.`, 404);
  }
}

/** A member of a JSON object body; undefined when the body is not an object. */
function member(value: unknown, name: string): unknown {
  return isInput(value) ? value[name] : undefined;
}

function readJson(body: Uint8Array): unknown {
  const text = Buffer.from(body).toString('utf8').trim();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new SimError('SerializationException', 'The request body must be JSON.');
  }
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
