/**
 * The success path after the last traffic step: the new task set becomes primary, then the old side goes, in
 * an order that never drops a request. Every route already sends it nothing (read back after the last step);
 * clients that target group stickiness pins to the old groups are let go first; then the old task sets are
 * scaled to zero, which makes ECS deregister their targets and wait out the deregistration delay (connection
 * draining) before stopping them; once their targets have left the target groups, the task sets are deleted.
 * Runs to the end even if the run is interrupted: the new version already serves all traffic.
 */
import type { EcsTaskSetState } from '../ports/ecs-port.js';
import type { ForwardRoute } from '../ports/elb-port.js';
import { deploymentTags, tagKeys } from '../tags.js';
import { waitFor, waitForDuration } from '../waits.js';
import type { BlueGreenRun } from './run.js';
import { targetGroupsOf } from './sides.js';

/** The longest ELB lets a target drain (deregistration delay, 0–3600 s), plus time for ECS to notice. */
const drainTimeoutMs = 65 * 60 * 1000;

export async function promoteNewSide(run: BlueGreenRun, primary: EcsTaskSetState): Promise<void> {
  const { ctx, target } = run;
  ctx.emit({ type: 'unit.phase', phase: 'promote', detail: `making task set ${primary.id} primary` });
  await ctx.ports.ecs.updateServicePrimaryTaskSet(target.cluster, target.serviceName, primary.id);
  ctx.emit({ type: 'task-set.promoted', taskSetArn: primary.taskSetArn });
}

export async function retireOldSide(run: BlueGreenRun, old: readonly EcsTaskSetState[], routes: readonly ForwardRoute[], newPrimaryId: string): Promise<void> {
  const { ctx, target } = run;
  if (old.length === 0) return;
  const sticky = Math.max(0, ...routes.map((route) => route.stickinessSeconds ?? 0));
  if (sticky > 0) {
    ctx.emit({
      type: 'wait.started',
      reason: `target group stickiness keeps clients on the old target groups for up to ${sticky} s`,
      until: ctx.clock.now() + sticky * 1000,
    });
    await waitForDuration(ctx.clock, sticky * 1000);
  }
  ctx.emit({
    type: 'unit.phase',
    phase: 'cleanup',
    detail: `draining and deleting the old task set${old.length === 1 ? '' : 's'} (${old.map((ts) => ts.id).join(', ')})`,
  });
  const ids = new Set(old.map((ts) => ts.id));
  const tasks = await ctx.ports.ecs.serviceTasks(target.cluster, target.serviceName, 'RUNNING');
  const addresses = new Set(tasks.flatMap((task) => (task.startedBy !== undefined && ids.has(task.startedBy) && task.privateIp ? [task.privateIp] : [])));
  for (const taskSet of old) await ctx.ports.ecs.updateTaskSetScale(target.cluster, target.serviceName, taskSet.id, 0);
  await waitForTargetsGone(run, [...new Set(old.flatMap(targetGroupsOf))], addresses);
  for (const taskSet of old) {
    await ctx.ports.ecs.deleteTaskSet(target.cluster, target.serviceName, taskSet.id, true);
    ctx.emit({ type: 'task-set.deleted', taskSetArn: taskSet.taskSetArn, reason: `replaced by task set ${newPrimaryId}` });
  }
}

/** Until none of these addresses is registered (or draining) in these target groups any more. */
async function waitForTargetsGone(run: BlueGreenRun, targetGroupArns: readonly string[], addresses: ReadonlySet<string>): Promise<boolean> {
  const { ctx } = run;
  if (addresses.size === 0) return true;
  const outcome = await waitFor({
    clock: ctx.clock,
    // Often: the deployment is done once this wait is, so every poll interval is added to its duration.
    intervalMs: 2000,
    timeoutMs: drainTimeoutMs,
    check: async () => {
      const health = await Promise.all(targetGroupArns.map((arn) => ctx.ports.loadBalancing.targetHealth(arn)));
      const left = health.flat().filter((t) => addresses.has(t.targetId)).length;
      return left === 0 ? { status: 'done', value: true } : { status: 'pending' };
    },
  });
  return outcome.kind === 'done';
}

/** After success only (docs/design.md#state): unit, commit and hash on the service and the task sets now serving it. */
export async function tagDeployment(run: BlueGreenRun, taskSetIds: readonly string[]): Promise<void> {
  const { ctx, target } = run;
  ctx.emit({ type: 'unit.phase', phase: 'tag', detail: 'recording the deployed commit on the service' });
  const service = await ctx.ports.ecs.describeService(target.cluster, target.serviceName);
  if (service === null) return;
  if (run.restoring) {
    const { commit } = run.restoring;
    await ctx.ports.ecs.untagResource(service.serviceArn, commit === null ? [tagKeys.hash, tagKeys.commit] : [tagKeys.hash]);
    await ctx.ports.ecs.tagResource(service.serviceArn, { [tagKeys.unit]: ctx.planned.prefix, ...(commit === null ? {} : { [tagKeys.commit]: commit }) });
    return;
  }
  const tags = deploymentTags(ctx.planned.prefix, ctx.commit, run.hash);
  await ctx.ports.ecs.tagResource(service.serviceArn, tags);
  for (const taskSet of service.taskSets.filter((ts) => taskSetIds.includes(ts.id))) await ctx.ports.ecs.tagResource(taskSet.taskSetArn, tags);
}
