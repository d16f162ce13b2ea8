/**
 * A unit whose files were deleted: delete what it ran as. That is the plan's identity, read from the definitions
 * at `from` (or, when they did not render there, an earlier commit). When the plan has none, the services and
 * functions whose `gitmoxi:unit` tag names the unit; when none does either, nothing is changed and the unit is
 * not-started (exit 2) with what to do, since gitmoxi cannot tell what to delete.
 */
import type { UnitContext } from './context.js';
import { deleteEcsService } from './ecs/delete-service.js';
import { deleteLambda } from './lambda/delete-lambda.js';
import type { UnitResource } from './ports/tagging-port.js';
import type { Ending } from '../events/results.js';
import { tagKeys } from './tags.js';

export async function deleteUnit(ctx: UnitContext): Promise<Ending> {
  const identity = ctx.planned.identity;
  if (identity?.platform === 'ecs') return deleteEcsService(ctx, { cluster: identity.cluster, serviceName: identity.serviceName });
  if (identity?.platform === 'lambda') return deleteLambda(ctx, identity.functionName);
  ctx.emit({
    type: 'unit.phase',
    phase: 'preflight',
    detail: `its definitions do not say what it ran as: looking for resources tagged ${tagKeys.unit}=${ctx.planned.prefix}`,
  });
  const found = (await ctx.ports.tagging.unitResources(ctx.planned.prefix)).filter(
    (resource) => ctx.planned.platform === null || resource.platform === ctx.planned.platform,
  );
  if (found.length === 0) return nothingFound(ctx);
  let last: Ending = { outcome: 'unchanged' };
  for (const resource of found) {
    ctx.emit({ type: 'unit.phase', phase: 'delete', detail: `found ${nameOf(resource)} by its ${tagKeys.unit} tag` });
    last = resource.platform === 'ecs' ? await deleteEcsService(ctx, resource) : await deleteLambda(ctx, resource.functionName);
    if (last.outcome === 'failed') return last;
  }
  return last;
}

function nothingFound(ctx: UnitContext): Ending {
  const { prefix, region } = ctx.planned;
  const summary = `${prefix} was deleted, but its definitions do not render at the commit before, so gitmoxi cannot tell which service or function it ran as, and none in ${region ?? 'the Region'} is tagged ${tagKeys.unit}=${prefix}`;
  const action = `Nothing was changed. If a service or function of ${prefix} still runs, delete it by hand, or commit definitions that render, deploy them, then delete the files again. If the unit never deployed, there is nothing left to do.`;
  const report = { summary, step: 'delete', stoppedTasks: [], serviceEvents: [], targetHealth: [], action };
  ctx.emit({ type: 'unit.failed', report });
  return { outcome: 'not-started', error: { code: 'E_DELETE_UNKNOWN', message: summary }, report };
}

function nameOf(resource: UnitResource): string {
  return resource.platform === 'ecs' ? `service ${resource.serviceName} in cluster ${resource.cluster}` : `function ${resource.functionName}`;
}
