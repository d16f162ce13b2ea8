/**
 * The alias of a Lambda unit moved to a newly published version: created on it when missing (nothing runs
 * through it yet), else shifted in the depdef's steps through the one shifting loop, its alarms examined during
 * every wait. A stop becomes the failure the update reports and rolls back from.
 */
import type { LambdaAliasState } from '../ports/lambda-port.js';
import { alarmGate } from '../shifting/alarm-gate.js';
import { lambdaAliasRouter, type AliasShift } from '../shifting/lambda-alias-router.js';
import { trafficSteps } from '../../plan/linear-canary-steps.js';
import { shiftInSteps, type ShiftEnding } from '../shifting/shift-in-steps.js';
import { errorText } from './lambda-result.js';
import type { LambdaRun } from './lambda-run.js';

/** Why the alias did not reach the new version, with where, for the update's failure report. */
export interface AliasFailure {
  summary: string;
  step: string;
  interrupted?: boolean;
  alarms?: { alarmName: string; stateReason: string }[];
  /** What the rollback puts back. */
  shift: AliasShift;
}

/** The alias to the new version: created when missing (nothing runs through it yet), else shifted in steps. */
export async function moveAlias(run: LambdaRun, aliasName: string, alias: LambdaAliasState | null, version: string): Promise<AliasFailure | null> {
  const { ctx, target } = run;
  if (alias === null) {
    ctx.emit({ type: 'unit.phase', phase: 'promote', detail: `alias ${aliasName} → version ${version}` });
    await ctx.ports.lambda.createAlias(target.functionName, aliasName, version);
    ctx.emit({ type: 'alias.shifted', alias: aliasName, version, newVersion: null, weight: 1, step: 1, steps: 1 });
    return null;
  }
  const shift = shiftOf(run, aliasName, alias.functionVersion, version);
  const waitMs = shift.waitIntervalSeconds * 1000;
  const ending = await shiftInSteps(ctx, {
    router: lambdaAliasRouter(ctx, shift),
    steps: shift.steps,
    waitMs,
    pollMs: Math.min(alarmPollMs, waitMs),
    gates: shift.alarmNames.length > 0 ? [alarmGate(ctx.ports.alarms, shift.alarmNames)] : [],
    describe: {
      step: ({ step, steps, percent }) => `step ${step}/${steps}: ${percent}% of ${shift.alias} to version ${shift.newVersion}`,
      wait: ({ percent }) => `${percent}% on version ${shift.newVersion}, watching alarms`,
    },
  });
  return ending.kind === 'shifted' ? null : shiftFailure(ending, shift);
}

/** At most this long between two looks at the alarms: CloudWatch evaluates them every minute or faster. */
const alarmPollMs = 10_000;

function shiftFailure(ending: Extract<ShiftEnding, { kind: 'stopped' }>, shift: AliasShift): AliasFailure {
  const { stop, position } = ending;
  const percent = position?.percent ?? 0;
  const step = `traffic shift step ${position?.step ?? 1} of ${shift.steps.length}`;
  switch (stop.kind) {
    case 'aborted': {
      const summary = ending.at === 'before-step' ? 'interrupted before the next traffic step' : `interrupted with ${percent}% on the new version`;
      return { summary, step, interrupted: true, shift };
    }
    case 'unwritten':
      return { summary: stop.reason, step, interrupted: false, shift };
    case 'alarm': {
      const names = stop.alarms.map((alarm) => alarm.alarmName).join(', ');
      return { summary: `alarm ${names} fired with ${percent}% on the new version`, step, interrupted: false, shift, alarms: stop.alarms };
    }
    case 'unhealthy':
      return { summary: `${stop.reason} with ${percent}% on the new version`, step, interrupted: false, shift };
    case 'breaker':
      return { summary: `${stop.failed} failures with ${percent}% on the new version`, step, interrupted: false, shift };
    case 'error':
      // As any other error of the deployment: traffic may be split, so the alias goes back.
      return { summary: errorText(stop.error), step: 'deployment', shift };
    default: {
      const never: never = stop;
      return never;
    }
  }
}

/** Weighted routing needs a published primary version: from `$LATEST` the alias can only move at once. */
export function shiftOf(run: LambdaRun, alias: string, oldVersion: string, newVersion: string): AliasShift {
  const settings = run.defs.depdef;
  const steps = oldVersion === '$LATEST' ? [100] : trafficSteps(settings.trafficShiftingConfig);
  return {
    functionName: run.target.functionName,
    alias,
    oldVersion,
    newVersion,
    steps,
    waitIntervalSeconds: settings.trafficShiftingConfig.waitInterval,
    alarmNames: settings.alarmNames,
  };
}
