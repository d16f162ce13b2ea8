/**
 * The ECS deployment controller's own records for BLUE_GREEN, LINEAR and CANARY services: service revisions
 * (what a deployment runs) and service deployments (how ECS moves from one revision to the next).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html
 */
import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import type { LaunchSpec } from './records.js';

const NATIVE_STRATEGIES = ['BLUE_GREEN', 'LINEAR', 'CANARY'] as const;

export type NativeStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

type ServiceDeploymentStatus =
  | 'PENDING'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'IN_PROGRESS'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface ServiceRevisionRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  spec: LaunchSpec;
  createdAt: number;
}

/** A hook's stages: the deployment's, and PRE_PRODUCTION_TRAFFIC_SHIFT (just before production's first shift). */
export type HookStage = NativeStage | 'PRE_PRODUCTION_TRAFFIC_SHIFT';

export interface HookAnswerRecord {
  /** Which configured hook, at which stage: `STAGE-index`. */
  key: string;
  /** What DescribeServiceDeployments and ContinueServiceDeployment call it (`ecs-pause-…` for a PAUSE hook). */
  hookId: string;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  /** The Lambda function; '' for a PAUSE hook. */
  targetArn: string;
  stage: HookStage;
  status: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS' | 'AWAITING_ACTION' | 'TIMED_OUT';
  invocations: number;
  /** A PAUSE hook: when ECS takes `timeoutAction` unless ContinueServiceDeployment came first. */
  expiresAt?: number;
  timeoutAction?: 'CONTINUE' | 'ROLLBACK';
}

export interface ServiceDeploymentRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage: NativeStage;
  createdAt: number;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  stoppedAt?: number;
  targetRevisionArn: string;
  sourceRevisionArns: string[];
  /** The rolling-deployment id whose tasks are green; the blue ones are the service's other deployments. */
  greenDeploymentId: string;
  blueTargetGroupArn?: string;
  greenTargetGroupArn?: string;
  configuration: DeploymentConfiguration;
  /** Green's production weight now, and the weights still to come. */
  productionWeight: number;
  testWeight: number;
  pendingWeights: number[];
  /** When the current wait (step bake, bake time, hook retry) ends. */
  nextAt?: number;
  hooks: HookAnswerRecord[];
  triggeredAlarms: string[];
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
}

export function isNativeStrategy(configuration: DeploymentConfiguration | undefined): boolean {
  const strategy = configuration?.strategy ?? 'ROLLING';
  return NATIVE_STRATEGIES.some((native) => native === strategy);
}

export function inFlight(deployment: ServiceDeploymentRecord): boolean {
  return ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'].includes(deployment.status);
}

/**
 * Green's production weights, in order: all at once for BLUE_GREEN, the canary share then all for CANARY,
 * stepPercent more each step for LINEAR (the last step is capped at 100).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/linear-deployment.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/canary-deployment.html
 */
export function productionWeights(configuration: DeploymentConfiguration): number[] {
  switch (configuration.strategy) {
    case 'CANARY':
      return [configuration.canaryConfiguration?.canaryPercent ?? 5, 100];
    case 'LINEAR': {
      const step = configuration.linearConfiguration?.stepPercent ?? 10;
      const weights: number[] = [];
      for (let weight = step; weight < 100; weight += step) weights.push(Math.round(weight * 10) / 10);
      return [...weights, 100];
    }
    default:
      return [100];
  }
}

/** How long green stays at a weight before the next step (none after the last). */
export function stepBakeMinutes(configuration: DeploymentConfiguration): number {
  if (configuration.strategy === 'CANARY') return configuration.canaryConfiguration?.canaryBakeTimeInMinutes ?? 0;
  if (configuration.strategy === 'LINEAR') return configuration.linearConfiguration?.stepBakeTimeInMinutes ?? 0;
  return 0;
}
