/**
 * The deployment engine: pre-flight checks, then every unit of the plan through its strategy, concurrently up to
 * a bound, each isolated from the others' failures (unless --fail-fast), interruptible through one signal.
 */
import pLimit from 'p-limit';
import type { Clock } from '../clock.js';
import type { UnitDefinitions } from '../defs/validate.js';
import { GitmoxiError } from '../errors.js';
import type { EmitEvent } from '../events/types.js';
import type { Plan, RunUnit } from '../plan/types.js';
import { defaultBusyTimeoutMs, runGuarded, type PinnedGate } from './busy-guard.js';
import { unitEmitter, type Prefetched, type UnitContext } from './context.js';
import type { RegionPorts } from './ports/region-ports.js';
import type { Tags } from './ports/tagging-port.js';
import { errorLine } from './port-error.js';
import { resilientPorts } from './resilient-ports.js';
import { runExitCode } from '../events/exit-code.js';
import type { Ending, UnitResult } from '../events/results.js';
import { trackChanges, type ChangeTracker } from './change-tracker.js';
import { preflight } from './preflight.js';
import { strategyFor } from './strategies.js';

export interface EngineOptions {
  plan: Plan;
  /** Validated definitions of each unit to deploy, by prefix (deletions need none). */
  definitions: ReadonlyMap<string, UnitDefinitions | null>;
  portsFor(region: string): RegionPorts;
  clock: Clock;
  emit: EmitEvent;
  /** SIGINT/SIGTERM. */
  signal: AbortSignal;
  concurrency: number;
  failFast: boolean;
  /** How long a unit another run is deploying is waited for before it is reported busy (default 15 minutes). */
  busyTimeoutMs?: number;
  /** Whether an operator's pin holds for a unit, asked with its live tags; without it pins are not checked. */
  pinnedGate?: PinnedGate;
}

export interface EngineResult {
  results: UnitResult[];
  exitCode: number;
  interrupted: boolean;
  /** Each deployed unit's tags as read just before its strategy ran. */
  tagsBefore: Map<string, Tags>;
}

export async function runDeployment(options: EngineOptions): Promise<EngineResult> {
  const planned = options.plan.units.filter((u) => u.action === 'deploy' || u.action === 'delete');
  // STS is asked through throttling too, on the clock, before anything else.
  const calm = (region: string) => resilientPorts(options.portsFor(region), { clock: options.clock, signal: options.signal, unit: '', emit: () => undefined });
  const units = await preflight(planned, { definitions: options.definitions, portsFor: calm });
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  options.emit({
    type: 'run.started',
    time: options.clock.now(),
    concurrency: options.concurrency,
    units: units.map(({ prefix, platform, strategy, action, region }) => ({ prefix, platform, strategy, action, region })),
  });
  const tagsBefore = new Map<string, Tags>();
  const limit = pLimit(Math.max(1, options.concurrency));
  const results = await Promise.all(
    units.map((unit) =>
      limit(async () => {
        const result = await runUnit(unit, options, signal, tagsBefore);
        if (options.failFast && (result.outcome === 'failed' || result.outcome === 'rolled-back')) stop.abort(new Error('--fail-fast'));
        return result;
      }),
    ),
  );
  const interrupted = options.signal.aborted;
  const exitCode = runExitCode(results, interrupted);
  options.emit({ type: 'run.finished', time: options.clock.now(), exitCode, results, interrupted });
  return { results, exitCode, interrupted, tagsBefore };
}

async function runUnit(unit: RunUnit, options: EngineOptions, signal: AbortSignal, tagsBefore: Map<string, Tags>): Promise<UnitResult> {
  const startedAt = options.clock.now();
  if (signal.aborted) {
    const skipped: UnitResult = { unit: unit.prefix, outcome: 'skipped', startedAt, finishedAt: startedAt, interrupted: options.signal.aborted };
    options.emit({ type: 'unit.finished', time: startedAt, unit: unit.prefix, result: skipped });
    return skipped;
  }
  const trackers = new Map<string, ChangeTracker>();
  const portsIn = (name: string): RegionPorts => {
    let tracker = trackers.get(name);
    if (tracker === undefined) {
      tracker = trackChanges(resilientPorts(options.portsFor(name), { clock: options.clock, signal, unit: unit.prefix, emit: options.emit }));
      trackers.set(name, tracker);
    }
    return tracker.ports;
  };
  const changed = () => [...trackers.values()].some((tracker) => tracker.changed());
  const ctx: UnitContext = {
    planned: unit,
    commit: options.plan.to,
    ports: portsIn(unit.region),
    portsIn,
    clock: options.clock,
    signal,
    emit: unitEmitter(unit.prefix, options.clock, options.emit),
  };
  options.emit({ type: 'unit.started', time: startedAt, unit: unit.prefix, strategy: unit.strategy, action: unit.action, region: unit.region });
  // A unit's time is its strategy's: waiting for another run (the guard) counts only when the guard ends the unit.
  let strategyStartedAt = startedAt;
  let ending: Ending;
  try {
    const strategy = strategyFor(unit);
    if (strategy === undefined) throw new Error(`no strategy for ${unit.prefix}`);
    const definitions = options.definitions.get(unit.prefix) ?? null;
    const onRead = (tags: Tags) => void tagsBefore.set(unit.prefix, tags);
    const guard = { timeoutMs: options.busyTimeoutMs ?? defaultBusyTimeoutMs, onRead, ...(options.pinnedGate ? { pinnedGate: options.pinnedGate } : {}) };
    ending = await runGuarded(ctx, definitions, guard, (prefetched: Prefetched) => {
      strategyStartedAt = options.clock.now();
      return strategy({ ...ctx, prefetched }, definitions);
    });
    if (ending.outcome === 'failed' && !changed()) ending = notStarted(ending);
  } catch (error) {
    ending = unexpectedFailure(unit, error, changed());
  }
  const result: UnitResult = { unit: unit.prefix, startedAt: strategyStartedAt, finishedAt: options.clock.now(), ...ending };
  options.emit({ type: 'unit.finished', time: options.clock.now(), unit: unit.prefix, result });
  return result;
}

/** A failure reported before the unit's first change: what ran before runs untouched, so no operator is needed. */
function notStarted(result: Ending): Ending {
  const report =
    result.report === undefined
      ? undefined
      : { ...result.report, action: `Nothing was changed by this run. ${result.report.action ?? 'Fix the cause above and deploy again.'}` };
  return { ...result, outcome: 'not-started', ...(report ? { report } : {}) };
}

/**
 * An error a strategy did not turn into data. Once the unit changed something its state is unknown, so a human
 * must look (exit 3); before its first change, what ran before still runs untouched (not-started, exit 2).
 */
function unexpectedFailure(unit: RunUnit, error: unknown, changed: boolean): Ending {
  const message = errorLine(error);
  const code = error instanceof GitmoxiError ? error.code : 'E_AWS';
  if (!changed) {
    return {
      outcome: 'not-started',
      error: { code, message },
      report: {
        summary: `${message}; nothing was changed`,
        step: 'preflight',
        stoppedTasks: [],
        serviceEvents: [],
        targetHealth: [],
        action: `Nothing of ${unit.prefix} was changed: fix the cause above and deploy again.`,
      },
    };
  }
  return {
    outcome: 'failed',
    error: { code, message },
    report: {
      summary: message,
      step: 'deployment',
      stoppedTasks: [],
      serviceEvents: [],
      targetHealth: [],
      action: `The deployment stopped on an unexpected error; check ${unit.prefix} in AWS before deploying again.`,
    },
  };
}
