/**
 * What a strategy gets to work with for one unit: its plan entry, the ports of its region, the clock, the
 * interrupt signal, and an emitter that stamps the unit and the time on every event.
 */
import type { Clock } from '../clock.js';
import type { DeployEvent, EmitEvent } from '../events/types.js';
import type { DeletionUnit, DeployableUnit, RunUnit } from '../plan/types.js';
import type { DriverMark } from './driver-mark.js';
import type { EcsServiceState } from './ports/ecs-port.js';
import type { LambdaAliasState, LambdaFunctionState } from './ports/lambda-port.js';
import type { RegionPorts } from './ports/region-ports.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event of this unit, without the fields the context fills in. */
export type UnitEvent = DistributiveOmit<Extract<DeployEvent, { unit: string }>, 'time' | 'unit'>;

/**
 * What was read of the unit's resource just before its strategy started (by the engine's busy guard), so that the
 * strategy does not describe it a second time. Absent: read it; null: it does not exist.
 */
export interface Prefetched {
  service?: EcsServiceState | null;
  fn?: LambdaFunctionState | null;
  alias?: LambdaAliasState | null;
  /** The mark the engine's guard took for this run on a rolling service or a Lambda function (driver-mark.ts). */
  driverMark?: DriverMark;
}

export interface UnitContext<U extends RunUnit = RunUnit> {
  planned: U;
  /** The commit whose definitions are deployed (the plan's `to`). */
  commit: string;
  ports: RegionPorts;
  /** The ports of another Region (a unit whose Region changed retires its old resource there); absent in some tests. */
  portsIn?(region: string): RegionPorts;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM (and --fail-fast): strategies then take their rollback path. */
  signal: AbortSignal;
  emit(event: UnitEvent): void;
  prefetched?: Prefetched;
}

/** What a deployment's strategy gets: a unit with its hash, Region and identity. */
export type DeployContext = UnitContext<DeployableUnit>;

/** What a deletion gets: a unit whose identity may be unknown (then found by its tag). */
export type DeletionContext = UnitContext<DeletionUnit>;

export function unitEmitter(unit: string, clock: Clock, emit: EmitEvent): (event: UnitEvent) => void {
  return (event) => emit({ ...event, unit, time: clock.now() } as DeployEvent);
}
