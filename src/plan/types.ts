/**
 * The plan: what `gitmoxi plan --json` prints and what `gitmoxi deploy` applies. Serialisable, versioned:
 * bump `planSchemaVersion` on any incompatible change and describe it in CHANGELOG.md and docs/plan-json.md.
 */
import type { Problem } from '../errors.js';
import type { Platform } from '../units/suffixes.js';
import type { ChangedFile, UnitAction, UnitReason } from '../units/relevance.js';

/** 2: `invalid` units with their `problems` in the plan (they used to fail it), `replaces`, `lookupByTag`, `fixed`. */
export const planSchemaVersion = 2;

export type Strategy = 'ecs-rolling' | 'ecs-bluegreen' | 'ecs-native' | 'lambda';

/** What AWS resource a unit is: two units with the same identity are the same service or function. */
export type UnitIdentity =
  | { platform: 'ecs'; region: string | null; cluster: string; serviceName: string }
  | { platform: 'lambda'; region: string | null; functionName: string };

export interface PlannedUnit {
  prefix: string;
  platform: Platform | null;
  strategy: Strategy | null;
  action: UnitAction;
  reason: UnitReason;
  /** Set when the unit's folder was renamed but it still deploys the same service or function. */
  renamedFrom?: string;
  /** The resource this unit ran as at `from` when its identity changed: deleted once the new one is healthy. */
  replaces?: UnitIdentity;
  /**
   * A deletion whose identity no commit could render: the engine finds the resource by its `gitmoxi:unit` tag
   * instead, and deletes nothing when none carries the unit.
   */
  lookupByTag?: true;
  /** Why the unit is `invalid`: every problem of its files, `file:line:col` each (docs/isolation.md). */
  problems?: Problem[];
  region: string | null;
  identity: UnitIdentity | null;
  changedFiles: ChangedFile[];
  changedRefs: string[];
  /** sha256 of the rendered definitions (depdef excluded, docs/design.md#state), at `to`; null for deletions. */
  hash: string | null;
  /** Unified diff of the rendered definitions, `from` versus `to`, sensitive values redacted. */
  diff: string;
  warnings: string[];
  /** How traffic will move, for deployments that shift it (ECS blue/green); absent otherwise. */
  steps?: TrafficPlan;
}

/** The depdef's trafficShiftingConfig, resolved, and the steps it makes. */
export interface TrafficPlan {
  type: 'CANARY' | 'LINEAR' | 'ALL_AT_ONCE';
  percent: number;
  /** Seconds waited after each step, alarms and health watched. */
  waitInterval: number;
  /** Percent of traffic on the new version after each step; the last is 100. */
  percents: number[];
  /** An update's new task set is created at this percent of the desired count, then scaled to 100 before any shift; absent when 100. */
  initialScale?: number;
  /** The same in words: `LINEAR 25% every 30 s: 25, 50, 75, 100`. */
  text: string;
}

export interface Plan {
  schemaVersion: typeof planSchemaVersion;
  repo: string;
  from: string | null;
  to: string;
  units: PlannedUnit[];
  warnings: string[];
  summary: Record<UnitAction, number>;
}

/**
 * A unit the engine deploys: its hash, Region, identity, platform and strategy are known (src/plan/run-units.ts
 * checks them once, before anything changes), so strategies never fall back on empty strings.
 */
export interface DeployableUnit extends PlannedUnit {
  action: 'deploy';
  platform: Platform;
  strategy: Strategy;
  region: string;
  identity: UnitIdentity;
  hash: string;
}

/**
 * A unit whose files were deleted: its Region and strategy are known; what it ran as may not be (`lookupByTag`), and
 * it has no hash, since nothing is rendered for it.
 */
export interface DeletionUnit extends PlannedUnit {
  action: 'delete';
  strategy: Strategy;
  region: string;
  hash: null;
}

/** What the engine runs: a deployment or a deletion, never an invalid, unchanged or settings-only unit. */
export type RunUnit = DeployableUnit | DeletionUnit;
