/**
 * Settings that the ECS depdef and the Lambda lambdadepdef share (docs/design.md#settings): where to deploy, how to
 * shift traffic, which alarms to watch. Defaults live here, once, so both platforms resolve them the same way.
 */
import { z } from 'zod';
import { closedObject, matching, numberBetween, seconds } from './custom-issues.js';
import { webhooksSchema, type Webhook } from './webhooks-schema.js';

const trafficShiftingTypes = ['CANARY', 'LINEAR', 'ALL_AT_ONCE'] as const;
export type TrafficShiftingType = (typeof trafficShiftingTypes)[number];

/** Region names such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1, eusc-de-east-1. */
const regionPattern = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

const environmentSchema = closedObject({
  region: matching(regionPattern, 'an AWS region such as us-east-1').optional(),
  account: matching(/^\d{12}$/, 'a 12-digit AWS account ID').optional(),
});

const trafficShiftingShape = {
  type: z.enum(trafficShiftingTypes).optional(),
  // Whole percents: ELB listener weights are integers, and LINEAR steps must add up to exactly 100.
  percent: numberBetween(1, 100, { integer: true }).optional(),
  waitInterval: seconds().optional(),
};

const trafficShiftingConfigSchema = closedObject(trafficShiftingShape, {
  preShiftStabilityCheck: 'a Lambda version has no tasks to check before traffic moves; readinessCheck sets how long gitmoxi waits for it to be Active.',
});

/** `{pollInterval, timeout}` in seconds: the stability check, and GitMoxi's older spellings of it. */
export const stabilityTimingShape = {
  pollInterval: seconds().optional(),
  timeout: seconds().optional(),
};

/** ECS adds GitMoxi's 2024-07 preShiftStabilityCheck: the stability check of the new task set before any traffic moves. */
export const ecsTrafficShiftingConfigSchema = closedObject(
  { ...trafficShiftingShape, preShiftStabilityCheck: closedObject(stabilityTimingShape).optional() },
  {},
  { older: ['preShiftStabilityCheck'] },
);

const alarmsSchema = closedObject(
  {
    alarmNames: z.array(z.string().min(1)).optional(),
    /** ECS DeploymentAlarms' switch (GitMoxi 2024-07): false = the alarms are not watched. */
    enable: z.boolean().optional(),
    /** ECS DeploymentAlarms' rollback (GitMoxi 2024-07): false = an alarm fails the unit without restoring it. */
    rollback: z.boolean().optional(),
  },
  {},
  { older: ['enable', 'rollback'] },
);

/** The keys both settings files accept, spread into each file's schema. */
export const commonSettingsShape = {
  environment: environmentSchema.optional(),
  /** The older Lambda spelling of environment; read as environment (each key written in both must agree). */
  environmentVariables: environmentSchema.optional(),
  trafficShiftingConfig: trafficShiftingConfigSchema.optional(),
  /** GitMoxi's older switch: false shifts all traffic at once. Kept so existing repositories validate unchanged. */
  trafficShiftingEnabled: z.boolean().optional(),
  alarms: alarmsSchema.optional(),
  webhooks: webhooksSchema.optional(),
};

/** The keys of commonSettingsShape that only older GitMoxi files use: accepted, never advertised. */
export const olderCommonKeys = ['environmentVariables', 'trafficShiftingEnabled'] as const;

/** Settings keys written at the top level that belong inside a section: explained rather than "unknown". */
export const misplacedSettingsKeys: Readonly<Record<string, string>> = {
  region: 'region belongs inside "environment".',
  account: 'account belongs inside "environment".',
  type: 'type belongs inside "trafficShiftingConfig".',
  percent: 'percent belongs inside "trafficShiftingConfig".',
  waitInterval: 'waitInterval belongs inside "trafficShiftingConfig" (or "readinessCheck" for Lambda).',
  alarmNames: 'alarmNames belongs inside "alarms": {"alarms": {"alarmNames": [...]}}.',
};

export interface DeploymentEnvironment {
  /** Absent: the region of the AWS configuration gitmoxi runs with. */
  region?: string;
  /** Absent: whatever account the credentials belong to. */
  account?: string;
}

export interface TrafficShiftingSettings {
  type: TrafficShiftingType;
  /** LINEAR: the step; CANARY: the first step. */
  percent: number;
  /** Seconds to wait after each step, alarms watched throughout. */
  waitInterval: number;
}

const trafficShiftingDefaults: TrafficShiftingSettings = { type: 'CANARY', percent: 20, waitInterval: 60 };

type CommonSettings = z.output<z.ZodObject<typeof commonSettingsShape>>;

/** environment, completed by the older environmentVariables (checkEnvironmentSpellings makes them agree). */
export function resolveEnvironment(raw: CommonSettings | undefined): DeploymentEnvironment {
  const environment: DeploymentEnvironment = {};
  const region = raw?.environment?.region ?? raw?.environmentVariables?.region;
  const account = raw?.environment?.account ?? raw?.environmentVariables?.account;
  if (region !== undefined) environment.region = region;
  if (account !== undefined) environment.account = account;
  return environment;
}

export function resolveTrafficShifting(raw: CommonSettings | undefined): TrafficShiftingSettings {
  const config = raw?.trafficShiftingConfig;
  return {
    type: raw?.trafficShiftingEnabled === false ? 'ALL_AT_ONCE' : (config?.type ?? trafficShiftingDefaults.type),
    percent: config?.percent ?? trafficShiftingDefaults.percent,
    waitInterval: config?.waitInterval ?? trafficShiftingDefaults.waitInterval,
  };
}

/** `alarms.enable: false` switches the watch off: no alarm is read, none can fail the unit. */
export function resolveAlarmNames(raw: CommonSettings | undefined): string[] {
  if (raw?.alarms?.enable === false) return [];
  return [...(raw?.alarms?.alarmNames ?? [])];
}

/** `alarms.rollback`: true unless written false. */
export function resolveAlarmsRollback(raw: CommonSettings | undefined): boolean {
  return raw?.alarms?.rollback ?? true;
}

export function resolveWebhooks(raw: CommonSettings | undefined): Webhook[] {
  return (raw?.webhooks ?? []).map((hook) => {
    const copy: Webhook = { name: hook.name, urls: [...hook.urls] };
    if (hook.payload_template !== undefined) copy.payload_template = hook.payload_template;
    return copy;
  });
}

/** environment and its older spelling environmentVariables may both be written, but must not disagree. */
export function checkEnvironmentSpellings(ctx: z.core.ParsePayload<CommonSettings>): void {
  const { environment, environmentVariables } = ctx.value;
  if (environment === undefined || environmentVariables === undefined) return;
  for (const key of ['region', 'account'] as const) {
    const [modern, older] = [environment[key], environmentVariables[key]];
    if (modern === undefined || older === undefined || modern === older) continue;
    ctx.issues.push({
      code: 'custom',
      input: older,
      path: ['environmentVariables', key],
      message: `is '${older}' but environment.${key} is '${modern}': environmentVariables is the older spelling of environment, keep one`,
    });
  }
}

/** `trafficShiftingEnabled: false` next to a gradual trafficShiftingConfig is a contradiction, not a preference. */
export function checkTrafficShiftingSwitch(ctx: z.core.ParsePayload<CommonSettings>): void {
  const type = ctx.value.trafficShiftingConfig?.type;
  if (ctx.value.trafficShiftingEnabled === false && type !== undefined && type !== 'ALL_AT_ONCE') {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      path: ['trafficShiftingEnabled'],
      message: `false contradicts trafficShiftingConfig.type ${type}; remove one of them`,
    });
  }
}
