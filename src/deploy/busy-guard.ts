/**
 * Before a strategy deploys a unit: is it pinned by an operator's rollback (then it is left alone), and is another
 * gitmoxi run (a poll, another pipeline) driving it right now (then this run waits for that one, and deploys as
 * usual afterwards: a no-op when the other run deployed the same definitions)? A run drives an ECS rolling service
 * or a Lambda function while its mark is on it (driver-mark.ts), which it removes only after writing its tags; a
 * deployment in flight with no live mark is one nobody drives any more, and this run supersedes it. Blue/green has
 * its lock (ecs-bluegreen/service-lock.ts), so only its pin is checked here. One describe answers both questions.
 * `runGuarded` then takes this run's own mark before the strategy runs, and removes it after, whatever the ending.
 */
import type { UnitDefinitions } from '../defs/validate.js';
import type { PlannedUnit } from '../plan/types.js';
import type { Prefetched, UnitContext } from './context.js';
import { takeDriverMark, type MarkedResource } from './driver-mark.js';
import { heldByOther, lockWaitMs } from './ecs-bluegreen/service-lock.js';
import { serviceTarget } from './ecs/service-target.js';
import { ecsInFlight, lambdaInFlight } from './in-flight.js';
import { functionTarget, qualifiedArn } from './lambda/function-target.js';
import type { Tags } from './ports/tagging-port.js';
import type { Ending } from '../events/results.js';
import { runsHash, tagKeys } from './tags.js';
import { waitFor, type Check } from './waits.js';

/** Whether an operator's pin holds for the unit, given its live tags: the CLI answers it from git history. */
export type PinnedGate = (unit: PlannedUnit, tags: Tags) => Promise<{ pinned: string } | null>;

/** As long as a blue/green deployment waits for another run's lock. */
export const defaultBusyTimeoutMs = lockWaitMs;
const busyPollMs = 10 * 1000;

export interface GuardOptions {
  timeoutMs: number;
  pinnedGate?: PinnedGate;
  /**
   * Told what was last read of the unit before the strategy runs: its tags ({} when nothing exists yet), so that
   * what the run clears afterwards (a pin, a failure mark) is known without describing every unit again, and the
   * resource itself, so that the strategy does not describe it again either.
   */
  onRead?: (tags: Tags, read: Prefetched) => void;
}

/** What the unit's live resource says: its tags, and what is in flight on it, in words (null: nothing). */
interface LiveProbe {
  tags: Tags;
  inFlight: string | null;
  /** Another live gitmoxi run's mark, in words; null when no run drives the unit. */
  driver: string | null;
  /** What runs now, for a pinned unit's summary row. */
  revision?: string;
}

/**
 * The guard, then the strategy. A rolling service or a Lambda function that exists is driven only with this run's
 * mark on it, taken here (written and read back) so that two runs that pass the guard together cannot both drive
 * it: the one that loses looks again, which waits for the other. The strategy then reads the unit afresh, and the
 * mark is removed once it has returned (after its tags are written), also when it failed or threw.
 */
export async function runGuarded(
  ctx: UnitContext,
  definitions: UnitDefinitions | null,
  options: GuardOptions,
  strategy: (prefetched: Prefetched) => Promise<Ending>,
): Promise<Ending> {
  const deadline = ctx.clock.now() + options.timeoutMs;
  for (;;) {
    let read: Prefetched = {};
    const onRead = (tags: Tags, latest: Prefetched) => {
      read = latest;
      options.onRead?.(tags, latest);
    };
    const timeoutMs = Math.max(0, deadline - ctx.clock.now());
    const stopped = await guardUnit(ctx, definitions, { ...options, timeoutMs, onRead });
    if (stopped !== null) return stopped;
    const marked = markedResource(ctx, definitions, read);
    if (marked === null) return strategy(read);
    const attempt = await takeDriverMark(ctx, marked.resource, marked.readTags);
    if (attempt.kind === 'taken') {
      try {
        return await strategy({ driverMark: attempt.mark });
      } finally {
        await attempt.mark.stop();
      }
    }
    if (attempt.kind === 'gone') return strategy({});
    // Lost to a run that wrote its mark in the same moment: the next look finds it and waits for it.
  }
}

/**
 * Whether the strategy may change the unit: it does not when the unit already runs these definitions with nothing
 * in flight (then it answers unchanged, and a re-run writes nothing, not even a mark).
 */
function mayChange(ctx: UnitContext, read: Prefetched): boolean {
  const { service, fn } = read;
  const tags = service?.tags ?? fn?.tags;
  if (tags === undefined || !runsHash(tags, ctx.planned.hash)) return true;
  const inFlight = service ? ecsInFlight(service) : fn ? lambdaInFlight(fn, read.alias ?? null) : null;
  return inFlight !== null;
}

/** The resource a rolling or Lambda run marks, with the read of its tags; null when nothing is to be marked. */
function markedResource(
  ctx: UnitContext,
  definitions: UnitDefinitions | null,
  read: Prefetched,
): { resource: MarkedResource; readTags: () => Promise<Tags | null> } | null {
  if (ctx.planned.action !== 'deploy' || definitions === null || !mayChange(ctx, read)) return null;
  const { service, fn } = read;
  if (ctx.planned.strategy === 'ecs-rolling' && definitions.platform === 'ecs' && service) {
    const { cluster, serviceName } = serviceTarget(ctx, definitions);
    return {
      resource: { platform: 'ecs', arn: service.serviceArn },
      readTags: async () => (await ctx.ports.ecs.describeService(cluster, serviceName))?.tags ?? null,
    };
  }
  if (definitions.platform === 'lambda' && fn) {
    const { functionName } = fn;
    return {
      resource: { platform: 'lambda', arn: fn.functionArn },
      readTags: async () => (await ctx.ports.lambda.describeFunction(functionName))?.tags ?? null,
    };
  }
  return null;
}

/** A result when the unit must not be deployed now (pinned, busy, interrupted while waiting); null: go on. */
export async function guardUnit(ctx: UnitContext, definitions: UnitDefinitions | null, options: GuardOptions): Promise<Ending | null> {
  if (ctx.planned.action !== 'deploy' || definitions === null) return null;
  let read: Prefetched = {};
  const remember = (latest: Prefetched) => {
    read = latest;
  };
  const first = await readProbe(ctx, definitions, remember);
  options.onRead?.(first?.tags ?? {}, read);
  if (first === null) return null;
  const pinned = await pinnedResult(ctx, first, options);
  if (pinned !== null) return pinned;
  if (first.driver === null) {
    if (first.inFlight !== null)
      ctx.emit({
        type: 'unit.phase',
        phase: 'preflight',
        detail: `no gitmoxi run drives what is in flight (${first.inFlight}): this deployment supersedes it`,
      });
    return null;
  }
  const waited = await waitForOtherRun(ctx, definitions, first, options.timeoutMs, remember);
  switch (waited.kind) {
    case 'interrupted':
      return { outcome: 'skipped', interrupted: true };
    case 'busy':
      return busyEnding(ctx.planned.prefix, waited.inFlight, options.timeoutMs);
    case 'gone':
      options.onRead?.({}, read);
      return null;
    case 'settled':
      options.onRead?.(waited.probe.tags, read);
      // What was in flight may have been an operator's rollback, which pins the unit as it completes.
      return pinnedResult(ctx, waited.probe, options);
    default: {
      const never: never = waited;
      return never;
    }
  }
}

type Waited = { kind: 'settled'; probe: LiveProbe } | { kind: 'gone' } | { kind: 'busy'; inFlight: string } | { kind: 'interrupted' };

async function waitForOtherRun(
  ctx: UnitContext,
  definitions: UnitDefinitions,
  first: LiveProbe,
  timeoutMs: number,
  remember: (read: Prefetched) => void,
): Promise<Waited> {
  ctx.emit({ type: 'unit.phase', phase: 'preflight', detail: `another gitmoxi run drives this unit: ${describe(first)}` });
  ctx.emit({ type: 'wait.started', reason: 'another gitmoxi run drives this unit; deploying once it has finished', until: ctx.clock.now() + timeoutMs });
  let last = first;
  const outcome = await waitFor<LiveProbe | null>({
    clock: ctx.clock,
    signal: ctx.signal,
    intervalMs: busyPollMs,
    timeoutMs,
    check: async (elapsed): Promise<Check<LiveProbe | null>> => {
      // The probe that found the unit driven was the first look.
      if (elapsed === 0) return { status: 'pending' };
      const probe = await readProbe(ctx, definitions, remember);
      if (probe === null) return { status: 'done', value: null };
      last = probe;
      return probe.driver === null ? { status: 'done', value: probe } : { status: 'pending' };
    },
  });
  if (outcome.kind === 'aborted') return { kind: 'interrupted' };
  if (outcome.kind === 'done') return outcome.value === null ? { kind: 'gone' } : { kind: 'settled', probe: outcome.value };
  return last.driver === null ? { kind: 'settled', probe: last } : { kind: 'busy', inFlight: describe(last) };
}

function describe(probe: LiveProbe): string {
  return [probe.driver, probe.inFlight].filter((part): part is string => part !== null).join('; ');
}

async function pinnedResult(ctx: UnitContext, probe: LiveProbe, options: GuardOptions): Promise<Ending | null> {
  if (options.pinnedGate === undefined || probe.tags[tagKeys.pinned] === undefined) return null;
  const pin = await options.pinnedGate(ctx.planned, probe.tags);
  if (pin === null) return null;
  const unit = ctx.planned.prefix;
  return {
    outcome: 'pinned',
    ...(probe.revision !== undefined ? { revision: probe.revision } : {}),
    note: `an operator rolled back ${pin.pinned.slice(0, 12)} and pinned the unit; no newer commit has changed it since, so it is left alone (\`gitmoxi rollback --unpin ${unit}\` releases it)`,
  };
}

function busyEnding(unit: string, inFlight: string, timeoutMs: number): Ending {
  const summary = `another deployment still drives ${unit} after ${Math.round(timeoutMs / 1000)} s of waiting (${inFlight}); this run changed nothing and the previous version still runs`;
  const action =
    `Let the other deployment finish (\`gitmoxi status ${unit}\` shows Progressing until then), then deploy again; --busy-timeout SECONDS waits longer. ` +
    `A deployment no one drives any more (left stuck by a run that failed or was killed) does not finish by itself: \`gitmoxi rollback ${unit}\` reverts it.`;
  return {
    outcome: 'busy',
    error: { code: 'E_BUSY', message: summary },
    report: { summary, step: 'preflight', stoppedTasks: [], serviceEvents: [], targetHealth: [], action },
  };
}

/** One DescribeServices, or GetFunction and GetAlias; null when nothing runs yet. */
async function readProbe(ctx: UnitContext, definitions: UnitDefinitions, remember: (read: Prefetched) => void): Promise<LiveProbe | null> {
  if (definitions.platform === 'ecs') {
    const target = serviceTarget(ctx, definitions);
    const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
    remember({ service });
    if (service === null) return null;
    const rolling = ctx.planned.strategy === 'ecs-rolling';
    const inFlight = rolling ? ecsInFlight(service) : null;
    return {
      tags: service.tags,
      inFlight,
      driver: rolling ? driverOf(ctx, service.tags) : null,
      ...(service.taskDefinitionArn !== undefined ? { revision: service.taskDefinitionArn } : {}),
    };
  }
  const target = functionTarget(ctx, String(definitions.lambdadef.FunctionName), definitions.depdef.alias);
  const fn = await ctx.ports.lambda.describeFunction(target.functionName);
  if (fn === null) {
    remember({ fn: null, alias: null });
    return null;
  }
  const alias = target.alias === null ? null : await ctx.ports.lambda.describeAlias(target.functionName, target.alias);
  remember({ fn, alias });
  return {
    tags: fn.tags,
    inFlight: lambdaInFlight(fn, alias),
    driver: driverOf(ctx, fn.tags),
    ...(alias !== null ? { revision: qualifiedArn(fn.functionArn, alias.functionVersion) } : {}),
  };
}

function driverOf(ctx: UnitContext, tags: Tags): string | null {
  const holder = heldByOther(tags, null, ctx.clock.now());
  return holder === null ? null : `gitmoxi run ${holder.owner} is deploying it`;
}
