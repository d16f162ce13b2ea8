/**
 * Each unit event as words: a short label (the unit's phase, or what happened to it) and a one-line text.
 * The CI log prints both; the terminal shows the text under the unit's line. Pure.
 */
import type { UnitResult } from '../events/results.js';
import { formatDuration, formatTimestamp } from './format-time.js';
import { resultLabel } from './outcome-label.js';
import { arnName, shortRevision } from '../short-names.js';
import { formatTaskCounts } from './unit-line.js';
import type { UnitEvent, UnitProgress } from './unit-progress.js';

export interface EventText {
  label: string;
  text: string;
}

/** `progress` is the unit as it is after the event, so a phase event is labelled with its new phase. */
export function describeEvent(event: UnitEvent, progress: UnitProgress): EventText {
  const phase = progress.phase ?? '-';
  switch (event.type) {
    case 'unit.started':
      return { label: 'start', text: `${event.strategy || 'unknown strategy'} ${event.action}${event.region ? ` in ${event.region}` : ''}` };
    case 'unit.phase':
      return { label: event.phase, text: event.detail };
    case 'task-definition.registered':
      return {
        label: phase,
        text: event.reused
          ? `reusing ${shortRevision(event.taskDefinitionArn)} (identical to the latest active revision)`
          : `registered ${shortRevision(event.taskDefinitionArn)}`,
      };
    case 'service.created':
      return { label: phase, text: `created service ${arnName(event.serviceArn)} with ${shortRevision(event.taskDefinitionArn)}` };
    case 'service.updated':
      return { label: phase, text: `updated service ${arnName(event.serviceArn)} to ${shortRevision(event.taskDefinitionArn)}` };
    case 'service.deleted':
      return { label: phase, text: `deleted service ${arnName(event.serviceArn)}` };
    case 'tasks.changed':
      return { label: phase, text: formatTaskCounts(event) };
    case 'service.event':
      return { label: phase, text: `ecs: ${oneLine(event.message)}` };
    case 'task.stopped':
      return { label: phase, text: `task ${arnName(event.taskArn)} (${shortRevision(event.taskDefinitionArn)}) stopped: ${oneLine(event.stoppedReason)}` };
    case 'breaker.tripped':
      return { label: phase, text: breakerText(event) };
    case 'alarm.fired':
      return { label: phase, text: `alarm ${event.alarmName} fired: ${oneLine(event.stateReason)}` };
    case 'wait.started':
      return {
        label: phase,
        text: `waiting ${formatDuration(event.until - event.time)} until ${formatTimestamp(event.until)}${event.reason ? ` (${event.reason})` : ''}`,
      };
    case 'task-set.created':
      return { label: phase, text: `created ${event.role} task set ${arnName(event.taskSetArn)} with ${shortRevision(event.taskDefinitionArn)}` };
    case 'task-set.deleted':
      return { label: phase, text: `deleted task set ${arnName(event.taskSetArn)} (${event.reason})` };
    case 'task-set.promoted':
      return { label: phase, text: `task set ${arnName(event.taskSetArn)} is primary` };
    case 'traffic.shifted':
      return {
        label: phase,
        text: `traffic ${event.step === 0 ? 'restored' : `step ${event.step}/${event.steps}`}: ${event.newPercent}% to the new version (${event.routes.length} route${event.routes.length === 1 ? '' : 's'})`,
      };
    case 'version.published':
      return { label: phase, text: `${event.reused ? 'reusing' : 'published'} ${event.functionName}:${event.version}` };
    case 'alias.shifted':
      return {
        label: phase,
        text:
          event.newVersion === null
            ? `alias ${event.alias} → version ${event.version} (100%)`
            : `alias ${event.alias}: ${Math.round(event.weight * 100)}% to version ${event.newVersion}, ${Math.round((1 - event.weight) * 100)}% to ${event.version}${event.steps > 0 ? ` (step ${event.step}/${event.steps})` : ''}`,
      };
    case 'replacement.started':
      return { label: 'replace', text: `replacing ${event.replaced} with ${event.by}: the new one first, the old one once it is healthy` };
    case 'replacement.finished':
      return {
        label: 'replace',
        text: event.retired ? `retired ${event.replaced}: ${oneLine(event.detail)}` : `left ${event.replaced} as it was: ${oneLine(event.detail)}`,
      };
    case 'rollback.started':
      return { label: 'rollback', text: `rolling back: ${oneLine(event.reason)}` };
    case 'rollback.finished':
      return { label: 'rollback', text: rollbackText(event.restored, event.revision) };
    case 'unit.failed':
      return { label: 'failed', text: `${oneLine(event.report.summary)} (step: ${event.report.step})` };
    case 'unit.finished':
      return { label: 'done', text: finishedText(event.result) };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * `circuit breaker: 4 failed tasks, threshold 3`: the count and the threshold side by side, as the summary also
 * prints it ("4 of 3" read as a fraction once the count passed the threshold).
 */
export function breakerText(breaker: { failed: number; threshold: number }): string {
  return `circuit breaker: ${breaker.failed} failed task${breaker.failed === 1 ? '' : 's'}, threshold ${breaker.threshold}`;
}

/** AWS messages and reasons may carry newlines; a CI log line (and a workflow command) must not. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function rollbackText(restored: boolean, revision: string | undefined): string {
  if (!restored) return 'could not restore the previous state';
  return revision === undefined ? 'restored the previous state' : `restored ${shortRevision(revision)}`;
}

function finishedText(result: UnitResult): string {
  const revision = result.revision !== undefined && result.outcome !== 'deleted' ? ` ${shortRevision(result.revision)}` : '';
  const duration = result.outcome === 'skipped' ? '' : ` in ${formatDuration(result.finishedAt - result.startedAt)}`;
  return `${resultLabel(result)}${revision}${duration}`;
}
