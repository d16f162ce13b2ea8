/**
 * The parts of a FailureReport as lines of text, shared by the terminal/CI summary and the Markdown summary so
 * both say the same thing about a failed unit. Pure.
 */
import type { FailureReport, StoppedTaskReport, TargetHealthReport, UnitResult } from '../events/results.js';
import { breakerText, oneLine } from './event-text.js';
import { formatTimestamp } from './format-time.js';
import { arnName, shortRevision, targetGroupName } from '../short-names.js';

export interface FailureSection {
  title: string;
  lines: string[];
}

/** The short facts: the step, the breaker count, the unit's error. */
export function failureFacts(report: FailureReport | undefined, error: UnitResult['error']): string[] {
  const facts: string[] = [];
  if (report !== undefined) facts.push(`step: ${report.step}`);
  if (report?.breaker !== undefined) facts.push(breakerText(report.breaker));
  // Strategies often repeat the summary as the error message: print it once.
  if (error !== undefined) facts.push(error.message === report?.summary ? `error: ${error.code}` : `error: ${error.code}: ${oneLine(error.message)}`);
  return facts;
}

/** The evidence, in the order an operator reads it: what stopped, what ECS said, what the load balancer saw, alarms. */
export function failureSections(report: FailureReport): FailureSection[] {
  const sections: FailureSection[] = [
    { title: 'stopped tasks', lines: report.stoppedTasks.flatMap(stoppedTaskLines) },
    { title: 'service events', lines: report.serviceEvents.map((e) => `${formatTimestamp(e.at)} ${oneLine(e.message)}`) },
    { title: 'target health', lines: report.targetHealth.map(targetHealthLine) },
    { title: 'alarms', lines: (report.alarms ?? []).map((a) => `${a.alarmName}: ${oneLine(a.stateReason)}`) },
  ];
  return sections.filter((section) => section.lines.length > 0);
}

/**
 * What the operator must do. Only units that could not be restored need one; when the strategy gave none, say
 * at least where to start.
 */
export function operatorAction(result: Pick<UnitResult, 'unit' | 'outcome' | 'report'>): string | undefined {
  if (result.report?.action !== undefined) return oneLine(result.report.action);
  if (result.outcome !== 'failed') return undefined;
  return `gitmoxi could not restore ${result.unit}: check it in AWS, then deploy again or run \`gitmoxi rollback ${result.unit}\`.`;
}

function stoppedTaskLines(task: StoppedTaskReport): string[] {
  const code = task.stopCode !== undefined ? ` [${task.stopCode}]` : '';
  const lines = [`task ${arnName(task.taskArn)} (${shortRevision(task.taskDefinitionArn)})${code}: ${oneLine(task.stoppedReason)}`];
  for (const container of task.containers) {
    const exit = container.exitCode !== undefined ? `exit code ${container.exitCode}` : 'no exit code';
    lines.push(`  container ${container.name}: ${exit}${container.reason !== undefined ? `, ${oneLine(container.reason)}` : ''}`);
  }
  return lines;
}

function targetHealthLine(target: TargetHealthReport): string {
  const where = `${target.targetId}${target.port !== undefined ? `:${target.port}` : ''}`;
  const why = [target.reason, target.description].filter((s): s is string => s !== undefined && s !== '').map(oneLine);
  return `${where} in ${targetGroupName(target.targetGroupArn)}: ${target.state}${why.length > 0 ? ` (${why.join(': ')})` : ''}`;
}
