/**
 * The ECS deployment controller's BLUE_GREEN, LINEAR and CANARY strategies: green tasks start beside blue
 * ones, then the stages run in order (hooks where configured), production weights move step by step with a
 * bake between steps, blue keeps running through the bake time for a quick rollback, and CLEAN_UP stops it.
 * An alarm in ALARM, a hook answering FAILED, the circuit breaker or StopServiceDeployment ROLLBACK send all
 * traffic back to blue and stop green.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html
 */
import type { DeploymentLifecycleHookTimeoutConfiguration } from '@aws-sdk/client-ecs';
import { randomBytes } from 'node:crypto';
import { breakerThreshold } from './ecs-deployment-circuit-breaker.js';
import { addServiceEvent } from './events.js';
import type { EcsModel } from './model.js';
import { type HookAnswerRecord, type HookStage, stepBakeMinutes, type NativeStage, type ServiceDeploymentRecord } from './native-records.js';
import { alarmsInAlarm, invokeHook, writeWeights } from './native-world.js';
import type { DeploymentRecord, ServiceRecord } from './records.js';
import { copyLaunchSpec, isActive, isPending, isRunning, launchTasks, stopForScaling } from './scheduler.js';

/** ECS re-invokes a hook that answered IN_PROGRESS after 30 seconds. */
const HOOK_RETRY_SECONDS = 30;
/** A PAUSE hook without timeoutConfiguration waits 24 hours. */
const PAUSE_TIMEOUT_MINUTES = 1440;
const MINUTE = 60_000;

const STAGES: readonly NativeStage[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

export function reconcileNative(service: ServiceRecord, deployment: ServiceDeploymentRecord, model: EcsModel): void {
  const green = service.deployments.find((d) => d.id === deployment.greenDeploymentId);
  if (!green) return;
  if (deployment.status === 'IN_PROGRESS') {
    watchMonitors(service, deployment, green, model);
    if (deployment.status === 'IN_PROGRESS') {
      keepGreenScaled(service, deployment, green, model);
      for (let guard = 0; guard < STAGES.length + 2 && step(service, deployment, green, model); guard += 1);
    }
  }
  if (deployment.status === 'ROLLBACK_IN_PROGRESS') finishRollback(service, deployment, green, model);
  refreshCounts(service, model);
}

function keepGreenScaled(service: ServiceRecord, deployment: ServiceDeploymentRecord, green: DeploymentRecord, model: EcsModel): void {
  if (STAGES.indexOf(deployment.lifecycleStage) < STAGES.indexOf('SCALE_UP')) return;
  green.desiredCount = service.desiredCount;
  const need = service.desiredCount - model.tasksOf(service, green.id).filter(isActive).length;
  if (need > 0) launchTasks(service, { kind: 'deployment', id: green.id, spec: green }, need, model);
}

/**
 * Alarms and the circuit breaker (green tasks that failed), ECS's two failure detectors, which AWS supports for
 * blue/green as for rolling deployments. With `rollback` on, a failure rolls back; with it off, the deployment
 * stops where it is (ServiceDeployment.stoppedAt: "the rollback option is not in use for the failure detection
 * mechanism and the service fails").
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-failure-detection.html
 */
function watchMonitors(service: ServiceRecord, deployment: ServiceDeploymentRecord, green: DeploymentRecord, model: EcsModel): void {
  const alarms = deployment.configuration.alarms;
  if (alarms?.enable) {
    const firing = alarmsInAlarm(model, alarms.alarmNames ?? []);
    if (firing.length > 0) {
      deployment.triggeredAlarms = firing;
      const why = `alarm(s) ${firing.join(', ')} went into ALARM.`;
      return alarms.rollback
        ? startRollback(service, deployment, `Service deployment rolled back because ${why}`, model)
        : stopFailed(service, deployment, green, `Service deployment failed because ${why}`, model);
    }
  }
  const breaker = deployment.configuration.deploymentCircuitBreaker;
  if (breaker?.enable && green.failedTasks >= breakerThreshold(service.desiredCount)) {
    const why = 'the circuit breaker threshold was exceeded.';
    if (breaker.rollback) startRollback(service, deployment, `Service deployment rolled back because ${why}`, model);
    else stopFailed(service, deployment, green, `Service deployment failed because ${why}`, model);
  }
}

/** A failure without rollback: ECS stops the deployment; traffic stays as it is and green launches no more tasks. */
function stopFailed(service: ServiceRecord, deployment: ServiceDeploymentRecord, green: DeploymentRecord, reason: string, model: EcsModel): void {
  Object.assign(deployment, { status: 'STOPPED', statusReason: reason, stoppedAt: model.now, finishedAt: model.now, updatedAt: model.now });
  delete deployment.nextAt;
  green.rolloutState = 'FAILED';
  green.rolloutStateReason = reason;
  addServiceEvent(service, `(service ${service.name}) ${reason}`, model.now);
}

/** Runs the current stage; returns whether it moved on (so the caller runs the next one at the same instant). */
function step(service: ServiceRecord, deployment: ServiceDeploymentRecord, green: DeploymentRecord, model: EcsModel): boolean {
  const now = model.now;
  if (deployment.nextAt !== undefined && deployment.nextAt > now) return false;
  const stage = deployment.lifecycleStage;
  // PRE_PRODUCTION_TRAFFIC_SHIFT hooks: before production's first shift, and before the stage's own hooks.
  const beforeProduction = stage === 'PRODUCTION_TRAFFIC_SHIFT' && deployment.productionWeight === 0;
  if (beforeProduction && !runHooks(service, deployment, model, 'PRE_PRODUCTION_TRAFFIC_SHIFT')) return false;
  if (!runHooks(service, deployment, model)) return false;
  if (deployment.status !== 'IN_PROGRESS') return false;
  switch (stage) {
    case 'SCALE_UP': {
      const tasks = model.tasksOf(service, green.id).filter(isActive);
      if (tasks.length < service.desiredCount || !tasks.every((t) => model.healthy(service, t))) return false;
      break;
    }
    case 'TEST_TRAFFIC_SHIFT':
      shiftTest(deployment, model, 100);
      break;
    case 'PRODUCTION_TRAFFIC_SHIFT':
      if (!shiftProduction(deployment, model)) return false;
      break;
    case 'BAKE_TIME':
      if (deployment.nextAt === undefined) {
        deployment.nextAt = now + (deployment.configuration.bakeTimeInMinutes ?? 0) * MINUTE;
        if (deployment.nextAt > now) return false;
      }
      break;
    case 'CLEAN_UP':
      return finishSuccess(service, deployment, green, model);
    default:
      break;
  }
  delete deployment.nextAt;
  const next = STAGES[STAGES.indexOf(stage) + 1];
  if (next) enterStage(service, deployment, next, now);
  return true;
}

function enterStage(service: ServiceRecord, deployment: ServiceDeploymentRecord, stage: NativeStage, now: number): void {
  deployment.lifecycleStage = stage;
  deployment.updatedAt = now;
  addServiceEvent(service, `(service ${service.name}) service deployment ${lastId(deployment.arn)} entered ${stage}.`, now);
}

/**
 * Each hook of this stage must answer SUCCEEDED before the stage's own work; FAILED rolls back. A PAUSE hook
 * waits for ContinueServiceDeployment until it expires, then takes its timeout action (default: ROLLBACK after
 * 1440 minutes). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/pause-lifecycle-hooks.html
 */
function runHooks(service: ServiceRecord, deployment: ServiceDeploymentRecord, model: EcsModel, stage: HookStage = deployment.lifecycleStage): boolean {
  const hooks = (deployment.configuration.lifecycleHooks ?? []).filter((hook) => (hook.lifecycleStages ?? []).some((hookStage) => hookStage === stage));
  for (const [index, hook] of hooks.entries()) {
    const key = `${stage}-${index}`;
    let record = deployment.hooks.find((h) => h.key === key);
    if (record?.status === 'SUCCEEDED' || record?.status === 'TIMED_OUT') continue;
    if (hook.targetType === 'PAUSE') {
      if (!record) record = startPause(service, deployment, key, stage, hook.timeoutConfiguration, model);
      if (record.status !== 'AWAITING_ACTION') return false;
      if ((record.expiresAt ?? 0) > model.now) {
        deployment.nextAt = record.expiresAt ?? model.now;
        return false;
      }
      record.status = 'TIMED_OUT';
      if (record.timeoutAction === 'CONTINUE') continue;
      startRollback(service, deployment, `Service deployment rolled back because the pause hook ${record.hookId} in ${stage} timed out.`, model);
      return false;
    }
    if (!record) {
      record = { key, hookId: key, targetType: 'AWS_LAMBDA', targetArn: hook.hookTargetArn ?? '', stage, status: 'IN_PROGRESS', invocations: 0 };
      deployment.hooks.push(record);
    }
    record.invocations += 1;
    record.status = invokeHook(model, record.targetArn, stage, record.invocations);
    if (record.status === 'FAILED') {
      startRollback(service, deployment, `Service deployment rolled back because the lifecycle hook ${record.targetArn} failed in ${stage}.`, model);
      return false;
    }
    if (record.status === 'IN_PROGRESS') {
      deployment.nextAt = model.now + HOOK_RETRY_SECONDS * 1000;
      return false;
    }
  }
  return true;
}

function startPause(
  service: ServiceRecord,
  deployment: ServiceDeploymentRecord,
  key: string,
  stage: HookStage,
  timeout: DeploymentLifecycleHookTimeoutConfiguration | undefined,
  model: EcsModel,
): HookAnswerRecord {
  const record: HookAnswerRecord = {
    key,
    hookId: `ecs-pause-${randomBytes(32).toString('base64url')}`,
    targetType: 'PAUSE',
    targetArn: '',
    stage,
    status: 'AWAITING_ACTION',
    invocations: 0,
    expiresAt: model.now + (timeout?.timeoutInMinutes ?? PAUSE_TIMEOUT_MINUTES) * MINUTE,
    timeoutAction: timeout?.action ?? 'ROLLBACK',
  };
  deployment.hooks.push(record);
  deployment.updatedAt = model.now;
  addServiceEvent(
    service,
    `(service ${service.name}) service deployment ${lastId(deployment.arn)} paused in ${stage}: pause hook ${record.hookId} awaits action.`,
    model.now,
  );
  return record;
}

function shiftTest(deployment: ServiceDeploymentRecord, model: EcsModel, greenWeight: number): void {
  const rule = advancedOf(deployment, model)?.testListenerRule;
  if (!rule || !deployment.blueTargetGroupArn || !deployment.greenTargetGroupArn) return;
  if (writeWeights(model, rule, deployment.blueTargetGroupArn, deployment.greenTargetGroupArn, greenWeight)) deployment.testWeight = greenWeight;
}

/** Moves production to the next weight; true once the last weight has been written. */
function shiftProduction(deployment: ServiceDeploymentRecord, model: EcsModel): boolean {
  const weight = deployment.pendingWeights.shift();
  if (weight === undefined) return true;
  const rule = advancedOf(deployment, model)?.productionListenerRule;
  if (rule && deployment.blueTargetGroupArn && deployment.greenTargetGroupArn) {
    writeWeights(model, rule, deployment.blueTargetGroupArn, deployment.greenTargetGroupArn, weight);
  }
  deployment.productionWeight = weight;
  deployment.updatedAt = model.now;
  if (deployment.pendingWeights.length === 0) return true;
  deployment.nextAt = model.now + stepBakeMinutes(deployment.configuration) * MINUTE;
  return deployment.nextAt <= model.now && shiftProduction(deployment, model);
}

function advancedOf(deployment: ServiceDeploymentRecord, model: EcsModel) {
  const service = model.services.find((s) => s.arn === deployment.serviceArn);
  return service?.spec?.loadBalancers.find((lb) => lb.advancedConfiguration)?.advancedConfiguration;
}

function finishSuccess(service: ServiceRecord, deployment: ServiceDeploymentRecord, green: DeploymentRecord, model: EcsModel): boolean {
  const blues = service.deployments.filter((d) => d !== green);
  for (const blue of blues) stopForScaling(service, model.tasksOf(service, blue.id).filter(isActive), green.id, model);
  service.deployments = [green];
  green.status = 'PRIMARY';
  green.rolloutState = 'COMPLETED';
  green.rolloutStateReason = `ECS deployment ${green.id} completed.`;
  service.lastCompleted = { id: green.id, spec: copyLaunchSpec(green) };
  deployment.status = 'SUCCESSFUL';
  deployment.statusReason = 'Service deployment completed.';
  deployment.finishedAt = model.now;
  deployment.updatedAt = model.now;
  addServiceEvent(service, `(service ${service.name}) service deployment ${lastId(deployment.arn)} completed.`, model.now);
  return false;
}

/** Production (and test) traffic back to blue at once; green is stopped; blue's revision is the service's again. */
export function startRollback(service: ServiceRecord, deployment: ServiceDeploymentRecord, reason: string, model: EcsModel): void {
  if (deployment.status !== 'IN_PROGRESS' && deployment.status !== 'ROLLBACK_REQUESTED') return;
  const advanced = advancedOf(deployment, model);
  const blue = deployment.blueTargetGroupArn;
  const greenGroup = deployment.greenTargetGroupArn;
  const hasBlue = service.deployments.some((d) => d.id !== deployment.greenDeploymentId);
  if (blue && greenGroup && hasBlue) {
    if (advanced?.productionListenerRule) writeWeights(model, advanced.productionListenerRule, blue, greenGroup, 0);
    if (advanced?.testListenerRule) writeWeights(model, advanced.testListenerRule, blue, greenGroup, 0);
  }
  deployment.productionWeight = 0;
  deployment.testWeight = 0;
  deployment.status = 'ROLLBACK_IN_PROGRESS';
  deployment.statusReason = reason;
  deployment.rollback = { reason, startedAt: model.now, serviceRevisionArn: deployment.sourceRevisionArns[0] ?? deployment.targetRevisionArn };
  deployment.updatedAt = model.now;
  delete deployment.nextAt;
  const green = service.deployments.find((d) => d.id === deployment.greenDeploymentId);
  if (green) {
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = reason;
    green.desiredCount = 0;
  }
  addServiceEvent(service, `(service ${service.name}) ${reason}`, model.now);
}

function finishRollback(service: ServiceRecord, deployment: ServiceDeploymentRecord, green: DeploymentRecord, model: EcsModel): void {
  const tasks = model.tasksOf(service, green.id);
  stopForScaling(service, tasks.filter(isActive), green.id, model);
  const blue = service.deployments.find((d) => d !== green);
  if (blue) {
    blue.status = 'PRIMARY';
    // The service keeps its configured load balancers; only blue's tasks know which group they serve from.
    service.spec = { ...copyLaunchSpec(blue), loadBalancers: service.spec?.loadBalancers ?? blue.loadBalancers };
  }
  if (tasks.some((t) => t.lastStatus !== 'STOPPED')) return;
  service.deployments = service.deployments.filter((d) => d !== green);
  // Nothing to go back to (the service's first deployment): the deployment ends with green stopped.
  deployment.status = blue ? 'ROLLBACK_SUCCESSFUL' : 'ROLLBACK_FAILED';
  deployment.finishedAt = model.now;
  deployment.updatedAt = model.now;
}

function refreshCounts(service: ServiceRecord, model: EcsModel): void {
  for (const d of service.deployments) {
    const tasks = model.tasksOf(service, d.id);
    d.runningCount = tasks.filter(isRunning).length;
    d.pendingCount = tasks.filter(isPending).length;
    if (d.id !== service.deployments[0]?.id || d.rolloutState === 'FAILED') d.desiredCount = tasks.filter(isActive).length;
  }
}

function lastId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
