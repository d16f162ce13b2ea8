/**
 * `--report FILE`: the run as one JSON document for CI artefacts and later tooling: what the plan said, what
 * happened to each unit (with its failure report), and the exit code with its meaning. Versioned: bump
 * `reportSchemaVersion` on any incompatible change. Times are epoch milliseconds, as in the events.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runExitCode, type UnitResult } from '../deploy/results.js';
import type { Plan, PlannedUnit } from '../plan/types.js';
import { exitCodeMeaning } from './summary.js';

export const reportSchemaVersion = 1;

/** The plan without its diffs and rendered text: the report says what ran, the plan output says why. */
export interface PlanSummary {
  repo: string;
  from: string | null;
  to: string;
  summary: Plan['summary'];
  units: Pick<PlannedUnit, 'prefix' | 'platform' | 'strategy' | 'action' | 'reason' | 'region' | 'hash'>[];
}

export interface DeployReport {
  schemaVersion: typeof reportSchemaVersion;
  exitCode: number;
  exitCodeMeaning: string;
  interrupted: boolean;
  plan: PlanSummary;
  results: UnitResult[];
}

export interface ReportInput {
  plan: Plan;
  results: readonly UnitResult[];
  /** True when the run was stopped by SIGINT/SIGTERM. */
  interrupted: boolean;
}

export function summarisePlan(plan: Plan): PlanSummary {
  return {
    repo: plan.repo,
    from: plan.from,
    to: plan.to,
    summary: plan.summary,
    units: plan.units.map(({ prefix, platform, strategy, action, reason, region, hash }) => ({ prefix, platform, strategy, action, reason, region, hash })),
  };
}

export function buildReport(input: ReportInput): DeployReport {
  // The exit code is derived where the engine derives it, so the report cannot disagree with the process.
  const exitCode = runExitCode(input.results, input.interrupted);
  return {
    schemaVersion: reportSchemaVersion,
    exitCode,
    exitCodeMeaning: exitCodeMeaning(exitCode),
    interrupted: input.interrupted,
    plan: summarisePlan(input.plan),
    results: [...input.results],
  };
}

/** Writes the report, creating the file's folder (`--report out/deploy.json` in a fresh checkout). */
export async function writeReportFile(path: string, input: ReportInput): Promise<DeployReport> {
  const report = buildReport(input);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return report;
}
