/** What the create and update paths of a Lambda deployment share: the run, its event sources, its tags. */
import type { Lambdadef } from '../../defs/lambdadef-schema.js';
import type { LambdaUnitDefinitions } from '../../defs/validate.js';
import type { DeployContext } from '../context.js';
import { deploymentTags } from '../tags.js';
import type { CodePackage } from './function-requests.js';
import type { FunctionTarget } from './function-target.js';
import { reconcilePullSource } from './pull-sources.js';
import { reconcilePushSources } from './push-sources.js';

/** Everything the create and update paths share. */
export interface LambdaRun {
  ctx: DeployContext;
  defs: LambdaUnitDefinitions;
  lambdadef: Lambdadef;
  target: FunctionTarget;
  packaged: CodePackage | undefined;
}

/** Push and pull event sources, on the alias (or the function when the unit has none). */
export async function reconcileSources(run: LambdaRun, functionArn: string): Promise<void> {
  const { ctx, defs, target } = run;
  const sources = defs.eventSources;
  const push = sources?.PushEventSources ?? [];
  if (target.alias !== null) await reconcilePushSources(ctx, { functionName: target.functionName, functionArn, alias: target.alias }, push);
  const wanted = sources?.PullEventSources?.EventSourceMapping;
  const qualifier = qualifierOf(wanted?.FunctionName) ?? target.alias;
  await reconcilePullSource(ctx, { functionName: target.functionName, functionArn, qualifier, unit: ctx.planned.prefix }, wanted);
}

/** `name:qualifier` or an ARN ending in one → the qualifier. */
function qualifierOf(functionName: string | undefined): string | null {
  if (functionName === undefined) return null;
  const afterFunction = functionName.includes(':function:') ? functionName.slice(functionName.indexOf(':function:') + 10) : functionName;
  return afterFunction.split(':')[1] ?? null;
}

/** The tags of docs/design.md#state, with the lambdadef's own, written once the deployment succeeded. */
export async function tagFunction(run: LambdaRun, functionArn: string): Promise<void> {
  run.ctx.emit({ type: 'unit.phase', phase: 'tag', detail: 'recording the deployed commit on the function' });
  const own = run.lambdadef.Tags ?? {};
  await run.ctx.ports.lambda.tagResource(functionArn, { ...own, ...deploymentTags(run.ctx.planned.prefix, run.ctx.commit, run.ctx.planned.hash) });
}

/** Shown by get-function and the console beside each version: which commit of which unit it came from. */
export function versionDescription(run: LambdaRun): string {
  return `gitmoxi ${run.ctx.planned.prefix} at ${run.ctx.commit.slice(0, 12)}`;
}
