/**
 * `_lambdadepdef.json`: gitmoxi's deployment settings for a Lambda unit (SPEC §6): the alias to move, how to
 * shift its weight, the alarms to watch and how long to wait for a new version to become Active.
 */
import { z } from 'zod';
import {
  checkTrafficShiftingSwitch,
  commonSettingsShape,
  misplacedSettingsKeys,
  resolveAlarmNames,
  resolveEnvironment,
  resolveTrafficShifting,
  type DeploymentEnvironment,
  type TrafficShiftingSettings,
} from './common-settings.js';
import { closedObject } from './custom-issues.js';

const readinessCheckSchema = closedObject({
  waitInterval: z.number().positive().optional(),
  maxRetries: z.number().int().min(0).optional(),
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
    // An older GitMoxi sample has {"region": ...} here; guessing whether that meant the deployment region or a
    // variable for the function could deploy to the wrong region, so the key is refused with both fixes.
    environmentVariables:
      "a lambdadepdef has no environment variables: put the function's variables in the lambdadef's " +
      'Environment.Variables, or the deployment region in environment.region.',
  },
);

export type LambdaDepdef = z.output<typeof lambdaDepdefObject>;

export const lambdaDepdefSchema = lambdaDepdefObject.check(checkTrafficShiftingSwitch);

export interface ReadinessCheckSettings {
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
}

export const readinessCheckDefaults: ReadinessCheckSettings = { waitInterval: 10, maxRetries: 5 };

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
  };
}
