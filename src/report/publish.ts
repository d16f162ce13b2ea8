/**
 * After a deployment: the JSON report file (--report), the Markdown summary for GitHub's job page
 * ($GITHUB_STEP_SUMMARY) and `::error::` annotations on the failed units' files (GitHub Actions only).
 */
import type { ReportOutput } from './output.js';
import type { UnitResult } from '../events/results.js';
import type { Plan } from '../plan/types.js';
import { causeTargets } from './cause-file.js';
import { annotatedUnits, appendStepSummary, failureAnnotations, warningAnnotations } from './github.js';
import { formatMarkdownSummary } from './markdown.js';
import { writeReportFile } from './report-file.js';

export interface PublishInput {
  plan: Plan;
  results: readonly UnitResult[];
  exitCode: number;
  interrupted: boolean;
  reportFile: string | undefined;
  /** Files of each unit, main definition first: where an annotation points when the plan names no changed file. */
  unitFiles: ReadonlyMap<string, readonly string[]>;
  /** In --json mode stdout carries NDJSON only, so no annotations there. */
  json: boolean;
  io: ReportOutput;
}

export async function publishResults(input: PublishInput): Promise<void> {
  const { io } = input;
  // Redacted as data before anything is formatted: Markdown and workflow-command escaping would change how a
  // value is spelled, and a report must stay valid JSON.
  const results = io.redactor.value([...input.results]);
  if (input.reportFile) {
    await writeReportFile(input.reportFile, { plan: io.redactor.value(input.plan), results, interrupted: input.interrupted });
  }
  await appendStepSummary(io.env, io.redactor.text(formatMarkdownSummary({ results, exitCode: input.exitCode })));
  if (io.env.GITHUB_ACTIONS === 'true' && !input.json) {
    for (const line of warningAnnotations(input.plan)) io.workflowCommand(line);
    const targets = await causeTargets(input.plan, annotatedUnits(results), input.unitFiles);
    for (const line of failureAnnotations(results, targets)) io.workflowCommand(line);
  }
}
