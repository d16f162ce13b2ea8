/**
 * A unit whose identity changed (a renamed service or function, another cluster or Region) replaces the resource
 * it ran as: the new one is deployed first by the unit's own strategy; only once it is deployed and healthy is the
 * old one retired (its traffic moved, then deleted). When the new one fails, the old one keeps serving, untouched.
 * See docs/replacements.md.
 */
import type { UnitDefinitions } from '../../defs/validate.js';
import type { UnitIdentity } from '../../plan/types.js';
import type { DeployContext, UnitContext } from '../context.js';
import { deleteLambda } from '../lambda/delete-lambda.js';
import type { Ending } from '../../events/results.js';
import { tagKeys } from '../tags.js';
import { reattachReplacedFunction } from './reattach-function.js';
import { retireService, type Retirement } from './retire-service.js';

type DeployStrategy = (ctx: DeployContext, definitions: UnitDefinitions | null) => Promise<Ending>;

export function withReplacement(strategy: DeployStrategy): DeployStrategy {
  return async (ctx, definitions) => {
    const old = ctx.planned.replaces;
    const now = ctx.planned.identity;
    if (old === undefined || old.platform !== now.platform) return strategy(ctx, definitions);
    const replaced = describeIdentity(old);
    ctx.emit({ type: 'replacement.started', replaced, by: describeIdentity(now) });
    const result = await strategy(ctx, definitions);
    if (result.outcome !== 'deployed' && result.outcome !== 'unchanged') return keepOld(ctx, old, replaced, result);
    // Interrupted once the new one runs: both serve, which is safe; the next deploy of this commit retires the old one.
    const retirement: Retirement = ctx.signal.aborted
      ? { kind: 'left', detail: 'the run was interrupted before the old one was retired; deploy again to retire it' }
      : await retire(ctx, old, now).catch((error: unknown): Retirement => ({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) }));
    ctx.emit({ type: 'replacement.finished', replaced, retired: retirement.kind === 'retired', detail: retirement.detail });
    if (retirement.kind === 'retired') return result;
    if (retirement.kind === 'left') return { ...result, note: `${replaced} was left as it was: ${retirement.detail}` };
    const summary = `the replacement ${describeIdentity(now)} is deployed, but retiring ${replaced} failed: ${retirement.detail}`;
    const report = {
      summary,
      step: 'retire the replaced resource',
      stoppedTasks: [],
      serviceEvents: [],
      targetHealth: [],
      action: `${describeIdentity(now)} runs the new definitions. Check ${replaced}: move what still uses it to the replacement, then delete it.`,
    };
    ctx.emit({ type: 'unit.failed', report });
    return { ...result, outcome: 'failed', error: { code: 'E_REPLACE_FAILED', message: summary }, report };
  };
}

/** The new one failed: the old one keeps serving (a Lambda alias goes back into the target groups it left). */
async function keepOld(ctx: UnitContext, old: UnitIdentity, replaced: string, result: Ending): Promise<Ending> {
  let detail = `the new one is not deployed (${result.outcome}), so the old one keeps serving, untouched`;
  // Only this run's own rollback can have taken the target group from the old function; busy or pinned runs changed nothing.
  const rolledBack = result.outcome === 'rolled-back' || result.outcome === 'failed';
  if (rolledBack && old.platform === 'lambda' && (old.region ?? '') === ctx.planned.region) {
    try {
      const reattached = await reattachReplacedFunction(ctx, old.functionName);
      if (reattached.length > 0)
        detail = `the new one is not deployed (${result.outcome}), so the old one keeps serving, registered again in ${reattached.join(', ')}`;
    } catch (error) {
      const why = `the old function could not be registered again in its target group: ${error instanceof Error ? error.message : String(error)}`;
      ctx.emit({ type: 'replacement.finished', replaced, retired: false, detail: why });
      const report = result.report === undefined ? undefined : { ...result.report, action: `Register ${replaced}'s alias in its target group again (${why}).` };
      return { ...result, outcome: 'failed', ...(report ? { report } : {}) };
    }
  }
  ctx.emit({ type: 'replacement.finished', replaced, retired: false, detail });
  return result;
}

async function retire(ctx: UnitContext, old: UnitIdentity, now: UnitIdentity): Promise<Retirement> {
  const sameRegion = (old.region ?? '') === (now.region ?? '') || old.region === null;
  const oldCtx: UnitContext = sameRegion || ctx.portsIn === undefined ? ctx : { ...ctx, ports: ctx.portsIn(old.region ?? '') };
  if (old.platform === 'ecs' && now.platform === 'ecs') {
    const replacement = sameRegion ? await ctx.ports.ecs.describeService(now.cluster, now.serviceName) : null;
    return retireService(oldCtx, { cluster: old.cluster, serviceName: old.serviceName }, replacement);
  }
  if (old.platform !== 'lambda') return { kind: 'left', detail: 'it is not the same kind of resource' };
  return retireFunction(oldCtx, old.functionName);
}

/** The new function's alias is ready and its event sources are attached: the old function, with its own, goes. */
async function retireFunction(oldCtx: UnitContext, functionName: string): Promise<Retirement> {
  const live = await oldCtx.ports.lambda.describeFunction(functionName);
  if (live === null) return { kind: 'retired', detail: 'it was already deleted' };
  const owner = live.tags[tagKeys.unit];
  if (owner !== oldCtx.planned.prefix) {
    return {
      kind: 'left',
      detail: owner === undefined ? `it carries no ${tagKeys.unit} tag, so it is not this unit's to delete` : `its ${tagKeys.unit} tag names ${owner}`,
    };
  }
  const deleted = await deleteLambda(oldCtx, functionName);
  if (deleted.outcome === 'failed') return { kind: 'failed', detail: deleted.error?.message ?? 'deleting it failed' };
  return { kind: 'retired', detail: `function ${functionName} deleted with its event source mappings and target group registrations` };
}

function describeIdentity(identity: UnitIdentity): string {
  const region = identity.region ? ` (${identity.region})` : '';
  return identity.platform === 'ecs' ? `service ${identity.serviceName} in cluster ${identity.cluster}${region}` : `function ${identity.functionName}${region}`;
}
