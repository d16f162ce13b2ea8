/**
 * The deploy summary as GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`: the same table, exit code,
 * failure evidence and notes on units left alone as summary.ts. Pure. AWS text (service events, stop reasons) goes into fenced blocks, where
 * Markdown cannot reinterpret it.
 */
import type { UnitResult } from '../events/results.js';
import { oneLine } from './event-text.js';
import { failureFacts, failureSections, operatorAction, type FailureSection } from './failure-text.js';
import { needsExplaining, resultLabel } from './outcome-label.js';
import { exitCodeMeaning, summaryRow, type SummaryInput } from './summary.js';

/**
 * Service events kept per unit. A step summary holds at most 1 MiB and an upload over it is dropped whole
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary);
 * the CI log and --report keep every event.
 */
export const markdownEventLimit = 20;

export function formatMarkdownSummary(input: SummaryInput): string {
  const blocks: string[] = ['## gitmoxi deploy'];
  if (input.results.length === 0) blocks.push('No unit to deploy.');
  else blocks.push(markdownTable(input.results));
  blocks.push(`**Exit code ${input.exitCode}**: ${exitCodeMeaning(input.exitCode)}.`);
  for (const result of input.results) {
    if (needsExplaining(result.outcome)) blocks.push(markdownDetails(result));
  }
  return `${blocks.join('\n\n')}\n`;
}

function markdownTable(results: readonly UnitResult[]): string {
  const rows = results.map(summaryRow).map((row) => {
    // `web:41 (restored)`: the revision as code, the note as text.
    const [revision = '-', ...note] = row.revision.split(' ');
    const revisionCell = revision === '-' ? '-' : [codeCell(revision), ...note.map(cell)].join(' ');
    return `| ${codeCell(row.unit)} | ${cell(row.result)} | ${cell(row.duration)} | ${revisionCell} |`;
  });
  return ['| unit | result | duration | revision |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function markdownDetails(result: UnitResult): string {
  const blocks = [`### \`${result.unit}\`: ${resultLabel(result)}`];
  if (result.report !== undefined) blocks.push(escapeInline(oneLine(result.report.summary)));
  if (result.note !== undefined) blocks.push(escapeInline(oneLine(result.note)));
  const facts = failureFacts(result.report, result.error).map((fact) => `- ${escapeInline(fact)}`);
  const action = operatorAction(result);
  if (action !== undefined) facts.push(`- **operator action**: ${escapeInline(action)}`);
  if (facts.length > 0) blocks.push(facts.join('\n'));
  for (const section of result.report === undefined ? [] : failureSections(result.report)) {
    blocks.push(`**${section.title}**`, fenced(limitSection(section)));
  }
  return blocks.join('\n\n');
}

function limitSection(section: FailureSection): string[] {
  if (section.title !== 'service events' || section.lines.length <= markdownEventLimit) return section.lines;
  const dropped = section.lines.length - markdownEventLimit;
  return [`(${dropped} earlier events: see the job log)`, ...section.lines.slice(-markdownEventLimit)];
}

/** A fence longer than any backtick run inside, so no text can close it early (GFM §4.5). */
export function fenced(lines: readonly string[], language = 'text'): string {
  const longest = Math.max(0, ...lines.map((line) => Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...lines, fence].join('\n');
}

/** A table cell: a `|` would end the cell, even inside a code span (GFM tables extension). */
export function cell(text: string): string {
  return oneLine(text).replaceAll('|', '\\|');
}

export function codeCell(text: string): string {
  return `\`${cell(text).replaceAll('`', "'")}\``;
}

/**
 * Keeps AWS and user text literal in running Markdown. `_` is left alone: GFM does not emphasise inside words,
 * and error codes (`E_DEPLOY_FAILED`) and names are full of them.
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (ch) => `\\${ch}`);
}
