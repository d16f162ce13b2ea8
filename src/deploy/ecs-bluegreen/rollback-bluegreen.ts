/**
 * The failure path of a blue/green, also taken on SIGINT/SIGTERM. Order is everything: first every listener
 * and rule sends 100 % to the old target groups again, read back from ELB; only then is the new task set deleted,
 * so traffic never points at a task set that is being deleted. If the weights cannot be restored, nothing is
 * deleted and an operator is asked to look (exit 3). With rollback off, traffic is still restored (never left
 * split) but the new task set stays, with no traffic, for an operator (exit 3). Not interruptible.
 */
import { waitForServiceGone } from '../ecs/delete-service.js';
import type { RestorePlan } from '../ecs/restore-settings.js';
import type { Ending, FailureReport } from '../../events/results.js';
import { errorLine } from '../port-error.js';
import { persist } from '../retry-budget.js';
import { waitFor } from '../waits.js';
import { elbListenerRouter } from '../shifting/elb-listener-router.js';
import type { BlueGreenRun } from './run.js';
import type { Sides } from './sides.js';
import type { ShiftMap } from '../shifting/listener-weights.js';
import type { RouterWrite } from '../shifting/traffic-router.js';

export interface RollbackInput {
  report: FailureReport;
  /** Live target group → partner: the traffic to move back. Empty for a first deployment (nothing to move). */
  shift: ShiftMap;
  /** The task sets this deployment created (the new task set and its Spot fallback). */
  newTaskSetIds: readonly string[];
  /** What ran before (the old primary task set's task definition); absent for a first deployment. */
  previousRevision?: string;
  /** The deployment created the service itself: "before" was no service at all. */
  createdService: boolean;
  interrupted: boolean;
  /** Rebuilds the report after a last look at the new side, once traffic has been moved back. */
  evidence?: () => Promise<FailureReport>;
  /** The service settings (desiredCount, …) the failed update changed, to put back once the new task sets are gone. */
  restore?: RestorePlan;
  /**
   * Rollback off for this failure alone (an alarm with `alarms.rollback: false`): traffic still goes back, since it
   * is never left on a version whose alarm fired, but the new task sets stay for an operator (exit 3).
   */
  keepNew?: boolean;
}

/** How long the deleted task sets may take to drain before the rollback reports them as still going. */
const deleteTimeoutMs = 10 * 60 * 1000;

export async function rollbackBlueGreen(run: BlueGreenRun, input: RollbackInput): Promise<Ending> {
  const { ctx } = run;
  const rollback = run.defs.depdef.rollback && input.keepNew !== true;
  const ending = (result: Ending): Ending => ({ ...result, ...(input.interrupted ? { interrupted: true } : {}) });
  if (rollback) ctx.emit({ type: 'rollback.started', reason: input.report.summary });
  const restored = input.shift.size > 0 ? await moveTrafficBack(run, input.shift) : null;
  // The evidence is gathered once traffic is safe: a last look at the new tasks, their targets, ECS's events.
  const report = input.evidence ? await input.evidence().catch(() => input.report) : input.report;
  ctx.emit({ type: 'unit.failed', report });
  if (restored !== null && !restored.ok) {
    report.action = `Traffic could not be moved back to the old target groups (${restored.reason}). Set the listener and rule weights of ${run.target.serviceName} to 100 on its old target groups by hand, then delete the new task set (${input.newTaskSetIds.join(', ')}).`;
    if (rollback) ctx.emit({ type: 'rollback.finished', restored: false });
    return ending({ outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report });
  }
  if (!rollback) {
    const why = input.keepNew === true ? 'the depdef says alarms.rollback: false' : 'rollback is off';
    report.action = `All traffic is back on the old task set; the new task set (${input.newTaskSetIds.join(', ')}) was left running with no traffic because ${why}. Delete it, or fix the definitions and deploy again.`;
    return ending({
      outcome: 'failed',
      error: { code: 'E_DEPLOY_FAILED', message: report.summary },
      report,
      ...(input.previousRevision ? { revision: input.previousRevision } : {}),
    });
  }
  const removed = input.createdService ? await removeService(run) : await removeTaskSets(run, input.newTaskSetIds);
  if (!removed) {
    report.action = `Traffic is back on the old task set, but the new ${input.createdService ? 'service' : 'task set'} of ${run.target.serviceName} is still being deleted; check it in cluster ${run.target.cluster}.`;
  }
  const settingsError = input.createdService ? null : await restoreServiceSettings(run, input.restore);
  if (settingsError !== null) {
    report.action = `Traffic is back on the old task set, but the service settings could not be put back (${settingsError}): check desiredCount and the deployment configuration of ${run.target.serviceName} in cluster ${run.target.cluster}.`;
    ctx.emit({ type: 'rollback.finished', restored: false });
    return ending({ outcome: 'failed', error: { code: 'E_ROLLBACK_FAILED', message: report.summary }, report });
  }
  ctx.emit({ type: 'rollback.finished', restored: true, ...(input.previousRevision ? { revision: input.previousRevision } : {}) });
  const revisions = input.previousRevision ? { revision: input.previousRevision, previousRevision: input.previousRevision } : {};
  return ending({ outcome: 'rolled-back', ...revisions, error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report });
}

/** UpdateService with the settings as they were; null when done (or nothing to do), else why it failed. */
async function restoreServiceSettings(run: BlueGreenRun, restore: RestorePlan | undefined): Promise<string | null> {
  if (restore === undefined) return null;
  if (restore.unrestorable.length > 0) return `${restore.unrestorable.join(', ')} were not read before the update`;
  if (Object.keys(restore.request).every((key) => key === 'cluster' || key === 'service')) return null;
  run.ctx.emit({
    type: 'unit.phase',
    phase: 'rollback',
    detail: `putting back the service settings: ${Object.keys(restore.request)
      .filter((key) => key !== 'cluster' && key !== 'service')
      .join(', ')}`,
  });
  try {
    await persist(run.ctx, `putting back the settings of service ${run.target.serviceName}`, () => run.ctx.ports.ecs.updateService(restore.request));
    return null;
  } catch (error) {
    return errorLine(error);
  }
}

function moveTrafficBack(run: BlueGreenRun, shift: ShiftMap): Promise<RouterWrite> {
  run.ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: 'moving all traffic back to the old target groups' });
  return elbListenerRouter(run.ctx, shift, []).restore();
}

/**
 * Deletes the task sets this deployment created and waits until ECS has removed them, unless the depdef keeps
 * them for troubleshooting (deleteNewUponTrafficShiftFailure: false); they carry no traffic either way.
 */
async function removeTaskSets(run: BlueGreenRun, ids: readonly string[]): Promise<boolean> {
  const { ctx, target } = run;
  if (!run.defs.depdef.deleteNewUponTrafficShiftFailure) {
    ctx.emit({
      type: 'unit.phase',
      phase: 'rollback',
      detail: `keeping the new task set (${ids.join(', ')}) with no traffic (deleteNewUponTrafficShiftFailure is false)`,
    });
    return true;
  }
  const service = await persist(ctx, 'reading the task sets to delete', () => ctx.ports.ecs.describeService(target.cluster, target.serviceName));
  for (const id of ids) {
    const taskSet = service?.taskSets.find((ts) => ts.id === id);
    await persist(ctx, `deleting task set ${id}`, () => ctx.ports.ecs.deleteTaskSet(target.cluster, target.serviceName, id, true));
    ctx.emit({ type: 'task-set.deleted', taskSetArn: taskSet?.taskSetArn ?? id, reason: 'rolled back' });
  }
  return waitForTaskSetsGone(run, ids);
}

/**
 * Reverts a second side (a deployment in flight or half-finished): every route back to the primary's target groups,
 * read back, and only then the other task sets deleted and waited for. Nothing is deleted if the weights could not
 * be restored. Shared by a deployment that finds what a killed run left and by an operator's rollback.
 */
export async function revertOtherSide(
  run: BlueGreenRun,
  sides: Sides,
  deletedBecause: string,
): Promise<{ ok: true; gone: boolean } | { ok: false; reason: string }> {
  const { ctx, target } = run;
  const others = [...sides.fresh, ...sides.stray];
  const restored = await elbListenerRouter(ctx, sides.shift, []).restore();
  if (!restored.ok) return restored;
  for (const taskSet of others) {
    await persist(ctx, `deleting task set ${taskSet.id}`, () => ctx.ports.ecs.deleteTaskSet(target.cluster, target.serviceName, taskSet.id, true));
    ctx.emit({ type: 'task-set.deleted', taskSetArn: taskSet.taskSetArn, reason: deletedBecause });
  }
  return {
    ok: true,
    gone: await waitForTaskSetsGone(
      run,
      others.map((ts) => ts.id),
    ),
  };
}

async function waitForTaskSetsGone(run: BlueGreenRun, ids: readonly string[]): Promise<boolean> {
  const { ctx, target } = run;
  const outcome = await waitFor({
    clock: ctx.clock,
    intervalMs: 5000,
    timeoutMs: deleteTimeoutMs,
    check: async () => {
      const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
      const left = service?.taskSets.filter((ts) => ids.includes(ts.id)) ?? [];
      return left.length === 0 ? { status: 'done', value: true } : { status: 'pending' };
    },
  });
  return outcome.kind === 'done';
}

async function removeService(run: BlueGreenRun): Promise<boolean> {
  const { ctx, target } = run;
  await persist(ctx, `deleting service ${target.serviceName}`, () => ctx.ports.ecs.deleteService(target.cluster, target.serviceName));
  return waitForServiceGone(ctx, target, deleteTimeoutMs, false);
}
