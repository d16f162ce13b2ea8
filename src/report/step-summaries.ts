/**
 * `plan` and `status` on GitHub's job page ($GITHUB_STEP_SUMMARY): the plan as a table of units and actions with
 * each unit's rendered diff folded in a `<details>` block, and status as a table of units and states. Pure.
 */
import { formatProblem } from '../errors.js';
import type { Plan, PlannedUnit } from '../plan/types.js';
import { cell, codeCell, escapeInline, fenced } from './markdown.js';

/**
 * Room for diffs in one summary. GitHub refuses a step summary over 1 MiB whole
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary);
 * the table always fits, and diffs past this budget are left to the log.
 */
export const summaryDiffBudget = 900_000;

export function formatPlanMarkdown(plan: Plan): string {
  const range = `${plan.from ? `\`${plan.from.slice(0, 12)}\`` : '(nothing deployed)'} → \`${plan.to.slice(0, 12)}\``;
  const blocks = [`## gitmoxi plan ${range}`];
  if (plan.units.length === 0) blocks.push('No unit changed: nothing to deploy.');
  else blocks.push(planTable(plan.units));
  const { summary } = plan;
  blocks.push(
    `**${summary.deploy} to deploy, ${summary.delete} to delete, ${summary['settings-only']} settings only, ${summary['not-deployable']} not deployable, ${summary.invalid} invalid**`,
  );
  const problems = plan.units.flatMap((u) => (u.problems ?? []).map((p) => `- :x: ${codeCell(u.prefix)}: ${escapeInline(formatProblem(p))}`));
  if (problems.length > 0) blocks.push(problems.join('\n'));
  const warnings = [...plan.units.flatMap((u) => u.warnings.map((w) => `${u.prefix}: ${w}`)), ...plan.warnings];
  if (warnings.length > 0) blocks.push(warnings.map((w) => `- :warning: ${escapeInline(w)}`).join('\n'));
  let budget = summaryDiffBudget;
  const left: string[] = [];
  for (const unit of plan.units) {
    if (unit.diff === '') continue;
    const block = diffBlock(unit);
    if (block.length > budget) {
      left.push(unit.prefix);
      continue;
    }
    budget -= block.length;
    blocks.push(block);
  }
  if (left.length > 0)
    blocks.push(`The rendered diff of ${left.length} more unit${left.length === 1 ? '' : 's'} is in the job log (a step summary holds 1 MiB).`);
  return `${blocks.join('\n\n')}\n`;
}

function planTable(units: readonly PlannedUnit[]): string {
  const rows = units.map(
    (u) =>
      `| ${codeCell(u.prefix)} | ${cell(u.action)} | ${cell(u.strategy ?? u.platform ?? '-')} | ${cell(u.region ?? 'from AWS config')} | ${cell(changedText(u))} |`,
  );
  return ['| unit | action | strategy | region | changed |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function changedText(unit: PlannedUnit): string {
  const files = [...unit.changedFiles.map((f) => f.path.slice(f.path.lastIndexOf('/') + 1)), ...unit.changedRefs];
  return files.length === 0 ? unit.reason : files.join(', ');
}

function diffBlock(unit: PlannedUnit): string {
  // A blank line after <summary> lets GitHub render the fenced block inside the HTML block.
  return [
    `<details><summary><code>${html(unit.prefix)}</code>: ${html(unit.action)}, rendered diff</summary>`,
    '',
    fenced(unit.diff.trimEnd().split('\n'), 'diff'),
    '',
    '</details>',
  ].join('\n');
}

function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** What the status summary shows of each unit (the `gitmoxi status --json` row, narrowed). */
export interface StatusSummaryRow {
  unit: string;
  platform: string;
  region: string;
  state: string;
  runs: string | null;
  commit: string | null;
}

export function formatStatusMarkdown(commit: string, rows: readonly StatusSummaryRow[]): string {
  const blocks = [`## gitmoxi status at \`${commit.slice(0, 12)}\``];
  if (rows.length === 0) blocks.push('No units.');
  else {
    const lines = rows.map(
      (r) =>
        `| ${codeCell(r.unit)} | ${cell(r.state)} | ${cell(`${r.platform} ${r.region}`.trim() || '-')} | ${cell(r.runs ?? 'nothing runs')} | ${r.commit ? codeCell(r.commit.slice(0, 12)) : '-'} |`,
    );
    blocks.push(['| unit | state | where | runs | commit |', '| --- | --- | --- | --- | --- |', ...lines].join('\n'));
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
    blocks.push([...counts].map(([state, n]) => `${n} ${state}`).join(', '));
  }
  return `${blocks.join('\n\n')}\n`;
}
