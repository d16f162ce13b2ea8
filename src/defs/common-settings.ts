/**
 * Settings that the ECS depdef and the Lambda lambdadepdef share (SPEC §4, §6): where to deploy, how to shift
 * traffic, which alarms to watch. Defaults live here, once, so both platforms resolve them the same way.
 */
import { z } from 'zod';
import { closedObject, matching, numberBetween } from './custom-issues.js';

export const trafficShiftingTypes = ['CANARY', 'LINEAR', 'ALL_AT_ONCE'] as const;
export type TrafficShiftingType = (typeof trafficShiftingTypes)[number];

/** Region names such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1, eusc-de-east-1. */
const regionPattern = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

export const environmentSchema = closedObject({
  region: matching(regionPattern, 'an AWS region such as us-east-1').optional(),
  account: matching(/^\d{12}$/, 'a 12-digit AWS account ID').optional(),
});

export const trafficShiftingConfigSchema = closedObject(
  {
    type: z.enum(trafficShiftingTypes).optional(),
    // Whole percents: ELB listener weights are integers, and LINEAR steps must add up to exactly 100.
    percent: numberBetween(1, 100, { integer: true }).optional(),
    waitInterval: z.number().positive().optional(),
  },
  { preShiftStabilityCheck: 'gitmoxi checks stability before shifting any traffic; set stabilityCheck at the top level instead.' },
);

export const alarmsSchema = closedObject(
  { alarmNames: z.array(z.string().min(1)).optional() },
  {
    enable: 'alarms are watched whenever alarmNames is not empty; remove this key.',
    rollback: 'failures raised by alarms follow the deployment\'s rollback setting; remove this key.',
  },
);

/** The keys both settings files accept, spread into each file's schema. */
export const commonSettingsShape = {
  environment: environmentSchema.optional(),
  trafficShiftingConfig: trafficShiftingConfigSchema.optional(),
  /** GitMoxi's older switch: false shifts all traffic at once. Kept so existing repositories validate unchanged. */
  trafficShiftingEnabled: z.boolean().optional(),
  alarms: alarmsSchema.optional(),
};

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

export const trafficShiftingDefaults: TrafficShiftingSettings = { type: 'CANARY', percent: 20, waitInterval: 60 };

type CommonSettings = z.output<z.ZodObject<typeof commonSettingsShape>>;

export function resolveEnvironment(raw: CommonSettings | undefined): DeploymentEnvironment {
  const environment: DeploymentEnvironment = {};
  if (raw?.environment?.region !== undefined) environment.region = raw.environment.region;
  if (raw?.environment?.account !== undefined) environment.account = raw.environment.account;
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

export function resolveAlarmNames(raw: CommonSettings | undefined): string[] {
  return [...(raw?.alarms?.alarmNames ?? [])];
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
