/**
 * When a Lambda replacement fails after the new alias took over a target group (a Lambda target group holds one
 * function), the rollback deletes the new function and with it that registration: the old function's alias goes
 * back into every target group gitmoxi had granted it, unless something else is registered there now.
 */
import type { UnitContext } from '../context.js';
import { qualifiedArn } from '../lambda/function-target.js';
import { elbStatementPrefix } from '../lambda/push-sources.js';

/** The target groups the old function's aliases were put back in. */
export async function reattachReplacedFunction(ctx: UnitContext, functionName: string): Promise<string[]> {
  const live = await ctx.ports.lambda.describeFunction(functionName);
  if (live === null) return [];
  const reattached: string[] = [];
  for (const alias of await ctx.ports.lambda.aliasesOfVersion(functionName, null)) {
    const grants = (await ctx.ports.lambda.permissions(functionName, alias)).filter(
      (s) => s.statementId.startsWith(elbStatementPrefix) && s.sourceArn !== undefined,
    );
    for (const grant of grants) {
      const targetGroupArn = grant.sourceArn ?? '';
      const registered = await ctx.ports.loadBalancing.targetHealth(targetGroupArn);
      if (registered.some((health) => health.state !== 'draining')) continue;
      ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: `registering ${functionName}:${alias} in target group ${targetGroupArn} again` });
      await ctx.ports.loadBalancing.registerLambdaTarget(targetGroupArn, qualifiedArn(live.functionArn, alias));
      reattached.push(targetGroupArn);
    }
  }
  return reattached;
}
