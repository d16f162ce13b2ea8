/**
 * A function that does not exist yet: create it, wait until it is Active, publish its first version, check it
 * is ready, point the alias at it and attach the event sources. No traffic moves from an older version, so there
 * is no shifting; a failure deletes what was created.
 */
import type { LambdaFunctionState } from '../ports/lambda-port.js';
import type { Ending } from '../../events/results.js';
import { reconcileSources, tagFunction, versionDescription, type LambdaRun } from './lambda-run.js';
import { createFunctionRequest } from './function-requests.js';
import { qualifiedArn } from './function-target.js';
import { waitForFunctionSettled, waitForVersionReady } from './function-waits.js';
import { errorText, lambdaReport } from './lambda-result.js';
import { rollbackCreate } from './undo-failed-deploy.js';

export async function createFunction(run: LambdaRun): Promise<Ending> {
  const { ctx, target, defs } = run;
  const { functionName } = target;
  ctx.emit({ type: 'unit.phase', phase: 'create', detail: `function ${functionName}` });
  let created: LambdaFunctionState;
  try {
    created = await ctx.ports.lambda.createFunction(createFunctionRequest(run.lambdadef, run.packaged));
  } catch (error) {
    return refused(run, errorText(error));
  }
  const functionArn = created.functionArn;
  const fail = (summary: string, step: string, interrupted = false) =>
    rollbackCreate(ctx, { functionName, functionArn, alias: target.alias, unit: ctx.planned.prefix, report: lambdaReport(summary, step), interrupted });
  try {
    ctx.emit({ type: 'unit.phase', phase: 'stabilize', detail: `waiting for ${functionName} to be Active` });
    const settled = await waitForFunctionSettled(ctx, functionName);
    if (settled.kind !== 'ready') return await fail(settled.kind === 'failed' ? settled.reason : `${functionName} did not become Active`, 'create');
    const latest = await ctx.ports.lambda.describeFunction(functionName);
    ctx.emit({ type: 'unit.phase', phase: 'register', detail: `publishing a version of ${functionName}` });
    const version = await ctx.ports.lambda.publishVersion(functionName, latest?.codeSha256 ?? created.codeSha256, versionDescription(run));
    ctx.emit({ type: 'version.published', functionName, version: version.version, reused: false });
    ctx.emit({ type: 'unit.phase', phase: 'stabilize', detail: `readiness check of version ${version.version}` });
    const ready = await waitForVersionReady(ctx, functionName, version.version, defs.depdef.readinessCheck);
    if (ready.kind === 'aborted') return await fail('interrupted before the new function was ready', 'readiness check', true);
    if (ready.kind === 'failed') return await fail(ready.reason, 'readiness check');
    if (target.alias !== null) {
      ctx.emit({ type: 'unit.phase', phase: 'promote', detail: `alias ${target.alias} → version ${version.version}` });
      await ctx.ports.lambda.createAlias(functionName, target.alias, version.version);
      ctx.emit({ type: 'alias.shifted', alias: target.alias, version: version.version, newVersion: null, weight: 1, step: 1, steps: 1 });
    }
    await reconcileSources(run, functionArn);
    await tagFunction(run, functionArn);
    return { outcome: 'deployed', revision: qualifiedArn(functionArn, version.version) };
  } catch (error) {
    return fail(errorText(error), 'create');
  }
}

/** CreateFunction refused (a role Lambda cannot assume, a missing S3 object): nothing exists, nothing to undo. */
function refused(run: LambdaRun, reason: string): Ending {
  const report = lambdaReport(`CreateFunction failed: ${reason}`, 'create');
  report.action = 'Fix the lambdadef (or what it refers to) and deploy again; nothing was created.';
  run.ctx.emit({ type: 'unit.failed', report });
  return { outcome: 'rolled-back', error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report };
}
