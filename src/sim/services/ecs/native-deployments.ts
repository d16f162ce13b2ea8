/**
 * Service revisions and service deployments: created when a BLUE_GREEN, LINEAR or CANARY service starts a
 * deployment, read by ListServiceDeployments / DescribeServiceDeployments, stopped by StopServiceDeployment.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html
 */
import type {
  ContinueServiceDeploymentRequest,
  DeploymentLifecycleHookDetail,
  ListServiceDeploymentsRequest,
  ServiceDeployment,
  ServiceDeploymentBrief,
  StopServiceDeploymentRequest,
} from '@aws-sdk/client-ecs';
import { randomBytes } from 'node:crypto';
import { SimError } from '../../errors.js';
import { ecsArn } from './arns.js';
import { breakerThreshold } from './ecs-deployment-circuit-breaker.js';
import { invalidParameter } from './errors.js';
import type { EcsModel } from './model.js';
import { startRollback } from './native-controller.js';
import { type HookAnswerRecord, inFlight, productionWeights, type ServiceDeploymentRecord, type ServiceRevisionRecord } from './native-records.js';
import { servingTargetGroup, writeWeights } from './native-world.js';
import type { DeploymentRecord, ServiceRecord } from './records.js';
import { copyLaunchSpec, isActive } from './scheduler.js';
import { findService } from './services-model.js';

function newId(): string {
  return randomBytes(11).toString('base64url').replace(/[-_]/g, 'x');
}

function newRevision(model: EcsModel, service: ServiceRecord, deployment: DeploymentRecord): ServiceRevisionRecord {
  const digits = Array.from(randomBytes(16), (b) => String(b % 10))
    .join('')
    .replace(/^0/, '1');
  const revision = {
    arn: ecsArn(model.scope, `service-revision/${service.clusterName}/${service.name}/${digits}`),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    spec: copyLaunchSpec(deployment),
    createdAt: model.now,
  };
  model.serviceRevisions.push(revision);
  return revision;
}

export function currentServiceDeployment(model: EcsModel, service: ServiceRecord): ServiceDeploymentRecord | undefined {
  return model.serviceDeployments.find((d) => d.serviceArn === service.arn && inFlight(d));
}

/**
 * A new service deployment for `green`: green tasks go to whichever of the two target groups is not serving
 * production now (the one serving stays with blue); an earlier deployment still in flight is superseded.
 */
export function beginServiceDeployment(model: EcsModel, service: ServiceRecord, green: DeploymentRecord): void {
  const now = model.now;
  const previous = currentServiceDeployment(model, service);
  if (previous) Object.assign(previous, { status: 'STOPPED', statusReason: 'Superseded by a newer service deployment.', stoppedAt: now, finishedAt: now });
  const sources = model.serviceRevisions.filter((r) => r.serviceArn === service.arn).slice(-1);
  const balancer = green.loadBalancers.find((lb) => lb.advancedConfiguration);
  const primary = balancer?.targetGroupArn;
  const alternate = balancer?.advancedConfiguration?.alternateTargetGroupArn;
  const rule = balancer?.advancedConfiguration?.productionListenerRule;
  let blueGroup: string | undefined;
  let greenGroup: string | undefined;
  if (primary && alternate && rule) {
    blueGroup = servingTargetGroup(model, rule, [primary, alternate]) ?? primary;
    greenGroup = sources.length === 0 ? blueGroup : blueGroup === primary ? alternate : primary;
    // Only green's tasks register in the other group; the service keeps the load balancers it was given.
    if (balancer) balancer.targetGroupArn = greenGroup;
    // Both groups join the rules at 100/0, so that green's targets are health-checked before any traffic.
    if (greenGroup !== blueGroup) {
      writeWeights(model, rule, blueGroup, greenGroup, 0);
      const test = balancer?.advancedConfiguration?.testListenerRule;
      if (test) writeWeights(model, test, blueGroup, greenGroup, 0);
    }
  }
  const target = newRevision(model, service, green);
  const record: ServiceDeploymentRecord = {
    arn: ecsArn(model.scope, `service-deployment/${service.clusterName}/${service.name}/${newId()}`),
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    status: 'IN_PROGRESS',
    lifecycleStage: 'RECONCILE_SERVICE',
    createdAt: now,
    startedAt: now,
    updatedAt: now,
    targetRevisionArn: target.arn,
    sourceRevisionArns: sources.map((r) => r.arn),
    greenDeploymentId: green.id,
    configuration: structuredClone(service.deploymentConfiguration),
    productionWeight: 0,
    testWeight: 0,
    pendingWeights: productionWeights(service.deploymentConfiguration),
    hooks: [],
    triggeredAlarms: [],
  };
  if (blueGroup !== undefined) record.blueTargetGroupArn = blueGroup;
  if (greenGroup !== undefined) record.greenTargetGroupArn = greenGroup;
  model.serviceDeployments.push(record);
}

function revisionSummary(model: EcsModel, arn: string, deployment: ServiceDeploymentRecord, green: boolean) {
  const service = model.services.find((s) => s.arn === deployment.serviceArn);
  const tasks = service
    ? service.deployments.filter((d) => (d.id === deployment.greenDeploymentId) === green).flatMap((d) => model.tasksOf(service, d.id))
    : [];
  const production = green ? deployment.productionWeight : 100 - deployment.productionWeight;
  const test = green ? deployment.testWeight : 100 - deployment.testWeight;
  return {
    arn,
    requestedTaskCount: tasks.filter(isActive).length,
    runningTaskCount: tasks.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length,
    pendingTaskCount: tasks.filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'RUNNING').length,
    requestedProductionTrafficWeight: production,
    requestedTestTrafficWeight: test,
  };
}

export function toServiceDeploymentOutput(model: EcsModel, d: ServiceDeploymentRecord): ServiceDeployment {
  const alarms = d.configuration.alarms;
  const breaker = d.configuration.deploymentCircuitBreaker;
  const done = !inFlight(d);
  const service = model.services.find((s) => s.arn === d.serviceArn);
  const green = service?.deployments.find((x) => x.id === d.greenDeploymentId);
  const output: ServiceDeployment = {
    serviceDeploymentArn: d.arn,
    serviceArn: d.serviceArn,
    clusterArn: d.clusterArn,
    createdAt: new Date(d.createdAt),
    startedAt: new Date(d.startedAt),
    updatedAt: new Date(d.updatedAt),
    sourceServiceRevisions: d.sourceRevisionArns.map((arn) => revisionSummary(model, arn, d, false)),
    targetServiceRevision: revisionSummary(model, d.targetRevisionArn, d, true),
    status: d.status,
    lifecycleStage: d.lifecycleStage,
    lifecycleHookDetails: d.hooks.map(hookDetail),
    deploymentConfiguration: structuredClone(d.configuration),
    alarms: {
      status: !alarms?.enable ? 'DISABLED' : d.triggeredAlarms.length > 0 ? 'TRIGGERED' : done ? 'MONITORING_COMPLETE' : 'MONITORING',
      alarmNames: alarms?.alarmNames ?? [],
      triggeredAlarmNames: d.triggeredAlarms,
    },
    deploymentCircuitBreaker: {
      status: !breaker?.enable ? 'DISABLED' : d.statusReason?.includes('circuit breaker') ? 'TRIGGERED' : done ? 'MONITORING_COMPLETE' : 'MONITORING',
      failureCount: green?.failedTasks ?? 0,
      threshold: breaker?.enable && service ? breakerThreshold(service.desiredCount) : 0,
    },
  };
  if (d.statusReason !== undefined) output.statusReason = d.statusReason;
  if (d.finishedAt !== undefined) output.finishedAt = new Date(d.finishedAt);
  if (d.stoppedAt !== undefined) output.stoppedAt = new Date(d.stoppedAt);
  if (d.rollback) output.rollback = { reason: d.rollback.reason, startedAt: new Date(d.rollback.startedAt), serviceRevisionArn: d.rollback.serviceRevisionArn };
  return output;
}

function hookDetail(h: HookAnswerRecord): DeploymentLifecycleHookDetail {
  const detail: DeploymentLifecycleHookDetail = { hookId: h.hookId, targetType: h.targetType, status: h.status };
  if (h.targetType === 'AWS_LAMBDA') detail.targetArn = h.targetArn;
  if (h.expiresAt !== undefined) detail.expiresAt = new Date(h.expiresAt);
  if (h.timeoutAction !== undefined) detail.timeoutAction = h.timeoutAction;
  return detail;
}

export function listServiceDeployments(model: EcsModel, input: ListServiceDeploymentsRequest): ServiceDeploymentBrief[] {
  model.sync();
  if (!input.service) throw invalidParameter('service can not be blank.');
  const service = findService(model, input.cluster, input.service);
  const after = input.createdAt?.after === undefined ? undefined : new Date(input.createdAt.after).getTime();
  const before = input.createdAt?.before === undefined ? undefined : new Date(input.createdAt.before).getTime();
  return model.serviceDeployments
    .filter((d) => d.serviceArn === service.arn)
    .filter((d) => !input.status?.length || input.status.includes(d.status))
    .filter((d) => (after === undefined || d.createdAt >= after) && (before === undefined || d.createdAt <= before))
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((d) => {
      const brief: ServiceDeploymentBrief = {
        serviceDeploymentArn: d.arn,
        serviceArn: d.serviceArn,
        clusterArn: d.clusterArn,
        createdAt: new Date(d.createdAt),
        startedAt: new Date(d.startedAt),
        targetServiceRevisionArn: d.targetRevisionArn,
        status: d.status,
      };
      if (d.statusReason !== undefined) brief.statusReason = d.statusReason;
      if (d.finishedAt !== undefined) brief.finishedAt = new Date(d.finishedAt);
      return brief;
    });
}

/**
 * ROLLBACK sends traffic back to the source revision; ABORT stops where it is. A deployment that has ended
 * answers ConflictException, an unknown ARN ServiceDeploymentNotFoundException.
 */
export function stopServiceDeployment(model: EcsModel, input: StopServiceDeploymentRequest): string {
  const deployment = deploymentToAct(model, input.serviceDeploymentArn, 'stopType', input.stopType, ['ROLLBACK', 'ABORT']);
  const service = model.services.find((s) => s.arn === deployment.serviceArn);
  if (!service || deployment.status !== 'IN_PROGRESS') {
    throw new SimError('ConflictException', `The service deployment is ${deployment.status} and cannot be stopped.`, 400);
  }
  if (input.stopType === 'ABORT') {
    Object.assign(deployment, {
      status: 'STOPPED',
      statusReason: 'Service deployment stopped by StopServiceDeployment.',
      stoppedAt: model.now,
      finishedAt: model.now,
      updatedAt: model.now,
    });
  } else {
    startRollback(service, deployment, 'Service deployment rolled back because of a StopServiceDeployment request.', model);
  }
  model.reconcile(service);
  return deployment.arn;
}

/**
 * Answers a PAUSE hook that awaits action: CONTINUE (the default) goes on to the next stage, ROLLBACK sends traffic
 * back to the source revision. The hook must be AWAITING_ACTION and the deployment IN_PROGRESS.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContinueServiceDeployment.html
 */
export function continueServiceDeployment(model: EcsModel, input: ContinueServiceDeploymentRequest): string {
  if (!input.hookId) throw invalidParameter('hookId can not be blank.');
  const deployment = deploymentToAct(model, input.serviceDeploymentArn, 'action', input.action, ['CONTINUE', 'ROLLBACK']);
  const hook = deployment.hooks.find((h) => h.hookId === input.hookId);
  if (!hook) throw invalidParameter(`The hook ${input.hookId} does not belong to this service deployment.`);
  const service = model.services.find((s) => s.arn === deployment.serviceArn);
  if (!service || deployment.status !== 'IN_PROGRESS' || hook.status !== 'AWAITING_ACTION') {
    throw invalidParameter(
      `The hook ${input.hookId} is ${hook.status} and the service deployment ${deployment.status}: only a hook awaiting action in a deployment in progress can be continued.`,
    );
  }
  delete deployment.nextAt;
  deployment.updatedAt = model.now;
  if (input.action === 'ROLLBACK') {
    hook.status = 'FAILED';
    startRollback(
      service,
      deployment,
      `Service deployment rolled back because of a ContinueServiceDeployment ROLLBACK request for the pause hook in ${hook.stage}.`,
      model,
    );
  } else hook.status = 'SUCCEEDED';
  model.reconcile(service);
  return deployment.arn;
}

/**
 * The service deployment a Stop- or ContinueServiceDeployment request names, after ECS's checks of the request:
 * a blank ARN or a value outside `allowed` is InvalidParameterException, an unknown ARN
 * ServiceDeploymentNotFoundException.
 */
function deploymentToAct(model: EcsModel, arn: string | undefined, field: string, value: string | undefined, allowed: readonly string[]) {
  model.sync();
  if (!arn) throw invalidParameter('serviceDeploymentArn can not be blank.');
  if (value !== undefined && !allowed.includes(value)) throw invalidParameter(`Invalid ${field} ${String(value)}.`);
  const deployment = model.serviceDeployments.find((d) => d.arn === arn);
  if (!deployment) throw new SimError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.', 400);
  return deployment;
}
