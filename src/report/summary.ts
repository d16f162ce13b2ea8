/**
 * The end of a deploy, for people: one row per unit (result, duration, revision), the exit code and what it means
 * (docs/design.md#exit-codes), then for every failed unit the evidence an operator needs without opening the console,
 * and for every unit this run left alone (busy, pinned) why. Pure: the terminal and CI renderers print it on
 * `run.finished`; markdown.ts says the same for GitHub.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { UnitResult } from '../events/results.js';
import { ExitCode } from '../errors.js';
import { failureFacts, failureSections, operatorAction } from './failure-text.js';
import { oneLine } from './event-text.js';
import { formatDuration } from './format-time.js';
import { colourOutcome, needsExplaining, resultLabel } from './outcome-label.js';
import { shortRevision } from '../short-names.js';

export interface SummaryInput {
  results: readonly UnitResult[];
  exitCode: number;
}

export interface SummaryRow {
  unit: string;
  result: string;
  duration: string;
  revision: string;
}

/** docs/design.md#exit-codes, word for word: CI logs and the step summary explain the code the job failed with. */
export function exitCodeMeaning(exitCode: number): string {
  switch (exitCode) {
    case ExitCode.Ok:
      return 'every affected unit deployed, or nothing to do';
    case ExitCode.RolledBack:
      return 'at least one unit failed and every failed unit was rolled back to its previous healthy state';
    case ExitCode.Invalid:
      // Units are isolated (docs/isolation.md): a run that deployed valid units still ends with 2 for the invalid ones.
      return 'invalid invocation, invalid definitions, or a failure before any change (no credentials, endpoint unreachable, wrong account): nothing invalid or refused was changed in AWS; invalid units are named in the log (file:line:col), the units listed here ran as shown';
    case ExitCode.NeedsOperator:
      return 'at least one unit failed and could not be restored: an operator must look';
    case ExitCode.Interrupted:
      return 'interrupted (SIGINT/SIGTERM): in-flight units were brought to a safe state before exiting';
    default:
      return 'unknown exit code';
  }
}

export function summaryRow(result: UnitResult): SummaryRow {
  return {
    unit: result.unit,
    result: resultLabel(result),
    duration: result.outcome === 'skipped' ? '-' : formatDuration(result.finishedAt - result.startedAt),
    revision: revisionText(result),
  };
}

/** What runs now: the revision deployed, or the one restored by the rollback. */
function revisionText(result: UnitResult): string {
  if (result.revision === undefined || result.outcome === 'deleted' || result.outcome === 'skipped') return '-';
  const revision = shortRevision(result.revision);
  if (result.outcome === 'rolled-back') return `${revision} (restored)`;
  if (result.outcome === 'failed') return `${revision} (running now)`;
  if (result.outcome === 'pinned') return `${revision} (pinned)`;
  return revision;
}

export function formatSummary(input: SummaryInput, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines = input.results.length === 0 ? ['no unit to deploy'] : formatTable(input.results, c);
  lines.push('', c.bold(`exit code ${input.exitCode}: ${exitCodeMeaning(input.exitCode)}`));
  for (const result of input.results) {
    if (needsExplaining(result.outcome)) lines.push('', ...formatDetails(result, c));
  }
  return `${lines.join('\n')}\n`;
}

function formatTable(results: readonly UnitResult[], c: ChalkInstance): string[] {
  const header: SummaryRow = { unit: 'unit', result: 'result', duration: 'duration', revision: 'revision' };
  const rows = results.map(summaryRow);
  const width = (key: keyof SummaryRow): number => Math.max(...[header, ...rows].map((row) => row[key].length));
  const [unitWidth, resultWidth, durationWidth] = [width('unit'), width('result'), width('duration')];
  // Pad before colouring: escape codes would otherwise count as width.
  const line = (row: SummaryRow, colour: (text: string) => string): string =>
    [row.unit.padEnd(unitWidth), colour(row.result.padEnd(resultWidth)), row.duration.padEnd(durationWidth), row.revision].join('  ').trimEnd();
  return [c.bold(line(header, (text) => text)), ...rows.map((row, i) => line(row, (text) => colourOutcome(results[i]?.outcome ?? 'skipped', text, c)))];
}

function formatDetails(result: UnitResult, c: ChalkInstance): string[] {
  const lines = [colourOutcome(result.outcome, `${result.unit}: ${resultLabel(result)}`, c)];
  if (result.report !== undefined) lines.push(`  ${oneLine(result.report.summary)}`);
  if (result.note !== undefined) lines.push(`  ${oneLine(result.note)}`);
  for (const fact of failureFacts(result.report, result.error)) lines.push(`  ${fact}`);
  for (const section of result.report === undefined ? [] : failureSections(result.report)) {
    lines.push(`  ${section.title}:`, ...section.lines.map((text) => `    ${text}`));
  }
  const action = operatorAction(result);
  if (action !== undefined) lines.push(c.bold(`  operator action: ${action}`));
  return lines;
}
