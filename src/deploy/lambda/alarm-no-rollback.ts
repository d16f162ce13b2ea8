/**
 * `alarms.rollback: false` (docs/legacy-keys.md): the user asked that an alarm stop the deployment without
 * restoring anything. The alias keeps the weights the last step gave it and the new version stays, so the version
 * whose alarm fired keeps its share of the requests until an operator decides. Failed, not restored (exit 3).
 */
import type { UnitContext } from '../context.js';
import type { FailureReport } from '../results.js';
import type { Outcome } from './lambda-result.js';
import type { AliasShift } from './shift-alias.js';

export async function stopWithoutRollback(ctx: UnitContext, shift: AliasShift, report: FailureReport): Promise<Outcome> {
  ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: `alarms.rollback is false: alias ${shift.alias} is left as it is` });
  const alias = await ctx.ports.lambda.describeAlias(shift.functionName, shift.alias).catch(() => null);
  report.action =
    `Not rolled back, as the lambdadepdef asks (alarms.rollback: false): alias ${shift.alias} is where this deployment left it (${routing(alias, shift)}), ` +
    `and version ${shift.newVersion} was kept. The version whose alarm fired may still take part of the requests: run \`gitmoxi rollback ${ctx.planned.prefix}\` ` +
    `to put the alias back on version ${shift.oldVersion} alone, or fix the definitions and deploy again.`;
  ctx.emit({ type: 'unit.failed', report });
  return { outcome: 'failed', error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
}

function routing(alias: Awaited<ReturnType<UnitContext['ports']['lambda']['describeAlias']>>, shift: AliasShift): string {
  if (alias === null) return `it could not be read back; the last step asked for version ${shift.newVersion}`;
  const weights = Object.entries(alias.additionalWeights);
  const extra = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const percent = (weight: number) => `${Math.round(weight * 100)}%`;
  return [`version ${alias.functionVersion} ${percent(1 - extra)}`, ...weights.map(([version, weight]) => `version ${version} ${percent(weight)}`)].join(', ');
}
