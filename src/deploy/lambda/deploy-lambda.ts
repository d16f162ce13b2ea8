/**
 * Lambda deployment (docs/design.md#lambda), as a checklist: describe the function and its alias; if it already runs
 * these definitions, stop; else create it (create-function.ts) or update it (update-function.ts): code and
 * configuration, a published version, the readiness check, event sources, the alias shifted in steps with the alarms
 * watched; promote or roll back; tag.
 */
import type { LambdaUnitDefinitions } from '../../defs/validate.js';
import type { DeployContext } from '../context.js';
import type { LambdaAliasState, LambdaFunctionState } from '../ports/lambda-port.js';
import type { Ending } from '../../events/results.js';
import { withDriverMark } from '../driver-mark.js';
import { runsHash } from '../tags.js';
import { createFunction } from './create-function.js';
import { functionTarget, qualifiedArn } from './function-target.js';
import { lambdaReport } from './lambda-result.js';
import type { LambdaRun } from './lambda-run.js';
import { updateFunction } from './update-function.js';
import { missingAlarms } from '../shifting/alarm-gate.js';

export async function deployLambda(ctx: DeployContext, defs: LambdaUnitDefinitions): Promise<Ending> {
  const { lambdadef } = defs;
  const target = functionTarget(ctx, lambdadef.FunctionName, defs.depdef.alias);
  const run: LambdaRun = { ctx, defs, lambdadef, target, packaged: defs.codePackage };
  ctx.emit({ type: 'unit.phase', phase: 'preflight', detail: `describing function ${target.functionName}` });
  const { fn: seen, alias: seenAlias } = ctx.prefetched ?? {};
  const live = seen !== undefined ? seen : await ctx.ports.lambda.describeFunction(target.functionName);
  const alias =
    live === null || target.alias === null
      ? null
      : seenAlias !== undefined
        ? seenAlias
        : await ctx.ports.lambda.describeAlias(target.functionName, target.alias);
  if (live !== null && isUnchanged(run, live, alias)) {
    const revision = alias !== null ? { revision: qualifiedArn(live.functionArn, alias.functionVersion) } : {};
    return { outcome: 'unchanged', ...revision };
  }
  if (ctx.signal.aborted) return { outcome: 'skipped', interrupted: true };
  const missing = await missingAlarms(ctx.ports.alarms, defs.depdef.alarmNames);
  if (missing.length > 0) return refuseMissingAlarms(run, missing);
  if (live === null) return createFunction(run);
  return withDriverMark(ctx, { platform: 'lambda', arn: live.functionArn }, () => updateFunction(run, live, alias));
}

/**
 * Runs these definitions already (the hash tag), settled: no update in flight and the alias, if any, on one
 * version. A split alias means an earlier deployment stopped half-way, which a re-run must finish.
 */
function isUnchanged(run: LambdaRun, live: LambdaFunctionState, alias: LambdaAliasState | null): boolean {
  if (!runsHash(live.tags, run.ctx.planned.hash) || live.lastUpdateStatus === 'InProgress') return false;
  if (run.target.alias === null) return true;
  return alias !== null && alias.functionVersion !== '$LATEST' && Object.keys(alias.additionalWeights).length === 0;
}

/** Alarms that do not exist cannot stop a bad version: refused before anything changes (exit 1, nothing to restore). */
function refuseMissingAlarms(run: LambdaRun, missing: string[]): Ending {
  const summary = `alarm${missing.length === 1 ? '' : 's'} ${missing.join(', ')} named in alarms.alarmNames do${missing.length === 1 ? 'es' : ''} not exist in CloudWatch`;
  const report = lambdaReport(summary, 'preflight');
  report.action = 'Create the alarms (or fix their names in the lambdadepdef) and deploy again; nothing was changed.';
  run.ctx.emit({ type: 'unit.failed', report });
  return { outcome: 'rolled-back', error: { code: 'E_ALARM_MISSING', message: summary }, report };
}
