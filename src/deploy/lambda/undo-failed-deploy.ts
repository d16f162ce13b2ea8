/**
 * The failure path of a Lambda deployment, also taken on SIGINT/SIGTERM, and not interruptible itself: the alias
 * goes back to the version it ran (read back to be sure), then the new version is deleted, unless another alias
 * routes to it. A function this deployment created is deleted with what gitmoxi attached to it, since "before"
 * was no function at all.
 */
import type { UnitContext } from '../context.js';
import type { FailureReport } from '../../events/results.js';
import { persist } from '../retry-budget.js';
import { qualifiedArn } from './function-target.js';
import { errorText } from './lambda-result.js';
import type { Ending } from '../../events/results.js';
import { detachAllTargetGroups } from './push-sources.js';
import { removeOwnedMappings } from './pull-sources.js';
import { lambdaAliasRouter, type AliasShift } from '../shifting/lambda-alias-router.js';

export interface UpdateRollback {
  functionName: string;
  functionArn: string;
  /** Set once the alias may have moved: it is put back on `shift.oldVersion`. */
  shift: AliasShift | null;
  /** The version this deployment published, to delete; null when none was (or it is the one that runs). */
  newVersion: string | null;
  /** What ran before, for the result. */
  previousVersion: string | null;
  report: FailureReport;
  interrupted: boolean;
  /**
   * `alarms.rollback: false`: the alias still goes back (requests never stay on a version whose alarm fired), but
   * the new version is kept for an operator and the unit ends failed, not restored (exit 3).
   */
  keepNewVersion?: boolean;
}

export async function rollbackUpdate(ctx: UnitContext, input: UpdateRollback): Promise<Ending> {
  const { report } = input;
  ctx.emit({ type: 'unit.failed', report });
  ctx.emit({ type: 'rollback.started', reason: report.summary });
  const previous = input.previousVersion === null ? undefined : qualifiedArn(input.functionArn, input.previousVersion);
  const failed = { error: { code: 'E_DEPLOY_FAILED' as const, message: report.summary }, report, ...(input.interrupted ? { interrupted: true } : {}) };
  try {
    if (input.shift !== null) {
      ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: `alias ${input.shift.alias} back to version ${input.shift.oldVersion}` });
      if (!(await lambdaAliasRouter(ctx, input.shift).restore()).ok)
        return notRestored(ctx, input, `alias ${input.shift.alias} did not read back on version ${input.shift.oldVersion}`);
    }
    if (input.keepNewVersion === true && input.newVersion !== null) return keptForOperator(ctx, input, previous);
    if (input.newVersion !== null) await deleteUnusedVersion(ctx, input.functionName, input.newVersion);
  } catch (error) {
    return notRestored(ctx, input, errorText(error));
  }
  ctx.emit({ type: 'rollback.finished', restored: true, ...(previous !== undefined ? { revision: previous } : {}) });
  return { outcome: 'rolled-back', ...(previous !== undefined ? { revision: previous, previousRevision: previous } : {}), ...failed };
}

function keptForOperator(ctx: UnitContext, input: UpdateRollback, previous: string | undefined): Ending {
  const alias = input.shift?.alias ?? 'the alias';
  input.report.action =
    `${alias} is back on version ${input.previousVersion ?? '(none)'} alone; version ${input.newVersion ?? ''} was kept, as the lambdadepdef asks ` +
    `(alarms.rollback: false). Look at it, then delete it or fix the definitions and deploy again.`;
  ctx.emit({ type: 'rollback.finished', restored: true, ...(previous !== undefined ? { revision: previous } : {}) });
  return {
    outcome: 'failed',
    error: { code: 'E_DEPLOY_FAILED', message: input.report.summary },
    report: input.report,
    ...(input.interrupted ? { interrupted: true } : {}),
  };
}

function notRestored(ctx: UnitContext, input: UpdateRollback, why: string): Ending {
  const alias = input.shift?.alias;
  input.report.action =
    `Restoring failed (${why}). Check function ${input.functionName}` +
    (alias !== undefined && input.shift !== null ? `: alias ${alias} should run version ${input.shift.oldVersion} alone.` : '.');
  ctx.emit({ type: 'rollback.finished', restored: false });
  return {
    outcome: 'failed',
    error: { code: 'E_ROLLBACK_FAILED', message: input.report.summary },
    report: input.report,
    ...(input.interrupted ? { interrupted: true } : {}),
  };
}

/** Deletes a published version unless an alias still routes to it (Lambda would refuse, and it still serves). */
export async function deleteUnusedVersion(ctx: UnitContext, functionName: string, version: string): Promise<boolean> {
  if (version === '$LATEST') return false;
  const users = await persist(ctx, `listing the aliases of version ${version}`, () => ctx.ports.lambda.aliasesOfVersion(functionName, version));
  if (users.length > 0) {
    ctx.emit({ type: 'unit.phase', phase: 'cleanup', detail: `keeping version ${version}: alias ${users.join(', ')} still uses it` });
    return false;
  }
  ctx.emit({ type: 'unit.phase', phase: 'cleanup', detail: `deleting version ${version} of ${functionName}` });
  await persist(ctx, `deleting version ${version} of ${functionName}`, () => ctx.ports.lambda.deleteVersion(functionName, version));
  return true;
}

export interface CreateRollback {
  functionName: string;
  functionArn: string;
  alias: string | null;
  unit: string;
  report: FailureReport;
  interrupted: boolean;
}

/** A function this deployment created: its mappings and target registrations go first, then the function. */
export async function rollbackCreate(ctx: UnitContext, input: CreateRollback): Promise<Ending> {
  const { report } = input;
  ctx.emit({ type: 'unit.failed', report });
  ctx.emit({ type: 'rollback.started', reason: report.summary });
  ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: `deleting the new function ${input.functionName}` });
  const failed = { error: { code: 'E_DEPLOY_FAILED' as const, message: report.summary }, report, ...(input.interrupted ? { interrupted: true } : {}) };
  try {
    await removeOwnedMappings(ctx, { functionName: input.functionName, functionArn: input.functionArn, qualifier: input.alias, unit: input.unit });
    if (input.alias !== null) await detachAllTargetGroups(ctx, { functionName: input.functionName, functionArn: input.functionArn, alias: input.alias });
    await persist(ctx, `deleting function ${input.functionName}`, () => ctx.ports.lambda.deleteFunction(input.functionName));
  } catch (error) {
    report.action = `Deleting the new function failed (${errorText(error)}). Check function ${input.functionName}.`;
    ctx.emit({ type: 'rollback.finished', restored: false });
    return { ...failed, outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary } };
  }
  ctx.emit({ type: 'rollback.finished', restored: true });
  return { outcome: 'rolled-back', ...failed };
}
