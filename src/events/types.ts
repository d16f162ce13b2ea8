/**
 * The only contract between the deployment engine and whatever shows its progress (terminal, CI log, NDJSON).
 * The engine emits; renderers subscribe. Every event carries the time it happened (the engine's clock), so
 * renderers never read the wall clock and their output can be compared with golden files.
 * `--json` prints each event as one line with `schemaVersion`; bump it on any incompatible change.
 */
import type { PlannedUnit } from '../plan/types.js';
import type { FailureReport, UnitResult } from './results.js';

export const eventSchemaVersion = 1;

/** What a unit is doing now, for the progress line. */
export type Phase = 'preflight' | 'register' | 'create' | 'update' | 'stabilize' | 'shift' | 'promote' | 'rollback' | 'cleanup' | 'delete' | 'tag';

export type DeployEvent =
  | { type: 'run.started'; time: number; units: Pick<PlannedUnit, 'prefix' | 'platform' | 'strategy' | 'action' | 'region'>[]; concurrency: number }
  | { type: 'unit.started'; time: number; unit: string; strategy: string; action: string; region: string }
  | { type: 'unit.phase'; time: number; unit: string; phase: Phase; detail: string }
  | { type: 'task-definition.registered'; time: number; unit: string; taskDefinitionArn: string; reused: boolean }
  | { type: 'service.created'; time: number; unit: string; serviceArn: string; taskDefinitionArn: string }
  | { type: 'service.updated'; time: number; unit: string; serviceArn: string; taskDefinitionArn: string }
  | { type: 'service.deleted'; time: number; unit: string; serviceArn: string }
  /** Task counts of the version being deployed (or restored); emitted only when they change. */
  | { type: 'tasks.changed'; time: number; unit: string; desired: number; running: number; pending: number; failed: number; healthy: number }
  /** A new ECS service event (emitted once per event id). */
  | { type: 'service.event'; time: number; unit: string; at: number; message: string }
  | { type: 'task.stopped'; time: number; unit: string; taskArn: string; taskDefinitionArn: string; stoppedReason: string }
  | { type: 'breaker.tripped'; time: number; unit: string; failed: number; threshold: number }
  | { type: 'alarm.fired'; time: number; unit: string; alarmName: string; stateReason: string }
  | { type: 'wait.started'; time: number; unit: string; reason: string; until: number }
  /** Blue/green: a task set was created (`role` new, or fallback for Spot shortfall) or deleted. */
  | {
      type: 'task-set.created';
      time: number;
      unit: string;
      taskSetArn: string;
      taskDefinitionArn: string;
      role: 'new' | 'fallback' | 'restore';
      targetGroupArns: string[];
    }
  | { type: 'task-set.deleted'; time: number; unit: string; taskSetArn: string; reason: string }
  | { type: 'task-set.promoted'; time: number; unit: string; taskSetArn: string }
  /**
   * Traffic moved: `step` of `steps` (0 of n when rolling back), with the weights written and read back on every
   * listener or rule that was changed. Weights are percentages per target group.
   */
  | {
      type: 'traffic.shifted';
      time: number;
      unit: string;
      step: number;
      steps: number;
      newPercent: number;
      routes: { arn: string; weights: { targetGroupArn: string; weight: number }[] }[];
    }
  /** Lambda: a version was published (or an unchanged one reused). */
  | { type: 'version.published'; time: number; unit: string; functionName: string; version: string; reused: boolean }
  /** Lambda: the alias now routes `weight` (0–1) of its traffic to `newVersion`, the rest to `version`. */
  | {
      type: 'alias.shifted';
      time: number;
      unit: string;
      alias: string;
      version: string;
      newVersion: string | null;
      weight: number;
      step: number;
      steps: number;
    }
  /**
   * The unit's identity changed (docs/replacements.md): `replaced` (the old service or function, in words) is retired
   * once `by` is deployed and healthy.
   */
  | { type: 'replacement.started'; time: number; unit: string; replaced: string; by: string }
  /** `retired`: the old resource is deleted (or was already gone); false: it was left as it was, `detail` says why. */
  | { type: 'replacement.finished'; time: number; unit: string; replaced: string; retired: boolean; detail: string }
  | { type: 'rollback.started'; time: number; unit: string; reason: string }
  | { type: 'rollback.finished'; time: number; unit: string; restored: boolean; revision?: string }
  | { type: 'unit.failed'; time: number; unit: string; report: FailureReport }
  | { type: 'unit.finished'; time: number; unit: string; result: UnitResult }
  | { type: 'run.finished'; time: number; exitCode: number; results: UnitResult[]; interrupted: boolean };

/** Where events go. Renderers implement it; tests record with it. */
export type EmitEvent = (event: DeployEvent) => void;
