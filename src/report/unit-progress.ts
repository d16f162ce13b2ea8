/**
 * What a renderer knows about one unit, folded from its events. Pure: the terminal and CI renderers keep one
 * of these per unit and format lines from it, so the formatting can be tested without a stream.
 */
import type { UnitResult } from '../events/results.js';
import type { DeployEvent, Phase } from '../events/types.js';

/** Every event that belongs to one unit (all but the run's own start and finish). */
export type UnitEvent = Exclude<DeployEvent, { type: 'run.started' } | { type: 'run.finished' }>;

export interface TaskCounts {
  desired: number;
  running: number;
  pending: number;
  failed: number;
  healthy: number;
}

export interface UnitProgress {
  unit: string;
  state: 'queued' | 'running' | 'finished';
  strategy: string | null;
  action: string | null;
  phase: Phase | null;
  detail: string;
  startedAt: number | null;
  /** Task counts of the version being deployed or restored; reset when a rollback starts. */
  tasks: TaskCounts | null;
  /** The task definition the service was last pointed at. */
  revision: string | null;
  wait: { reason: string; until: number } | null;
  /** Percent of traffic on the new version (blue/green weights, Lambda alias routing), once shifting began. */
  traffic: number | null;
  rollingBack: boolean;
  result: UnitResult | null;
}

export function queuedUnit(unit: string, strategy: string | null = null, action: string | null = null): UnitProgress {
  return {
    unit,
    state: 'queued',
    strategy,
    action,
    phase: null,
    detail: '',
    startedAt: null,
    tasks: null,
    revision: null,
    wait: null,
    traffic: null,
    rollingBack: false,
    result: null,
  };
}

export function isUnitEvent(event: DeployEvent): event is UnitEvent {
  return event.type !== 'run.started' && event.type !== 'run.finished';
}

export function advanceUnit(progress: UnitProgress, event: UnitEvent): UnitProgress {
  switch (event.type) {
    case 'unit.started':
      return { ...progress, state: 'running', startedAt: event.time, strategy: event.strategy, action: event.action };
    case 'unit.phase':
      // A new phase ends whatever the previous one was waiting for.
      return { ...progress, phase: event.phase, detail: event.detail, wait: null };
    case 'task-definition.registered':
    case 'service.created':
    case 'service.updated':
      return { ...progress, revision: event.taskDefinitionArn };
    case 'tasks.changed': {
      const { desired, running, pending, failed, healthy } = event;
      return { ...progress, tasks: { desired, running, pending, failed, healthy } };
    }
    case 'wait.started':
      return { ...progress, wait: { reason: event.reason, until: event.until } };
    case 'task-set.created':
      return event.role === 'new' ? { ...progress, revision: event.taskDefinitionArn } : progress;
    case 'traffic.shifted':
      return { ...progress, traffic: event.newPercent };
    case 'version.published':
      return { ...progress, revision: `${event.functionName}:${event.version}` };
    case 'alias.shifted':
      return { ...progress, traffic: Math.round(event.weight * 100) };
    case 'rollback.started':
      // Counts seen so far are of the failed version; the restored version's counts follow.
      return { ...progress, rollingBack: true, tasks: null, wait: null };
    case 'rollback.finished':
      return { ...progress, rollingBack: false, wait: null };
    case 'unit.finished':
      return { ...progress, state: 'finished', startedAt: progress.startedAt ?? event.result.startedAt, wait: null, result: event.result };
    case 'service.deleted':
    case 'service.event':
    case 'task.stopped':
    case 'breaker.tripped':
    case 'alarm.fired':
    case 'unit.failed':
    case 'task-set.deleted':
    case 'task-set.promoted':
    case 'replacement.started':
    case 'replacement.finished':
      return progress;
    default: {
      const never: never = event;
      return never;
    }
  }
}
