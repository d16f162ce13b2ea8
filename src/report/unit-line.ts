/**
 * The one line the terminal shows per unit: phase, task counts, elapsed time and the wait countdown while it
 * runs; outcome, revision and duration once it has finished. Pure: `now` is the latest event time the renderer
 * knows, so the countdown moves as events arrive and golden tests see the same text every time.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { formatDuration } from './format-time.js';
import { colourOutcome, resultLabel } from './outcome-label.js';
import { shortRevision } from '../short-names.js';
import type { TaskCounts, UnitProgress } from './unit-progress.js';

export interface UnitLineOptions {
  /** Pad the unit name to this width so the columns of concurrent units line up. */
  unitWidth?: number;
  chalk?: ChalkInstance;
}

const plain = new Chalk({ level: 0 });

export function formatUnitLine(progress: UnitProgress, now: number, options: UnitLineOptions = {}): string {
  const c = options.chalk ?? plain;
  const name = c.bold(progress.unit.padEnd(options.unitWidth ?? 0));
  return `${name}  ${describeState(progress, now, c)}`.trimEnd();
}

function describeState(progress: UnitProgress, now: number, c: ChalkInstance): string {
  switch (progress.state) {
    case 'queued':
      return c.dim('queued');
    case 'running':
      return describeRunning(progress, now, c);
    case 'finished':
      return describeFinished(progress, c);
    default: {
      const never: never = progress.state;
      return never;
    }
  }
}

function describeRunning(progress: UnitProgress, now: number, c: ChalkInstance): string {
  const parts: string[] = [];
  const phase = progress.phase ?? 'starting';
  parts.push(progress.rollingBack || phase === 'rollback' ? c.yellow(phase.padEnd(9)) : c.cyan(phase.padEnd(9)));
  if (progress.tasks !== null) parts.push(formatTaskCounts(progress.tasks, c));
  if (progress.traffic !== null) parts.push(`traffic ${progress.traffic}% new`);
  if (progress.startedAt !== null) parts.push(c.dim(formatDuration(now - progress.startedAt)));
  const countdown = formatCountdown(progress, now);
  if (countdown !== '') parts.push(countdown);
  return parts.join('  ');
}

function describeFinished(progress: UnitProgress, c: ChalkInstance): string {
  const result = progress.result;
  if (result === null) return '';
  const parts = [colourOutcome(result.outcome, resultLabel(result), c)];
  if (result.revision !== undefined && result.outcome !== 'deleted') parts.push(shortRevision(result.revision));
  if (result.outcome !== 'skipped') parts.push(c.dim(`in ${formatDuration(result.finishedAt - result.startedAt)}`));
  return parts.join('  ');
}

/** `running 1/2 pending 1 failed 0 healthy 1`: the same words the CI log uses. */
export function formatTaskCounts(tasks: TaskCounts, c: ChalkInstance = plain): string {
  const failed = tasks.failed > 0 ? c.red(`failed ${tasks.failed}`) : `failed ${tasks.failed}`;
  return `running ${tasks.running}/${tasks.desired} pending ${tasks.pending} ${failed} healthy ${tasks.healthy}`;
}

/** `wait 4m 10s (traffic at 10 %)`, or nothing once the wait is over by the latest event's clock. */
export function formatCountdown(progress: Pick<UnitProgress, 'wait'>, now: number): string {
  if (progress.wait === null) return '';
  const left = progress.wait.until - now;
  if (left <= 0) return '';
  return `wait ${formatDuration(left)}${progress.wait.reason ? ` (${progress.wait.reason})` : ''}`;
}
