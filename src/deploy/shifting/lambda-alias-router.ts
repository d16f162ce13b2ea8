/**
 * Moves an alias from the version it runs to a new one in the steps of `trafficSteps`, through
 * RoutingConfig.AdditionalVersionWeights, reading the alias back after every change, waiting and watching the
 * alarms after every step (the last one included). Restoring puts the alias fully back on the old version.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html
 */
import type { UnitContext } from '../context.js';
import type { LambdaAliasState } from '../ports.js';
import { persist } from '../retry-budget.js';
import { watchAlarms, type AlarmWatch } from './alarm-gate.js';

export interface AliasShift {
  functionName: string;
  alias: string;
  oldVersion: string;
  newVersion: string;
  /** Cumulative percents of traffic on the new version, ending at 100. */
  steps: readonly number[];
  waitIntervalSeconds: number;
  alarmNames: readonly string[];
}

export type ShiftOutcome =
  | { kind: 'shifted' }
  | { kind: 'failed'; step: number; reason: string; alarms?: { alarmName: string; stateReason: string }[]; interrupted: boolean };

export async function shiftAlias(ctx: UnitContext, shift: AliasShift): Promise<ShiftOutcome> {
  const total = shift.steps.length;
  for (const [index, percent] of shift.steps.entries()) {
    const step = index + 1;
    if (ctx.signal.aborted) return { kind: 'failed', step, reason: 'interrupted before the next traffic step', interrupted: true };
    ctx.emit({ type: 'unit.phase', phase: 'shift', detail: `step ${step}/${total}: ${percent}% of ${shift.alias} to version ${shift.newVersion}` });
    const written = await writeWeight(ctx, shift, percent);
    if (written === null || !hasWeight(written, shift, percent)) {
      return { kind: 'failed', step, reason: `alias ${shift.alias} read back as ${describe(written)} after setting ${percent}% on version ${shift.newVersion}`, interrupted: false };
    }
    emitShifted(ctx, shift.alias, written, step, total);
    const watched = await watchAlarms(ctx, shift.alarmNames, shift.waitIntervalSeconds * 1000, `${percent}% on version ${shift.newVersion}, watching alarms`);
    const failure = watchFailure(watched, step, percent);
    if (failure !== null) return failure;
  }
  return { kind: 'shifted' };
}

/** Puts every request of the alias back on the old version and reads it back; false when it did not stick. */
export async function restoreAlias(ctx: UnitContext, shift: AliasShift): Promise<boolean> {
  await persist(ctx, `routing alias ${shift.alias} back to version ${shift.oldVersion}`, () => ctx.ports.lambda.routeAlias(shift.functionName, shift.alias, shift.oldVersion, null));
  const restored = await persist(ctx, `reading alias ${shift.alias} back`, () => ctx.ports.lambda.describeAlias(shift.functionName, shift.alias));
  if (restored === null) return false;
  emitShifted(ctx, shift.alias, restored, 0, shift.steps.length);
  return restored.functionVersion === shift.oldVersion && Object.keys(restored.additionalWeights).length === 0;
}

async function writeWeight(ctx: UnitContext, shift: AliasShift, percent: number): Promise<LambdaAliasState | null> {
  const { functionName, alias } = shift;
  if (percent >= 100) await ctx.ports.lambda.routeAlias(functionName, alias, shift.newVersion, null);
  else await ctx.ports.lambda.routeAlias(functionName, alias, shift.oldVersion, { version: shift.newVersion, weight: percent / 100 });
  return ctx.ports.lambda.describeAlias(functionName, alias);
}

function hasWeight(alias: LambdaAliasState, shift: AliasShift, percent: number): boolean {
  const weights = Object.entries(alias.additionalWeights);
  if (percent >= 100) return alias.functionVersion === shift.newVersion && weights.length === 0;
  const weight = alias.additionalWeights[shift.newVersion];
  return alias.functionVersion === shift.oldVersion && weights.length === 1 && weight !== undefined && Math.abs(weight - percent / 100) < 1e-9;
}

/** `alias.shifted` from what the alias reads back as, not from what was asked. */
function emitShifted(ctx: UnitContext, alias: string, state: LambdaAliasState, step: number, steps: number): void {
  const [additional] = Object.entries(state.additionalWeights);
  if (additional === undefined) {
    ctx.emit({ type: 'alias.shifted', alias, version: state.functionVersion, newVersion: null, weight: step === 0 ? 0 : 1, step, steps });
    return;
  }
  const [newVersion, weight] = additional;
  ctx.emit({ type: 'alias.shifted', alias, version: state.functionVersion, newVersion, weight, step, steps });
}

function watchFailure(watched: AlarmWatch, step: number, percent: number): ShiftOutcome | null {
  switch (watched.kind) {
    case 'passed':
      return null;
    case 'aborted':
      return { kind: 'failed', step, reason: `interrupted with ${percent}% on the new version`, interrupted: true };
    case 'alarm': {
      const names = watched.alarms.map((alarm) => alarm.alarmName).join(', ');
      return { kind: 'failed', step, reason: `alarm ${names} fired with ${percent}% on the new version`, alarms: watched.alarms, interrupted: false };
    }
    default: {
      const never: never = watched;
      return never;
    }
  }
}

function describe(alias: LambdaAliasState | null): string {
  if (alias === null) return 'missing';
  const weights = Object.entries(alias.additionalWeights).map(([version, weight]) => `${version}=${weight}`);
  return `version ${alias.functionVersion}${weights.length > 0 ? ` with ${weights.join(', ')}` : ''}`;
}
