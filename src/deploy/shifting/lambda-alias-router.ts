/**
 * A Lambda alias as a traffic router: the new version's share goes in RoutingConfig.AdditionalVersionWeights
 * while the alias still points at the old version; 100 % points it at the new version with no weights. Each
 * change is read back. Restoring puts the alias fully back on the old version.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html
 */
import type { LambdaAliasState, LambdaPort } from '../ports/lambda-port.js';
import { persist } from '../retry-budget.js';
import type { ShiftContext, StepPosition, TrafficRouter } from './traffic-router.js';

/** The alias operations a shift uses. */
export type AliasContext = ShiftContext & { ports: { lambda: Pick<LambdaPort, 'routeAlias' | 'describeAlias'> } };

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

export function lambdaAliasRouter(ctx: AliasContext, shift: AliasShift): TrafficRouter {
  return {
    async setPercent(position) {
      const written = await writeWeight(ctx, shift, position.percent);
      if (written === null || !hasWeight(written, shift, position.percent)) {
        return {
          ok: false,
          reason: `alias ${shift.alias} read back as ${describe(written)} after setting ${position.percent}% on version ${shift.newVersion}`,
        };
      }
      emitShifted(ctx, shift.alias, written, position);
      return { ok: true };
    },
    async restore() {
      await persist(ctx, `routing alias ${shift.alias} back to version ${shift.oldVersion}`, () =>
        ctx.ports.lambda.routeAlias(shift.functionName, shift.alias, shift.oldVersion, null),
      );
      const restored = await persist(ctx, `reading alias ${shift.alias} back`, () => ctx.ports.lambda.describeAlias(shift.functionName, shift.alias));
      if (restored === null) return { ok: false, reason: `alias ${shift.alias} no longer exists` };
      emitShifted(ctx, shift.alias, restored, { step: 0, steps: shift.steps.length });
      const back = restored.functionVersion === shift.oldVersion && Object.keys(restored.additionalWeights).length === 0;
      return back ? { ok: true } : { ok: false, reason: `alias ${shift.alias} read back as ${describe(restored)}` };
    },
  };
}

async function writeWeight(ctx: AliasContext, shift: AliasShift, percent: number): Promise<LambdaAliasState | null> {
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

/** `alias.shifted` from what the alias reads back as, not from what was asked; step 0 is a restore. */
function emitShifted(ctx: ShiftContext, alias: string, state: LambdaAliasState, position: Pick<StepPosition, 'step' | 'steps'>): void {
  const { step, steps } = position;
  const [additional] = Object.entries(state.additionalWeights);
  if (additional === undefined) {
    ctx.emit({ type: 'alias.shifted', alias, version: state.functionVersion, newVersion: null, weight: step === 0 ? 0 : 1, step, steps });
    return;
  }
  const [newVersion, weight] = additional;
  ctx.emit({ type: 'alias.shifted', alias, version: state.functionVersion, newVersion, weight, step, steps });
}

function describe(alias: LambdaAliasState | null): string {
  if (alias === null) return 'missing';
  const weights = Object.entries(alias.additionalWeights).map(([version, weight]) => `${version}=${weight}`);
  return `version ${alias.functionVersion}${weights.length > 0 ? ` with ${weights.join(', ')}` : ''}`;
}
