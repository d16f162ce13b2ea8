/** After `plan` (and before a deploy): its step summary and `::warning` annotations, under GitHub Actions only. */
import type { ReportOutput } from './output.js';
import type { Plan } from '../plan/types.js';
import { appendStepSummary, warningAnnotations } from './github.js';
import { formatPlanMarkdown } from './step-summaries.js';

export async function publishPlan(plan: Plan, io: ReportOutput, options: { json: boolean; summary: boolean }): Promise<void> {
  // Workflow commands on stdout would break --json's NDJSON.
  if (io.env.GITHUB_ACTIONS === 'true' && !options.json) for (const line of warningAnnotations(plan)) io.workflowCommand(line);
  // The plan's diffs are redacted already; the redactor also catches a secret registered while rendering.
  if (options.summary) await appendStepSummary(io.env, io.redactor.text(formatPlanMarkdown(plan)));
}
