/**
 * GitMoxi's older spellings (docs/legacy-keys.md). The schemas accept them and the resolvers map them onto the
 * modern settings; this module finds which ones a unit uses, so that `plan` can name the modern spelling once
 * per unit (a note, not a problem: a file GitMoxi deployed must deploy here unchanged).
 */
import type { DefinitionKind } from '../units/suffixes.js';

/** One older key found in one file. */
export interface LegacyKeyUse {
  file: string;
  key: string;
  /** The modern way to write the same thing. */
  modern: string;
}

type Settings = Record<string, unknown>;

interface LegacyKey {
  key: string;
  kinds: readonly DefinitionKind[];
  /** The modern spelling for this file's value; undefined when the key is absent. */
  modern(settings: Settings): string | undefined;
}

const both: readonly DefinitionKind[] = ['depdef', 'lambdadepdef'];

const legacyKeys: readonly LegacyKey[] = [
  {
    key: 'alarms.enable',
    kinds: both,
    modern: (s) =>
      ifSet(child(s, 'alarms')?.enable, (v) =>
        v === false ? 'remove alarms (no alarmNames: nothing watched)' : 'remove it (alarmNames alone turns the watch on)',
      ),
  },
  {
    key: 'alarms.rollback',
    kinds: both,
    modern: (s) =>
      ifSet(child(s, 'alarms')?.rollback, (v) =>
        v === false ? 'no modern spelling: kept as the alarm-only rollback switch' : 'remove it (restoring is the default)',
      ),
  },
  {
    key: 'gmDeploymentCircuitBreaker.pollInterval',
    kinds: ['depdef'],
    modern: (s) => ifSet(child(s, 'gmDeploymentCircuitBreaker')?.pollInterval, () => 'stabilityCheck.pollInterval'),
  },
  {
    key: 'gmDeploymentCircuitBreaker.timeout',
    kinds: ['depdef'],
    modern: (s) => ifSet(child(s, 'gmDeploymentCircuitBreaker')?.timeout, () => 'stabilityCheck.timeout'),
  },
  {
    key: 'trafficShiftingConfig.preShiftStabilityCheck',
    kinds: ['depdef'],
    modern: (s) => ifSet(child(s, 'trafficShiftingConfig')?.preShiftStabilityCheck, () => 'stabilityCheck {pollInterval, timeout}'),
  },
  {
    key: 'trafficShiftingEnabled',
    kinds: both,
    modern: (s) => ifSet(s.trafficShiftingEnabled, (v) => (v === false ? 'trafficShiftingConfig.type "ALL_AT_ONCE"' : 'remove it (shifting is on by default)')),
  },
  { key: 'targetGroupArns', kinds: ['depdef'], modern: (s) => ifSet(s.targetGroupArns, () => 'targetGroupArnPairs [[blue, green]]') },
  { key: 'initialScale', kinds: ['depdef'], modern: (s) => ifSet(s.initialScale, () => 'no modern spelling (experimental in GitMoxi)') },
  {
    key: 'fallbackCapacityProvider',
    kinds: ['depdef'],
    modern: (s) => ifSet(s.fallbackCapacityProvider, (v) => `fallbackCapacityProviderStrategy [{"capacityProvider": ${JSON.stringify(v)}, "weight": 1}]`),
  },
  { key: 'environmentVariables', kinds: both, modern: (s) => ifSet(s.environmentVariables, () => 'environment') },
];

/** The older keys a valid settings file uses, in the order of docs/legacy-keys.md. */
export function legacyKeysIn(file: { path: string; kind: DefinitionKind; value: unknown }): LegacyKeyUse[] {
  if (!isSettings(file.value)) return [];
  const settings = file.value;
  return legacyKeys
    .filter((entry) => entry.kinds.includes(file.kind))
    .flatMap((entry) => {
      const modern = entry.modern(settings);
      return modern === undefined ? [] : [{ file: file.path, key: entry.key, modern }];
    });
}

/** The one note a unit gets for all its older keys; null when it uses none. */
export function describeLegacyKeys(uses: readonly LegacyKeyUse[]): string | null {
  if (uses.length === 0) return null;
  const items = uses.map((use) => `${use.file}: ${use.key} → ${use.modern}`);
  return `note: older GitMoxi keys, accepted as they are (docs/legacy-keys.md): ${items.join('; ')}`;
}

function ifSet(value: unknown, modern: (value: unknown) => string): string | undefined {
  return value === undefined ? undefined : modern(value);
}

function child(settings: Settings, key: string): Settings | undefined {
  const value = settings[key];
  return isSettings(value) ? value : undefined;
}

function isSettings(value: unknown): value is Settings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
