/**
 * Which of the engine's events a webhook hears about, and what it is told (pure). Stages are GitMoxi's idea of
 * a deployment as a chat channel sees it: it started, traffic moved, it rolled back, it succeeded or failed.
 * Everything else the engine emits (task counts, service events, waits) is progress for a terminal, not news.
 */
import type { UnitOutcome, UnitResult } from '../events/results.js';
import type { DeployEvent } from '../events/types.js';
import { shortRevision } from '../short-names.js';

const notificationStages = ['start', 'traffic', 'rollback', 'success', 'failure'] as const;
export type NotificationStage = (typeof notificationStages)[number];

export interface Notification {
  unit: string;
  stage: NotificationStage;
  /** One line for a person: what happened to the unit. */
  message: string;
  /** When it happened, from the engine's clock (epoch milliseconds). */
  time: number;
  /** Set on the last notification of a unit. */
  outcome?: UnitOutcome;
  /** Set on traffic steps: `percent` of traffic is on the new version after `step` of `steps`. */
  traffic?: { step: number; steps: number; percent: number };
}

export interface StageContext {
  /** The commit being deployed (or rolled back). */
  commit: string;
  /** Why the unit is rolling back, from its `rollback.started`: a `rollback.finished` does not say. */
  rollbackReason?: string;
}

export function notificationFor(event: DeployEvent, context: StageContext): Notification | null {
  const at = { unit: 'unit' in event ? event.unit : '', time: event.time };
  const commit = context.commit.slice(0, 12);
  switch (event.type) {
    case 'unit.started':
      return {
        ...at,
        stage: 'start',
        message: event.action === 'delete' ? `deleting ${event.unit}` : `deploying ${event.unit} (${event.strategy}) at ${commit}`,
      };
    case 'traffic.shifted':
      // Step 0 is traffic going back during a rollback: the rollback notification tells that.
      if (event.step < 1) return null;
      return trafficStep(at, event.step, event.steps, event.newPercent, `${event.newPercent}% of traffic on the new version`);
    case 'alias.shifted': {
      if (event.step < 1) return null;
      const percent = event.newVersion === null ? 100 : Math.round(event.weight * 100);
      const version = event.newVersion ?? event.version;
      return trafficStep(at, event.step, event.steps, percent, `alias ${event.alias}: ${percent}% of traffic on version ${version}`);
    }
    case 'rollback.finished': {
      const why = context.rollbackReason === undefined ? '' : ` (${context.rollbackReason})`;
      const now = event.revision === undefined ? 'the previous version runs again' : `${shortRevision(event.revision)} runs again`;
      const message = event.restored ? `${event.unit} rolled back${why}: ${now}` : `${event.unit}: the rollback did not complete${why}; an operator must look`;
      return { ...at, stage: 'rollback', message };
    }
    case 'unit.finished':
      return finished(event.result, at.time, commit);
    default:
      return null;
  }
}

function trafficStep(at: { unit: string; time: number }, step: number, steps: number, percent: number, what: string): Notification {
  return { ...at, stage: 'traffic', message: `${at.unit}: step ${step} of ${steps}: ${what}`, traffic: { step, steps, percent } };
}

function finished(result: UnitResult, time: number, commit: string): Notification | null {
  const base = { unit: result.unit, time, outcome: result.outcome };
  const revision = result.revision === undefined ? '' : ` (${shortRevision(result.revision)})`;
  const why = result.report?.summary ?? result.error?.message ?? 'no reason was recorded';
  switch (result.outcome) {
    case 'deployed':
      return { ...base, stage: 'success', message: `${result.unit} deployed ${commit}${revision}` };
    case 'unchanged':
      return { ...base, stage: 'success', message: `${result.unit} already runs ${commit}: nothing changed` };
    case 'deleted':
      return { ...base, stage: 'success', message: `${result.unit} deleted` };
    case 'pinned':
      return { ...base, stage: 'success', message: `${result.unit} left alone: ${result.note ?? 'an operator pinned it'}` };
    case 'rolled-back':
      return { ...base, stage: 'failure', message: `${result.unit} failed: ${why}; the previous version was restored${revision}` };
    case 'failed': {
      const action = result.report?.action === undefined ? 'an operator must look' : result.report.action;
      return { ...base, stage: 'failure', message: `${result.unit} failed and was not restored: ${why}; ${action}` };
    }
    case 'busy':
    case 'not-started':
      return { ...base, stage: 'failure', message: `${result.unit} not deployed: ${why}` };
    case 'skipped':
      // Never started, so nothing was announced for it; a run that stopped says so on its started units.
      return null;
    default: {
      const never: never = result.outcome;
      return never;
    }
  }
}
