/**
 * A deleted lambdadef: the event source mappings gitmoxi made and its target group registrations go first (AWS
 * would keep mappings of a deleted function, and a lambda target group would keep a target that cannot be
 * invoked), then the function with its versions, aliases and permissions. API Gateway routes are left to the
 * API's owner: they answer errors until pointed elsewhere.
 */
import type { UnitContext } from '../context.js';
import type { Ending } from '../../events/results.js';
import { errorText, lambdaReport } from './lambda-result.js';
import { detachAllTargetGroups } from './push-sources.js';
import { removeOwnedMappings } from './pull-sources.js';

export async function deleteLambda(ctx: UnitContext, functionName: string): Promise<Ending> {
  ctx.emit({ type: 'unit.phase', phase: 'delete', detail: `function ${functionName}` });
  const live = await ctx.ports.lambda.describeFunction(functionName);
  if (live === null) return { outcome: 'unchanged' };
  try {
    // The deleted unit's settings are not read, so its alias is unknown: every alias may carry what gitmoxi made.
    const aliases = await ctx.ports.lambda.aliasesOfVersion(functionName, null);
    for (const qualifier of [null, ...aliases]) {
      await removeOwnedMappings(ctx, { functionName, functionArn: live.functionArn, qualifier, unit: ctx.planned.prefix });
    }
    for (const alias of aliases) await detachAllTargetGroups(ctx, { functionName, functionArn: live.functionArn, alias });
    await ctx.ports.lambda.deleteFunction(functionName);
  } catch (error) {
    const report = lambdaReport(`deleting function ${functionName} failed: ${errorText(error)}`, 'delete');
    report.action = `Check function ${functionName}: gitmoxi was deleting it and what it attached.`;
    ctx.emit({ type: 'unit.failed', report });
    return { outcome: 'failed', error: { code: 'E_DELETE_FAILED', message: report.summary }, report };
  }
  return { outcome: 'deleted' };
}
