/**
 * What a strategy gets to work with for one unit: its plan entry, the ports of its region, the clock, the
 * interrupt signal, and an emitter that stamps the unit and the time on every event.
 */
import type { Clock } from '../clock.js';
import type { DeployEvent, EmitEvent } from '../events/types.js';
import type { PlannedUnit } from '../plan/types.js';
import type { RegionPorts } from './ports.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event of this unit, without the fields the context fills in. */
export type UnitEvent = DistributiveOmit<Extract<DeployEvent, { unit: string }>, 'time' | 'unit'>;

export interface UnitContext {
  planned: PlannedUnit;
  /** The commit whose definitions are deployed (the plan's `to`). */
  commit: string;
  ports: RegionPorts;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM (and --fail-fast): strategies then take their rollback path. */
  signal: AbortSignal;
  emit(event: UnitEvent): void;
}

export function unitEmitter(unit: string, clock: Clock, emit: EmitEvent): (event: UnitEvent) => void {
  return (event) => emit({ ...event, unit, time: clock.now() } as DeployEvent);
}
