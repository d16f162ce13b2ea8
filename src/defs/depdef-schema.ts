/**
 * `_depdef.json`: gitmoxi's deployment settings for an ECS unit (docs/design.md#settings), with GitMoxi's documented
 * keys, and the effective settings after defaults. Unknown keys are errors; keys of older GitMoxi releases get an
 * explanation of what replaced them.
 */
import { z } from 'zod';
import {
  checkEnvironmentSpellings,
  checkTrafficShiftingSwitch,
  commonSettingsShape,
  ecsTrafficShiftingConfigSchema,
  misplacedSettingsKeys,
  olderCommonKeys,
  resolveAlarmNames,
  resolveAlarmsRollback,
  resolveEnvironment,
  resolveTrafficShifting,
  resolveWebhooks,
  stabilityTimingShape,
  type DeploymentEnvironment,
  type TrafficShiftingSettings,
} from './common-settings.js';
import { closedObject, numberBetween, seconds } from './custom-issues.js';
import { capacityProviderStrategyItemSchema, type CapacityProviderStrategyItem } from './svcdef-schema.js';
import type { Webhook } from './webhooks-schema.js';

const stabilityCheckSchema = closedObject({ ...stabilityTimingShape, timeoutPerTask: seconds().optional() });

const circuitBreakerSchema = closedObject(
  {
    failureThreshold: z.number().int().min(1).optional(),
    failureThresholdPercent: numberBetween(1, 100).optional(),
    rollback: z.boolean().optional(),
    deleteNewUponFailure: z.boolean().optional(),
    // GitMoxi 2024-07-23 → 2024-08-07, before stabilityCheck existed: read as the stability check's timing.
    ...stabilityTimingShape,
  },
  // GitMoxi's first sample (2024-07), a template of placeholder values that never deployed: pointed at today's keys.
  {
    numberOfTaskFailures: 'the number of failed tasks that trips the breaker is failureThreshold.',
    overallTimeout: 'the time allowed for the new tasks is stabilityCheck.timeout.',
    timeoutUponTaskFailures: 'gitmoxi stops at the failure that trips the breaker; remove this key (stabilityCheck.timeout bounds the wait).',
  },
  { older: ['pollInterval', 'timeout'] },
);

const targetGroupArnPairSchema = z.tuple([z.string().min(1), z.string().min(1)]).check((ctx) => {
  if (ctx.value[0] !== ctx.value[1]) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    path: [1],
    message: 'is the same target group as the first of its pair: blue/green needs two different target groups',
  });
});

/** Each target group has one partner: one that appears in two pairs would make the partner ambiguous. */
const targetGroupArnPairsSchema = z.array(targetGroupArnPairSchema).check((ctx) => {
  const seen = new Map<string, number>();
  ctx.value.forEach((pair, index) => {
    pair.forEach((arn, side) => {
      const first = seen.get(arn);
      if (first === undefined) seen.set(arn, index);
      else if (first !== index) {
        ctx.issues.push({ code: 'custom', input: ctx.value, path: [index, side], message: `is already in pair ${first}: each target group has one partner` });
      }
    });
  });
});

const ecsDepdefObject = closedObject(
  {
    ...commonSettingsShape,
    trafficShiftingConfig: ecsTrafficShiftingConfigSchema.optional(),
    targetGroupArnPairs: targetGroupArnPairsSchema.optional(),
    /** GitMoxi's older single pair, `[blue, green]`; read as one pair of targetGroupArnPairs. */
    targetGroupArns: targetGroupArnPairSchema.optional(),
    stabilityCheck: stabilityCheckSchema.optional(),
    gmDeploymentCircuitBreaker: circuitBreakerSchema.optional(),
    deleteNewUponFailure: z.boolean().optional(),
    deleteNewUponTrafficShiftFailure: z.boolean().optional(),
    deleteOldUponSuccess: z.boolean().optional(),
    // The same items as the svcdef's capacityProviderStrategy (GitMoxi's documented form).
    fallbackCapacityProviderStrategy: z.array(capacityProviderStrategyItemSchema).optional(),
    /** GitMoxi 2025-01: one capacity provider, read as `[{capacityProvider: name, weight: 1}]`. */
    fallbackCapacityProvider: z.string().min(1).optional(),
    /** GitMoxi 2024-08, experimental: the new task set's initial scale, percent of the desired count. */
    initialScale: numberBetween(1, 100).optional(),
  },
  {
    ...misplacedSettingsKeys,
    failureThreshold: 'failureThreshold belongs inside "gmDeploymentCircuitBreaker", which also turns the breaker on.',
    failureThresholdPercent: 'failureThresholdPercent belongs inside "gmDeploymentCircuitBreaker", which also turns the breaker on.',
    rollback: 'rollback belongs inside "gmDeploymentCircuitBreaker" (or write deleteNewUponFailure at the top level).',
    pollInterval: 'pollInterval belongs inside "stabilityCheck".',
    timeout: 'timeout belongs inside "stabilityCheck".',
    timeoutPerTask: 'timeoutPerTask belongs inside "stabilityCheck".',
    deploymentConfiguration:
      "GitMoxi's first sample nested the settings here; write trafficShiftingConfig and alarms at the top level of the depdef " +
      '(deploymentConfiguration belongs in the svcdef, where ECS reads it).',
  },
  { older: [...olderCommonKeys, 'targetGroupArns', 'fallbackCapacityProvider', 'initialScale'] },
);

export type EcsDepdef = z.output<typeof ecsDepdefObject>;

export const ecsDepdefSchema = ecsDepdefObject.check(
  checkTrafficShiftingSwitch,
  checkEnvironmentSpellings,
  checkTargetGroupKeys,
  checkRollbackAgreement,
  checkFallbackKeys,
);

interface StabilityCheckSettings {
  /** Seconds between stability examinations (a floor: faster signals are welcome). */
  pollInterval: number;
  /** Seconds allowed for the new tasks to be RUNNING and healthy; see effectiveStabilityTimeout. */
  timeout: number;
  timeoutPerTask?: number;
}

export interface CircuitBreakerSettings {
  failureThreshold: number;
  failureThresholdPercent?: number;
  rollback: boolean;
}

/** Everything a strategy needs from the depdef, with every default applied. */
export interface EcsDeploymentSettings {
  environment: DeploymentEnvironment;
  trafficShiftingConfig: TrafficShiftingSettings;
  /** `[]` when the depdef names none (a rolling service needs none). */
  targetGroupArnPairs: [string, string][];
  stabilityCheck: StabilityCheckSettings;
  /** null: the breaker is off (gmDeploymentCircuitBreaker absent). */
  circuitBreaker: CircuitBreakerSettings | null;
  /** Restore the previous state on any failure (breaker, stability timeout, alarm); true unless switched off. */
  rollback: boolean;
  /** Blue/green: delete the new task set after traffic was moved back; false keeps it for troubleshooting. */
  deleteNewUponTrafficShiftFailure: boolean;
  /** Blue/green: delete the old task set once the new one is primary. */
  deleteOldUponSuccess: boolean;
  alarmNames: string[];
  /** `[]`: no fallback task set. */
  fallbackCapacityProviderStrategy: CapacityProviderStrategyItem[];
  /**
   * Blue/green: the scale the new task set is created at, percent of the desired count (100 unless the older
   * `initialScale` says otherwise); it must reach 100 before it takes all the traffic.
   */
  initialScale: number;
  /** false (`alarms.rollback: false`): an alarm fails the unit without restoring the previous state. */
  alarmsRollback: boolean;
  /** Notifications for each deployment stage (docs/legacy-keys.md); `[]` when none. */
  webhooks: Webhook[];
}

const stabilityCheckDefaults = { pollInterval: 30, timeout: 300 } as const;
const failureThresholdDefault = 5;

export function resolveEcsSettings(depdef: EcsDepdef | undefined): EcsDeploymentSettings {
  const rollback = resolveRollback(depdef);
  return {
    environment: resolveEnvironment(depdef),
    trafficShiftingConfig: resolveTrafficShifting(depdef),
    targetGroupArnPairs: resolvePairs(depdef),
    stabilityCheck: resolveStabilityCheck(depdef),
    circuitBreaker: resolveCircuitBreaker(depdef, rollback),
    rollback,
    deleteNewUponTrafficShiftFailure: depdef?.deleteNewUponTrafficShiftFailure ?? true,
    deleteOldUponSuccess: depdef?.deleteOldUponSuccess ?? true,
    alarmNames: resolveAlarmNames(depdef),
    fallbackCapacityProviderStrategy: resolveFallback(depdef),
    initialScale: depdef?.initialScale ?? 100,
    alarmsRollback: resolveAlarmsRollback(depdef),
    webhooks: resolveWebhooks(depdef),
  };
}

function resolveFallback(depdef: EcsDepdef | undefined): CapacityProviderStrategyItem[] {
  if (depdef?.fallbackCapacityProvider !== undefined) return [{ capacityProvider: depdef.fallbackCapacityProvider, weight: 1 }];
  return (depdef?.fallbackCapacityProviderStrategy ?? []).map((item) => ({ ...item }));
}

/** max(timeout, timeoutPerTask × desiredCount), in seconds. */
export function effectiveStabilityTimeout(settings: Pick<EcsDeploymentSettings, 'stabilityCheck'>, desiredCount: number): number {
  const { timeout, timeoutPerTask } = settings.stabilityCheck;
  return timeoutPerTask === undefined ? timeout : Math.max(timeout, timeoutPerTask * desiredCount);
}

/** Failed new tasks that trip the breaker: min(failureThreshold, ⌈pct × desired / 100⌉), at least 1; null when off. */
export function breakerThreshold(settings: Pick<EcsDeploymentSettings, 'circuitBreaker'>, desiredCount: number): number | null {
  const breaker = settings.circuitBreaker;
  if (breaker === null) return null;
  const { failureThreshold, failureThresholdPercent } = breaker;
  // pct × desired / 100 rather than pct / 100 × desired: 30 / 100 × 10 is 3.0000000000000004, whose ceiling is 4.
  const fromPercent = failureThresholdPercent === undefined ? Infinity : Math.ceil((failureThresholdPercent * desiredCount) / 100);
  return Math.max(1, Math.min(failureThreshold, fromPercent));
}

function resolvePairs(depdef: EcsDepdef | undefined): [string, string][] {
  if (depdef?.targetGroupArnPairs !== undefined) return depdef.targetGroupArnPairs.map(([a, b]) => [a, b]);
  if (depdef?.targetGroupArns !== undefined) return [[depdef.targetGroupArns[0], depdef.targetGroupArns[1]]];
  return [];
}

/** stabilityCheck wins; else GitMoxi's older places for the same two numbers, newest first; else the defaults. */
function resolveStabilityCheck(depdef: EcsDepdef | undefined): StabilityCheckSettings {
  const raw = depdef?.stabilityCheck;
  const preShift = depdef?.trafficShiftingConfig?.preShiftStabilityCheck;
  const breaker = depdef?.gmDeploymentCircuitBreaker;
  const settings: StabilityCheckSettings = {
    pollInterval: raw?.pollInterval ?? preShift?.pollInterval ?? breaker?.pollInterval ?? stabilityCheckDefaults.pollInterval,
    timeout: raw?.timeout ?? preShift?.timeout ?? breaker?.timeout ?? stabilityCheckDefaults.timeout,
  };
  if (raw?.timeoutPerTask !== undefined) settings.timeoutPerTask = raw.timeoutPerTask;
  return settings;
}

function resolveCircuitBreaker(depdef: EcsDepdef | undefined, rollback: boolean): CircuitBreakerSettings | null {
  const raw = depdef?.gmDeploymentCircuitBreaker;
  if (raw === undefined) return null;
  const breaker: CircuitBreakerSettings = { failureThreshold: raw.failureThreshold ?? failureThresholdDefault, rollback };
  if (raw.failureThresholdPercent !== undefined) breaker.failureThresholdPercent = raw.failureThresholdPercent;
  return breaker;
}

/** The three spellings of one switch (checkRollbackAgreement guarantees they agree); on by default. */
function resolveRollback(depdef: EcsDepdef | undefined): boolean {
  return rollbackSpellings(depdef)[0]?.value ?? true;
}

function rollbackSpellings(depdef: EcsDepdef | undefined): { path: string[]; value: boolean }[] {
  const breaker = depdef?.gmDeploymentCircuitBreaker;
  const spellings = [
    { path: ['gmDeploymentCircuitBreaker', 'rollback'], value: breaker?.rollback },
    { path: ['gmDeploymentCircuitBreaker', 'deleteNewUponFailure'], value: breaker?.deleteNewUponFailure },
    { path: ['deleteNewUponFailure'], value: depdef?.deleteNewUponFailure },
  ];
  return spellings.flatMap(({ path, value }) => (value === undefined ? [] : [{ path, value }]));
}

function checkRollbackAgreement(ctx: z.core.ParsePayload<EcsDepdef>): void {
  const spellings = rollbackSpellings(ctx.value);
  const first = spellings[0];
  const other = spellings.find((s) => s.value !== first?.value);
  if (first === undefined || other === undefined) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    path: other.path,
    message: `is ${other.value} but ${first.path.join('.')} is ${first.value}: they are one setting, keep one`,
  });
}

function checkTargetGroupKeys(ctx: z.core.ParsePayload<EcsDepdef>): void {
  if (ctx.value.targetGroupArns === undefined || ctx.value.targetGroupArnPairs === undefined) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    path: ['targetGroupArns'],
    message: 'is the older spelling of targetGroupArnPairs; write the pair into targetGroupArnPairs and remove this key',
  });
}

function checkFallbackKeys(ctx: z.core.ParsePayload<EcsDepdef>): void {
  if (ctx.value.fallbackCapacityProvider === undefined || ctx.value.fallbackCapacityProviderStrategy === undefined) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    path: ['fallbackCapacityProvider'],
    message: 'is the older spelling of fallbackCapacityProviderStrategy; keep fallbackCapacityProviderStrategy and remove this key',
  });
}
