/**
 * A function that exists: update its code and configuration when they differ (one change at a time, each waited
 * for), publish a version, check it is ready, reconcile the event sources, then shift the alias from the version
 * it runs to the new one in steps with the alarms watched. Success deletes the old version; any failure (update,
 * readiness, alarm, interrupt) puts the alias back on the old version and deletes the new one; only an alarm with
 * `alarms.rollback: false` keeps the new version for an operator once the alias is back.
 */
import type { LambdaAliasState, LambdaFunctionState } from '../ports/lambda-port.js';
import type { Ending } from '../../events/results.js';
import { reconcileSources, tagFunction, versionDescription, type LambdaRun } from './lambda-run.js';
import { codeChanged, configurationChanged, updateCodeRequest, updateConfigurationRequest } from './function-requests.js';
import { qualifiedArn } from './function-target.js';
import { waitForFunctionSettled, waitForVersionReady, withConflictRetry } from './function-waits.js';
import { errorText, lambdaReport } from './lambda-result.js';
import { deleteUnusedVersion, rollbackUpdate } from './undo-failed-deploy.js';
import type { AliasShift } from '../shifting/lambda-alias-router.js';
import { moveAlias, shiftOf } from './move-alias.js';

interface Failure {
  summary: string;
  step: string;
  interrupted?: boolean;
  alarms?: { alarmName: string; stateReason: string }[];
  /** The version published by this deployment, to delete. */
  newVersion?: string;
  /** Set once the alias may have moved. */
  shift?: AliasShift;
}

/** The function and alias as they were before this deployment. */
interface Update {
  run: LambdaRun;
  live: LambdaFunctionState;
  alias: LambdaAliasState | null;
  oldVersion: string | null;
}

export async function updateFunction(run: LambdaRun, live: LambdaFunctionState, alias: LambdaAliasState | null): Promise<Ending> {
  const { ctx, target } = run;
  const update: Update = { run, live, alias, oldVersion: alias?.functionVersion ?? null };
  const changed = await applyChanges(run, live);
  if (changed !== null) return fail(update, { summary: changed, step: 'update' });
  if (ctx.signal.aborted) return fail(update, { summary: 'interrupted before a version was published', step: 'update', interrupted: true });
  let version: string;
  try {
    version = await publish(run, live);
  } catch (error) {
    return fail(update, { summary: errorText(error), step: 'publish' });
  }
  const reused = version === update.oldVersion;
  ctx.emit({ type: 'version.published', functionName: target.functionName, version, reused });
  try {
    return reused ? await keepVersion(update, version) : await rollOut(update, version);
  } catch (error) {
    const shift = !reused && target.alias !== null && alias !== null ? { shift: shiftOf(run, target.alias, alias.functionVersion, version) } : {};
    return fail(update, { summary: errorText(error), step: 'deployment', ...(reused ? {} : { newVersion: version }), ...shift });
  }
}

/** A new version: readiness, event sources, the alias moved in steps, the old version retired, tags. */
async function rollOut(update: Update, version: string): Promise<Ending> {
  const { run, live, alias, oldVersion } = update;
  const { ctx, target } = run;
  ctx.emit({ type: 'unit.phase', phase: 'stabilize', detail: `readiness check of version ${version}` });
  const ready = await waitForVersionReady(ctx, target.functionName, version, run.defs.depdef.readinessCheck);
  if (ready.kind === 'aborted')
    return fail(update, { newVersion: version, summary: 'interrupted before the new version was ready', step: 'readiness check', interrupted: true });
  if (ready.kind === 'failed') return fail(update, { newVersion: version, summary: ready.reason, step: 'readiness check' });
  await reconcileSources(run, live.functionArn);
  if (target.alias !== null) {
    const moved = await moveAlias(run, target.alias, alias, version);
    if (moved !== null) return fail(update, { ...moved, newVersion: version });
  }
  const previous = oldVersion !== null ? await retireVersion(run, live.functionArn, oldVersion) : {};
  await tagFunction(run, live.functionArn);
  return { outcome: 'deployed', revision: qualifiedArn(live.functionArn, version), ...previous };
}

/** Nothing new to run (Lambda returned the version the alias runs): event sources and tags only. */
async function keepVersion(update: Update, version: string): Promise<Ending> {
  const { run, live, alias } = update;
  await reconcileSources(run, live.functionArn);
  if (alias !== null && Object.keys(alias.additionalWeights).length > 0) await clearStrayWeights(run, alias);
  await tagFunction(run, live.functionArn);
  return { outcome: 'deployed', revision: qualifiedArn(live.functionArn, version) };
}

/** PublishVersion of what $LATEST holds now, guarded by its code hash. */
async function publish(run: LambdaRun, live: LambdaFunctionState): Promise<string> {
  const { ctx, target } = run;
  const latest = await ctx.ports.lambda.describeFunction(target.functionName);
  ctx.emit({ type: 'unit.phase', phase: 'register', detail: `publishing a version of ${target.functionName}` });
  const published = await withConflictRetry(ctx, target.functionName, () =>
    ctx.ports.lambda.publishVersion(target.functionName, latest?.codeSha256 ?? live.codeSha256, versionDescription(run)),
  );
  return published.version;
}

async function fail(update: Update, failure: Failure): Promise<Ending> {
  const { run, live, oldVersion } = update;
  const outcome = await rollbackUpdate(run.ctx, {
    functionName: run.target.functionName,
    functionArn: live.functionArn,
    shift: failure.shift ?? null,
    newVersion: failure.newVersion ?? null,
    previousVersion: oldVersion,
    report: lambdaReport(failure.summary, failure.step, failure.alarms),
    interrupted: failure.interrupted ?? false,
    // An alarm with alarms.rollback false keeps the new version for an operator; the alias still goes back.
    keepNewVersion: failure.alarms !== undefined && !run.defs.depdef.alarmsRollback,
  });
  return outcome;
}

/** Code, then configuration, each followed by the wait Lambda needs; null when both went through. */
async function applyChanges(run: LambdaRun, live: LambdaFunctionState): Promise<string | null> {
  const { ctx, target, lambdadef } = run;
  const { functionName } = target;
  if (live.state !== 'Active' || live.lastUpdateStatus === 'InProgress') {
    const settled = await waitForFunctionSettled(ctx, functionName);
    if (settled.kind === 'timeout') return `${functionName} is still busy with an earlier update`;
  }
  try {
    if (codeChanged(lambdadef, run.packaged, live)) {
      ctx.emit({ type: 'unit.phase', phase: 'update', detail: `code of ${functionName}` });
      await withConflictRetry(ctx, functionName, () => ctx.ports.lambda.updateFunctionCode(updateCodeRequest(lambdadef, run.packaged)));
      const settled = await waitForFunctionSettled(ctx, functionName);
      if (settled.kind !== 'ready') return settled.kind === 'failed' ? settled.reason : `the code update of ${functionName} did not finish`;
    }
    const request = updateConfigurationRequest(lambdadef, live);
    if (configurationChanged(request, live)) {
      ctx.emit({ type: 'unit.phase', phase: 'update', detail: `configuration of ${functionName}` });
      await withConflictRetry(ctx, functionName, () => ctx.ports.lambda.updateFunctionConfiguration(request));
      const settled = await waitForFunctionSettled(ctx, functionName);
      if (settled.kind !== 'ready') return settled.kind === 'failed' ? settled.reason : `the configuration update of ${functionName} did not finish`;
    }
  } catch (error) {
    return errorText(error);
  }
  return null;
}

/** After success the old version goes (docs/design.md#lambda); failing to delete it does not undo a healthy deploy. */
async function retireVersion(run: LambdaRun, functionArn: string, oldVersion: string): Promise<{ previousRevision: string }> {
  const { ctx, target } = run;
  try {
    await deleteUnusedVersion(ctx, target.functionName, oldVersion);
  } catch (error) {
    ctx.emit({ type: 'unit.phase', phase: 'cleanup', detail: `could not delete version ${oldVersion}: ${errorText(error)}` });
  }
  return { previousRevision: qualifiedArn(functionArn, oldVersion) };
}

/** An earlier deployment that stopped half-way left weight on another version: the alias runs its own version alone again. */
async function clearStrayWeights(run: LambdaRun, alias: LambdaAliasState): Promise<void> {
  const { ctx, target } = run;
  ctx.emit({ type: 'unit.phase', phase: 'promote', detail: `alias ${alias.name}: clearing the weight an earlier deployment left` });
  await ctx.ports.lambda.routeAlias(target.functionName, alias.name, alias.functionVersion, null);
  ctx.emit({ type: 'alias.shifted', alias: alias.name, version: alias.functionVersion, newVersion: null, weight: 1, step: 1, steps: 1 });
}
