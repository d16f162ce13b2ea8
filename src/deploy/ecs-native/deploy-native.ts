/**
 * ECS-native blue/green, linear and canary (svcdef deploymentConfiguration.strategy): ECS shifts the traffic,
 * gitmoxi registers, creates or updates, then follows the service deployment to its end. An interrupt or a
 * timeout asks ECS to roll back (StopServiceDeployment ROLLBACK) and waits for it. See docs/ecs-native.md.
 */
import { effectiveStabilityTimeout } from '../../defs/depdef-schema.js';
import type { Svcdef } from '../../defs/svcdef-schema.js';
import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { DeployContext, UnitContext } from '../context.js';
import { bakeText, bakeWait } from './bake-time.js';
import { liveService } from '../ecs/live-service.js';
import { isRecord, recordOf, recordsOf } from '../../is-record.js';
import { createServiceRequest, svcdefTags, updateServiceRequest } from '../ecs/service-requests.js';
import { serviceTarget, type ServiceTarget } from '../ecs/service-target.js';
import { ensureTaskDefinition } from '../ecs/task-definition.js';
import type { ServiceDeploymentState } from '../ports/ecs-port.js';
import type { Ending } from '../../events/results.js';
import { deploymentTags, runsHash } from '../tags.js';
import { waitFor } from '../waits.js';

const ENDED = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
/** How often a bake's remaining time is reported while it lasts. */
const REPORT_EVERY_MS = 60_000;
/** How long a rollback that gitmoxi asked for may take before the unit needs an operator. */
const ROLLBACK_LIMIT_MS = 30 * 60_000;

export async function deployNative(ctx: DeployContext, defs: EcsUnitDefinitions): Promise<Ending> {
  const target = serviceTarget(ctx, defs);
  const current = await liveService(ctx, target);
  if (current !== null && runsHash(current.tags, ctx.planned.hash)) return { outcome: 'unchanged' };
  if (ctx.signal.aborted) return { outcome: 'skipped', interrupted: true };
  ctx.emit({ type: 'unit.phase', phase: 'register', detail: 'task definition' });
  const taskDefinitionArn = defs.taskdef ? (await ensureTaskDefinition(ctx, defs.taskdef)).taskDefinitionArn : String(defs.svcdef.taskDefinition);
  const { svcdef } = defs;
  const since = ctx.clock.now();
  const service =
    current === null
      ? await ctx.ports.ecs.createService(createServiceRequest(svcdef, taskDefinitionArn, svcdefTags(svcdef)))
      : await ctx.ports.ecs.updateService(updateServiceRequest(svcdef, taskDefinitionArn));
  ctx.emit({ type: current === null ? 'service.created' : 'service.updated', serviceArn: service.serviceArn, taskDefinitionArn });
  const previous = current?.taskDefinitionArn ? { previousRevision: current.taskDefinitionArn } : {};
  const timeoutMs = effectiveStabilityTimeout(defs.depdef, service.desiredCount) * 1000 + bakeMs(svcdef) + pauseMs(svcdef);
  const followed = await follow(ctx, target, since, timeoutMs, ctx.signal, defs.depdef.alarmNames);
  const last = followed.kind === 'done' ? followed.value : undefined;
  if (last?.status === 'SUCCESSFUL') {
    await ctx.ports.ecs.tagResource(service.serviceArn, deploymentTags(ctx.planned.prefix, ctx.commit, ctx.planned.hash));
    return { outcome: 'deployed', revision: taskDefinitionArn, ...previous };
  }
  if (last !== undefined) return ended(last, previous);
  // Interrupted, out of time or a depdef alarm: ECS is asked to put production back on blue, and gitmoxi waits.
  const interrupted = followed.kind === 'aborted';
  const latest = await ctx.ports.ecs.latestServiceDeployment?.(target.cluster, target.serviceName, since);
  if (latest && !ENDED.has(latest.status)) {
    ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: `StopServiceDeployment ROLLBACK of ${latest.serviceDeploymentArn}` });
    await ctx.ports.ecs.rollBackServiceDeployment?.(latest.serviceDeploymentArn);
  }
  const rolled = await follow(ctx, target, since, ROLLBACK_LIMIT_MS, undefined, []);
  const outcome = rolled.kind === 'done' && rolled.value.status === 'ROLLBACK_SUCCESSFUL' ? 'rolled-back' : 'failed';
  const reason = interrupted
    ? 'interrupted'
    : followed.kind === 'failed'
      ? followed.reason
      : `the service deployment did not finish within ${Math.round(timeoutMs / 1000)} s`;
  return {
    outcome,
    ...previous,
    ...(interrupted ? { interrupted } : {}),
    error: { code: outcome === 'failed' ? 'E_ROLLBACK_FAILED' : 'E_DEPLOY_FAILED', message: `ECS rolled back (${reason})` },
  };
}

/**
 * Polls the service deployment, reporting stage, traffic and hooks as they change, until it ends. The depdef's
 * alarms are watched by gitmoxi too: one in ALARM fails the wait, and the caller asks ECS to roll back.
 */
function follow(ctx: UnitContext, target: ServiceTarget, since: number, timeoutMs: number, signal: AbortSignal | undefined, alarmNames: readonly string[]) {
  let seen = '';
  const bake = bakeReporter(ctx);
  const pause = pauseReporter(ctx);
  return waitFor<ServiceDeploymentState>({
    clock: ctx.clock,
    ...(signal ? { signal } : {}),
    intervalMs: 5000,
    timeoutMs,
    check: async () => {
      const state = await ctx.ports.ecs.latestServiceDeployment?.(target.cluster, target.serviceName, since);
      if (!state) return { status: 'pending' };
      if (alarmNames.length > 0 && !ENDED.has(state.status)) {
        const { firing } = await ctx.ports.alarms.firingAlarms(alarmNames);
        if (firing.length > 0) {
          for (const alarm of firing) ctx.emit({ type: 'alarm.fired', alarmName: alarm.alarmName, stateReason: alarm.stateReason });
          return { status: 'failed', reason: `alarm ${firing.map((a) => a.alarmName).join(', ')} in ALARM` };
        }
      }
      const hooks = state.hooks.map((h) => `${h.targetType === 'PAUSE' ? 'pause' : h.stage} hook ${h.status}`).join(', ');
      const line = `${state.status} ${state.lifecycleStage ?? ''}: production ${100 - state.productionWeight}% blue / ${state.productionWeight}% green${hooks ? `; ${hooks}` : ''}`;
      if (line !== seen) ctx.emit({ type: 'unit.phase', phase: state.status.startsWith('ROLLBACK') ? 'rollback' : 'shift', detail: line });
      bake(state, line !== seen);
      pause(state);
      seen = line;
      return ENDED.has(state.status) ? { status: 'done', value: state } : { status: 'pending' };
    },
  });
}

/**
 * Reports a bake's remaining time when it begins and then once a minute (a CI log shows it advancing), as a wait
 * that ends when ECS will move on: renderers show the countdown, NDJSON carries `until`.
 */
function bakeReporter(ctx: UnitContext): (state: ServiceDeploymentState, changed: boolean) => void {
  let firstSeenAt = 0;
  let reportedAt: number | undefined;
  return (state, changed) => {
    const now = ctx.clock.now();
    if (changed) {
      firstSeenAt = now;
      reportedAt = undefined;
    }
    const wait = bakeWait(state, firstSeenAt);
    if (wait === null || (reportedAt !== undefined && now - reportedAt < REPORT_EVERY_MS)) return;
    reportedAt = now;
    const why = wait.label === 'BAKE_TIME' ? 'blue keeps running for a quick rollback' : `production ${wait.greenPercent}% on green until the next step`;
    ctx.emit({ type: 'wait.started', reason: `${bakeText(wait, now)}; ${why}`, until: wait.endsAt });
  };
}

/**
 * A PAUSE hook that awaits action, reported once: where the deployment waits, until when, what ECS then does, and
 * the command that answers it. gitmoxi keeps following; the hook's timeout counts towards its own (pauseMs).
 */
function pauseReporter(ctx: UnitContext): (state: ServiceDeploymentState) => void {
  const told = new Set<string>();
  return (state) => {
    for (const hook of state.hooks) {
      if (hook.targetType !== 'PAUSE' || hook.status !== 'AWAITING_ACTION' || told.has(hook.hookId)) continue;
      told.add(hook.hookId);
      const until = hook.expiresAt ?? ctx.clock.now();
      const then = hook.expiresAt === undefined ? '' : `, then ECS takes ${hook.timeoutAction ?? 'ROLLBACK'} at ${new Date(until).toISOString()}`;
      const answer = `aws ecs continue-service-deployment --service-deployment-arn ${state.serviceDeploymentArn} --hook-id ${hook.hookId}`;
      ctx.emit({
        type: 'wait.started',
        reason: `paused in ${hook.stage}: a PAUSE hook awaits ContinueServiceDeployment${then}; to go on: ${answer} (add --action ROLLBACK to roll back)`,
        until,
      });
    }
  };
}

/** A deployment ECS ended on its own without success: its rollback is reported with ECS's reason. */
function ended(last: ServiceDeploymentState, previous: { previousRevision?: string }): Ending {
  const reason = last.rollbackReason ?? last.statusReason ?? last.status;
  const outcome = last.status === 'ROLLBACK_SUCCESSFUL' ? 'rolled-back' : 'failed';
  return {
    outcome,
    ...previous,
    error: { code: outcome === 'failed' ? 'E_ROLLBACK_FAILED' : 'E_DEPLOY_FAILED', message: reason },
  };
}

/** Bake time and step bakes count towards the time a deployment may take. */
function bakeMs(svcdef: Svcdef): number {
  const config = recordOf(svcdef.deploymentConfiguration);
  const bake = numberOf(config.bakeTimeInMinutes) ?? 0;
  const linear = config.linearConfiguration;
  const steps = isRecord(linear)
    ? Math.ceil(100 / (numberOf(linear.stepPercent) ?? 100)) * (numberOf(linear.stepBakeTimeInMinutes) ?? 0)
    : (numberOf(recordOf(config.canaryConfiguration).canaryBakeTimeInMinutes) ?? 0);
  return (bake + steps) * 60_000;
}

/** PAUSE hooks wait for an answer up to their timeout (ECS's default: 1440 minutes), once per stage they name. */
function pauseMs(svcdef: Svcdef): number {
  const hooks = recordsOf(recordOf(svcdef.deploymentConfiguration).lifecycleHooks).filter((hook) => hook.targetType === 'PAUSE');
  const minutes = hooks.map((hook) => {
    const stages = Array.isArray(hook.lifecycleStages) ? hook.lifecycleStages.length : 1;
    return stages * (numberOf(recordOf(hook.timeoutConfiguration).timeoutInMinutes) ?? 1440);
  });
  return minutes.reduce((sum, m) => sum + m, 0) * 60_000;
}

/** A member the svcdef schema passes through untyped, when it is a number. */
function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
