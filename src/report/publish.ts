/**
 * After a deployment: the JSON report file (--report), the Markdown summary for GitHub's job page
 * ($GITHUB_STEP_SUMMARY) and `::error::` annotations on the failed units' files (GitHub Actions only).
 */
import type { CommandIo } from '../cli/io.js';
import type { UnitResult } from '../deploy/results.js';
import type { Plan } from '../plan/types.js';
import { appendStepSummary, failureAnnotations } from './github.js';
import { formatMarkdownSummary } from './markdown.js';
import { writeReportFile } from './report-file.js';

export interface PublishInput {
  plan: Plan;
  results: readonly UnitResult[];
  exitCode: number;
  interrupted: boolean;
  reportFile: string | undefined;
  /** Files of each unit, for annotations. */
  unitFiles: ReadonlyMap<string, readonly string[]>;
  /** In --json mode stdout carries NDJSON only, so no annotations there. */
  json: boolean;
  io: CommandIo;
}

export async function publishResults(input: PublishInput): Promise<void> {
  const { io } = input;
  if (input.reportFile) {
    await writeReportFile(input.reportFile, { plan: input.plan, results: input.results, interrupted: input.interrupted });
  }
  await appendStepSummary(io.env, formatMarkdownSummary({ results: input.results, exitCode: input.exitCode }));
  if (io.env.GITHUB_ACTIONS === 'true' && !input.json) {
    for (const line of failureAnnotations(input.results, input.unitFiles)) io.stdout.write(`${line}\n`);
  }
}
