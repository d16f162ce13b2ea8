/**
 * `alarms.rollback: false` (docs/legacy-keys.md): the user asked that an alarm stop the deployment without
 * restoring anything. Nothing is moved back and nothing is deleted: the weights stay as the last step wrote them,
 * so the version whose alarm fired keeps its share of the traffic until an operator decides. The unit ends as
 * failed, not restored (exit 3), and the report says where traffic is and what to do.
 */
import type { FailureReport, UnitResult } from '../results.js';
import { describeWeights } from './routing.js';
import { finish, type BlueGreenRun } from './run.js';
import type { ShiftPlan } from './shift-and-promote.js';

export async function stopWithoutRollback(run: BlueGreenRun, plan: ShiftPlan, report: FailureReport): Promise<UnitResult> {
  const { ctx } = run;
  ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: 'alarms.rollback is false: traffic and task sets are left as they are' });
  const weights = await readWeights(run, plan);
  const newIds = plan.watcher.taskSetIds.join(', ');
  report.action =
    `Not rolled back, as the depdef asks (alarms.rollback: false): traffic is where this deployment left it (${weights}), ` +
    `and the new task set (${newIds}) still runs beside the old one (${plan.sides.primary.id}), which stays primary. ` +
    `The version whose alarm fired may still take part of the traffic: run \`gitmoxi rollback ${ctx.planned.prefix}\` to put all traffic back on the old task set, ` +
    `or deploy again: the next deployment finishes this one when its new task set runs the same definitions and is healthy (the alarms watched again), else reverts it first.`;
  ctx.emit({ type: 'unit.failed', report });
  return finish(run, { outcome: 'failed', revision: plan.sides.primary.taskDefinitionArn, error: { code: 'E_DEPLOY_FAILED', message: report.summary }, report });
}

/** The weights as ELB reports them now, once per distinct split; what the plan last wrote if they cannot be read. */
async function readWeights(run: BlueGreenRun, plan: ShiftPlan): Promise<string> {
  const groups = [...plan.sides.shift.keys()];
  const routes = await run.ctx.ports.loadBalancing.forwardingRoutes(groups).catch(() => plan.routes);
  return [...new Set(routes.map((route) => describeWeights(route.weights)))].join('; ');
}
