/**
 * `_lambdadepdef.json`: gitmoxi's deployment settings for a Lambda unit (docs/design.md#lambda): the alias to move, how
 * to shift its weight, the alarms to watch and how long to wait for a new version to become Active.
 */
import { z } from 'zod';
import {
  checkEnvironmentSpellings,
  checkTrafficShiftingSwitch,
  commonSettingsShape,
  misplacedSettingsKeys,
  olderCommonKeys,
  resolveAlarmNames,
  resolveAlarmsRollback,
  resolveEnvironment,
  resolveTrafficShifting,
  resolveWebhooks,
  type DeploymentEnvironment,
  type TrafficShiftingSettings,
} from './common-settings.js';
import { closedObject, seconds } from './custom-issues.js';
import type { Webhook } from './webhooks-schema.js';

/** waitInterval × maxRetries is how long a version may take to become Active: both bounded, so a day at most. */
const readinessCheckSchema = closedObject({
  waitInterval: seconds(3_600).optional(),
  maxRetries: z.number().int().min(0).max(24).optional(),
});

/** Lambda alias names: 1–128 letters, digits, hyphens and underscores, not only digits (those are versions). */
function checkAliasName(ctx: z.core.ParsePayload<string>): void {
  const alias = ctx.value;
  let message: string | undefined;
  // The empty alias is reported by min(1) already.
  if (alias === '') return;
  if (alias === '$LATEST') message = 'must not be $LATEST: that is the unpublished code, not an alias gitmoxi can move between versions';
  else if (/^\d+$/.test(alias)) message = `must not be a number: Lambda reads '${alias}' as version ${alias}, not as an alias`;
  else if (!/^[A-Za-z0-9_-]{1,128}$/.test(alias)) message = 'must be up to 128 letters, digits, hyphens and underscores';
  if (message !== undefined) ctx.issues.push({ code: 'custom', input: alias, message });
}

const lambdaDepdefObject = closedObject(
  {
    ...commonSettingsShape,
    alias: z.string().min(1).check(checkAliasName),
    readinessCheck: readinessCheckSchema.optional(),
  },
  {
    ...misplacedSettingsKeys,
    maxRetries: 'maxRetries belongs inside "readinessCheck".',
  },
  { older: [...olderCommonKeys] },
);

export type LambdaDepdef = z.output<typeof lambdaDepdefObject>;

export const lambdaDepdefSchema = lambdaDepdefObject.check(checkTrafficShiftingSwitch, checkEnvironmentSpellings);

interface ReadinessCheckSettings {
  /** Seconds between checks that the new version is Active. */
  waitInterval: number;
  maxRetries: number;
}

export interface LambdaDeploymentSettings {
  /** The alias whose routing weight moves to the new version; null when the unit has no lambdadepdef. */
  alias: string | null;
  environment: DeploymentEnvironment;
  trafficShiftingConfig: TrafficShiftingSettings;
  alarmNames: string[];
  readinessCheck: ReadinessCheckSettings;
  /** false (`alarms.rollback: false`): an alarm fails the unit without moving the alias back. */
  alarmsRollback: boolean;
  /** Notifications for each deployment stage; `[]` when none. */
  webhooks: Webhook[];
}

const readinessCheckDefaults: ReadinessCheckSettings = { waitInterval: 10, maxRetries: 5 };

export function resolveLambdaSettings(depdef: LambdaDepdef | undefined): LambdaDeploymentSettings {
  return {
    alias: depdef?.alias ?? null,
    environment: resolveEnvironment(depdef),
    trafficShiftingConfig: resolveTrafficShifting(depdef),
    alarmNames: resolveAlarmNames(depdef),
    readinessCheck: {
      waitInterval: depdef?.readinessCheck?.waitInterval ?? readinessCheckDefaults.waitInterval,
      maxRetries: depdef?.readinessCheck?.maxRetries ?? readinessCheckDefaults.maxRetries,
    },
    alarmsRollback: resolveAlarmsRollback(depdef),
    webhooks: resolveWebhooks(depdef),
  };
}
